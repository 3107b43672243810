import { createHash, randomBytes } from "node:crypto";
import { endOfDayWib } from "@matang/core";
import { hash, verify } from "@node-rs/argon2";
import { type Actor, appendAudit, auditedBy } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { can, type Principal, type Role } from "../policy/policy.js";
import type { PrincipalCache } from "./cache.js";
import { checkPasswordPolicy } from "./password-policy.js";
import * as repo from "./repository.js";

export interface AuthSettings {
  /** How long a session lives without being used. */
  readonly sessionHours: number;
  /** Failed logins for one e-mail from one client address before that address is locked out of it. */
  readonly maxFailedLogins: number;
  /** Failed logins for one e-mail from all addresses together before it is locked for everyone. */
  readonly maxFailedLoginsAnywhere: number;
  /** How long a lock lasts; failures older than this are forgotten. */
  readonly lockoutMinutes: number;
  /** Login (and password change) attempts per minute from one address, on each instance. */
  readonly loginsPerMinute: number;
}

export const DEFAULT_AUTH: AuthSettings = {
  sessionHours: 12,
  maxFailedLogins: 5,
  maxFailedLoginsAnywhere: 50,
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
    readonly code: "invalid_credentials" | "account_locked" | "session_required",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

export { checkPasswordPolicy, PasswordPolicyError } from "./password-policy.js";

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

/** Failures count against the e-mail as typed: unknown and existing accounts behave the same. */
const loginKey = (email: string) => email.trim().toLowerCase();
/** The row that counts failures from every address together. */
const ANYWHERE = "*";

/**
 * Log in. Unknown e-mails, inactive accounts and wrong passwords get the same answer, in about
 * the same time, and are locked out the same way: after `maxFailedLogins` failures for one
 * e-mail from one address, that address is refused for `lockoutMinutes`; someone else logging in
 * from another address is not, until `maxFailedLoginsAnywhere` failures from everywhere.
 */
export async function login(
  db: Db,
  request: LoginRequest,
  settings = DEFAULT_AUTH,
  now = new Date(),
): Promise<LoginResult> {
  const email = loginKey(request.email);
  const address = request.address ?? "unknown";
  const locks = await repo.loginFailuresOf(db, email, address);
  const lockedUntil = Math.max(
    0,
    ...locks.map((l) => (l.lockedUntil && l.lockedUntil > now ? l.lockedUntil.getTime() : 0)),
  );
  if (lockedUntil > 0) {
    throw new AuthError(
      "account_locked",
      "Too many failed logins; try again later",
      Math.ceil((lockedUntil - now.getTime()) / 1000),
    );
  }
  const user = await repo.findUserByEmail(db, request.email.trim());
  let ok = false;
  if (user?.active) ok = await verify(user.passwordHash, request.password).catch(() => false);
  else {
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
    await verify(await dummyHash, request.password).catch(() => false);
  }
  if (!user || !ok) {
    const window = new Date(now.getTime() - settings.lockoutMinutes * 60_000);
    const lockUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
    await inTransaction(db, async (t) => {
      const here = await repo.recordLoginFailure(
        t,
        { email, address },
        now,
        window,
        settings.maxFailedLogins,
        lockUntil,
      );
      const anywhere = await repo.recordLoginFailure(
        t,
        { email, address: ANYWHERE },
        now,
        window,
        settings.maxFailedLoginsAnywhere,
        lockUntil,
      );
      const isLocked = [here, anywhere].some(
        (r) => r?.lockedUntil && new Date(r.lockedUntil).getTime() > now.getTime(),
      );
      // Only real accounts have a history to write to; the answer is the same either way.
      if (user)
        await appendAudit(t, {
          actorId: user.id,
          actorLabel: user.email,
          action: isLocked ? "auth.locked" : "auth.login_failed",
          entityType: "user",
          entityId: user.id,
          requestId: request.requestId ?? null,
          address: request.address,
          after: isLocked
            ? { address, failuresFromAddress: here?.failures, failures: anywhere?.failures }
            : null,
        });
    });
    // The attempt that reaches the limit is itself still answered as a wrong password.
    throw new AuthError("invalid_credentials", "E-mail or password is wrong");
  }
  const { secret, id } = newSecret();
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000);
  await inTransaction(db, async (t) => {
    if (request.previousSession) await repo.deleteSession(t, digest(request.previousSession));
    if (locks.length) await repo.clearLoginFailures(t, email, address);
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

/**
 * Lift every login lock on an e-mail (all addresses). For administrators, from the web app or
 * `matang admin unlock`; returns how many counters were cleared.
 */
export async function unlockAccount(
  db: Db,
  actor: Actor,
  email: string,
): Promise<{ user: repo.UserRow; cleared: number } | null> {
  const user = await repo.findUserByEmail(db, email.trim());
  if (!user) return null;
  const cleared = await inTransaction(db, async (t) => {
    const n = await repo.clearLoginFailures(t, loginKey(user.email));
    await appendAudit(t, {
      ...auditedBy(actor),
      action: "user.unlock",
      entityType: "user",
      entityId: user.id,
      after: { cleared: n },
    });
    return n;
  });
  return { user, cleared };
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
  // A grant ending today is gone tomorrow: the cached principal lasts no longer than it.
  const ends = session.grants.flatMap((g) => (g.endsOn ? [endOfDayWib(g.endsOn).getTime()] : []));
  const until = Math.min(new Date(session.expiresAt).getTime(), ...ends);
  cache?.set(`s:${id}`, auth, mark, until, now.getTime());
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
  await repo.touchApiToken(db, row.id, now);
  const auth: Authenticated = { principal, via: "token", csrfToken: null, sessionId: null };
  cache?.set(`t:${hash}`, auth, mark, row.expiresAt?.getTime() ?? null, now.getTime());
  return auth;
}

/**
 * End this session, or (everywhere) every session and every API token of the user: a stolen
 * session must not leave a token behind. Returns how many sessions and tokens ended.
 */
export async function logout(
  db: Db,
  auth: Authenticated,
  requestId: string | null,
  everywhere = false,
  now = new Date(),
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  return inTransaction(db, async (t) => {
    let sessionsEnded = 0;
    let tokensRevoked = 0;
    if (everywhere) {
      sessionsEnded = await repo.deleteSessionsOf(t, auth.principal.userId);
      tokensRevoked = await repo.revokeApiTokensOf(t, auth.principal.userId, now);
    } else if (auth.sessionId) {
      await repo.deleteSession(t, auth.sessionId);
      sessionsEnded = 1;
    }
    await appendAudit(t, {
      actorId: auth.principal.userId,
      actorLabel: auth.principal.label,
      action: everywhere ? "auth.logout_everywhere" : "auth.logout",
      entityType: "user",
      entityId: auth.principal.userId,
      requestId,
      after: everywhere ? { sessionsEnded, tokensRevoked } : null,
    });
    return { sessionsEnded, tokensRevoked };
  });
}

/** Token lifetimes: a default, and a ceiling nobody can exceed. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

/**
 * Passwords and tokens are managed from an interactive session only, so a leaked token cannot
 * lock its owner out or mint successors.
 */
export function requireSession(auth: Authenticated | null): asserts auth is Authenticated {
  if (!auth) throw new AuthError("invalid_credentials", "Log in first");
  if (auth.via !== "session")
    throw new AuthError("session_required", "This needs a logged-in session, not an API token");
}

/** Create an API token for the caller; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Db,
  auth: Authenticated,
  name: string,
  expiresInDays: number = TOKEN_DEFAULT_DAYS,
  request: { requestId: string | null; address: string | null } = { requestId: null, address: null },
  now = new Date(),
) {
  requireSession(auth);
  const days = Math.min(Math.max(1, Math.floor(expiresInDays)), TOKEN_MAX_DAYS);
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  const { principal } = auth;
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
      requestId: request.requestId,
      address: request.address,
    });
    return created;
  });
  return { id: row.id, name, expiresAt, token: `mtg_${secret}` };
}

export const tokenSecret = (bearer: string) => (bearer.startsWith("mtg_") ? bearer.slice(4) : bearer);

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly grants: readonly { role: Role; organizationId: string | null; endsOn?: string | null }[];
}

/** Create a user with its grants (used by administrators and by first start). */
export async function createUser(db: Db, actor: Actor, user: NewUser) {
  checkPasswordPolicy(user.password, { email: user.email, name: user.name });
  const passwordHash = await hashPassword(user.password);
  return inTransaction(db, async (t) => {
    const row = await repo.insertUser(t, { email: user.email.trim(), name: user.name, passwordHash });
    for (const g of user.grants)
      await repo.insertGrant(t, {
        userId: row.id,
        role: g.role,
        organizationId: g.organizationId,
        endsOn: g.endsOn ?? null,
      });
    await appendAudit(t, {
      ...auditedBy(actor),
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      after: { email: row.email, name: row.name, grants: user.grants },
    });
    return row;
  });
}

export async function resetPassword(db: Db, actor: Actor, email: string, password: string) {
  const user = await repo.findUserByEmail(db, email);
  checkPasswordPolicy(password, { email: user?.email ?? email, name: user?.name });
  if (!user) return null;
  const passwordHash = await hashPassword(password);
  const ended = await inTransaction(db, async (t) => {
    await repo.setPassword(t, user.id, passwordHash);
    const sessionsEnded = await repo.deleteSessionsOf(t, user.id);
    const tokensRevoked = await repo.revokeApiTokensOf(t, user.id, new Date());
    await appendAudit(t, {
      ...auditedBy(actor),
      action: "user.reset_password",
      entityType: "user",
      entityId: user.id,
      after: { sessionsEnded, tokensRevoked },
    });
    return { sessionsEnded, tokensRevoked };
  });
  return { ...user, ...ended };
}

/** A user changes their own password; their other sessions and every API token end, this session stays. */
export async function changePassword(
  db: Db,
  auth: Authenticated,
  current: string,
  next: string,
  requestId: string | null,
): Promise<{ tokensRevoked: number }> {
  requireSession(auth);
  const user = await repo.findUserById(db, auth.principal.userId);
  if (!user || !(await verify(user.passwordHash, current).catch(() => false))) {
    throw new AuthError("invalid_credentials", "The current password is wrong");
  }
  checkPasswordPolicy(next, { email: user.email, name: user.name, current });
  const passwordHash = await hashPassword(next);
  return inTransaction(db, async (t) => {
    await repo.setPassword(t, user.id, passwordHash);
    await repo.deleteOtherSessions(t, user.id, auth.sessionId);
    const tokensRevoked = await repo.revokeApiTokensOf(t, user.id, new Date());
    await appendAudit(t, {
      actorId: user.id,
      actorLabel: user.email,
      action: "user.change_password",
      entityType: "user",
      entityId: user.id,
      requestId,
      after: { tokensRevoked },
    });
    return { tokensRevoked };
  });
}

/** A token as its owner and administrators see it: never the secret or its hash. */
export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  /** Usable now: neither revoked nor expired. */
  readonly active: boolean;
}

export async function tokensOf(db: Db, userId: string, now = new Date()): Promise<TokenView[]> {
  const rows = await repo.listApiTokens(db, userId);
  return rows.map((r) => ({ ...r, active: !r.revokedAt && (!r.expiresAt || r.expiresAt > now) }));
}

/** The caller's own tokens (from a session: a token cannot list its siblings). */
export async function listOwnTokens(db: Db, auth: Authenticated | null) {
  requireSession(auth);
  return tokensOf(db, auth.principal.userId);
}

/**
 * Revoke one token of `userId`; the caller has already been authorized for that user.
 * Unknown, foreign and already-revoked tokens are all "not found", so ids reveal nothing.
 */
export async function revokeTokenOf(
  db: Db,
  actor: { principal: Principal; requestId: string | null; address: string | null },
  userId: string,
  tokenId: string,
): Promise<boolean> {
  return inTransaction(db, async (t) => {
    const revoked = await repo.revokeApiToken(t, userId, tokenId, new Date());
    if (!revoked) return false;
    await appendAudit(t, {
      actorId: actor.principal.userId,
      actorLabel: actor.principal.label,
      action: "auth.token_revoked",
      entityType: "api_token",
      entityId: tokenId,
      before: { userId, name: revoked.name },
      requestId: actor.requestId,
      address: actor.address,
    });
    return true;
  });
}

export async function revokeOwnToken(
  db: Db,
  auth: Authenticated | null,
  request: { requestId: string | null; address: string | null },
  tokenId: string,
): Promise<boolean> {
  requireSession(auth);
  return revokeTokenOf(db, { principal: auth.principal, ...request }, auth.principal.userId, tokenId);
}

/** What the application offers a user as a whole (each object still carries its own `can`). */
export function sessionAbilities(principal: Principal) {
  // No particular target: "may this user do it anywhere" (each request is checked on its own).
  return {
    manageUsers: can(principal, "user.read", null),
    manageCycles: can(principal, "cycle.manage", null),
    manageFrameworks: can(principal, "framework.manage", null),
    importResults: can(principal, "results.import", null),
    importRegistry: can(principal, "organization.import", null),
  };
}
