import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { listNotifications, markRead } from "./service.js";

export function notificationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/notifications",
      {
        schema: {
          tags: ["notifications"],
          summary: "Your notifications, newest first",
          querystring: z.strictObject({ unread: z.enum(["true", "false"]).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  kind: z.string(),
                  payload: z.unknown(),
                  readAt: z.date().nullable(),
                  createdAt: z.date(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: await listNotifications(db, request.principal, request.query.unread === "true"),
      }),
    );
    app.post(
      "/api/notifications/read",
      {
        schema: {
          tags: ["notifications"],
          summary: "Mark notifications read",
          body: z.strictObject({ ids: z.array(z.uuid()).max(500) }),
          response: { 200: z.object({ marked: z.number() }) },
        },
      },
      async (request) => ({ marked: await markRead(db, request.principal, request.body.ids) }),
    );
  };
}
