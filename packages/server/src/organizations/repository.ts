import { randomUUID } from "node:crypto";
import { INSTANSI_KINDS } from "@matang/core";
import { and, asc, desc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { organizationNames, organizations } from "../db/schema.js";

export interface OrganizationRow {
  readonly id: string;
  readonly kind: string;
  readonly parentId: string | null;
  readonly path: string;
  readonly name: string;
}

export interface NamedOrganization {
  readonly id: string;
  readonly kind: string;
  readonly parentId: string | null;
  readonly normalizedName: string;
}

/** Every (organization, known name) pair for the given kinds: what imports match against. */
export async function listKnownNames(db: Db, kinds: readonly string[]): Promise<NamedOrganization[]> {
  return db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      parentId: organizations.parentId,
      normalizedName: organizationNames.normalizedName,
    })
    .from(organizationNames)
    .innerJoin(organizations, eq(organizations.id, organizationNames.organizationId))
    .where(inArray(organizations.kind, [...kinds]));
}

export interface NewOrganization {
  readonly kind: string;
  readonly name: string;
  readonly normalizedName: string;
  readonly category: string | null;
  readonly parent: { readonly id: string; readonly path: string } | null;
}

export async function insertOrganization(db: Db, org: NewOrganization): Promise<OrganizationRow> {
  const id = randomUUID();
  const path = `${org.parent?.path ?? "/"}${id}/`;
  const [row] = await db
    .insert(organizations)
    .values({
      id,
      kind: org.kind,
      category: org.category,
      parentId: org.parent?.id ?? null,
      path,
      name: org.name,
      normalizedName: org.normalizedName,
    })
    .returning({
      id: organizations.id,
      kind: organizations.kind,
      parentId: organizations.parentId,
      path: organizations.path,
      name: organizations.name,
    });
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Record a name an organization is known by (idempotent). */
export async function addName(
  db: Db,
  organizationId: string,
  name: string,
  normalizedName: string,
  source: string,
  fromYear: number | null,
): Promise<void> {
  await db
    .insert(organizationNames)
    .values({ organizationId, name, normalizedName, source, fromYear })
    .onConflictDoNothing();
}

export async function findById(db: Db, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      parentId: organizations.parentId,
      path: organizations.path,
      name: organizations.name,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row;
}

export interface ListFilter {
  /** "all", or the subtrees (path prefixes) the caller may see. */
  readonly scope: "all" | readonly string[];
  readonly kinds?: readonly string[];
  /** Normalised search text (letters, digits, spaces only). */
  readonly search?: string;
  /** Only this subtree (e.g. a province and its kabupaten/kota). */
  readonly within?: string;
  readonly parentId?: string;
  readonly limit: number;
  readonly offset: number;
}

/** The outer row's id, qualified: inside a subquery Drizzle's bare `"id"` would mean the inner row. */
const outerId = sql`${organizations}.${sql.identifier("id")}`;
// Qualified: inside a subquery on the same table an unqualified column would be the inner one.
const outerParent = sql`${organizations}.${sql.identifier("parent_id")}`;

const listColumns = {
  id: organizations.id,
  kind: organizations.kind,
  category: organizations.category,
  name: organizations.name,
  parentId: organizations.parentId,
  path: organizations.path,
  allowSelfAcceptance: organizations.allowSelfAcceptance,
  version: organizations.version,
};

export async function listOrganizations(db: Db, filter: ListFilter) {
  if (filter.scope !== "all" && filter.scope.length === 0) return { items: [], total: 0 };
  const conditions = [];
  if (filter.scope !== "all")
    conditions.push(or(...filter.scope.map((p) => like(organizations.path, `${p}%`))));
  if (filter.kinds?.length) conditions.push(inArray(organizations.kind, [...filter.kinds]));
  if (filter.within) conditions.push(like(organizations.path, `${filter.within}%`));
  if (filter.parentId) conditions.push(eq(organizations.parentId, filter.parentId));
  if (filter.search) {
    // Any name the organization has carried counts; normalised text has no LIKE wildcards.
    conditions.push(
      sql`exists (select 1 from ${organizationNames} n where n.organization_id = ${outerId} and n.normalized_name like ${`%${filter.search}%`})`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await db
    .select({
      ...listColumns,
      // How many organizations hang directly below: lets a list be browsed as a tree.
      children: sql<number>`(select count(*)::int from ${organizations} c where c.parent_id = ${outerId})`,
      // The government above, so two units of the same name in different places tell apart.
      parentName: sql<string | null>`(select p.name from ${organizations} p where p.id = ${outerParent})`,
    })
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(where);
  return { items, total: count?.n ?? 0 };
}

export async function getOrganization(db: Db, id: string) {
  const [row] = await db.select(listColumns).from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function namesOf(db: Db, id: string) {
  return db
    .select({
      name: organizationNames.name,
      fromYear: organizationNames.fromYear,
      source: organizationNames.source,
    })
    .from(organizationNames)
    .where(eq(organizationNames.organizationId, id))
    .orderBy(asc(organizationNames.id));
}

export async function countChildren(db: Db, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(eq(organizations.parentId, id));
  return row?.n ?? 0;
}

export async function findSibling(db: Db, kind: string, normalizedName: string, parentId: string | null) {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, kind),
        eq(organizations.normalizedName, normalizedName),
        parentId ? eq(organizations.parentId, parentId) : isNull(organizations.parentId),
      ),
    );
  return row;
}

/** Rename if the version still matches; returns false when someone else changed it first. */
export async function renameOrganization(
  db: Db,
  id: string,
  version: number,
  name: string,
  normalizedName: string,
) {
  const rows = await db
    .update(organizations)
    .set({ name, normalizedName, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning({ id: organizations.id });
  return rows.length === 1;
}

export async function setSettings(
  db: Db,
  id: string,
  version: number,
  settings: { allowSelfAcceptance: boolean },
) {
  const rows = await db
    .update(organizations)
    .set({ ...settings, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning({ id: organizations.id });
  return rows.length === 1;
}

/** Move a node and its whole subtree under a new parent, if the version still matches. */
export async function moveOrganization(
  db: Db,
  id: string,
  version: number,
  oldPath: string,
  parent: { id: string; path: string },
) {
  const newPath = `${parent.path}${id}/`;
  const rows = await db
    .update(organizations)
    .set({ parentId: parent.id, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning({ id: organizations.id });
  if (rows.length !== 1) return false;
  await db
    .update(organizations)
    .set({ path: sql`${newPath} || substr(${organizations.path}, ${oldPath.length + 1})` })
    .where(like(organizations.path, `${oldPath}%`));
  return true;
}

/**
 * The path of the instansi an organization belongs to: its own for an instansi, the nearest
 * instansi above it for a unit (the path lists every ancestor's id).
 */
export async function instansiPathOf(db: Db, row: { kind: string; path: string }): Promise<string> {
  return (await instansiPathsOf(db, [row])).get(row.path) ?? row.path;
}

/** instansiPathOf for many organizations in one query: path → its instansi's path. */
export async function instansiPathsOf(
  db: Db,
  rows: readonly { kind: string; path: string }[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const units = rows.filter((r) => !(INSTANSI_KINDS as readonly string[]).includes(r.kind));
  for (const r of rows) result.set(r.path, r.path);
  const ancestors = [...new Set(units.flatMap((r) => r.path.split("/").filter(Boolean)))];
  if (ancestors.length === 0) return result;
  const instansi = await db
    .select({ path: organizations.path })
    .from(organizations)
    .where(and(inArray(organizations.id, ancestors), inArray(organizations.kind, [...INSTANSI_KINDS])))
    .orderBy(desc(sql`length(${organizations.path})`));
  // The nearest instansi above a unit is the longest instansi path it starts with.
  for (const r of units) {
    const nearest = instansi.find((i) => r.path.startsWith(i.path));
    if (nearest) result.set(r.path, nearest.path);
  }
  return result;
}
