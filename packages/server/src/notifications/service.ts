import type { Db } from "../db/client.js";
import { ApiError } from "../http/errors.js";
import type { Principal } from "../policy/policy.js";
import * as repo from "./repository.js";

export type NotificationKind =
  | "assignment"
  | "returned"
  | "state_changed"
  | "due_soon"
  /** The review team found a final score not valid: the assessor corrects it. */
  | "validation_returned"
  /** The assessor corrected a final score the review sent back: the review team looks again. */
  | "validation_corrected";

/** Tell users something happened; the caller's transaction makes it land with the change itself. */
export async function notify(
  db: Db,
  userIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, unknown>,
) {
  await repo.insertNotifications(db, [...new Set(userIds)], kind, payload);
}

/** The caller's inbox: their notifications (each with where it points) and the unread count. */
export async function listNotifications(db: Db, principal: Principal | null, unreadOnly: boolean) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  const [items, unread] = await Promise.all([
    repo.notificationsOf(db, principal.userId, unreadOnly),
    repo.unreadCount(db, principal.userId),
  ]);
  return {
    unread,
    items: items.map(({ payload, ...n }) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      const text = (key: string) => (typeof p[key] === "string" ? (p[key] as string) : null);
      return {
        ...n,
        payload,
        indicator: text("indicator"),
        note: text("note"),
        dueDate: text("dueDate"),
        from: text("from"),
        to: text("to"),
      };
    }),
  };
}

/** The caller's unread count, for the bell (cheap enough to poll). */
export async function countUnread(db: Db, principal: Principal | null) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  return { unread: await repo.unreadCount(db, principal.userId) };
}

/** Mark the caller's own notifications read (others' ids are ignored), or all of them. */
export async function markRead(db: Db, principal: Principal | null, ids: readonly string[], all = false) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  if (all) return repo.markAllReadFor(db, principal.userId);
  if (ids.length === 0) return 0;
  return repo.markReadFor(db, principal.userId, ids);
}
