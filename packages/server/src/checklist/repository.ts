import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { checklistItems, organizations } from "../db/schema.js";

export type ChecklistRow = typeof checklistItems.$inferSelect;
export type NewChecklistRow = typeof checklistItems.$inferInsert;

const unit = alias(organizations, "owner_unit");

const withOwner = {
  item: checklistItems,
  ownerUnitName: unit.name,
  ownerUnitPath: unit.path,
};

export type ChecklistWithOwner = {
  item: ChecklistRow;
  ownerUnitName: string | null;
  ownerUnitPath: string | null;
};

/** Items not yet verified: the ones a rebuild refreshes instead of adding again. */
export async function openItemsOf(db: Db, organizationId: string, frameworkId: string) {
  return db
    .select()
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.organizationId, organizationId),
        eq(checklistItems.frameworkId, frameworkId),
        ne(checklistItems.status, "verified"),
      ),
    );
}

export async function insertItems(db: Db, rows: readonly NewChecklistRow[]): Promise<ChecklistRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(checklistItems)
    .values([...rows])
    .returning();
}

/** A rebuild found the shortcoming again: newer wording, seen in this assessment. */
export async function refreshItem(
  db: Db,
  id: string,
  values: Pick<ChecklistRow, "title" | "detail" | "source" | "lastAssessmentId" | "lastYear">,
) {
  await db
    .update(checklistItems)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(checklistItems.id, id));
}

/** An instansi's items on one framework, with the owner unit, by indicator order of creation. */
export async function itemsOf(
  db: Db,
  organizationId: string,
  frameworkId: string,
): Promise<ChecklistWithOwner[]> {
  return db
    .select(withOwner)
    .from(checklistItems)
    .leftJoin(unit, eq(unit.id, checklistItems.ownerUnitId))
    .where(
      and(eq(checklistItems.organizationId, organizationId), eq(checklistItems.frameworkId, frameworkId)),
    )
    .orderBy(asc(checklistItems.createdAt), asc(checklistItems.key));
}

export async function findItem(db: Db, id: string): Promise<ChecklistWithOwner | undefined> {
  const [row] = await db
    .select(withOwner)
    .from(checklistItems)
    .leftJoin(unit, eq(unit.id, checklistItems.ownerUnitId))
    .where(eq(checklistItems.id, id));
  return row;
}

/** Items owned by units at or below these paths, not yet verified (an operator's home page). */
export async function itemsOwnedUnder(db: Db, paths: readonly string[]): Promise<ChecklistWithOwner[]> {
  if (paths.length === 0) return [];
  const under = sql.join(
    paths.map((p) => sql`${unit.path} like ${`${p.replace(/[\\%_]/g, "\\$&")}%`}`),
    sql` or `,
  );
  return db
    .select(withOwner)
    .from(checklistItems)
    .innerJoin(unit, eq(unit.id, checklistItems.ownerUnitId))
    .where(and(ne(checklistItems.status, "verified"), sql`(${under})`))
    .orderBy(asc(checklistItems.dueDate), asc(checklistItems.createdAt))
    .limit(500);
}

export interface ItemPatch {
  readonly status?: string;
  readonly ownerUnitId?: string | null;
  readonly dueDate?: string | null;
  readonly note?: string;
  readonly verifiedBy?: string | null;
  readonly verifiedAt?: Date | null;
}

/** Update at the expected version; undefined when someone changed it meanwhile. */
export async function updateItem(
  db: Db,
  id: string,
  version: number,
  patch: ItemPatch,
): Promise<ChecklistRow | undefined> {
  const [row] = await db
    .update(checklistItems)
    .set({ ...patch, version: sql`${checklistItems.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(checklistItems.id, id), eq(checklistItems.version, version)))
    .returning();
  return row;
}

/** Names and paths of units, for owners being set. */
export async function unitsById(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      path: organizations.path,
      kind: organizations.kind,
    })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

/** Keys of items (any status) this assessment already produced: verified ones stay verified. */
export async function keysFrom(db: Db, assessmentId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: checklistItems.key })
    .from(checklistItems)
    .where(eq(checklistItems.lastAssessmentId, assessmentId));
  return new Set(rows.map((r) => r.key));
}
