import { NOT_EVALUATED_REASONS, OFFICIAL_STAGES, OFFICIAL_STATUSES } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, PDF, PDF_TYPE } from "../http/files.js";
import { copyForward, previousOfIndicator } from "./copy-forward.js";
import { minutesPdf } from "./minutes.js";
import {
  Assessment,
  AssessmentSummary,
  Comment,
  CopyReport,
  HistoryItem,
  IndicatorRow,
  ItemRow,
  Moved,
  StageValue,
  Thread,
  UnitAnswer,
} from "./schemas.js";
import {
  addComment,
  assignItem,
  assignUnits,
  consolidate,
  getAssessmentJson,
  history,
  indicatorThread,
  listAssessments,
  listIndicators,
  listItems,
  move,
  reopen,
  returnToUnit,
  saveUnitAnswer,
  setEvaluation,
  setStageScore,
} from "./service.js";
import { SCORE_STAGES, STATES } from "./workflow.js";

/** The stages assessors and the review team write (the instansi's own is its answer). */
const ASSESSOR_STAGES = SCORE_STAGES.filter((s) => s !== "self") as [
  Exclude<(typeof SCORE_STAGES)[number], "self">,
  ...Exclude<(typeof SCORE_STAGES)[number], "self">[],
];

const Id = z.object({ id: z.uuid() });
const IndicatorParams = z.object({ id: z.uuid(), code: z.string().min(1).max(32) });
const Version = z.number().int().min(0);
/** A unit proposes one of the scale's levels. */
const Level = z.number().int().nullable();
/** A consolidated value or a stage score: a level, or a decimal where the framework's scale takes one. */
const Value = z.number().min(-1000).max(1000).nullable();
const Text = z.string().max(20_000);
const Ok = z.object({ ok: z.literal(true) });

export function assessmentRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/assessments",
      {
        schema: {
          tags: ["assessments"],
          summary: "Assessments you may see (optionally of one cycle)",
          querystring: z.strictObject({ cycle: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(AssessmentSummary) }) },
        },
      },
      async (request) => ({ items: await listAssessments(db, contextOf(request), request.query.cycle) }),
    );

    app.get(
      "/api/assessments/:id",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "State, schedule, per-stage index, domains, aspects and predicate, the headline figure, and what you may do with it now (can, blocked, moves)",
          params: Id,
          response: { 200: Assessment },
        },
      },
      async (request, reply) => {
        const json = await getAssessmentJson(db, frameworks, contextOf(request), request.params.id);
        // JSON text the service assembles from cached parts: its schema is the contract (in the
        // OpenAPI document, checked by the tests), not re-serialized on every read.
        return reply
          .type("application/json; charset=utf-8")
          .serializer((payload: unknown) => payload as string)
          .send(json as unknown as z.infer<typeof Assessment>);
      },
    );

    app.get(
      "/api/assessments/:id/history",
      {
        schema: {
          tags: ["assessments"],
          summary: "The same instansi's assessments over the years, with each one's headline index",
          params: Id,
          response: { 200: z.object({ items: z.array(HistoryItem) }) },
        },
      },
      async (request) => history(db, frameworks, contextOf(request), request.params.id),
    );

    app.get(
      "/api/assessments/:id/indicators",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "Indicators with assignments, answers, stage scores, evidence, claimed and supported level, and what you may do with each now (an operator sees their unit's only)",
          params: Id,
          response: { 200: z.object({ items: z.array(IndicatorRow) }) },
        },
      },
      async (request) => listIndicators(db, frameworks, contextOf(request), request.params.id),
    );

    app.get(
      "/api/assessments/:id/items",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "Every evidence item (butir) with where it stands, its unit and due date, and per unit what is accepted, returned, awaiting review or missing (an operator sees their unit's)",
          params: Id,
          response: {
            200: z.object({
              items: z.array(
                ItemRow.omit({ mine: true }).extend({
                  indicator: z.string(),
                  indicatorName: z.object({ id: z.string(), en: z.string().optional() }),
                  overdue: z.boolean(),
                  version: z.number(),
                  /** Marked as uploaded to the national portal: when, by whom, whether its files changed since. */
                  portal: z
                    .object({
                      markedAt: z.date(),
                      markedBy: z.string().nullable(),
                      version: z.number(),
                      changed: z.boolean(),
                    })
                    .nullable(),
                  /** The portal's verdict on the item (imported), with the assessor's note and its date. */
                  official: z
                    .object({
                      status: z.enum(OFFICIAL_STATUSES),
                      note: z.string(),
                      asOf: z.string(),
                      stage: z.enum(OFFICIAL_STAGES),
                    })
                    .nullable(),
                }),
              ),
              byUnit: z.array(
                z.object({
                  unitId: z.string().nullable(),
                  unitName: z.string().nullable(),
                  total: z.number(),
                  accepted: z.number(),
                  returned: z.number(),
                  pending: z.number(),
                  notUploaded: z.number(),
                  overdue: z.number(),
                }),
              ),
              can: z.object({ assign: z.boolean(), portal: z.boolean() }),
            }),
          },
        },
      },
      async (request) => listItems(db, frameworks, contextOf(request), request.params.id),
    );

    app.put(
      "/api/assessments/:id/items/:item/assignment",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "The unit responsible for an evidence item and its due date (unitId null clears it); version 0 to create",
          params: z.object({ id: z.uuid(), item: z.string().min(1).max(32) }),
          body: z.strictObject({
            unitId: z.uuid().nullable(),
            dueDate: z.string().max(10).nullable(),
            version: Version,
          }),
          response: {
            200: z.object({
              item: z.string(),
              unitId: z.string().nullable(),
              dueDate: z.string().nullable(),
              version: z.number(),
            }),
          },
        },
      },
      async (request) =>
        assignItem(db, frameworks, contextOf(request), request.params.id, request.params.item, request.body),
    );

    app.put(
      "/api/assessments/:id/indicators/:code/assignments",
      {
        schema: {
          tags: ["assessments"],
          summary: "Set the units (OPD) responsible for an indicator, with due dates",
          params: IndicatorParams,
          body: z.strictObject({
            units: z
              .array(
                z.strictObject({
                  unitId: z.uuid(),
                  dueDate: z
                    .string()
                    .regex(/^\d{4}-\d{2}-\d{2}$/)
                    .nullable()
                    .default(null),
                }),
              )
              .max(50),
            version: Version,
          }),
          response: { 200: z.object({ ok: z.literal(true), version: z.number() }) },
        },
      },
      async (request) =>
        assignUnits(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.body.units,
          request.body.version,
        ),
    );

    app.put(
      "/api/assessments/:id/indicators/:code/units/:unitId",
      {
        schema: {
          tags: ["assessments"],
          summary: "A unit's proposal: level and explanation, marked ready when done (version 0 to create)",
          params: IndicatorParams.extend({ unitId: z.uuid() }),
          body: z.strictObject({
            level: Level,
            explanation: Text,
            status: z.enum(["in_progress", "ready"]),
            version: Version,
          }),
          response: { 200: UnitAnswer },
        },
      },
      async (request) =>
        saveUnitAnswer(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.params.unitId,
          request.body,
        ),
    );

    app.put(
      "/api/assessments/:id/indicators/:code/answer",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "The instansi's consolidated answer (self-assessment level and explanation); version 0 to create",
          params: IndicatorParams,
          body: z.strictObject({ level: Value, explanation: Text, version: Version }),
          response: { 200: StageValue },
        },
      },
      async (request) =>
        consolidate(db, frameworks, contextOf(request), request.params.id, request.params.code, request.body),
    );

    app.post(
      "/api/assessments/:id/indicators/:code/return",
      {
        schema: {
          tags: ["assessments"],
          summary: "Return an indicator to a unit with a note",
          params: IndicatorParams,
          body: z.strictObject({ unitId: z.uuid(), note: z.string().trim().min(1).max(5000) }),
          response: { 200: Ok },
        },
      },
      async (request) =>
        returnToUnit(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.body,
        ),
    );

    app.get(
      "/api/assessments/:id/indicators/:code/thread",
      {
        schema: {
          tags: ["assessments"],
          summary: "An indicator's comments and full history",
          params: IndicatorParams,
          response: { 200: Thread },
        },
      },
      async (request) =>
        indicatorThread(db, frameworks, contextOf(request), request.params.id, request.params.code),
    );

    app.get(
      "/api/assessments/:id/indicators/:code/previous",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "The indicator in the instansi's previous assessment, read-only: final level (else its own answer), explanation and evidence; null when there is none",
          params: IndicatorParams,
          response: {
            200: z
              .object({
                assessmentId: z.string(),
                year: z.number(),
                cycle: z.string(),
                /** False when the previous assessment used another framework: nothing to carry as is. */
                sameFramework: z.boolean(),
                level: z.number().nullable(),
                explanation: z.string(),
                evidence: z.array(
                  z.object({
                    evidenceId: z.string(),
                    title: z.string(),
                    level: z.number(),
                    item: z.string().nullable(),
                    kind: z.enum(["file", "link"]),
                    url: z.string().nullable(),
                    review: z.enum(["pending", "accepted", "revision"]),
                  }),
                ),
              })
              .nullable(),
          },
        },
      },
      async (request) =>
        previousOfIndicator(db, frameworks, contextOf(request), request.params.id, request.params.code),
    );

    app.post(
      "/api/assessments/:id/indicators/:code/comments",
      {
        schema: {
          tags: ["assessments"],
          summary: "Comment on an indicator",
          params: IndicatorParams,
          body: z.strictObject({ body: z.string().trim().min(1).max(5000) }),
          response: { 201: Comment },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addComment(
              db,
              frameworks,
              contextOf(request),
              request.params.id,
              request.params.code,
              request.body.body,
            ),
          ),
    );

    app.put(
      "/api/assessments/:id/indicators/:code/stages/:stage",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "An assessor's level and note for document, interview, visit or final; the review team's verdict for validation",
          params: IndicatorParams.extend({
            stage: z.enum(ASSESSOR_STAGES),
          }),
          body: z.strictObject({
            level: Value.optional(),
            note: Text,
            verdict: z.enum(["valid", "not_valid"]).optional(),
            version: Version,
          }),
          response: { 200: StageValue },
        },
      },
      async (request) =>
        setStageScore(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.params.stage,
          request.body,
        ),
    );

    app.post(
      "/api/assessments/:id/transitions",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "Move the assessment to another state (submit, advance, publish, or back as an administrator). Moving on from an assessors' stage with indicators it did not score answers 409 stage_incomplete listing them, until sent again with confirm: true; publication waits (409 validation_open) while the review has a final score sent back or corrected and not yet validated again; going back needs a reason",
          params: Id,
          body: z.strictObject({
            to: z.enum(STATES),
            version: z.number().int().positive().optional(),
            reopenDays: z.number().int().min(1).max(90).optional(),
            /** Move on although the stage did not score every indicator (they keep the earlier level). */
            confirm: z.boolean().optional(),
            /** Why an administrator steps back (required going back). */
            reason: z.string().trim().max(2000).optional(),
          }),
          response: { 200: Moved },
        },
      },
      async (request) => move(db, frameworks, contextOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/assessments/:id/copy-forward",
      {
        schema: {
          tags: ["assessments"],
          summary: "Start from the instansi's previous final answers and evidence links (statuses reset)",
          params: Id,
          body: z.strictObject({
            from: z.uuid().optional(),
            mapping: z.record(z.string().max(32), z.string().max(32)).optional(),
            /** Only these indicators (e.g. one, from its page). */
            indicators: z.array(z.string().max(32)).max(500).optional(),
          }),
          response: { 200: CopyReport },
        },
      },
      async (request) => copyForward(db, frameworks, contextOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/assessments/:id/reopen",
      {
        schema: {
          tags: ["assessments"],
          summary: "Reopen the current stage after its end date (administrators)",
          params: Id,
          body: z.strictObject({ days: z.number().int().min(1).max(90) }),
          response: { 200: Moved },
        },
      },
      async (request) => reopen(db, frameworks, contextOf(request), request.params.id, request.body.days),
    );

    app.put(
      "/api/assessments/:id/evaluation",
      {
        schema: {
          tags: ["assessments"],
          summary:
            "Record whether the instansi is evaluated in this cycle (administrators); one that is not (above a threshold, not a locus, an off-year) keeps its assessment as its own monitoring, never published. 409 if the version is stale",
          params: Id,
          body: z.strictObject({
            evaluated: z.boolean(),
            reason: z.enum(NOT_EVALUATED_REASONS).nullable(),
            version: z.number().int().min(1),
          }),
          response: {
            200: z.object({
              evaluated: z.boolean(),
              reason: z.enum(NOT_EVALUATED_REASONS).nullable(),
              version: z.number(),
            }),
          },
        },
      },
      async (request) => setEvaluation(db, frameworks, contextOf(request), request.params.id, request.body),
    );

    app.get(
      "/api/assessments/:id/minutes.pdf",
      {
        schema: {
          tags: ["assessments"],
          summary: "Berita acara of the self-assessment submission (PDF)",
          params: Id,
          response: { 200: PDF },
        },
      },
      async (request, reply) => {
        const pdf = await minutesPdf(db, frameworks, contextOf(request), request.params.id);
        return download(reply, PDF_TYPE, pdf.fileName, pdf.body);
      },
    );
  };
}
