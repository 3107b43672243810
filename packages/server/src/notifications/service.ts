import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notifications } from "../db/schema.js";
import { ApiError } from "../http/errors.js";
import type { Principal } from "../policy/policy.js";

export type NotificationKind = "assignment" | "returned" | "state_changed" | "due_soon";

/** Tell users something happened; the caller's transaction makes it land with the change itself. */
export async function notify(
  db: Db,
  userIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, unknown>,
) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(unique.map((userId) => ({ userId, kind, payload })));
}

export async function listNotifications(db: Db, principal: Principal | null, unreadOnly: boolean) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  const conditions = [eq(notifications.userId, principal.userId)];
  if (unreadOnly) conditions.push(isNull(notifications.readAt));
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      payload: notifications.payload,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt))
    .limit(200);
}

/** Mark the caller's own notifications read (others' ids are ignored). */
export async function markRead(db: Db, principal: Principal | null, ids: readonly string[]) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  if (ids.length === 0) return 0;
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, principal.userId),
        inArray(notifications.id, [...ids]),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
