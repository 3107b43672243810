import type { Db } from "../db/client.js";
import type { RequestContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize, scopeOf } from "../policy/policy.js";
import { listAudit } from "./repository.js";

export interface AuditFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  /** Only entries about this organization's subtree. */
  readonly organization?: string;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * The audit log, newest first: everything for administrators, a coordinator's subtree otherwise,
 * optionally narrowed to one organization's subtree (which the caller must be allowed to read).
 */
export async function readAudit(db: Db, ctx: RequestContext, filter: AuditFilter) {
  const { organization, page, pageSize, ...rest } = filter;
  let within: string | undefined;
  if (organization) {
    const org = await getOrganization(db, organization);
    authorize(ctx.principal, "audit.read", org ?? { path: "/" });
    if (!org) throw notFound("Organization");
    within = org.path;
  } else {
    authorize(ctx.principal, "audit.read", null);
  }
  const { items, total } = await listAudit(db, {
    scope: scopeOf(ctx.principal, "audit.read"),
    ...rest,
    within,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items, total, page, pageSize };
}
