import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { importExternal, listExternal, previewExternal, recordExternal } from "./service.js";

const Text = z.object({ id: z.string(), en: z.string().optional() });
const Params = z.object({ id: z.uuid(), code: z.string().min(1).max(32) });
const Band = z.object({
  level: z.number(),
  min: z.number(),
  max: z.number(),
  minInclusive: z.boolean(),
  maxInclusive: z.boolean(),
});
const State = z.enum(["recorded", "missing", "expired"]);

const ExternalIndex = z
  .object({
    code: z.string(),
    name: Text,
    owner: z.string().nullable(),
    min: z.number(),
    max: z.number(),
    decimals: z.number(),
    maxAgeMonths: z.number().nullable(),
    missingLevel: z.number().nullable(),
    bands: z.array(Band),
    indicators: z.array(z.object({ code: z.string(), name: Text })),
    value: z.number().nullable(),
    measuredOn: z.string().nullable(),
    expiresOn: z.string().nullable(),
    state: State,
    level: z.number().nullable(),
    counted: z.number().nullable(),
    note: z.string(),
    evidenceId: z.string().nullable(),
    evidenceTitle: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: "ExternalIndex" });

const Effect = z
  .object({
    code: z.string(),
    from: z.number().nullable(),
    to: z.number(),
    indicators: z.array(
      z.object({ code: z.string(), from: z.number().nullable(), to: z.number().nullable() }),
    ),
    indexBefore: z.string(),
    indexAfter: z.string(),
    difference: z.string(),
  })
  .meta({ id: "ExternalEffect" });

export function externalIndexRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/assessments/:id/external-indices",
      {
        schema: {
          tags: ["external indices"],
          summary:
            "The other agencies' indices that feed the framework's indicators, with the value recorded for this assessment, its band and expiry",
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({ items: z.array(ExternalIndex), can: z.object({ record: z.boolean() }) }),
          },
        },
      },
      async (request) => listExternal(db, frameworks, contextOf(request), request.params.id),
    );

    app.put(
      "/api/assessments/:id/external-indices/:code",
      {
        schema: {
          tags: ["external indices"],
          summary:
            "Record an index's value (with its date, source evidence and responsible unit); the fed indicators follow it (version 0 to create)",
          params: Params,
          body: z.strictObject({
            value: z.number(),
            measuredOn: z.string().max(10),
            evidenceId: z.uuid().nullable().optional(),
            unitId: z.uuid().nullable().optional(),
            note: z.string().max(5000).optional(),
            version: z.number().int().min(0),
          }),
          response: {
            200: z.object({
              index: z.string(),
              value: z.number(),
              measuredOn: z.string(),
              version: z.number(),
            }),
          },
        },
      },
      async (request) =>
        recordExternal(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.body,
        ),
    );

    app.get(
      "/api/assessments/:id/external-indices/:code/effect",
      {
        schema: {
          tags: ["external indices"],
          summary: "What another value of the index would do to the fed indicators' levels and the index",
          params: Params,
          querystring: z.object({ value: z.coerce.number() }),
          response: { 200: Effect },
        },
      },
      async (request) =>
        previewExternal(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.query.value,
        ),
    );

    app.post(
      "/api/external-indices/import",
      {
        bodyLimit: 5 * 1024 * 1024,
        schema: {
          tags: ["external indices"],
          summary:
            "Import index values for many instansi of a cycle (CSV: instansi,index,value,measured_on); 422 lists every problem by line and stores nothing",
          body: z.strictObject({
            cycleId: z.uuid(),
            csv: z
              .string()
              .min(1)
              .max(5 * 1024 * 1024),
            source: z.string().trim().min(1).max(200).default("upload.csv"),
            dryRun: z.boolean().default(false),
          }),
          response: {
            200: z.object({ rows: z.number(), assessments: z.number(), dryRun: z.boolean() }),
          },
        },
      },
      async (request) => importExternal(db, frameworks, contextOf(request), request.body),
    );
  };
}
