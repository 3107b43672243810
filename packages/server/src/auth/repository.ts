import { todayWib } from "@matang/core";
import { and, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client.js";
import { apiTokens, loginFailures, organizations, roleGrants, sessions, users } from "../db/schema.js";
import type { Grant, Role } from "../policy/policy.js";

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; passwordHash: string },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}

/** The login failures counted against an e-mail from one address, and from everywhere ("*"). */
export async function loginFailuresOf(db: Db, email: string, address: string) {
  return db
    .select()
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), inArray(loginFailures.address, [address, "*"])));
}

/**
 * Count one failure for (email, address); a count whose last failure is older than `window`
 * starts again. At `max` failures the pair is locked until `lockUntil`. Returns the new row.
 */
export async function recordLoginFailure(
  db: Db,
  key: { email: string; address: string },
  now: Date,
  window: Date,
  max: number,
  lockUntil: Date,
) {
  const [row] = await rows<{ failures: number; lockedUntil: string | Date | null }>(
    db,
    sql`insert into login_failures (email, address, failures, locked_until, updated_at)
        values (${key.email}, ${key.address}, 1, ${max <= 1 ? lockUntil.toISOString() : null}::timestamptz, ${now.toISOString()}::timestamptz)
        on conflict (email, address) do update set
          failures = case when login_failures.updated_at < ${window.toISOString()}::timestamptz then 1
                          else login_failures.failures + 1 end,
          locked_until = case when (case when login_failures.updated_at < ${window.toISOString()}::timestamptz then 1
                                        else login_failures.failures + 1 end) >= ${max}
                              then ${lockUntil.toISOString()}::timestamptz else login_failures.locked_until end,
          updated_at = excluded.updated_at
        returning failures, locked_until as "lockedUntil"`,
  );
  return row;
}

/** Forget failures of an e-mail: from one address (a successful login), or all (an unlock). */
export async function clearLoginFailures(db: Db, email: string, address?: string): Promise<number> {
  const gone = await db
    .delete(loginFailures)
    .where(
      address
        ? and(eq(loginFailures.email, email), eq(loginFailures.address, address))
        : eq(loginFailures.email, email),
    )
    .returning({ address: loginFailures.address });
  return gone.length;
}

export async function insertGrant(
  db: Db,
  grant: { userId: string; role: Role; organizationId: string | null; endsOn?: string | null },
): Promise<void> {
  await db.insert(roleGrants).values(grant);
}

/** A grant holds until the end of its last day (WIB); `today` is a WIB calendar day. */
const holds = (today: string) => or(isNull(roleGrants.endsOn), gte(roleGrants.endsOn, today));

export async function grantsOf(db: Db, userId: string, today = todayWib()): Promise<Grant[]> {
  const rows = await db
    .select({ role: roleGrants.role, organizationId: roleGrants.organizationId, path: organizations.path })
    .from(roleGrants)
    .leftJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(and(eq(roleGrants.userId, userId), holds(today)));
  return rows.map((r) => ({
    role: r.role as Role,
    organizationId: r.organizationId,
    organizationPath: r.path,
  }));
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "admin"), isNull(roleGrants.organizationId)));
  return row?.n ?? 0;
}

export async function insertSession(
  db: Db,
  session: {
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    address: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function findLiveSession(db: Db, id: string, now: Date) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  return row;
}

export interface LiveSession {
  readonly id: string;
  readonly csrfToken: string;
  /** As the driver gives it: a Date (node-postgres) or a string (PGlite, inside JSON). */
  readonly expiresAt: Date | string;
  readonly userId: string;
  readonly email: string;
  readonly active: boolean;
  readonly grants: readonly {
    role: string;
    organizationId: string | null;
    path: string | null;
    endsOn: string | null;
  }[];
}

/** A live session with its user and the user's grants, in one round trip (every request asks). */
export async function findLiveSessionWithGrants(
  db: Db,
  id: string,
  now: Date,
): Promise<LiveSession | undefined> {
  const [row] = await rows<LiveSession>(
    db,
    sql`select s.id, s.csrf_token as "csrfToken", s.expires_at as "expiresAt", u.id as "userId", u.email, u.active,
          coalesce((select json_agg(json_build_object('role', g.role, 'organizationId', g.organization_id,
                      'path', o.path, 'endsOn', g.ends_on))
                    from role_grants g left join organizations o on o.id = g.organization_id
                    where g.user_id = u.id and (g.ends_on is null or g.ends_on >= ${todayWib(now)}::date)), '[]'::json) as grants
        from sessions s join users u on u.id = s.user_id
        where s.id = ${id} and s.expires_at > ${now.toISOString()}::timestamptz`,
  );
  return row;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** End every session of a user; returns how many there were. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return gone.length;
}

export async function insertApiToken(
  db: Db,
  token: { userId: string; name: string; tokenHash: string; expiresAt: Date },
) {
  const [row] = await db.insert(apiTokens).values(token).returning({ id: apiTokens.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findLiveApiToken(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}

export async function deleteOtherSessions(db: Db, userId: string, keep: string | null): Promise<void> {
  await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
}

/** A user's tokens, newest first, without their hashes. */
export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revoke one live token of a user; false when there is no such live token. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  return rows[0];
}

/** Revoke every token of a user that is still live; returns how many. */
export async function revokeApiTokensOf(db: Db, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length;
}

/**
 * Note a token's use. At most every few minutes: each write tells every instance to forget the
 * token (see the cache triggers), so writing on every request would defeat the cache.
 */
export async function touchApiToken(db: Db, id: string, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - 5 * 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
}
