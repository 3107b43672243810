import { and, asc, eq, ilike, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  apiTokens,
  cycleAssessors,
  invitations,
  organizations,
  roleGrants,
  sessions,
  users,
} from "../db/schema.js";

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
      // A unit's government: many cities have a "Dinas Komunikasi dan Informatika".
      organizationParentName: sql<
        string | null
      >`case when ${organizations.kind} = 'unit' then (select p.name from ${organizations} p where p.id = ${organizations.parentId}) end`,
      organizationPath: organizations.path,
      organizationKind: organizations.kind,
      endsOn: roleGrants.endsOn,
    })
    .from(roleGrants)
    .leftJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(inArray(roleGrants.userId, [...userIds]))
    .orderBy(asc(roleGrants.createdAt));
}

/** Everything a leaving person holds that a successor takes over: grants and assessor assignments. */
export async function heldBy(db: Db, userId: string) {
  const grants = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      organizationId: roleGrants.organizationId,
      endsOn: roleGrants.endsOn,
      path: organizations.path,
      kind: organizations.kind,
    })
    .from(roleGrants)
    .leftJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(eq(roleGrants.userId, userId));
  const assessors = await db.select().from(cycleAssessors).where(eq(cycleAssessors.userId, userId));
  return { grants, assessors };
}

/** Move a leaver's grants and assessor assignments to a successor (what the successor holds already stays once). */
export async function handOver(db: Db, from: string, to: string) {
  const held = await heldBy(db, from);
  const theirs = await heldBy(db, to);
  let grants = 0;
  for (const g of held.grants) {
    const dup = theirs.grants.some((x) => x.role === g.role && x.organizationId === g.organizationId);
    if (!dup) {
      await db
        .insert(roleGrants)
        .values({ userId: to, role: g.role, organizationId: g.organizationId, endsOn: g.endsOn });
      grants++;
    }
    await db.delete(roleGrants).where(eq(roleGrants.id, g.id));
  }
  let assessors = 0;
  for (const a of held.assessors) {
    const dup = theirs.assessors.some(
      (x) => x.cycleId === a.cycleId && x.organizationId === a.organizationId,
    );
    if (dup) await db.delete(cycleAssessors).where(eq(cycleAssessors.id, a.id));
    else {
      await db.update(cycleAssessors).set({ userId: to }).where(eq(cycleAssessors.id, a.id));
      assessors++;
    }
  }
  return { grants, assessors, held };
}

/** A person who left: no login, no sessions, no API tokens. */
export async function deactivate(db: Db, userId: string) {
  await db
    .update(users)
    .set({ active: false, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
  await db.delete(sessions).where(eq(sessions.userId, userId));
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** A one-time invitation link: only the hash of its token is stored. */
export async function insertInvitation(
  db: Db,
  values: { userId: string; tokenHash: string; expiresAt: Date; createdBy: string | null },
) {
  await db.insert(invitations).values(values);
}

export async function findInvitation(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      userId: invitations.userId,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      email: users.email,
      name: users.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row;
}

/** Use an invitation once; false when it was used meanwhile. */
export async function useInvitation(db: Db, id: string, now: Date): Promise<boolean> {
  const used = await db
    .update(invitations)
    .set({ usedAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt)))
    .returning({ id: invitations.id });
  return used.length > 0;
}

export async function findGrant(db: Db, userId: string, grantId: string) {
  const [row] = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      organizationId: roleGrants.organizationId,
      path: organizations.path,
      kind: organizations.kind,
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
