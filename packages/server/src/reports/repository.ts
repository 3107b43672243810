import { asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { assessments, organizations, stageScores } from "../db/schema.js";

const parent = alias(organizations, "parent");

/** Every participant of a cycle, with its type and (for a kabupaten/kota) its province. */
export async function participants(db: Db, cycleId: string) {
  return db
    .select({
      id: assessments.id,
      state: assessments.state,
      organization: organizations.name,
      kind: organizations.kind,
      province: sql<
        string | null
      >`case when ${organizations.kind} in ('kabupaten', 'kota') then ${parent.name} end`,
    })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(eq(assessments.cycleId, cycleId))
    .orderBy(asc(organizations.name));
}

/** Every stage score of these assessments. */
export async function scoresOf(db: Db, assessmentIds: readonly string[]) {
  return db
    .select({
      assessmentId: stageScores.assessmentId,
      indicatorCode: stageScores.indicatorCode,
      stage: stageScores.stage,
      level: stageScores.level,
      verdict: stageScores.verdict,
    })
    .from(stageScores)
    .where(inArray(stageScores.assessmentId, [...assessmentIds]));
}
