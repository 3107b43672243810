// All of notifications' SQL: storing them, a user's list, marking read, and the background jobs'
// claims (each row claimed atomically, so several instances never send one twice).
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client.js";
import { assessments, cycles, notifications, organizations } from "../db/schema.js";

export async function insertNotifications(
  db: Db,
  userIds: readonly string[],
  kind: string,
  payload: Record<string, unknown>,
): Promise<void> {
  if (userIds.length === 0) return;
  await db.insert(notifications).values(userIds.map((userId) => ({ userId, kind, payload })));
}

/**
 * A user's notifications, newest first (the latest 200), each with the instansi and cycle of the
 * assessment it is about, so the inbox can say where without another request.
 */
export async function notificationsOf(db: Db, userId: string, unreadOnly: boolean) {
  const conditions = [eq(notifications.userId, userId)];
  if (unreadOnly) conditions.push(isNull(notifications.readAt));
  return (
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        payload: notifications.payload,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        assessmentId: assessments.id,
        organization: organizations.name,
        cycle: cycles.name,
      })
      .from(notifications)
      // Compared as text: a payload never makes the query fail, whatever it holds.
      .leftJoin(assessments, sql`${assessments.id}::text = ${notifications.payload}->>'assessmentId'`)
      .leftJoin(organizations, eq(organizations.id, assessments.organizationId))
      .leftJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(and(...conditions))
      .orderBy(desc(notifications.createdAt))
      .limit(200)
  );
}

/** How many of a user's notifications are unread. */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${notifications} where user_id = ${userId} and read_at is null`,
  );
  return row?.n ?? 0;
}

/** Mark every unread notification of a user read; returns how many. */
export async function markAllReadFor(db: Db, userId: string): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return marked.length;
}

/** Mark a user's own unread notifications among `ids` read; returns how many. */
export async function markReadFor(db: Db, userId: string, ids: readonly string[]): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        inArray(notifications.id, [...ids]),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}

export interface DueAssignment {
  readonly assessment_id: string;
  readonly indicator_code: string;
  readonly unit_id: string;
  readonly due_date: string;
  readonly unit_path: string;
}

/**
 * Claim the assignments due between `today` and `horizon` (WIB dates) whose unit's answer is not
 * ready yet, during the self-assessment, that were never reminded: each is marked reminded.
 */
export async function claimDueAssignments(
  db: Db,
  today: string,
  horizon: string,
  limit: number,
): Promise<DueAssignment[]> {
  // At most `limit` at a time, skipping rows another instance is claiming right now.
  return rows<DueAssignment>(
    db,
    sql`
    update indicator_assignments ia set reminded_at = now()
    from organizations u
    where u.id = ia.unit_id and ia.id in (
      select d.id from indicator_assignments d join assessments a on a.id = d.assessment_id
      where d.reminded_at is null and d.due_date is not null
        and d.due_date between ${today} and ${horizon}
        and a.state = 'self_assessment'
        and not exists (select 1 from unit_answers ua where ua.assessment_id = d.assessment_id
          and ua.indicator_code = d.indicator_code and ua.unit_id = d.unit_id and ua.status = 'ready')
      limit ${limit} for update of d skip locked)
    returning ia.assessment_id, ia.indicator_code, ia.unit_id, ia.due_date, u.path as unit_path`,
  );
}

export interface PendingMail {
  readonly id: string;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly email: string;
}

/** Lock up to `limit` notifications not yet e-mailed (at most a day old), skipping locked ones. */
export async function lockPendingEmails(db: Db, limit: number): Promise<PendingMail[]> {
  return rows<PendingMail>(
    db,
    sql`
    select n.id, n.kind, n.payload, u.email from notifications n join users u on u.id = n.user_id
    where n.emailed_at is null and n.created_at > now() - interval '1 day'
    order by n.created_at limit ${limit} for update of n skip locked`,
  );
}

export async function markEmailed(db: Db, id: string): Promise<void> {
  await db.execute(sql`update notifications set emailed_at = now() where id = ${id}`);
}
