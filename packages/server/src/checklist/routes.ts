import { CHECKLIST_KINDS, CHECKLIST_SOURCES, CHECKLIST_STATUSES } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, PDF, PDF_TYPE, XLSX, XLSX_TYPE } from "../http/files.js";
import { checklistPdf, checklistWorkbook } from "./export.js";
import { buildNow, checklistOf, myChecklist, updateChecklistItem } from "./service.js";

const Id = z.object({ id: z.uuid() });
const Text = z.object({ id: z.string(), en: z.string().optional() });

export const ChecklistItem = z
  .object({
    id: z.string(),
    indicator: z.string(),
    indicatorName: Text,
    aspect: z.string().nullable(),
    level: z.number().nullable(),
    item: z.string().nullable(),
    kind: z.enum(CHECKLIST_KINDS),
    source: z.enum(CHECKLIST_SOURCES),
    title: Text,
    detail: z.string(),
    ownerUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
    dueDate: z.string().nullable(),
    status: z.enum(CHECKLIST_STATUSES),
    note: z.string(),
    overdue: z.boolean(),
    firstYear: z.number(),
    lastYear: z.number(),
    lastAssessmentId: z.string().nullable(),
    verifiedAt: z.date().nullable(),
    version: z.number(),
    /** What the caller may do with it: work on it (its unit), manage it (the coordinator). */
    can: z.object({ work: z.boolean(), manage: z.boolean() }),
  })
  .meta({ id: "ChecklistItem" });

const Group = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number(),
  byStatus: z.object(
    Object.fromEntries(CHECKLIST_STATUSES.map((s) => [s, z.number()])) as Record<
      (typeof CHECKLIST_STATUSES)[number],
      z.ZodNumber
    >,
  ),
  overdue: z.number(),
});

const Filter = z.object({
  status: z.enum(CHECKLIST_STATUSES).optional(),
  unit: z.union([z.uuid(), z.literal("none")]).optional(),
  indicator: z.string().trim().min(1).max(32).optional(),
});

export function checklistRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/assessments/:id/checklist",
      {
        schema: {
          tags: ["checklist"],
          summary:
            "The instansi's improvement checklist on this assessment's framework, carried over every cycle until verified, with progress per unit and per aspect (an operator sees its units' items)",
          params: Id,
          querystring: Filter,
          response: {
            200: z.object({
              organization: z.object({ id: z.string(), name: z.string() }),
              framework: z.string(),
              year: z.number(),
              items: z.array(ChecklistItem),
              progress: Group.extend({ units: z.array(Group), aspects: z.array(Group) }),
              can: z.object({ build: z.boolean() }),
            }),
          },
        },
      },
      async (request) => checklistOf(db, frameworks, contextOf(request), request.params.id, request.query),
    );
    app.post(
      "/api/assessments/:id/checklist",
      {
        schema: {
          tags: ["checklist"],
          summary:
            "Build the checklist now from this assessment (also done on publication and on an import from the national portal): new shortcomings are added, open ones refreshed",
          params: Id,
          response: { 200: z.object({ added: z.number(), refreshed: z.number(), open: z.number() }) },
        },
      },
      async (request) => buildNow(db, frameworks, contextOf(request), request.params.id),
    );
    app.get(
      "/api/checklist/mine",
      {
        schema: {
          tags: ["checklist"],
          summary: "The checklist items the caller's units own, not yet verified, soonest due first",
          response: {
            200: z.object({
              items: z.array(
                ChecklistItem.extend({ organization: z.object({ id: z.string(), name: z.string() }) }),
              ),
            }),
          },
        },
      },
      async (request) => myChecklist(db, frameworks, contextOf(request)),
    );
    app.patch(
      "/api/checklist/:id",
      {
        schema: {
          tags: ["checklist"],
          summary:
            "Move an item along (its unit: open, in progress, done with a note naming the evidence; the coordinator: owner, due date, verified, reopened); 409 if the version is stale",
          params: Id,
          body: z.strictObject({
            status: z.enum(CHECKLIST_STATUSES).optional(),
            ownerUnitId: z.uuid().nullable().optional(),
            dueDate: z.string().max(10).nullable().optional(),
            note: z.string().max(4000).optional(),
            version: z.number().int().min(1),
          }),
          response: { 200: ChecklistItem },
        },
      },
      async (request) =>
        updateChecklistItem(db, frameworks, contextOf(request), request.params.id, request.body),
    );
    app.get(
      "/api/assessments/:id/checklist.xlsx",
      {
        schema: {
          tags: ["checklist"],
          summary:
            "The checklist as an Excel workbook for a coordination meeting: items, progress per unit and aspect",
          params: Id,
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await checklistWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, XLSX_TYPE, fileName, body);
      },
    );
    app.get(
      "/api/assessments/:id/checklist.pdf",
      {
        schema: {
          tags: ["checklist"],
          summary: "The checklist as a PDF (Bahasa Indonesia) for a coordination meeting",
          params: Id,
          response: { 200: PDF },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await checklistPdf(db, frameworks, contextOf(request), request.params.id);
        return download(reply, PDF_TYPE, fileName, body);
      },
    );
  };
}
