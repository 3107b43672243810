import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { contextOf } from "../http/context.js";
import { deleteModelAnswer, listModelAnswers, modelAnswersForIndicator, saveModelAnswer } from "./service.js";

const Answer = z.object({
  id: z.string(),
  indicatorCode: z.string(),
  explanation: z.string(),
  evidenceKinds: z.array(z.string()),
  version: z.number(),
  updatedAt: z.date(),
});
const Key = z.object({
  id: z.uuid(),
  frameworkId: z.string().min(1).max(100),
  code: z.string().min(1).max(20),
});

export function modelAnswerRoutes(db: Db, frameworks: Frameworks): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/organizations/:id/model-answers",
      {
        schema: {
          tags: ["model answers"],
          summary: "A province's model answers for a framework's indicators",
          params: z.object({ id: z.uuid() }),
          querystring: z.strictObject({ framework: z.string().min(1).max(100) }),
          response: { 200: z.object({ items: z.array(Answer) }) },
        },
      },
      async (request) =>
        listModelAnswers(db, frameworks, contextOf(request), request.params.id, request.query.framework),
    );
    app.put(
      "/api/organizations/:id/model-answers/:frameworkId/:code",
      {
        schema: {
          tags: ["model answers"],
          summary:
            "Publish or change a province's model answer for an indicator (version 0 creates); 409 if the version is stale",
          params: Key,
          body: z.strictObject({
            explanation: z.string().trim().min(1).max(20_000),
            evidenceKinds: z.array(z.string().trim().min(1).max(300)).max(50),
            version: z.number().int().min(0),
          }),
          response: { 200: Answer },
        },
      },
      async (request) => saveModelAnswer(db, frameworks, contextOf(request), request.params, request.body),
    );
    app.delete(
      "/api/organizations/:id/model-answers/:frameworkId/:code",
      {
        schema: {
          tags: ["model answers"],
          summary: "Withdraw a model answer; 409 if the version is stale",
          params: Key,
          querystring: z.strictObject({ version: z.coerce.number().int().min(1) }),
          response: { 204: z.null().describe("Withdrawn") },
        },
      },
      async (request, reply) => {
        await deleteModelAnswer(db, frameworks, contextOf(request), request.params, request.query.version);
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/api/assessments/:id/indicators/:code/model-answers",
      {
        schema: {
          tags: ["model answers"],
          summary: "Model answers the instansi's province published for this indicator",
          params: z.object({ id: z.uuid(), code: z.string().min(1).max(20) }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  organizationId: z.string(),
                  organization: z.string(),
                  explanation: z.string(),
                  evidenceKinds: z.array(z.string()),
                  updatedAt: z.date(),
                }),
              ),
            }),
          },
        },
      },
      async (request) =>
        modelAnswersForIndicator(db, frameworks, contextOf(request), request.params.id, request.params.code),
    );
  };
}
