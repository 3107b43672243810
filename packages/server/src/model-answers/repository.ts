import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { modelAnswers, organizations } from "../db/schema.js";

export type ModelAnswerRow = typeof modelAnswers.$inferSelect;

export async function answersOf(db: Db, organizationId: string, frameworkId: string) {
  return db
    .select()
    .from(modelAnswers)
    .where(and(eq(modelAnswers.organizationId, organizationId), eq(modelAnswers.frameworkId, frameworkId)))
    .orderBy(asc(modelAnswers.indicatorCode));
}

export async function findAnswer(db: Db, organizationId: string, frameworkId: string, code: string) {
  const [row] = await db
    .select()
    .from(modelAnswers)
    .where(
      and(
        eq(modelAnswers.organizationId, organizationId),
        eq(modelAnswers.frameworkId, frameworkId),
        eq(modelAnswers.indicatorCode, code),
      ),
    );
  return row;
}

export interface AnswerValues {
  readonly explanation: string;
  readonly evidenceKinds: readonly string[];
}

/** Create (version 0) or update at the expected version; undefined when stale. */
export async function saveAnswer(
  db: Db,
  key: { organizationId: string; frameworkId: string; indicatorCode: string },
  version: number,
  values: AnswerValues,
  userId: string | null,
): Promise<ModelAnswerRow | undefined> {
  if (version === 0) {
    const [row] = await db
      .insert(modelAnswers)
      .values({
        ...key,
        explanation: values.explanation,
        evidenceKinds: [...values.evidenceKinds],
        updatedBy: userId,
      })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(modelAnswers)
    .set({
      explanation: values.explanation,
      evidenceKinds: [...values.evidenceKinds],
      updatedBy: userId,
      updatedAt: sql`now()`,
      version: sql`${modelAnswers.version} + 1`,
    })
    .where(
      and(
        eq(modelAnswers.organizationId, key.organizationId),
        eq(modelAnswers.frameworkId, key.frameworkId),
        eq(modelAnswers.indicatorCode, key.indicatorCode),
        eq(modelAnswers.version, version),
      ),
    )
    .returning();
  return row;
}

export async function deleteAnswer(db: Db, id: string, version: number): Promise<boolean> {
  const deleted = await db
    .delete(modelAnswers)
    .where(and(eq(modelAnswers.id, id), eq(modelAnswers.version, version)))
    .returning({ id: modelAnswers.id });
  return deleted.length > 0;
}

/** Model answers for one indicator published by the given organizations (an instansi's ancestors). */
export async function answersFrom(
  db: Db,
  organizationIds: readonly string[],
  frameworkId: string,
  code: string,
) {
  if (organizationIds.length === 0) return [];
  return db
    .select({
      id: modelAnswers.id,
      organizationId: modelAnswers.organizationId,
      organization: organizations.name,
      explanation: modelAnswers.explanation,
      evidenceKinds: modelAnswers.evidenceKinds,
      updatedAt: modelAnswers.updatedAt,
    })
    .from(modelAnswers)
    .innerJoin(organizations, eq(organizations.id, modelAnswers.organizationId))
    .where(
      and(
        inArray(modelAnswers.organizationId, [...organizationIds]),
        eq(modelAnswers.frameworkId, frameworkId),
        eq(modelAnswers.indicatorCode, code),
      ),
    );
}
