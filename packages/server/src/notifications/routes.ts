import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { countUnread, listNotifications, markRead } from "./service.js";

export function notificationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/notifications",
      {
        schema: {
          tags: ["notifications"],
          summary:
            "Your notifications, newest first (the latest 200), each with the assessment it is about, and how many are unread",
          querystring: z.strictObject({ unread: z.enum(["true", "false"]).optional() }),
          response: {
            200: z.object({
              unread: z.number(),
              items: z.array(
                z.object({
                  id: z.string(),
                  /** assignment · returned · state_changed · due_soon · validation_returned · validation_corrected */
                  kind: z.string(),
                  payload: z.unknown(),
                  readAt: z.date().nullable(),
                  createdAt: z.date(),
                  /** The assessment it is about, with its instansi and cycle (null if none or gone). */
                  assessmentId: z.string().nullable(),
                  organization: z.string().nullable(),
                  cycle: z.string().nullable(),
                  indicator: z.string().nullable(),
                  note: z.string().nullable(),
                  dueDate: z.string().nullable(),
                  from: z.string().nullable(),
                  to: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => listNotifications(db, request.principal, request.query.unread === "true"),
    );
    app.get(
      "/api/notifications/count",
      {
        schema: {
          tags: ["notifications"],
          summary: "How many of your notifications are unread (for the bell)",
          response: { 200: z.object({ unread: z.number() }) },
        },
      },
      async (request) => countUnread(db, request.principal),
    );
    app.post(
      "/api/notifications/read",
      {
        schema: {
          tags: ["notifications"],
          summary: "Mark notifications read: the ones listed, or all with all: true",
          body: z.strictObject({ ids: z.array(z.uuid()).max(500).default([]), all: z.boolean().optional() }),
          response: { 200: z.object({ marked: z.number() }) },
        },
      },
      async (request) => ({
        marked: await markRead(db, request.principal, request.body.ids, request.body.all === true),
      }),
    );
  };
}
