import type { ResultRow } from "@matang/core";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, rows } from "../db/client.js";
import { organizationNames, organizations, publishedResults } from "../db/schema.js";

/** Current display names of organizations. */
export async function currentNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
  return new Map(found.map((r) => [r.id, r.name]));
}

export interface StoredResult {
  readonly index: string;
  readonly predicate: string;
  readonly domains: unknown;
}

/** Results already stored for these years, keyed "organizationId|year". */
export async function resultsByOrganization(
  db: Db,
  years: readonly number[],
): Promise<Map<string, StoredResult>> {
  if (years.length === 0) return new Map();
  const found = await db
    .select({
      organizationId: publishedResults.organizationId,
      year: publishedResults.year,
      index: publishedResults.index,
      predicate: publishedResults.predicate,
      domains: publishedResults.domains,
    })
    .from(publishedResults)
    .where(inArray(publishedResults.year, [...years]));
  return new Map(found.map((r) => [`${r.organizationId}|${r.year}`, r]));
}

export async function storeResult(db: Db, organizationId: string, row: ResultRow, source: string) {
  await db
    .insert(publishedResults)
    .values({
      organizationId,
      year: row.year,
      index: row.index,
      predicate: row.predicate,
      domains: row.domains,
      nameAsPublished: row.name,
      source,
    })
    .onConflictDoUpdate({
      target: [publishedResults.organizationId, publishedResults.year],
      set: {
        index: row.index,
        predicate: row.predicate,
        domains: row.domains,
        nameAsPublished: row.name,
        source,
        createdAt: sql`now()`,
      },
    });
}

export interface YearRow {
  readonly organizationId: string;
  readonly name: string;
  readonly nameAsPublished: string;
  readonly kind: string;
  readonly provinceId: string | null;
  readonly province: string | null;
  readonly index: string;
  readonly predicate: string;
  readonly domains: Record<string, string>;
  readonly source: string;
}

const parent = alias(organizations, "parent");

/**
 * Every published result of the given years, with the body's current name, type and — for a
 * kabupaten/kota — its province.
 */
export async function resultsOfYears(
  db: Db,
  years: readonly number[],
): Promise<(YearRow & { year: number })[]> {
  if (years.length === 0) return [];
  const found = await db
    .select({
      year: publishedResults.year,
      organizationId: publishedResults.organizationId,
      name: organizations.name,
      nameAsPublished: publishedResults.nameAsPublished,
      kind: organizations.kind,
      parentId: organizations.parentId,
      parentKind: parent.kind,
      parentName: parent.name,
      index: publishedResults.index,
      predicate: publishedResults.predicate,
      domains: publishedResults.domains,
      source: publishedResults.source,
    })
    .from(publishedResults)
    .innerJoin(organizations, eq(organizations.id, publishedResults.organizationId))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(inArray(publishedResults.year, [...years]))
    .orderBy(asc(organizations.name));
  return found.map(({ parentId, parentKind, parentName, domains, ...r }) => {
    const inProvince = (r.kind === "kabupaten" || r.kind === "kota") && parentKind === "provinsi";
    return {
      ...r,
      domains: domains as Record<string, string>,
      provinceId: inProvince ? parentId : null,
      province: inProvince ? (parentName ?? null) : null,
    };
  });
}

/** Years with published results, newest first, with how many bodies each has. */
export async function publishedYears(db: Db): Promise<{ year: number; count: number }[]> {
  return rows<{ year: number; count: number }>(
    db,
    sql`select year, count(*)::int as count from ${publishedResults} group by year order by year desc`,
  );
}

/** The years an organization has published results for. */
export async function yearsOf(db: Db, organizationId: string): Promise<number[]> {
  const found = await db
    .select({ year: publishedResults.year })
    .from(publishedResults)
    .where(and(eq(publishedResults.organizationId, organizationId)))
    .orderBy(asc(publishedResults.year));
  return found.map((r) => r.year);
}

/** Remove a body's result of a year and the name its import added; the removed row, if any. */
export async function removeResult(db: Db, organizationId: string, year: number) {
  const [row] = await db
    .delete(publishedResults)
    .where(and(eq(publishedResults.organizationId, organizationId), eq(publishedResults.year, year)))
    .returning();
  if (!row) return undefined;
  await db
    .delete(organizationNames)
    .where(
      and(
        eq(organizationNames.organizationId, organizationId),
        eq(organizationNames.name, row.nameAsPublished),
        eq(organizationNames.fromYear, year),
        eq(organizationNames.source, row.source),
      ),
    );
  return row;
}
