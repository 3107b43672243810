import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { assessments, cycles, evidence, externalValues, organizations, stageScores } from "../db/schema.js";

export type ExternalValueRow = typeof externalValues.$inferSelect;

export async function valuesOf(db: Db, assessmentId: string) {
  return db
    .select({
      row: externalValues,
      evidenceTitle: evidence.title,
      unitName: organizations.name,
    })
    .from(externalValues)
    .leftJoin(evidence, eq(evidence.id, externalValues.evidenceId))
    .leftJoin(organizations, eq(organizations.id, externalValues.unitId))
    .where(eq(externalValues.assessmentId, assessmentId));
}

export async function findValue(db: Db, assessmentId: string, indexCode: string) {
  const [row] = await db
    .select()
    .from(externalValues)
    .where(and(eq(externalValues.assessmentId, assessmentId), eq(externalValues.indexCode, indexCode)));
  return row;
}

type Values = Pick<ExternalValueRow, "value" | "measuredOn" | "evidenceId" | "unitId" | "note" | "updatedBy">;

/** Create (version 0) or update at the expected version; null when someone else saved first. */
export async function saveValue(
  db: Db,
  key: { assessmentId: string; indexCode: string },
  expectedVersion: number,
  values: Values,
): Promise<ExternalValueRow | null> {
  if (expectedVersion === 0) {
    const [row] = await db
      .insert(externalValues)
      .values({ ...key, ...values })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }
  const [row] = await db
    .update(externalValues)
    .set({ ...values, version: sql`${externalValues.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(externalValues.assessmentId, key.assessmentId),
        eq(externalValues.indexCode, key.indexCode),
        eq(externalValues.version, expectedVersion),
      ),
    )
    .returning();
  return row ?? null;
}

/** Overwrite (no version check): a national import states the agency's published figure. */
export async function putValue(db: Db, key: { assessmentId: string; indexCode: string }, values: Values) {
  await db
    .insert(externalValues)
    .values({ ...key, ...values })
    .onConflictDoUpdate({
      target: [externalValues.assessmentId, externalValues.indexCode],
      set: { ...values, version: sql`${externalValues.version} + 1`, updatedAt: new Date() },
    });
}

/**
 * The level of an indicator fed by an index, written by Matang from its value: as the instansi's
 * own (self) and as the assessors' first stage (document), which the later stages inherit.
 */
export async function putFedLevel(
  db: Db,
  key: { assessmentId: string; indicatorCode: string },
  level: number | null,
  note: string,
) {
  for (const stage of ["self", "document"] as const) {
    const verdict = stage === "self" && level !== null ? "done" : null;
    await db
      .insert(stageScores)
      .values({ ...key, stage, level, note, verdict })
      .onConflictDoUpdate({
        target: [stageScores.assessmentId, stageScores.indicatorCode, stageScores.stage],
        set: { level, note, verdict, version: sql`${stageScores.version} + 1`, updatedAt: new Date() },
      });
  }
}

/** The assessments of a cycle by their instansi's normalized name, for a national import. */
export async function assessmentsByName(db: Db, cycleId: string) {
  return db
    .select({
      assessmentId: assessments.id,
      state: assessments.state,
      organizationId: organizations.id,
      name: organizations.name,
      normalizedName: organizations.normalizedName,
    })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .where(eq(assessments.cycleId, cycleId));
}

/** Recorded values of assessments not yet published, with their framework, for the expiry job. */
export async function openValues(db: Db) {
  return db
    .select({ row: externalValues, frameworkId: cycles.frameworkId })
    .from(externalValues)
    .innerJoin(assessments, eq(assessments.id, externalValues.assessmentId))
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(ne(assessments.state, "published"));
}

export async function selfLevels(db: Db, assessmentId: string) {
  return db
    .select({ indicatorCode: stageScores.indicatorCode, level: stageScores.level })
    .from(stageScores)
    .where(and(eq(stageScores.assessmentId, assessmentId), eq(stageScores.stage, "self")));
}
