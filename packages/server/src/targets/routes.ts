import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { getTarget, listTargets, setTarget } from "./service.js";

const Calendar = z.strictObject({
  max: z.number().int().min(0).max(100).optional(),
  maxStep: z.number().int().min(1).max(10).optional(),
  earliest: z.record(z.string().regex(/^\d{1,3}$/), z.number().int().min(2000).max(2200)).optional(),
  budgeted: z.boolean().optional(),
});

const Target = z.object({
  year: z.number(),
  index: z.string().nullable(),
  indicators: z.record(z.string(), z.number()),
  efforts: z.record(z.string(), z.number()),
  /** The instansi's own roadmap limits per indicator (highest level, levels a year, earliest year per level, budget already planned). */
  calendar: z.record(z.string(), Calendar),
  version: z.number(),
  updatedAt: z.date().nullable(),
});
const Params = z.object({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2200) });
const Code = z.string().trim().min(1).max(20);

export function targetRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/organizations/:id/targets",
      {
        schema: {
          tags: ["targets"],
          summary: "An instansi's targets, every year",
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ items: z.array(Target) }) },
        },
      },
      async (request) => listTargets(db, contextOf(request), request.params.id),
    );
    app.get(
      "/api/organizations/:id/targets/:year",
      {
        schema: {
          tags: ["targets"],
          summary: "An instansi's target for a year (version 0 and no index when none is set)",
          params: Params,
          response: { 200: Target },
        },
      },
      async (request) => getTarget(db, contextOf(request), request.params.id, request.params.year),
    );
    app.put(
      "/api/organizations/:id/targets/:year",
      {
        schema: {
          tags: ["targets"],
          summary:
            "Set the year's target index, optionally a level per indicator and the effort of each indicator's level step; 409 if the version is stale",
          params: Params,
          body: z.strictObject({
            index: z
              .string()
              .trim()
              .regex(/^\d{1,2}([.,]\d{1,2})?$/, "a number with at most two decimals, e.g. 3.50")
              .transform((s) => s.replace(",", ".")),
            indicators: z.record(Code, z.number().int().min(0).max(100)).default({}),
            efforts: z.record(Code, z.number().positive().max(1_000_000)).default({}),
            calendar: z.record(Code, Calendar).default({}),
            version: z.number().int().min(0),
          }),
          response: { 200: Target },
        },
      },
      async (request) =>
        setTarget(db, contextOf(request), request.params.id, request.params.year, request.body),
    );
  };
}
