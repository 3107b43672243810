import { INSTANSI_KINDS, normalizeName, REGIONAL_KINDS } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { authorize, can, scopeOf, type Target } from "../policy/policy.js";
import * as repo from "./repository.js";

export const ORGANIZATION_KINDS = [...INSTANSI_KINDS, "unit"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** No grant covers the root itself: creating a top-level instansi needs a national grant. */
const NATIONAL = { path: "/" } as const;

export interface ListQuery {
  readonly q?: string;
  readonly kind?: readonly OrganizationKind[];
  /** A province id: the province and its kabupaten/kota. */
  readonly province?: string;
  readonly parent?: string;
  readonly page: number;
  readonly pageSize: number;
}

export async function listOrganizations(db: Db, ctx: RequestContext, query: ListQuery) {
  authorize(ctx.principal, "organization.read", null);
  let within: string | undefined;
  if (query.province) {
    const province = await repo.getOrganization(db, query.province);
    if (province?.kind !== "provinsi")
      throw new ApiError(400, "invalid_province", "province is not a province's id");
    within = province.path;
  }
  const search = query.q ? normalizeName(query.q) : undefined;
  const { items, total } = await repo.listOrganizations(db, {
    scope: scopeOf(ctx.principal, "organization.read"),
    kinds: query.kind,
    search: search || undefined,
    within,
    parentId: query.parent,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  // What the caller may do with each: the web shows actions from this, never from role names.
  const canOf = (row: { kind: string; path: string }) => ({
    configure:
      (INSTANSI_KINDS as readonly string[]).includes(row.kind) &&
      can(ctx.principal, "organization.configure", { path: row.path, instansiPath: row.path }),
  });
  return {
    items: items.map((row) => ({ ...publicView(row), can: canOf(row) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** An organization as the API shows it: everything but the internal tree path. */
function publicView<T extends { path: string }>(row: T): Omit<T, "path"> {
  const { path: _path, ...rest } = row;
  return rest;
}

async function load(db: Db, id: string) {
  const row = await repo.getOrganization(db, id);
  if (!row) throw notFound("Organization");
  return row;
}

export async function getOrganization(db: Db, ctx: RequestContext, id: string) {
  // Unknown and not-allowed look the same to an outsider: no probing for ids.
  const row = await repo.getOrganization(db, id);
  if (!row || !ctx.principal) {
    authorize(ctx.principal, "organization.read", row ?? NATIONAL);
    throw notFound("Organization");
  }
  authorize(ctx.principal, "organization.read", row);
  const parent = row.parentId ? await repo.getOrganization(db, row.parentId) : undefined;
  return {
    ...publicView(row),
    parent: parent ? { id: parent.id, name: parent.name, kind: parent.kind } : null,
    names: await repo.namesOf(db, id),
    children: await repo.countChildren(db, id),
  };
}

/** Where an organization of `kind` may hang: units anywhere below an instansi, kabupaten/kota under a province. */
function checkPlacement(kind: OrganizationKind, parent: { kind: string } | null): void {
  if (kind === "unit") {
    if (!parent)
      throw new ApiError(400, "parent_required", "A unit (OPD) belongs to an instansi: give parentId");
    return;
  }
  if ((REGIONAL_KINDS as readonly string[]).includes(kind)) {
    if (parent?.kind !== "provinsi")
      throw new ApiError(400, "invalid_parent", `A ${kind} belongs to a province`);
    return;
  }
  if (parent) throw new ApiError(400, "invalid_parent", `A ${kind} has no parent organization`);
}

export interface CreateInput {
  readonly kind: OrganizationKind;
  readonly name: string;
  readonly parentId?: string;
  readonly category?: string;
}

/** The name as stored, and its normalised key; a name must have letters or digits. */
function cleanName(input: string): { name: string; normalizedName: string } {
  const name = input.trim();
  const normalizedName = normalizeName(name);
  if (!normalizedName) throw new ApiError(400, "invalid_name", "The name needs letters or digits");
  return { name, normalizedName };
}

/** An organization as the target of a change: with its instansi, which bounds who may write it. */
const writeTarget = async (db: Db, row: { kind: string; path: string }): Promise<Target> => ({
  path: row.path,
  instansiPath: await repo.instansiPathOf(db, row),
});

export async function createOrganization(db: Db, ctx: RequestContext, input: CreateInput) {
  const parent = input.parentId ? ((await repo.getOrganization(db, input.parentId)) ?? null) : null;
  authorize(ctx.principal, "organization.create", parent ? await writeTarget(db, parent) : NATIONAL);
  if (input.parentId && !parent) throw new ApiError(400, "invalid_parent", "parentId is not an organization");
  checkPlacement(input.kind, parent);
  const { name, normalizedName } = cleanName(input.name);
  return inTransaction(db, async (t) => {
    if (await repo.findSibling(t, input.kind, normalizedName, parent?.id ?? null)) {
      throw new ApiError(409, "already_exists", `"${name}" already exists there`);
    }
    const row = await repo.insertOrganization(t, {
      kind: input.kind,
      name,
      normalizedName,
      category: input.category ?? null,
      parent: parent ? { id: parent.id, path: parent.path } : null,
    });
    await repo.addName(t, row.id, name, normalizedName, "created", null);
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "organization.create",
      entityType: "organization",
      entityId: row.id,
      organizationId: row.id,
      after: { kind: input.kind, name, parentId: parent?.id ?? null, category: input.category ?? null },
    });
    return publicView(await load(t, row.id));
  });
}

export async function renameOrganization(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { name: string; version: number },
) {
  const row = await repo.getOrganization(db, id);
  authorize(ctx.principal, "organization.rename", row ? await writeTarget(db, row) : NATIONAL);
  if (!row) throw notFound("Organization");
  const { name, normalizedName } = cleanName(input.name);
  return changeVersioned(
    db,
    ctx,
    id,
    async (t) => {
      if (!(await repo.renameOrganization(t, id, input.version, name, normalizedName))) return false;
      await repo.addName(t, id, name, normalizedName, "renamed", null);
      return true;
    },
    { action: "organization.rename", before: { name: row.name }, after: { name } },
  );
}

/** An instansi's own settings, set by its coordinator (or an administrator). */
export async function configureOrganization(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { allowSelfAcceptance: boolean; version: number },
) {
  const row = await repo.getOrganization(db, id);
  authorize(ctx.principal, "organization.configure", row ? await writeTarget(db, row) : NATIONAL);
  if (!row) throw notFound("Organization");
  if (!(INSTANSI_KINDS as readonly string[]).includes(row.kind))
    throw new ApiError(400, "not_instansi", "Settings belong to an instansi, not to a unit");
  return changeVersioned(
    db,
    ctx,
    id,
    (t) => repo.setSettings(t, id, input.version, { allowSelfAcceptance: input.allowSelfAcceptance }),
    {
      action: "organization.configure",
      before: { allowSelfAcceptance: row.allowSelfAcceptance },
      after: { allowSelfAcceptance: input.allowSelfAcceptance },
    },
  );
}

export async function moveOrganization(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { parentId: string; version: number },
) {
  const row = await repo.getOrganization(db, id);
  const parent = await repo.getOrganization(db, input.parentId);
  authorize(ctx.principal, "organization.move", row ?? NATIONAL);
  authorize(ctx.principal, "organization.move", parent ?? NATIONAL);
  if (!row) throw notFound("Organization");
  if (!parent) throw new ApiError(400, "invalid_parent", "parentId is not an organization");
  if (parent.path.startsWith(row.path))
    throw new ApiError(400, "invalid_parent", "An organization cannot move into itself");
  checkPlacement(row.kind as OrganizationKind, parent);
  return changeVersioned(
    db,
    ctx,
    id,
    (t) => repo.moveOrganization(t, id, input.version, row.path, { id: parent.id, path: parent.path }),
    { action: "organization.move", before: { parentId: row.parentId }, after: { parentId: parent.id } },
  );
}

/**
 * Apply a change guarded by the organization's version, in one transaction: a stale version gets
 * 409 with the current state (nothing changes); otherwise the change is audited with it.
 */
async function changeVersioned(
  db: Db,
  ctx: RequestContext,
  id: string,
  change: (tx: Db) => Promise<boolean>,
  audit: { action: string; before: unknown; after: unknown },
) {
  return inTransaction(db, async (t) => {
    if (!(await change(t))) {
      throw conflict("Someone changed this organization first", { current: publicView(await load(t, id)) });
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      entityType: "organization",
      entityId: id,
      organizationId: id,
      ...audit,
    });
    return publicView(await load(t, id));
  });
}
