import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, PDF, PDF_TYPE, XLSX, XLSX_TYPE } from "../http/files.js";
import { assessmentWorkbook, cycleWorkbook } from "./excel.js";
import { assessmentReportPdf } from "./pdf.js";

const Id = z.object({ id: z.uuid() });

export function reportRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/assessments/:id/report.pdf",
      {
        schema: {
          tags: ["reports"],
          summary:
            "The assessment report (Bahasa Indonesia): index and predicate, domains and aspects with charts, strengths and weaknesses, readiness, recommendations, every indicator per stage",
          params: Id,
          response: { 200: PDF },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await assessmentReportPdf(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, PDF_TYPE, fileName, body);
      },
    );
    app.get(
      "/api/assessments/:id/export.xlsx",
      {
        schema: {
          tags: ["reports"],
          summary:
            "The assessment as a workbook: summary, indicators × stages with explanations, evidence list",
          params: Id,
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await assessmentWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, XLSX_TYPE, fileName, body);
      },
    );
    app.get(
      "/api/cycles/:id/export.xlsx",
      {
        schema: {
          tags: ["reports"],
          summary:
            "A whole cycle as a workbook: every participant's index per stage and every participant × indicator × stage",
          params: Id,
          response: { 200: XLSX },
        },
      },
      async (request, reply) => {
        const { stream, fileName } = await cycleWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, XLSX_TYPE, fileName, stream);
      },
    );
  };
}
