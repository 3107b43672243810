import { INSTANSI_KINDS, LEVEL_STAGES, RETURN_REASONS, STATES } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SCHEDULE_STAGES } from "../assessments/workflow.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, XLSX, XLSX_TYPE } from "../http/files.js";
import { calibrationWorkbook, cycleCalibration } from "./calibration.js";
import { cycleRanking } from "./ranking.js";
import {
  assignAssessor,
  countParticipants,
  createCycle,
  enrol,
  getCycle,
  listCycles,
  updateCycleSchedule,
} from "./service.js";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const Window = z.strictObject({ start: IsoDate, end: IsoDate });
const Schedule = z.strictObject(Object.fromEntries(SCHEDULE_STAGES.map((s) => [s, Window.optional()])));
const Cycle = z
  .object({
    id: z.string(),
    year: z.number(),
    name: z.string(),
    frameworkId: z.string(),
    kind: z.string(),
    schedule: z.record(z.string(), z.object({ start: z.string(), end: z.string() })),
    version: z.number(),
    /** What the caller may do with the cycle. */
    can: z.object({
      enrol: z.boolean(),
      assignAssessors: z.boolean(),
      rank: z.boolean(),
      export: z.boolean(),
      calibrate: z.boolean(),
    }),
  })
  .meta({ id: "Cycle" });

export function cycleRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/cycles/:id/ranking",
      {
        schema: {
          tags: ["cycles"],
          summary:
            "National administrators: every participant ranked by its headline index (each at the latest complete stage its state has reached, as every page shows it) or by its index at one stage, computed from the indicator rows; incomplete ones listed after",
          params: z.object({ id: z.uuid() }),
          querystring: z.strictObject({
            stage: z.enum([...LEVEL_STAGES, "headline"]).default("headline"),
          }),
          response: {
            200: z.object({
              cycle: z.object({ id: z.string(), name: z.string(), year: z.number() }),
              stage: z.enum([...LEVEL_STAGES, "headline"]),
              ranked: z.number(),
              items: z.array(
                z.object({
                  assessmentId: z.string(),
                  organizationId: z.string(),
                  organization: z.string(),
                  type: z.string(),
                  province: z.string().nullable(),
                  state: z.enum(STATES),
                  stage: z.enum(LEVEL_STAGES),
                  label: z.object({ id: z.string(), en: z.string() }),
                  answered: z.number(),
                  index: z.string().nullable(),
                  predicate: z.string().nullable(),
                  rank: z.number().nullable(),
                  rankInType: z.number().nullable(),
                  rankInProvince: z.number().nullable(),
                  percentile: z.number().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) =>
        cycleRanking(db, frameworks, contextOf(request), request.params.id, request.query.stage),
    );

    app.post(
      "/api/cycles",
      {
        schema: {
          tags: ["cycles"],
          summary: "Open an evaluation or monitoring cycle with its framework and schedule",
          body: z.strictObject({
            year: z.number().int().min(2000).max(2200),
            name: z.string().trim().min(1).max(200),
            frameworkId: z.string().max(64),
            kind: z.enum(["evaluation", "monitoring"]),
            schedule: Schedule,
          }),
          response: { 201: Cycle },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCycle(db, contextOf(request), request.body)),
    );

    app.get(
      "/api/cycles",
      {
        schema: {
          tags: ["cycles"],
          summary: "All cycles",
          response: { 200: z.object({ items: z.array(Cycle) }) },
        },
      },
      async (request) => ({ items: await listCycles(db, contextOf(request)) }),
    );

    app.get(
      "/api/cycles/:id",
      {
        schema: {
          tags: ["cycles"],
          summary: "One cycle and how many participants it has",
          params: z.object({ id: z.uuid() }),
          response: { 200: Cycle.extend({ participants: z.number() }) },
        },
      },
      async (request) => {
        const cycle = await getCycle(db, contextOf(request), request.params.id);
        return { ...cycle, participants: await countParticipants(db, cycle.id) };
      },
    );

    const CalibrationQuery = z.strictObject({
      province: z.uuid().optional().describe("A province: its own instansi (itself and its kabupaten/kota)"),
      organization: z.uuid().optional().describe("One instansi, beside its peers"),
    });
    const share = (what: string) =>
      z
        .number()
        .nullable()
        .describe(`${what}, 0–1; null over fewer than minGroup instansi (the counts stay)`);
    app.get(
      "/api/cycles/:id/calibration",
      {
        schema: {
          tags: ["cycles"],
          summary: "How far self-assessments stand from the assessors' results, and why evidence went back",
          description:
            "Per indicator: instansi compared (with a self value and an assessors' value: the latest stage the assessment reached, with what earlier assessors' stages left), the mean of self − final, " +
            "the share that over-claimed, the distribution of differences in whole levels, and evidence verdicts with returns by reason. " +
            "Per instansi: its mean difference beside its peers of the same kind in the whole cycle. " +
            "Means and rates over fewer than `minGroup` (5) instansi are null: only counts are given. " +
            "The whole cycle is for national administrators; `province` for that province's coordinator and leadership; `organization` for the instansi's.",
          params: z.object({ id: z.uuid() }),
          querystring: CalibrationQuery,
          response: {
            200: z.object({
              cycle: z.object({ id: z.string(), name: z.string(), year: z.number() }),
              scope: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
              minGroup: z.number(),
              instansi: z.number().describe("Instansi with at least one indicator compared"),
              indicators: z.array(
                z.object({
                  code: z.string(),
                  name: z.object({ id: z.string(), en: z.string().optional() }),
                  compared: z.number(),
                  meanBias: z
                    .number()
                    .nullable()
                    .describe("Mean of self − final; null over fewer than minGroup"),
                  overclaimShare: share("Share of instansi that claimed more than the assessors gave"),
                  overclaimed: z.number(),
                  matched: z.number(),
                  underclaimed: z.number(),
                  distribution: z.array(z.object({ bias: z.number(), count: z.number() })),
                  reviewed: z.number().describe("Verdicts given on its evidence (accepted or returned)"),
                  returned: z.number(),
                  returnsByReason: z.record(z.enum(RETURN_REASONS), z.number()),
                  returnRateByReason: z.record(z.enum(RETURN_REASONS), z.number().nullable()),
                  returnRate: share("Returned over reviewed"),
                  reviewedInstansi: z.number(),
                }),
              ),
              organizations: z.array(
                z.object({
                  organizationId: z.string(),
                  name: z.string(),
                  kind: z.string(),
                  compared: z.number(),
                  meanBias: z.number().nullable(),
                  overclaimed: z.number(),
                  peers: z.object({ count: z.number(), meanBias: z.number().nullable() }),
                }),
              ),
            }),
          },
        },
      },
      async (request) =>
        cycleCalibration(db, frameworks, contextOf(request), request.params.id, request.query),
    );

    app.get(
      "/api/cycles/:id/calibration.xlsx",
      {
        schema: {
          tags: ["cycles"],
          summary: "The calibration as an Excel workbook (per indicator, per instansi, how to read it)",
          params: z.object({ id: z.uuid() }),
          querystring: CalibrationQuery,
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await calibrationWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.query,
        );
        return download(reply, XLSX_TYPE, fileName, body);
      },
    );

    app.put(
      "/api/cycles/:id",
      {
        schema: {
          tags: ["cycles"],
          summary:
            "Rename a cycle or change its schedule (with the version read; 409 when someone changed it first)",
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({
            name: z.string().trim().min(1).max(200),
            schedule: Schedule,
            version: z.number().int().positive(),
          }),
          response: { 200: Cycle },
        },
      },
      async (request) => updateCycleSchedule(db, contextOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/cycles/:id/participants",
      {
        schema: {
          tags: ["cycles"],
          summary:
            "Enrol instansi: by id, by type, a province's kabupaten/kota, or all; each gets an assessment",
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({
            organizationIds: z.array(z.uuid()).max(10_000).optional(),
            kinds: z.array(z.enum(INSTANSI_KINDS)).optional(),
            province: z.uuid().optional(),
            all: z.boolean().optional(),
          }),
          response: { 200: z.object({ created: z.number(), alreadyEnrolled: z.number() }) },
        },
      },
      async (request) => enrol(db, frameworks, contextOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/cycles/:id/assessors",
      {
        schema: {
          tags: ["cycles"],
          summary: "Assign an external assessor to an instansi in this cycle",
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({ userId: z.uuid(), organizationId: z.uuid() }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) =>
        assignAssessor(
          db,
          contextOf(request),
          request.params.id,
          request.body.userId,
          request.body.organizationId,
        ),
    );
  };
}
