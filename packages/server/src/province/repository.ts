import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { assessments, cycles, organizations, stageScores } from "../db/schema.js";

/** The kabupaten/kota directly under a province. */
export async function membersOf(db: Db, provinceId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(organizations.parentId, provinceId), inArray(organizations.kind, ["kabupaten", "kota"])))
    .orderBy(organizations.name);
}

/** The newest cycle in which any of these organizations takes part. */
/**
 * The cycle a province compares its members in: the latest year's, and of that year's cycles the
 * one most of them take part in (a single instansi's own Pemdi cycle does not hide the common one).
 */
export async function latestCycleOf(db: Db, organizationIds: readonly string[]) {
  if (organizationIds.length === 0) return undefined;
  const [row] = await db
    .select({ cycle: cycles, members: sql<number>`count(*)::int` })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(inArray(assessments.organizationId, [...organizationIds]))
    .groupBy(cycles.id)
    .orderBy(desc(cycles.year), desc(sql`count(*)`), desc(cycles.createdAt))
    .limit(1);
  return row?.cycle;
}

export async function assessmentsIn(db: Db, cycleId: string, organizationIds: readonly string[]) {
  if (organizationIds.length === 0) return [];
  return db
    .select({ id: assessments.id, organizationId: assessments.organizationId, state: assessments.state })
    .from(assessments)
    .where(and(eq(assessments.cycleId, cycleId), inArray(assessments.organizationId, [...organizationIds])));
}

/** Every stage score of these assessments, in one query. */
export async function scoresOf(db: Db, assessmentIds: readonly string[]) {
  if (assessmentIds.length === 0) return [];
  return db
    .select()
    .from(stageScores)
    .where(inArray(stageScores.assessmentId, [...assessmentIds]));
}
