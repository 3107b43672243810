import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { targets } from "../db/schema.js";

export type TargetRow = typeof targets.$inferSelect;

export async function targetsOf(db: Db, organizationId: string): Promise<TargetRow[]> {
  return db
    .select()
    .from(targets)
    .where(eq(targets.organizationId, organizationId))
    .orderBy(asc(targets.year));
}

export async function findTarget(
  db: Db,
  organizationId: string,
  year: number,
): Promise<TargetRow | undefined> {
  const [row] = await db
    .select()
    .from(targets)
    .where(and(eq(targets.organizationId, organizationId), eq(targets.year, year)));
  return row;
}

export interface CalendarLimits {
  readonly max?: number;
  readonly maxStep?: number;
  readonly earliest?: Record<string, number>;
  readonly budgeted?: boolean;
}

export interface TargetValues {
  readonly index: string;
  readonly indicators: Record<string, number>;
  readonly efforts: Record<string, number>;
  readonly calendar: Record<string, CalendarLimits>;
}

/** Create (version 0 = none stored yet) or update at the expected version; undefined when stale. */
export async function saveTarget(
  db: Db,
  organizationId: string,
  year: number,
  version: number,
  values: TargetValues,
  userId: string | null,
): Promise<TargetRow | undefined> {
  if (version === 0) {
    const [row] = await db
      .insert(targets)
      .values({
        organizationId,
        year,
        index: values.index,
        indicators: values.indicators,
        efforts: values.efforts,
        calendar: values.calendar,
        updatedBy: userId,
      })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(targets)
    .set({
      index: values.index,
      indicators: values.indicators,
      efforts: values.efforts,
      calendar: values.calendar,
      updatedBy: userId,
      updatedAt: sql`now()`,
      version: sql`${targets.version} + 1`,
    })
    .where(
      and(eq(targets.organizationId, organizationId), eq(targets.year, year), eq(targets.version, version)),
    )
    .returning();
  return row;
}

/** Targets of several organizations for one year (a province view). */
export async function targetsForYear(db: Db, year: number): Promise<Map<string, TargetRow>> {
  const found = await db.select().from(targets).where(eq(targets.year, year));
  return new Map(found.map((r) => [r.organizationId, r]));
}
