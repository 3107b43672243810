import { LEVEL_STAGES, STATES } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Headline } from "../assessments/schemas.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, XLSX, XLSX_TYPE } from "../http/files.js";
import { SpreadSchema } from "../results/schemas.js";
import { provinceWorkbook } from "./export.js";
import { provinceView } from "./service.js";

const ProvinceView = z.object({
  province: z.object({ id: z.string(), name: z.string() }),
  cycle: z.object({ id: z.string(), name: z.string(), year: z.number(), frameworkId: z.string() }).nullable(),
  target: z.string().nullable(),
  can: z.object({ setTarget: z.boolean(), manageModelAnswers: z.boolean(), calibrate: z.boolean() }),
  members: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      kind: z.string(),
      assessment: z
        .object({
          id: z.string(),
          state: z.enum(STATES),
          headline: Headline,
          answered: z.number(),
          total: z.number(),
          stage: z.enum(LEVEL_STAGES),
          complete: z.boolean(),
          index: z.string().nullable(),
          predicate: z.string().nullable(),
          floor: z.string(),
          ceiling: z.string(),
        })
        .nullable(),
      published: z
        .object({
          year: z.number(),
          index: z.string(),
          predicate: z.string(),
          rankInProvince: z.number().nullable(),
          ofProvince: z.number().nullable(),
          rank: z.number(),
          rankChange: z.number().nullable(),
        })
        .nullable(),
      target: z.string().nullable(),
      belowTarget: z.boolean().nullable(),
    }),
  ),
  disparity: z.object({
    provisional: SpreadSchema,
    published: SpreadSchema.extend({ year: z.number().nullable() }),
    belowTarget: z.number(),
    publishedBelowTarget: z.number(),
  }),
});

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
          response: { 200: ProvinceView },
        },
      },
      async (request) =>
        provinceView(db, frameworks, contextOf(request), request.params.id, request.query.cycle),
    );

    app.get(
      "/api/organizations/:id/province.xlsx",
      {
        schema: {
          tags: ["province"],
          summary: "The province view as an Excel workbook (indices as numbers), for a coordination meeting",
          params: z.object({ id: z.uuid() }),
          querystring: z.strictObject({ cycle: z.uuid().optional() }),
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await provinceWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.query.cycle,
        );
        return download(reply, XLSX_TYPE, fileName, body);
      },
    );
  };
}
