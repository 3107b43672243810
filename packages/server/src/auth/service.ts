import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Principal, Role } from "../policy/policy.js";
import type { PrincipalCache } from "./cache.js";
import * as repo from "./repository.js";

export interface AuthSettings {
  /** How long a session lives without being used. */
  readonly sessionHours: number;
  /** Failed logins in a row before the account is locked for `lockoutMinutes`. */
  readonly maxFailedLogins: number;
  readonly lockoutMinutes: number;
  /** Login (and password change) attempts per minute from one address, on each instance. */
  readonly loginsPerMinute: number;
}

export const DEFAULT_AUTH: AuthSettings = {
  sessionHours: 12,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  loginsPerMinute: 20,
};

// Algorithm.Argon2id; a const enum, which isolated modules cannot import by name.
const ARGON2 = { algorithm: 2 } as const;
// Verified against when the e-mail is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

export const hashPassword = (password: string) => hash(password, ARGON2);

export class AuthError extends Error {
  constructor(
    readonly code: "invalid_credentials" | "account_locked",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

export class PasswordPolicyError extends Error {}

export function checkPasswordPolicy(password: string): void {
  if (password.length < 10) throw new PasswordPolicyError("the password needs at least 10 characters");
  if (password.length > 256) throw new PasswordPolicyError("the password may have at most 256 characters");
}

/** A secret for a cookie or a bearer token, and the hash stored in its place. */
function newSecret(): { secret: string; id: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, id: digest(secret) };
}

export const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");

export interface LoginRequest {
  readonly email: string;
  readonly password: string;
  readonly address: string | null;
  readonly userAgent: string | null;
  /** The session the browser still holds, if any: replaced, never reused (no fixation). */
  readonly previousSession?: string | null;
  readonly requestId?: string | null;
}

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly userId: string;
}

export async function login(
  db: Db,
  request: LoginRequest,
  settings = DEFAULT_AUTH,
  now = new Date(),
): Promise<LoginResult> {
  const user = await repo.findUserByEmail(db, request.email.trim());
  if (!user?.active) {
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
    await verify(await dummyHash, request.password).catch(() => false);
    throw new AuthError("invalid_credentials", "E-mail or password is wrong");
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AuthError(
      "account_locked",
      "Too many failed logins; the account is locked for a while",
      seconds,
    );
  }
  const ok = await verify(user.passwordHash, request.password).catch(() => false);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lock =
      failures >= settings.maxFailedLogins
        ? new Date(now.getTime() + settings.lockoutMinutes * 60_000)
        : null;
    await repo.recordFailedLogin(db, user.id, lock);
    await appendAudit(db, {
      actorId: user.id,
      actorLabel: user.email,
      action: lock ? "auth.locked" : "auth.login_failed",
      entityType: "user",
      entityId: user.id,
      requestId: request.requestId ?? null,
      address: request.address,
    });
    throw new AuthError("invalid_credentials", "E-mail or password is wrong");
  }
  const { secret, id } = newSecret();
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000);
  await inTransaction(db, async (t) => {
    if (request.previousSession) await repo.deleteSession(t, digest(request.previousSession));
    if (user.failedLogins > 0 || user.lockedUntil) await repo.clearFailedLogins(t, user.id);
    await repo.insertSession(t, {
      id,
      userId: user.id,
      csrfToken,
      expiresAt,
      address: request.address,
      userAgent: request.userAgent?.slice(0, 500) ?? null,
    });
    await appendAudit(t, {
      actorId: user.id,
      actorLabel: user.email,
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      requestId: request.requestId ?? null,
      address: request.address,
    });
  });
  return { sessionToken: secret, csrfToken, expiresAt, userId: user.id };
}

export interface Authenticated {
  readonly principal: Principal;
  readonly via: "session" | "token";
  /** For cookie sessions: the value unsafe requests must echo in `x-csrf-token`. */
  readonly csrfToken: string | null;
  readonly sessionId: string | null;
}

async function principalOf(db: Db, userId: string): Promise<Principal | null> {
  const user = await repo.findUserById(db, userId);
  if (!user?.active) return null;
  return { userId: user.id, label: user.email, grants: await repo.grantsOf(db, user.id) };
}

/** Recently resolved sessions and tokens (see auth/cache.ts). */
export type AuthCache = PrincipalCache<Authenticated>;

export async function authenticateSession(
  db: Db,
  token: string,
  now = new Date(),
  cache?: AuthCache,
): Promise<Authenticated | null> {
  const id = digest(token);
  const cached = cache?.get(`s:${id}`, now.getTime());
  if (cached) return cached;
  const mark = cache?.mark() ?? 0;
  const session = await repo.findLiveSessionWithGrants(db, id, now);
  if (!session?.active) return null;
  const principal: Principal = {
    userId: session.userId,
    label: session.email,
    grants: session.grants.map((g) => ({
      role: g.role as Role,
      organizationId: g.organizationId,
      organizationPath: g.path,
    })),
  };
  const auth: Authenticated = {
    principal,
    via: "session",
    csrfToken: session.csrfToken,
    sessionId: session.id,
  };
  cache?.set(`s:${id}`, auth, mark, new Date(session.expiresAt).getTime(), now.getTime());
  return auth;
}

export async function authenticateToken(
  db: Db,
  token: string,
  now = new Date(),
  cache?: AuthCache,
): Promise<Authenticated | null> {
  const hash = digest(token);
  const cached = cache?.get(`t:${hash}`, now.getTime());
  if (cached) return cached;
  const mark = cache?.mark() ?? 0;
  const row = await repo.findLiveApiToken(db, hash, now);
  if (!row) return null;
  const principal = await principalOf(db, row.userId);
  if (!principal) return null;
  const auth: Authenticated = { principal, via: "token", csrfToken: null, sessionId: null };
  cache?.set(`t:${hash}`, auth, mark, row.expiresAt?.getTime() ?? null, now.getTime());
  return auth;
}

export async function logout(
  db: Db,
  auth: Authenticated,
  requestId: string | null,
  everywhere = false,
): Promise<void> {
  await inTransaction(db, async (t) => {
    if (everywhere) await repo.deleteSessionsOf(t, auth.principal.userId);
    else if (auth.sessionId) await repo.deleteSession(t, auth.sessionId);
    await appendAudit(t, {
      actorId: auth.principal.userId,
      actorLabel: auth.principal.label,
      action: everywhere ? "auth.logout_everywhere" : "auth.logout",
      entityType: "user",
      entityId: auth.principal.userId,
      requestId,
    });
  });
}

/** Create an API token for the principal; the plain token is returned once and never stored. */
export async function createApiToken(db: Db, principal: Principal, name: string, expiresAt: Date | null) {
  const { secret, id } = newSecret();
  const row = await inTransaction(db, async (t) => {
    const created = await repo.insertApiToken(t, {
      userId: principal.userId,
      name,
      tokenHash: id,
      expiresAt,
    });
    await appendAudit(t, {
      actorId: principal.userId,
      actorLabel: principal.label,
      action: "auth.token_created",
      entityType: "api_token",
      entityId: created.id,
      after: { name, expiresAt },
    });
    return created;
  });
  return { id: row.id, token: `mtg_${secret}` };
}

export const tokenSecret = (bearer: string) => (bearer.startsWith("mtg_") ? bearer.slice(4) : bearer);

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly grants: readonly { role: Role; organizationId: string | null }[];
}

/** Create a user with its grants (used by administrators and by first start). */
export async function createUser(db: Db, actor: { id: string | null; label: string }, user: NewUser) {
  checkPasswordPolicy(user.password);
  const passwordHash = await hashPassword(user.password);
  return inTransaction(db, async (t) => {
    const row = await repo.insertUser(t, { email: user.email.trim(), name: user.name, passwordHash });
    for (const g of user.grants)
      await repo.insertGrant(t, { userId: row.id, role: g.role, organizationId: g.organizationId });
    await appendAudit(t, {
      actorId: actor.id,
      actorLabel: actor.label,
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      after: { email: row.email, name: row.name, grants: user.grants },
    });
    return row;
  });
}

export async function resetPassword(
  db: Db,
  actor: { id: string | null; label: string },
  email: string,
  password: string,
) {
  checkPasswordPolicy(password);
  const user = await repo.findUserByEmail(db, email);
  if (!user) return null;
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (t) => {
    await repo.setPassword(t, user.id, passwordHash);
    await repo.deleteSessionsOf(t, user.id);
    await appendAudit(t, {
      actorId: actor.id,
      actorLabel: actor.label,
      action: "user.reset_password",
      entityType: "user",
      entityId: user.id,
    });
  });
  return user;
}

/** A user changes their own password; their other sessions end, this one stays. */
export async function changePassword(
  db: Db,
  auth: Authenticated,
  current: string,
  next: string,
  requestId: string | null,
) {
  const user = await repo.findUserById(db, auth.principal.userId);
  if (!user || !(await verify(user.passwordHash, current).catch(() => false))) {
    throw new AuthError("invalid_credentials", "The current password is wrong");
  }
  checkPasswordPolicy(next);
  const passwordHash = await hashPassword(next);
  await inTransaction(db, async (t) => {
    await repo.setPassword(t, user.id, passwordHash);
    await repo.deleteOtherSessions(t, user.id, auth.sessionId);
    await appendAudit(t, {
      actorId: user.id,
      actorLabel: user.email,
      action: "user.change_password",
      entityType: "user",
      entityId: user.id,
      requestId,
    });
  });
}
