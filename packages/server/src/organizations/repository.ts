import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
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
