import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Db, ping } from "../db/client.js";

export function healthRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      {
        schema: {
          tags: ["system"],
          summary: "Is the service up and its database reachable?",
          response: {
            200: z.object({ status: z.literal("ok") }),
            503: z.object({ status: z.literal("unavailable") }),
          },
        },
      },
      async (_request, reply) =>
        (await ping(db))
          ? { status: "ok" as const }
          : reply.status(503).send({ status: "unavailable" as const }),
    );
  };
}
