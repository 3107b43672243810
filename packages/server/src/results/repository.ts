import type { ResultRow } from "@matang/core";
import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, rows } from "../db/client.js";
import { organizationNames, organizations, publishedResults, resultYears } from "../db/schema.js";

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

/** Years an administrator published, newest first, with how many bodies each has. */
export async function publishedYears(db: Db): Promise<{ year: number; count: number }[]> {
  return rows<{ year: number; count: number }>(
    db,
    sql`select r.year, count(*)::int as count from ${publishedResults} r
      join ${resultYears} y on y.year = r.year and y.published_at is not null
      group by r.year order by r.year desc`,
  );
}

/** Every year with results, drafts included (for administrators), newest first. */
export async function allResultYears(
  db: Db,
): Promise<{ year: number; count: number; publishedAt: Date | null }[]> {
  const found = await rows<{ year: number; count: number; publishedAt: string | Date | null }>(
    db,
    sql`select r.year, count(*)::int as count, y.published_at as "publishedAt" from ${publishedResults} r
      left join ${resultYears} y on y.year = r.year
      group by r.year, y.published_at order by r.year desc`,
  );
  return found.map((r) => ({ ...r, publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt) }));
}

/** Record the years an import touches: new years start as drafts, unless published at once. */
export async function recordYears(
  db: Db,
  years: readonly number[],
  publish: { readonly by: string | null } | null,
) {
  if (years.length === 0) return;
  const publishedAt = publish ? new Date() : null;
  const publishedBy = publish?.by ?? null;
  await db
    .insert(resultYears)
    .values(years.map((year) => ({ year, publishedAt, publishedBy })))
    .onConflictDoNothing();
  if (publishedAt)
    await db
      .update(resultYears)
      .set({ publishedAt, publishedBy })
      .where(and(inArray(resultYears.year, [...years]), isNull(resultYears.publishedAt)));
}

/** Publish a draft year; the year as it now stands, or undefined when it has no results. */
export async function publishYear(db: Db, year: number, userId: string | null) {
  const [counted] = await rows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${publishedResults} where year = ${year}`,
  );
  if (!counted?.count) return undefined;
  await recordYears(db, [year], { by: userId });
  const [row] = await db.select().from(resultYears).where(eq(resultYears.year, year));
  return { year, count: counted.count, publishedAt: row?.publishedAt ?? null };
}

/** The published years an organization has results for. */
export async function yearsOf(db: Db, organizationId: string): Promise<number[]> {
  const found = await db
    .select({ year: publishedResults.year })
    .from(publishedResults)
    .innerJoin(resultYears, eq(resultYears.year, publishedResults.year))
    .where(and(eq(publishedResults.organizationId, organizationId), isNotNull(resultYears.publishedAt)))
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
