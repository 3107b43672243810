import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { officialImports, officialValues, officialVerdicts, users } from "../db/schema.js";

export async function importsOf(db: Db, assessmentId: string) {
  return db
    .select({
      id: officialImports.id,
      stage: officialImports.stage,
      asOf: officialImports.asOf,
      source: officialImports.source,
      verdicts: officialImports.verdicts,
      values: officialImports.values,
      returned: officialImports.returned,
      createdAt: officialImports.createdAt,
      createdBy: users.name,
    })
    .from(officialImports)
    .leftJoin(users, eq(users.id, officialImports.createdBy))
    .where(eq(officialImports.assessmentId, assessmentId))
    .orderBy(desc(officialImports.createdAt));
}

export async function verdictsOf(db: Db, assessmentId: string) {
  return db
    .select({
      itemCode: officialVerdicts.itemCode,
      indicatorCode: officialVerdicts.indicatorCode,
      status: officialVerdicts.status,
      note: officialVerdicts.note,
      asOf: officialImports.asOf,
      stage: officialImports.stage,
    })
    .from(officialVerdicts)
    .innerJoin(officialImports, eq(officialImports.id, officialVerdicts.importId))
    .where(eq(officialVerdicts.assessmentId, assessmentId));
}

export type VerdictRow = Awaited<ReturnType<typeof verdictsOf>>[number];

export async function valuesOf(db: Db, assessmentId: string) {
  return db
    .select({
      indicatorCode: officialValues.indicatorCode,
      stage: officialValues.stage,
      value: officialValues.value,
      asOf: officialImports.asOf,
    })
    .from(officialValues)
    .innerJoin(officialImports, eq(officialImports.id, officialValues.importId))
    .where(eq(officialValues.assessmentId, assessmentId));
}

export async function insertImport(db: Db, row: typeof officialImports.$inferInsert): Promise<string> {
  const [created] = await db.insert(officialImports).values(row).returning({ id: officialImports.id });
  if (!created) throw new Error("official import not stored");
  return created.id;
}

/** The portal's latest verdict per item replaces the one before. */
export async function saveVerdicts(db: Db, rows: (typeof officialVerdicts.$inferInsert)[]) {
  for (const row of rows)
    await db
      .insert(officialVerdicts)
      .values(row)
      .onConflictDoUpdate({
        target: [officialVerdicts.assessmentId, officialVerdicts.itemCode],
        set: { status: row.status, note: row.note, importId: row.importId, indicatorCode: row.indicatorCode },
      });
}

/** One value per indicator (or the index) and stage: the latest import's. */
export async function saveValues(db: Db, rows: (typeof officialValues.$inferInsert)[]) {
  for (const row of rows)
    await db
      .insert(officialValues)
      .values(row)
      .onConflictDoUpdate({
        target: [officialValues.assessmentId, officialValues.indicatorCode, officialValues.stage],
        set: { value: row.value, importId: row.importId },
      });
}
