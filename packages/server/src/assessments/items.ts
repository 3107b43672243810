// Evidence items ("butir") of a framework that lists them: who provides each one and by when,
// and where every item stands — for the coordinator, what is still missing or returned, by unit.
import { isCalendarDate, itemStandings, type OfficialStatus, todayWib, workBlocked } from "@matang/core";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { notify } from "../notifications/service.js";
import * as officialRepo from "../official/repository.js";
import { can } from "../policy/policy.js";
import { uploadStates } from "../portal/service.js";
import { requireWork, stageFacts } from "./access.js";
import { access, auditIndicator, type Loaded } from "./loading.js";
import * as repo from "./repository.js";

/** Name the unit responsible for an item (and its due date), or clear it; version 0 to create. */
export async function assignItem(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  itemCode: string,
  input: { unitId: string | null; dueDate: string | null; version: number },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.assign");
  const item = c.framework.itemByCode.get(itemCode);
  if (!item) throw notFound(`Evidence item ${itemCode} of framework ${c.framework.id}`);
  requireWork(c, "assign");
  if (input.dueDate !== null && !isCalendarDate(input.dueDate))
    throw new ApiError(400, "invalid_date", "dueDate must be a date (YYYY-MM-DD)");
  let unit: Awaited<ReturnType<typeof repo.unitsUnder>>[number] | undefined;
  if (input.unitId !== null) {
    [unit] = await repo.unitsUnder(db, c.organization.path, [input.unitId]);
    if (unit?.kind !== "unit")
      throw new ApiError(400, "invalid_unit", "The unit must be a unit (OPD) of this instansi");
  }
  const before = (await repo.itemAssignmentsOf(db, id)).find((a) => a.itemCode === itemCode);
  return inTransaction(db, async (t) => {
    await repo.lockAssessment(t, id);
    const saved = await repo.saveItemAssignment(
      t,
      { assessmentId: id, indicatorCode: item.indicatorCode, itemCode },
      input.version,
      { unitId: input.unitId, dueDate: input.dueDate },
    );
    if (!saved)
      throw conflict("Someone changed this item's assignment first", {
        current: before ? { unitId: before.unitId, dueDate: before.dueDate, version: before.version } : null,
      });
    // The unit reads and uploads through the indicator's assignment: it gets one if it had none.
    const added =
      input.unitId !== null &&
      (await repo.ensureAssignment(
        t,
        { assessmentId: id, indicatorCode: item.indicatorCode, unitId: input.unitId },
        input.dueDate,
      ));
    await auditIndicator(
      t,
      ctx,
      c,
      item.indicatorCode,
      "item.assign",
      before ? { item: itemCode, unitId: before.unitId, dueDate: before.dueDate } : null,
      { item: itemCode, unitId: input.unitId, dueDate: input.dueDate },
    );
    if (unit && (added || before?.unitId !== unit.id)) {
      const operators = await repo.usersWithRoleOver(t, unit.path, ["operator"]);
      await notify(t, operators, "assignment", {
        assessmentId: id,
        indicator: item.indicatorCode,
        item: itemCode,
        unitId: unit.id,
        dueDate: input.dueDate,
      });
    }
    return { item: itemCode, unitId: input.unitId, dueDate: input.dueDate, version: saved.version };
  });
}

/**
 * Every evidence item of the assessment with where it stands and who provides it, and per unit
 * how many are accepted, returned, awaiting review or missing; overdue ones are marked. An
 * operator sees the items of their own units.
 */
export async function listItems(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const [links, pjs, uploads, verdicts] = await Promise.all([
    repo.linksOf(db, id),
    repo.itemAssignmentsOf(db, id),
    uploadStates(db, id),
    officialRepo.verdictsOf(db, id),
  ]);
  const mayAssign = can(ctx.principal, "assessment.assign", { path: c.organization.path });
  const portal = c.framework.definition.portal !== undefined;
  const today = todayWib();
  const items = [];
  for (const indicator of c.framework.indicators) {
    if (indicator.items.length === 0) continue;
    const own = links.filter((l) => l.indicatorCode === indicator.code);
    const standings = itemStandings(
      indicator,
      own.map((l) => ({ itemCode: l.itemCode, review: l.review, reason: l.reason, note: l.note })),
    );
    for (const s of standings) {
      const pj = pjs.find((p) => p.itemCode === s.code);
      if (!itemAccess(ctx, c, { code: s.code, indicatorCode: indicator.code }, pjs).visible) continue;
      items.push({
        ...s,
        blockedBy: [...s.blockedBy],
        indicator: indicator.code,
        indicatorName: indicator.name,
        unitId: pj?.unitId ?? null,
        unitName: pj?.unitName ?? null,
        dueDate: pj?.dueDate ?? null,
        overdue: pj?.dueDate != null && pj.dueDate < today && s.status !== "accepted",
        version: pj?.version ?? 0,
        // Marked as uploaded to the national portal, and whether its files changed since.
        portal: uploads.get(s.code) ?? null,
        // The portal's own verdict, apart from Matang's review.
        official: verdictOf(verdicts, s.code),
      });
    }
  }
  const units = new Map<
    string,
    { unitId: string | null; unitName: string | null; counts: Record<string, number> }
  >();
  for (const i of items) {
    const key = i.unitId ?? "";
    const u = units.get(key) ?? { unitId: i.unitId, unitName: i.unitName, counts: {} };
    u.counts[i.status] = (u.counts[i.status] ?? 0) + 1;
    u.counts.total = (u.counts.total ?? 0) + 1;
    if (i.overdue) u.counts.overdue = (u.counts.overdue ?? 0) + 1;
    units.set(key, u);
  }
  const n = (u: { counts: Record<string, number> }, k: string) => u.counts[k] ?? 0;
  return {
    items,
    byUnit: [...units.values()].map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      total: n(u, "total"),
      accepted: n(u, "accepted"),
      returned: n(u, "returned") + n(u, "auto_rejected"),
      pending: n(u, "pending"),
      notUploaded: n(u, "not_uploaded"),
      overdue: n(u, "overdue"),
    })),
    can: {
      assign: mayAssign && workBlocked("assign", stageFacts(c)) === null,
      portal: portal && can(ctx.principal, "assessment.portal", { path: c.organization.path }),
    },
  };
}

function verdictOf(verdicts: readonly officialRepo.VerdictRow[], code: string) {
  const v = verdicts.find((x) => x.itemCode === code);
  return v ? { status: v.status as OfficialStatus, note: v.note, asOf: v.asOf, stage: v.stage } : null;
}

/**
 * Whether the caller works on an evidence item (sees it, uploads for it): readers of the whole
 * instansi every item; a unit's people the items their unit provides, or every item of an
 * indicator their unit is assigned whole (while none of its items has a unit of its own). The
 * indicator page, the items list, uploads and the ZIP import follow this one rule.
 */
export function itemAccess(
  ctx: RequestContext,
  c: Loaded,
  item: { code: string; indicatorCode: string },
  pjs: readonly repo.ItemAssignmentRow[],
): { visible: boolean; mine: boolean } {
  const whole = can(ctx.principal, "indicator.read", {
    path: c.organization.path,
    assessorIds: c.assessorIds,
  });
  const own = c.assignments.filter(
    (a) =>
      a.indicatorCode === item.indicatorCode &&
      can(ctx.principal, "indicator.propose", { path: c.organization.path, unitPaths: [a.unitPath] }),
  );
  const pj = pjs.find((p) => p.itemCode === item.code);
  const mine = pj !== undefined && own.some((a) => a.unitId === pj.unitId);
  const split = pjs.some((p) => p.indicatorCode === item.indicatorCode);
  return { visible: whole || mine || (!split && own.length > 0), mine };
}
