import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Frameworks } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { provinceView } from "./service.js";

export function provinceRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/organizations/:id/province",
      {
        schema: {
          tags: ["province"],
          summary:
            "A province's kabupaten/kota side by side: cycle progress and provisional indices, last published results, disparity",
          params: z.object({ id: z.uuid() }),
          querystring: z.strictObject({ cycle: z.uuid().optional() }),
        },
      },
      async (request) =>
        provinceView(db, frameworks, contextOf(request), request.params.id, request.query.cycle),
    );
  };
}
