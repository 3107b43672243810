import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { contextOf } from "../http/context.js";
import { readAudit } from "./service.js";

export function auditRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/audit",
      {
        schema: {
          tags: ["audit"],
          summary:
            "The audit log, newest first: everything for administrators, a coordinator's subtree otherwise",
          querystring: z.strictObject({
            entityType: z.string().max(64).optional(),
            entityId: z.string().max(64).optional(),
            organization: z.uuid().optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  at: z.date(),
                  actorId: z.string().nullable(),
                  actor: z.string(),
                  action: z.string(),
                  entityType: z.string(),
                  entityId: z.string().nullable(),
                  organizationId: z.string().nullable(),
                  before: z.unknown(),
                  after: z.unknown(),
                  requestId: z.string().nullable(),
                  address: z.string().nullable(),
                }),
              ),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => readAudit(db, contextOf(request), request.query),
    );
  };
}
