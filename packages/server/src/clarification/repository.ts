import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { clarificationSessions, clarifications, organizations } from "../db/schema.js";

export async function clarificationsOf(db: Db, assessmentId: string) {
  return db
    .select({ row: clarifications, unitName: organizations.name })
    .from(clarifications)
    .leftJoin(organizations, eq(organizations.id, clarifications.responderUnitId))
    .where(eq(clarifications.assessmentId, assessmentId));
}

export type ClarificationRow = typeof clarifications.$inferSelect;
type Values = Omit<
  typeof clarifications.$inferInsert,
  "id" | "assessmentId" | "indicatorCode" | "version" | "updatedAt"
>;

/** Create (version 0) or update at the expected version; null when someone else saved first. */
export async function saveClarification(
  db: Db,
  key: { assessmentId: string; indicatorCode: string },
  expectedVersion: number,
  values: Values,
): Promise<{ version: number } | null> {
  const where = and(
    eq(clarifications.assessmentId, key.assessmentId),
    eq(clarifications.indicatorCode, key.indicatorCode),
  );
  const [current] = await db.select({ version: clarifications.version }).from(clarifications).where(where);
  if ((current?.version ?? 0) !== expectedVersion) return null;
  const [row] = await db
    .insert(clarifications)
    .values({ ...key, ...values, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [clarifications.assessmentId, clarifications.indicatorCode],
      set: { ...values, updatedAt: new Date(), version: sql`${clarifications.version} + 1` },
    })
    .returning({ version: clarifications.version });
  return row ?? null;
}

export async function sessionOf(db: Db, assessmentId: string) {
  const [row] = await db
    .select()
    .from(clarificationSessions)
    .where(eq(clarificationSessions.assessmentId, assessmentId));
  return row;
}

export async function saveSession(
  db: Db,
  assessmentId: string,
  expectedVersion: number,
  values: { date: string; place: string },
): Promise<{ version: number } | null> {
  const current = await sessionOf(db, assessmentId);
  if ((current?.version ?? 0) !== expectedVersion) return null;
  const [row] = await db
    .insert(clarificationSessions)
    .values({ assessmentId, ...values })
    .onConflictDoUpdate({
      target: clarificationSessions.assessmentId,
      set: { ...values, version: sql`${clarificationSessions.version} + 1` },
    })
    .returning({ version: clarificationSessions.version });
  return row ?? null;
}
