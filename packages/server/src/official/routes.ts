import multipart from "@fastify/multipart";
import { OFFICIAL_STAGES, OFFICIAL_STATUSES } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { download, XLSX, XLSX_TYPE } from "../http/files.js";
import { invalidText, uncleanField } from "../http/text.js";
import {
  checkImport,
  importFromText,
  importOfficial,
  officialOf,
  officialTemplate,
  workbookTables,
} from "./service.js";

const Id = z.object({ id: z.uuid() });
const Stage = z.enum(OFFICIAL_STAGES);
const Day = z.string().max(10);
const MAX_WORKBOOK = 10 * 1024 * 1024;

const Report = z.object({
  dryRun: z.boolean(),
  stage: Stage,
  asOf: z.string(),
  verdicts: z.number(),
  accepted: z.number(),
  changed: z.number(),
  values: z.array(z.object({ indicator: z.string().nullable(), value: z.number() })),
  returned: z.array(
    z.object({
      item: z.string(),
      indicator: z.string(),
      status: z.enum(OFFICIAL_STATUSES),
      note: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      isNew: z.boolean(),
    }),
  ),
});

const WorkbookFields = z.strictObject({
  stage: Stage,
  asOf: Day,
  dueDate: Day.optional(),
  dryRun: z.enum(["1", "0"]).optional(),
});

export function officialRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    // Multipart for the filled template only (this plugin's own, as evidence has its own).
    await app.register(multipart, {
      limits: { fileSize: MAX_WORKBOOK, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
    });

    app.get(
      "/api/assessments/:id/official",
      {
        schema: {
          tags: ["portal"],
          summary:
            "The portal's official figures (interim, final: index, predicate and each indicator's value beside the claim, with the date) and its verdict on every item with the assessor's note — apart from Matang's own scores",
          params: Id,
          response: {
            200: z.object({
              imports: z.array(
                z.object({
                  id: z.string(),
                  stage: Stage,
                  asOf: z.string(),
                  source: z.string(),
                  verdicts: z.number(),
                  values: z.number(),
                  returned: z.number(),
                  createdAt: z.date(),
                  createdBy: z.string().nullable(),
                }),
              ),
              stages: z.array(
                z.object({
                  stage: Stage,
                  asOf: z.string(),
                  index: z.number().nullable(),
                  indexDisplay: z.string().nullable(),
                  /** printed by the portal, or computed from its indicator values */
                  indexSource: z.enum(["printed", "computed"]).nullable(),
                  predicate: z.string().nullable(),
                  indicators: z.array(
                    z.object({
                      code: z.string(),
                      value: z.number(),
                      claim: z.number().nullable(),
                      loss: z.number().nullable(),
                    }),
                  ),
                }),
              ),
              /** Matang's own stage scores (a mock evaluation) against the official values. */
              comparison: z.array(
                z.object({
                  stage: Stage,
                  against: z.enum(["document", "final"]),
                  rows: z.array(
                    z.object({
                      code: z.string(),
                      mock: z.number(),
                      official: z.number(),
                      difference: z.number(),
                      verdict: z.enum(["lenient", "strict", "same"]),
                      effect: z.number(),
                    }),
                  ),
                  summary: z.object({
                    lenient: z.number(),
                    strict: z.number(),
                    same: z.number(),
                    effect: z.number(),
                  }),
                }),
              ),
              verdicts: z.array(
                z.object({
                  item: z.string(),
                  indicator: z.string(),
                  status: z.enum(OFFICIAL_STATUSES),
                  note: z.string(),
                  asOf: z.string(),
                  stage: Stage,
                  unitName: z.string().nullable(),
                  dueDate: z.string().nullable(),
                }),
              ),
              can: z.object({ import: z.boolean() }),
            }),
          },
        },
      },
      async (request) => officialOf(db, frameworks, contextOf(request), request.params.id),
    );

    app.post(
      "/api/assessments/:id/official/import",
      {
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags: ["portal"],
          summary:
            "Import the portal's table pasted as text (tab-separated: item, status, note; or indicator/Indeks, value); 422 lists every problem by line; dryRun previews",
          params: Id,
          body: z.strictObject({
            stage: Stage,
            asOf: Day,
            dueDate: Day.nullable().optional(),
            text: z.string().min(1).max(1_000_000),
            dryRun: z.boolean().optional(),
          }),
          response: { 200: Report },
        },
      },
      async (request) => importFromText(db, frameworks, contextOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/assessments/:id/official/import.xlsx",
      {
        schema: {
          tags: ["portal"],
          summary:
            "Import the filled template (multipart: file, stage, asOf[, dueDate][, dryRun=1]); 422 lists every problem by sheet and line",
          params: Id,
          consumes: ["multipart/form-data"],
          response: { 200: Report },
        },
      },
      async (request) => {
        // Who may import is checked before a possibly large body is read.
        await checkImport(db, frameworks, contextOf(request), request.params.id);
        if (!request.isMultipart())
          throw new ApiError(415, "multipart_required", "Send the workbook as multipart/form-data");
        const fields: Record<string, string> = {};
        let body: Buffer | null = null;
        let fileName = "";
        for await (const part of request.parts()) {
          if (part.type === "file") {
            if (body) throw new ApiError(400, "one_file", "Send one workbook");
            fileName = part.filename || "hasil-portal.xlsx";
            body = await part.toBuffer();
          } else fields[part.fieldname] = String(part.value);
        }
        if (!body) throw new ApiError(400, "file_required", "The upload has no file");
        const unclean = uncleanField({ ...fields, fileName });
        if (unclean !== null) throw invalidText("multipart", unclean === "fileName" ? "file" : unclean);
        const parsed = WorkbookFields.safeParse(fields);
        if (!parsed.success)
          throw new ApiError(
            400,
            "validation_error",
            "Invalid import fields",
            parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
          );
        const input = { ...parsed.data, dryRun: parsed.data.dryRun === "1" };
        return importOfficial(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          input,
          await workbookTables(body, fileName),
          fileName,
        );
      },
    );

    app.get(
      "/api/assessments/:id/official/template.xlsx",
      {
        schema: {
          tags: ["portal"],
          summary:
            "The template to fill from the portal: every item (status, note), every indicator and the index (value)",
          params: Id,
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await officialTemplate(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, XLSX_TYPE, fileName, body);
      },
    );
  };
}
