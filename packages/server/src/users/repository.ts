import { and, asc, eq, ilike, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { organizations, roleGrants, users } from "../db/schema.js";

export interface UserQuery {
  /** "all", or the subtrees a user must hold a grant in to be listed. */
  readonly scope: "all" | readonly string[];
  readonly search?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Locked out from some address (or everywhere) by failed logins right now. */
// Spelled out: inside the subquery drizzle's bare "email" would mean login_failures.email.
const lockedNow = sql<boolean>`exists (select 1 from login_failures f
  where f.email = lower("users"."email") and f.locked_until > now())`;

export async function isLocked(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ locked: lockedNow }).from(users).where(eq(users.id, userId));
  return row?.locked ?? false;
}

export async function listUsers(db: Db, query: UserQuery) {
  if (query.scope !== "all" && query.scope.length === 0) return { items: [], total: 0 };
  const conditions = [];
  if (query.scope !== "all") {
    const paths = query.scope.map((p) => like(organizations.path, `${p}%`));
    conditions.push(
      inArray(
        users.id,
        db
          .select({ id: roleGrants.userId })
          .from(roleGrants)
          .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
          .where(or(...paths)),
      ),
    );
  }
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern)));
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      active: users.active,
      version: users.version,
      locked: lockedNow,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.email))
    .limit(query.limit)
    .offset(query.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  return { items: rows, total: count?.n ?? 0 };
}

export async function grantsWithNames(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      organizationId: roleGrants.organizationId,
      organizationName: organizations.name,
      organizationPath: organizations.path,
    })
    .from(roleGrants)
    .leftJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(inArray(roleGrants.userId, [...userIds]))
    .orderBy(asc(roleGrants.createdAt));
}

export async function findGrant(db: Db, userId: string, grantId: string) {
  const [row] = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      organizationId: roleGrants.organizationId,
      path: organizations.path,
    })
    .from(roleGrants)
    .leftJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
  return row;
}

export async function deleteGrant(db: Db, grantId: string): Promise<void> {
  await db.delete(roleGrants).where(eq(roleGrants.id, grantId));
}

export async function hasGrant(db: Db, userId: string, role: string, organizationId: string | null) {
  const [row] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, userId),
        eq(roleGrants.role, role),
        organizationId ? eq(roleGrants.organizationId, organizationId) : isNull(roleGrants.organizationId),
      ),
    );
  return Boolean(row);
}
