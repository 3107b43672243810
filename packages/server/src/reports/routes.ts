import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Frameworks } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { assessmentWorkbook, cycleWorkbook } from "./excel.js";
import { assessmentReportPdf } from "./pdf.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const Id = z.object({ id: z.uuid() });

/** A generated file as a download. */
const download = (reply: FastifyReply, type: string, fileName: string, body: Buffer | Readable) =>
  reply
    .header("content-type", type)
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .send(body);

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
          produces: ["application/pdf"],
        },
      },
      async (request, reply) => {
        const { body, fileName } = await assessmentReportPdf(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, "application/pdf", fileName, body);
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
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const { body, fileName } = await assessmentWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, XLSX, fileName, body);
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
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const { stream, fileName } = await cycleWorkbook(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, XLSX, fileName, stream);
      },
    );
  };
}
