import { createHash, randomBytes } from "node:crypto";
import { todayWib } from "@matang/core";
import { appendAudit, auditedBy } from "../audit/repository.js";
import { checkPasswordPolicy } from "../auth/password-policy.js";
import { countAdmins, findUserByEmail, findUserById, insertGrant, setPassword } from "../auth/repository.js";
import { createUser, hashPassword, revokeTokenOf, tokensOf, unlockAccount } from "../auth/service.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorFrom, actorOf, type RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { getOrganization, instansiPathsOf } from "../organizations/repository.js";
import { authorize, can, type Role, rolesFor, scopeOf, type Target } from "../policy/policy.js";
import * as repo from "./repository.js";

const NATIONAL = { path: "/" } satisfies Target;

export interface GrantInput {
  readonly role: Role;
  readonly organizationId: string | null;
  /** The last day (WIB) it holds; null or absent: until revoked. */
  readonly endsOn?: string | null;
}

/** A grant that would end before it starts is a typo. */
function checkEnds(grants: readonly GrantInput[]) {
  const today = todayWib();
  const past = grants.find((g) => g.endsOn && g.endsOn < today);
  if (past)
    throw new ApiError(
      422,
      "ends_in_past",
      `The grant would end on ${past.endsOn}, before today (${today})`,
      {
        endsOn: past.endsOn,
      },
    );
}

/**
 * Where grants apply, for the policy: each grant's organization with its instansi (which bounds
 * a coordinator) and the role, or the national level.
 */
async function grantTargets(
  db: Db,
  grants: readonly { role: string; path: string | null; kind: string | null }[],
): Promise<Target[]> {
  const located = grants.flatMap((g) => (g.path && g.kind ? [{ path: g.path, kind: g.kind }] : []));
  const instansi = await instansiPathsOf(db, located);
  return grants.map((g) => ({
    ...(g.path ? { path: g.path, instansiPath: instansi.get(g.path) } : NATIONAL),
    role: g.role as Role,
  }));
}

/** Where a grant to be given applies: its organization (which must exist), or the national level. */
async function grantTarget(db: Db, grant: { role: Role; organizationId: string | null }): Promise<Target> {
  if (grant.organizationId === null) return { ...NATIONAL, role: grant.role };
  const org = await getOrganization(db, grant.organizationId);
  if (!org)
    throw new ApiError(400, "invalid_organization", `Organization ${grant.organizationId} does not exist`);
  const [target] = await grantTargets(db, [{ role: grant.role, path: org.path, kind: org.kind }]);
  return target ?? null;
}

/**
 * Users with their grants, each grant shown only where the caller may read users: a user listed
 * because of a grant in the caller's subtree does not reveal what they hold elsewhere.
 */
async function withGrants<T extends { id: string }>(db: Db, ctx: RequestContext, users: T[]) {
  const grants = await repo.grantsWithNames(
    db,
    users.map((u) => u.id),
  );
  const scope = scopeOf(ctx.principal, "user.read");
  const visible = (path: string | null) =>
    scope === "all" || (path !== null && scope.some((root) => path.startsWith(root)));
  const targets = await grantTargets(
    db,
    grants.map((g) => ({ role: g.role, path: g.organizationPath, kind: g.organizationKind })),
  );
  const located = grants.map((g, i) => ({ grant: g, target: targets[i] ?? NATIONAL }));
  return users.map((u) => {
    const own = located.filter(({ grant }) => grant.userId === u.id);
    // Managing an account needs `user.manage` wherever the user holds a role (as the services check).
    const manage = (own.length ? own.map((g) => g.target) : [NATIONAL]).every((t) =>
      can(ctx.principal, "user.manage", t),
    );
    return {
      ...u,
      grants: own
        .filter(({ grant }) => visible(grant.organizationPath))
        .map(({ grant, target }) => {
          const { userId: _userId, organizationPath: _path, organizationKind: _kind, ...g } = grant;
          return { ...g, role: g.role as Role, can: { revoke: can(ctx.principal, "role.grant", target) } };
        }),
      can: {
        manage,
        unlock: manage,
        // Somewhere the caller may give roles: the grant form's organizations are checked on save.
        grant: can(ctx.principal, "role.grant", null),
      },
    };
  });
}

async function viewOf(
  db: Db,
  ctx: RequestContext,
  user: { id: string; email: string; name: string; active: boolean; version: number },
) {
  const locked = await repo.isLocked(db, user.id);
  const [view] = await withGrants(db, ctx, [
    { id: user.id, email: user.email, name: user.name, active: user.active, version: user.version, locked },
  ]);
  if (!view) throw new Error("unreachable: the user was just read");
  return view;
}

export async function listUsers(
  db: Db,
  ctx: RequestContext,
  query: { q?: string; page: number; pageSize: number },
) {
  authorize(ctx.principal, "user.read", null);
  const { items, total } = await repo.listUsers(db, {
    scope: scopeOf(ctx.principal, "user.read"),
    search: query.q?.trim() || undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: await withGrants(db, ctx, items),
    total,
    page: query.page,
    pageSize: query.pageSize,
    // Creating an account gives it a role: the organization chosen is checked on save.
    can: {
      create: can(ctx.principal, "user.manage", null) && can(ctx.principal, "role.grant", null),
      // The roles the caller may give (where, is checked on save).
      roles: rolesFor(ctx.principal, "role.grant"),
    },
  };
}

export interface NewAccount {
  readonly email: string;
  readonly name: string;
  readonly password?: string;
  readonly grants: readonly GrantInput[];
}

/** Create an account with its grants; without a password one is generated and returned once. */
export async function createAccount(db: Db, ctx: RequestContext, input: NewAccount) {
  for (const grant of input.grants) {
    const target = await grantTarget(db, grant);
    authorize(ctx.principal, "user.manage", target);
    authorize(ctx.principal, "role.grant", target);
  }
  checkEnds(input.grants);
  if (await findUserByEmail(db, input.email))
    throw new ApiError(409, "email_taken", `${input.email} already has an account`);
  const password = input.password ?? randomBytes(12).toString("base64url");
  const user = await createUser(db, actorFrom(ctx), {
    email: input.email,
    name: input.name,
    password,
    grants: input.grants,
  });
  return { user: await viewOf(db, ctx, user), password: input.password ? null : password };
}

export async function addGrant(db: Db, ctx: RequestContext, userId: string, grant: GrantInput) {
  const target = await grantTarget(db, grant);
  authorize(ctx.principal, "role.grant", target);
  const user = await findUserById(db, userId);
  if (!user) throw notFound("User");
  checkEnds([grant]);
  if (await repo.hasGrant(db, userId, grant.role, grant.organizationId)) {
    throw new ApiError(409, "already_granted", "The user already holds this role there");
  }
  await inTransaction(db, async (t) => {
    await insertGrant(t, {
      userId,
      role: grant.role,
      organizationId: grant.organizationId,
      endsOn: grant.endsOn ?? null,
    });
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "role.grant",
      entityType: "user",
      entityId: userId,
      organizationId: grant.organizationId,
      after: grant,
    });
  });
  return viewOf(db, ctx, user);
}

export async function removeGrant(db: Db, ctx: RequestContext, userId: string, grantId: string) {
  const grant = await repo.findGrant(db, userId, grantId);
  // An unknown grant: whoever gives roles somewhere learns only that it does not exist.
  const [target] = await grantTargets(db, grant ? [grant] : []);
  authorize(ctx.principal, "role.grant", target ?? null);
  if (!grant) throw notFound("Grant");
  await inTransaction(db, async (t) => {
    // Never leave Matang without a national administrator.
    if (grant.role === "admin" && grant.organizationId === null && (await countAdmins(t)) <= 1) {
      throw new ApiError(409, "last_admin", "This is the last national administrator");
    }
    await repo.deleteGrant(t, grantId);
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "role.revoke",
      entityType: "user",
      entityId: userId,
      organizationId: grant.organizationId,
      before: { role: grant.role, organizationId: grant.organizationId },
    });
  });
}

/**
 * Managing a user's account (e.g. their tokens) needs `user.manage` wherever the user holds a
 * role: an administrator of one province cannot reach a national administrator's tokens.
 */
async function authorizeManageUser(db: Db, ctx: RequestContext, userId: string) {
  const grants = await repo.grantsWithNames(db, [userId]);
  const targets = grants.length
    ? await grantTargets(
        db,
        grants.map((g) => ({ role: g.role, path: g.organizationPath, kind: g.organizationKind })),
      )
    : [NATIONAL];
  for (const target of targets) authorize(ctx.principal, "user.manage", target);
  const user = await findUserById(db, userId);
  if (!user) throw notFound("User");
  return user;
}

/** Lift the login locks on a user's e-mail (every address). */
export async function unlockUser(db: Db, ctx: RequestContext, userId: string) {
  const user = await authorizeManageUser(db, ctx, userId);
  const result = await unlockAccount(db, actorFrom(ctx), user.email);
  return { user: await viewOf(db, ctx, user), cleared: result?.cleared ?? 0 };
}

export async function listTokensOfUser(db: Db, ctx: RequestContext, userId: string) {
  await authorizeManageUser(db, ctx, userId);
  return tokensOf(db, userId);
}

export async function revokeTokenOfUser(db: Db, ctx: RequestContext, userId: string, tokenId: string) {
  await authorizeManageUser(db, ctx, userId);
  const principal = ctx.principal;
  if (!principal) throw notFound("Token");
  const revoked = await revokeTokenOf(db, { ...ctx, principal }, userId, tokenId);
  if (!revoked) throw new ApiError(404, "not_found", "No such live token");
}

// ---------------------------------------------------------------------------------------------
// People change posts

/**
 * A handover in one step: every grant and assessor assignment of a leaving person goes to the
 * successor (what the successor holds already stays once), and the leaver's account may be closed.
 * The caller must manage the leaver and be able to give each of their roles; assessor assignments
 * are national business. Audited.
 */
export async function handOver(
  db: Db,
  ctx: RequestContext,
  userId: string,
  input: { successorId: string; deactivate: boolean },
) {
  const leaver = await authorizeManageUser(db, ctx, userId);
  const held = await repo.heldBy(db, userId);
  for (const target of await grantTargets(db, held.grants)) authorize(ctx.principal, "role.grant", target);
  if (held.assessors.length > 0) authorize(ctx.principal, "cycle.manage", NATIONAL);
  if (input.successorId === userId)
    throw new ApiError(422, "same_person", "The successor is the person who leaves");
  const successor = await findUserById(db, input.successorId);
  // A successor the caller cannot see among its users is as unknown as one that does not exist.
  if (!successor || !(await visibleUser(db, ctx, successor.id))) throw notFound("Successor");
  if (!successor.active) throw new ApiError(409, "inactive_successor", "The successor's account is closed");
  const moved = await inTransaction(db, async (t) => {
    const result = await repo.handOver(t, userId, input.successorId);
    if (input.deactivate) await repo.deactivate(t, userId);
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "user.handover",
      entityType: "user",
      entityId: userId,
      before: {
        grants: result.held.grants.map(({ role, organizationId, endsOn }) => ({
          role,
          organizationId,
          endsOn,
        })),
        assessors: result.held.assessors.map(({ cycleId, organizationId }) => ({ cycleId, organizationId })),
        active: leaver.active,
      },
      after: {
        successorId: input.successorId,
        grants: result.grants,
        assessors: result.assessors,
        active: input.deactivate ? false : leaver.active,
      },
    });
    return result;
  });
  return {
    grants: moved.held.grants.length,
    assessorAssignments: moved.held.assessors.length,
    deactivated: input.deactivate,
    successor: await viewOf(db, ctx, successor),
  };
}

/** Is the user among those the caller lists (a grant inside its user.read scope; anyone for national)? */
async function visibleUser(db: Db, ctx: RequestContext, userId: string) {
  const scope = scopeOf(ctx.principal, "user.read");
  if (scope === "all") return true;
  const grants = await repo.grantsWithNames(db, [userId]);
  return grants.some((g) => g.organizationPath && scope.some((root) => g.organizationPath?.startsWith(root)));
}

const INVITATION_DAYS = 7;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Invite a person without an e-mail server: the account is made with its roles and an unusable
 * password, and a one-time link (valid 7 days) lets the person choose theirs. The link is shown
 * to the one inviting, once, to pass on.
 */
export async function invite(db: Db, ctx: RequestContext, input: Omit<NewAccount, "password">) {
  const created = await createAccount(db, ctx, { ...input, password: undefined });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await inTransaction(db, async (t) => {
    await repo.insertInvitation(t, {
      userId: created.user.id,
      tokenHash: tokenHash(token),
      expiresAt,
      createdBy: ctx.principal?.userId ?? null,
    });
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "user.invite",
      entityType: "user",
      entityId: created.user.id,
      after: { email: created.user.email, expiresAt },
    });
  });
  return { user: created.user, token, path: `/undangan/${token}`, expiresAt: expiresAt.toISOString() };
}

/** An invitation as its holder sees it before choosing a password. */
async function liveInvitation(db: Db, token: string) {
  const found = await repo.findInvitation(db, tokenHash(token));
  if (!found) throw new ApiError(404, "invitation_not_found", "This invitation link is not known");
  if (found.usedAt) throw new ApiError(410, "invitation_used", "This invitation link was already used");
  if (found.expiresAt.getTime() < Date.now())
    throw new ApiError(410, "invitation_expired", "This invitation link has expired; ask for a new one");
  return found;
}

export async function readInvitation(db: Db, token: string) {
  const found = await liveInvitation(db, token);
  return { email: found.email, name: found.name, expiresAt: found.expiresAt.toISOString() };
}

/** The invited person sets their password; the link then no longer works. Audited. */
export async function acceptInvitation(db: Db, token: string, password: string) {
  const found = await liveInvitation(db, token);
  checkPasswordPolicy(password, { email: found.email, name: found.name });
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (t) => {
    if (!(await repo.useInvitation(t, found.id, new Date())))
      throw new ApiError(410, "invitation_used", "This invitation link was already used");
    await setPassword(t, found.userId, passwordHash);
    await appendAudit(t, {
      ...auditedBy({ id: found.userId, label: found.email }),
      action: "user.accept_invitation",
      entityType: "user",
      entityId: found.userId,
    });
  });
  return { email: found.email };
}
