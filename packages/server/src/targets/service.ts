import { INSTANSI_KINDS } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize } from "../policy/policy.js";
import * as repo from "./repository.js";

const NATIONAL = { path: "/" };

const view = (year: number, row: repo.TargetRow | undefined) => ({
  year,
  index: row?.index ?? null,
  indicators: (row?.indicators ?? {}) as Record<string, number>,
  efforts: (row?.efforts ?? {}) as Record<string, number>,
  calendar: (row?.calendar ?? {}) as Record<string, repo.CalendarLimits>,
  version: row?.version ?? 0,
  updatedAt: row?.updatedAt ?? null,
});

async function instansi(db: Db, ctx: RequestContext, id: string, operation: "target.read" | "target.manage") {
  const org = await getOrganization(db, id);
  authorize(ctx.principal, operation, org ?? NATIONAL);
  if (!org) throw notFound("Organization");
  if (!(INSTANSI_KINDS as readonly string[]).includes(org.kind))
    throw new ApiError(400, "not_an_instansi", "Targets are set for an instansi, not for a unit");
  return org;
}

export async function listTargets(db: Db, ctx: RequestContext, id: string) {
  await instansi(db, ctx, id, "target.read");
  return { items: (await repo.targetsOf(db, id)).map((r) => view(r.year, r)) };
}

export async function getTarget(db: Db, ctx: RequestContext, id: string, year: number) {
  await instansi(db, ctx, id, "target.read");
  return view(year, await repo.findTarget(db, id, year));
}

export interface TargetInput extends repo.TargetValues {
  readonly version: number;
}

/** Set the year's target; 409 with the stored one when someone saved in between. */
export async function setTarget(db: Db, ctx: RequestContext, id: string, year: number, input: TargetInput) {
  const org = await instansi(db, ctx, id, "target.manage");
  return inTransaction(db, async (t) => {
    const before = await repo.findTarget(t, id, year);
    const saved = await repo.saveTarget(t, id, year, input.version, input, ctx.principal?.userId ?? null);
    if (!saved) {
      throw conflict("Someone changed this target meanwhile", view(year, await repo.findTarget(t, id, year)));
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "target.set",
      entityType: "target",
      entityId: `${id}/${year}`,
      organizationId: org.id,
      before: before ? view(year, before) : null,
      after: view(year, saved),
    });
    return view(year, saved);
  });
}
