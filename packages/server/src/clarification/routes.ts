import { CLARIFICATION_STATUSES, ITEM_OUTCOMES, OFFICIAL_STATUSES } from "@matang/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { download, PDF, PDF_TYPE } from "../http/files.js";
import { interviewBriefPdf } from "./brief.js";
import { clarificationOf, saveClarification, saveSession } from "./service.js";

const Id = z.object({ id: z.uuid() });
const Text = z.object({ id: z.string(), en: z.string().optional() });
const Official = z.object({
  asOf: z.string(),
  index: z.number().nullable(),
  indexDisplay: z.string().nullable(),
});

export function clarificationRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/assessments/:id/clarification",
      {
        schema: {
          tags: ["portal"],
          summary:
            "The clarification (interviu) workspace: every indicator whose official interim value is below the claim, largest loss of index first (and any added by hand), with the portal's returned items and notes, our answer, the session, and what later official values gained",
          params: Id,
          response: {
            200: z.object({
              open: z.boolean(),
              interim: Official.nullable(),
              final: Official.nullable(),
              session: z.object({ date: z.string(), place: z.string(), version: z.number() }),
              indicators: z.array(
                z.object({
                  code: z.string(),
                  name: Text,
                  claim: z.number().nullable(),
                  interim: z.number().nullable(),
                  final: z.number().nullable(),
                  loss: z.number().nullable(),
                  gained: z.object({ value: z.number(), index: z.number() }).nullable(),
                  returned: z.array(
                    z.object({ item: z.string(), status: z.enum(OFFICIAL_STATUSES), note: z.string() }),
                  ),
                  evidence: z.array(
                    z.object({
                      id: z.string(),
                      title: z.string(),
                      item: z.string().nullable(),
                      kind: z.string(),
                    }),
                  ),
                  clarification: z.object({
                    responderUnitId: z.string().nullable(),
                    responderUnitName: z.string().nullable(),
                    responderName: z.string(),
                    attendees: z.string(),
                    slot: z.string(),
                    rebuttal: z.string(),
                    evidenceIds: z.array(z.string()),
                    status: z.enum(CLARIFICATION_STATUSES),
                    outcome: z.string(),
                    itemOutcomes: z.record(z.string(), z.enum(ITEM_OUTCOMES)),
                    version: z.number(),
                    updatedAt: z.date().nullable(),
                  }),
                }),
              ),
              totals: z.object({ loss: z.number(), gained: z.number().nullable() }),
              can: z.object({ edit: z.boolean() }),
            }),
          },
        },
      },
      async (request) => clarificationOf(db, frameworks, contextOf(request), request.params.id),
    );

    app.put(
      "/api/assessments/:id/clarification/indicators/:code",
      {
        schema: {
          tags: ["portal"],
          summary:
            "Save one indicator's clarification (responder, attendees, time, rebuttal, documents to show, status, outcome per item); version 0 to create, 409 when someone saved first",
          params: z.object({ id: z.uuid(), code: z.string().trim().min(1).max(32) }),
          body: z.strictObject({
            responderUnitId: z.uuid().nullable(),
            responderName: z.string().max(200),
            attendees: z.string().max(1000),
            slot: z.string().max(5),
            rebuttal: z.string().max(20_000),
            evidenceIds: z.array(z.uuid()).max(100),
            status: z.enum(CLARIFICATION_STATUSES),
            outcome: z.string().max(5000),
            itemOutcomes: z.record(z.string().max(32), z.enum(ITEM_OUTCOMES)),
            version: z.number().int().min(0),
          }),
          response: { 200: z.object({ code: z.string(), version: z.number() }) },
        },
      },
      async (request) =>
        saveClarification(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
          request.params.code,
          request.body,
        ),
    );

    app.put(
      "/api/assessments/:id/clarification/session",
      {
        schema: {
          tags: ["portal"],
          summary:
            "The clarification session's date and place (or meeting link); 409 when someone saved first",
          params: Id,
          body: z.strictObject({
            date: z.string().max(10),
            place: z.string().max(500),
            version: z.number().int().min(0),
          }),
          response: { 200: z.object({ version: z.number() }) },
        },
      },
      async (request) => saveSession(db, frameworks, contextOf(request), request.params.id, request.body),
    );

    app.get(
      "/api/assessments/:id/clarification/brief.pdf",
      {
        schema: {
          tags: ["portal"],
          summary:
            "The interview brief (PDF, Bahasa Indonesia): the session, attendees per indicator, and for each indicator in session order the claim, the interim value, the assessors' notes, our answer and the documents to show",
          params: Id,
          response: { 200: PDF },
        },
      },
      async (request, reply) => {
        const { body, fileName } = await interviewBriefPdf(
          db,
          frameworks,
          contextOf(request),
          request.params.id,
        );
        return download(reply, PDF_TYPE, fileName, body);
      },
    );
  };
}
