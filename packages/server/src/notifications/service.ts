import type { Db } from "../db/client.js";
import { ApiError } from "../http/errors.js";
import type { Principal } from "../policy/policy.js";
import * as repo from "./repository.js";

export type NotificationKind = "assignment" | "returned" | "state_changed" | "due_soon";

/** Tell users something happened; the caller's transaction makes it land with the change itself. */
export async function notify(
  db: Db,
  userIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, unknown>,
) {
  await repo.insertNotifications(db, [...new Set(userIds)], kind, payload);
}

export async function listNotifications(db: Db, principal: Principal | null, unreadOnly: boolean) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  return repo.notificationsOf(db, principal.userId, unreadOnly);
}

/** Mark the caller's own notifications read (others' ids are ignored). */
export async function markRead(db: Db, principal: Principal | null, ids: readonly string[]) {
  if (!principal) throw new ApiError(401, "unauthenticated", "Log in first");
  if (ids.length === 0) return 0;
  return repo.markReadFor(db, principal.userId, ids);
}
