// The improvement checklist: built from a result (on publication, on an import from the national
// portal, on demand), worked on by the owner units, verified by the coordinator, carried from
// cycle to cycle of the same framework until verified.
import {
  type ChecklistKind,
  type ChecklistSource,
  type ChecklistStatus,
  checklistCandidates,
  checklistProgress,
  headline,
  isCalendarDate,
  isOverdue,
  type PlanConstraint,
  planYears,
  type State,
  stageLevels,
  todayWib,
} from "@matang/core";
import type { Loaded } from "../assessments/loading.js";
import { access } from "../assessments/loading.js";
import * as assessmentRepo from "../assessments/repository.js";
import { type Actor, appendAudit, auditedBy } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorFrom, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import * as officialRepo from "../official/repository.js";
import { authorize, can } from "../policy/policy.js";
import { OFFICIAL_STATUS_NAMES } from "../reports/data.js";
import * as targetRepo from "../targets/repository.js";
import * as repo from "./repository.js";

export type BuildTrigger = "publish" | "official" | "manual";

/** How long a new item has by default (the next self-assessment is months away). */
const DUE_DAYS = 90;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The levels a checklist starts from: the official values from the portal where there are any
 * (the final ones before interim ones), else the assessment's headline stage.
 */
async function resultLevels(t: Db, c: Loaded): Promise<Record<string, number>> {
  const rows = await assessmentRepo.levelsOf(t, c.assessment.id);
  const levels = stageLevels(rows);
  const stage = headline(c.framework, levels, c.assessment.state as State).stage;
  const own: Record<string, number> = { ...levels[stage] };
  const official = await officialRepo.valuesOf(t, c.assessment.id);
  for (const stageName of ["interim", "final"])
    for (const v of official)
      if (v.stage === stageName && v.indicatorCode && c.framework.indicatorByCode.has(v.indicatorCode))
        own[v.indicatorCode] = Number(v.value);
  return own;
}

/**
 * The levels to reach next: the roadmap's first year toward the stored target (the next year's,
 * else this year's), planned one level a year; without a target, each indicator's next level.
 */
async function goalsOf(t: Db, c: Loaded, levels: Record<string, number>) {
  const target =
    (await targetRepo.findTarget(t, c.organization.id, c.cycle.year + 1)) ??
    (await targetRepo.findTarget(t, c.organization.id, c.cycle.year));
  if (!target?.index) return { goals: undefined, planned: new Set<string>() };
  const complete = c.framework.indicators.every((i) => levels[i.code] !== undefined);
  const goals: Record<string, number> = {};
  if (complete) {
    const efforts = (target.efforts ?? {}) as Record<string, number>;
    const calendar = (target.calendar ?? {}) as Record<string, PlanConstraint>;
    const constraints: Record<string, PlanConstraint> = Object.fromEntries(
      [...new Set([...Object.keys(efforts), ...Object.keys(calendar)])]
        .filter((code) => c.framework.indicatorByCode.has(code))
        .map((code) => [code, { ...calendar[code], ...(efforts[code] ? { cost: efforts[code] } : {}) }]),
    );
    try {
      const plan = planYears(c.framework, levels, Number(target.index), {
        startYear: c.cycle.year + 1,
        years: 3,
        constraints,
      });
      for (const s of plan.steps) if (s.year === plan.startYear) goals[s.indicator] = s.to;
    } catch {
      // A stored target the framework no longer fits plans nothing; the next levels still count.
    }
  }
  for (const [code, level] of Object.entries((target.indicators ?? {}) as Record<string, number>))
    if (goals[code] === undefined && (levels[code] ?? 0) < level) goals[code] = level;
  return { goals, planned: new Set(Object.keys(goals)) };
}

/**
 * Build (or refresh) the instansi's checklist from an assessment, inside the caller's transaction:
 * new shortcomings are added with their owner unit and due date, ones still open are refreshed,
 * nothing a unit or the coordinator set is overwritten. One audit entry.
 */
export async function buildChecklist(
  t: Db,
  c: Loaded,
  actor: Actor,
  trigger: BuildTrigger,
  dueDate: string | null = null,
) {
  const id = c.assessment.id;
  const levels = await resultLevels(t, c);
  const { goals, planned } = await goalsOf(t, c, levels);
  const [links, verdicts, itemUnits, open, seen] = await Promise.all([
    assessmentRepo.linksOf(t, id),
    officialRepo.verdictsOf(t, id),
    assessmentRepo.itemAssignmentsOf(t, id),
    repo.openItemsOf(t, c.organization.id, c.framework.id),
    repo.keysFrom(t, id),
  ]);
  const candidates = checklistCandidates(c.framework, {
    levels,
    ...(goals ? { goals, planned } : {}),
    evidence: links.map((l) => ({
      indicator: l.indicatorCode,
      level: l.level,
      item: l.itemCode,
      title: l.title,
      review: l.review,
      reason: l.reason,
      note: l.note,
    })),
    verdicts: verdicts.map((v) => ({
      indicator: v.indicatorCode,
      item: v.itemCode,
      status: v.status,
      note: v.note,
    })),
    verdictNames: OFFICIAL_STATUS_NAMES as Record<string, string>,
  });
  const byKey = new Map(open.map((r) => [r.key, r]));
  const due = dueDate ?? addDays(todayWib(), DUE_DAYS);
  const ownerOf = (indicator: string, item: string | null) =>
    (item ? itemUnits.find((p) => p.itemCode === item)?.unitId : undefined) ??
    c.assignments.find((a) => a.indicatorCode === indicator)?.unitId ??
    null;
  const added: repo.NewChecklistRow[] = [];
  let refreshed = 0;
  for (const x of candidates) {
    const found = byKey.get(x.key);
    if (found) {
      await repo.refreshItem(t, found.id, {
        title: x.title,
        detail: x.detail,
        source: x.source,
        lastAssessmentId: id,
        lastYear: Math.max(found.lastYear, c.cycle.year),
      });
      refreshed++;
      continue;
    }
    // Verified since this assessment found it: only a later evaluation raises it again.
    if (seen.has(x.key)) continue;
    added.push({
      organizationId: c.organization.id,
      frameworkId: c.framework.id,
      key: x.key,
      indicatorCode: x.indicator,
      level: x.level === null ? null : Math.ceil(x.level),
      itemCode: x.item,
      kind: x.kind,
      source: x.source,
      title: x.title,
      detail: x.detail,
      ownerUnitId: ownerOf(x.indicator, x.item),
      dueDate: due,
      status: "open",
      firstAssessmentId: id,
      lastAssessmentId: id,
      firstYear: c.cycle.year,
      lastYear: c.cycle.year,
    });
  }
  await repo.insertItems(t, added);
  await appendAudit(t, {
    ...auditedBy(actor),
    action: "checklist.build",
    entityType: "assessment",
    entityId: id,
    organizationId: c.organization.id,
    before: null,
    after: { trigger, added: added.map((a) => a.key), refreshed },
  });
  return { added: added.length, refreshed, open: open.length + added.length };
}

// ---------------------------------------------------------------------------------------------

type Item = repo.ChecklistWithOwner;

function viewOf(ctx: RequestContext, c: Pick<Loaded, "framework" | "organization">, r: Item, today: string) {
  const i = r.item;
  const indicator = c.framework.indicatorByCode.get(i.indicatorCode);
  const target = { path: c.organization.path, unitPaths: r.ownerUnitPath ? [r.ownerUnitPath] : [] };
  return {
    id: i.id,
    indicator: i.indicatorCode,
    indicatorName: indicator?.name ?? { id: i.indicatorCode },
    aspect: indicator?.aspectCode ?? null,
    level: i.level,
    item: i.itemCode,
    kind: i.kind as ChecklistKind,
    source: i.source as ChecklistSource,
    title: i.title,
    detail: i.detail,
    ownerUnit: i.ownerUnitId ? { id: i.ownerUnitId, name: r.ownerUnitName ?? "" } : null,
    dueDate: i.dueDate,
    status: i.status as ChecklistStatus,
    note: i.note,
    overdue: isOverdue({ status: i.status as ChecklistStatus, dueDate: i.dueDate }, today),
    firstYear: i.firstYear,
    lastYear: i.lastYear,
    lastAssessmentId: i.lastAssessmentId,
    verifiedAt: i.verifiedAt,
    version: i.version,
    can: {
      work: can(ctx.principal, "checklist.work", target),
      manage: can(ctx.principal, "checklist.manage", target),
    },
  };
}

export type ChecklistItemView = ReturnType<typeof viewOf>;

/** Everyone who reads the instansi sees the whole list; an operator, its units' items. */
async function readableItems(db: Db, ctx: RequestContext, c: Loaded) {
  const rows = await repo.itemsOf(db, c.organization.id, c.framework.id);
  if (can(ctx.principal, "checklist.read", { path: c.organization.path })) return rows;
  return rows.filter(
    (r) =>
      r.ownerUnitPath !== null &&
      can(ctx.principal, "checklist.read", { path: c.organization.path, unitPaths: [r.ownerUnitPath] }),
  );
}

export interface ChecklistFilter {
  readonly status?: ChecklistStatus;
  readonly unit?: string;
  readonly indicator?: string;
}

/** The instansi's checklist on this assessment's framework (all its cycles), with progress. */
export async function checklistOf(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  filter: ChecklistFilter = {},
) {
  const c = await access(db, frameworks, ctx, id, "checklist.read");
  const today = todayWib();
  // In the framework's order, then the order the items were found in.
  const position = (code: string) =>
    c.framework.indicatorByCode.get(code)?.position ?? Number.MAX_SAFE_INTEGER;
  const all = (await readableItems(db, ctx, c))
    .map((r) => viewOf(ctx, c, r, today))
    .sort((a, b) => position(a.indicator) - position(b.indicator));
  const items = all.filter(
    (i) =>
      (!filter.status || i.status === filter.status) &&
      (!filter.unit || (filter.unit === "none" ? i.ownerUnit === null : i.ownerUnit?.id === filter.unit)) &&
      (!filter.indicator || i.indicator === filter.indicator),
  );
  const progress = checklistProgress(
    c.framework,
    all.map((i) => ({
      indicator: i.indicator,
      ownerUnitId: i.ownerUnit?.id ?? null,
      ownerUnitName: i.ownerUnit?.name ?? null,
      status: i.status,
      dueDate: i.dueDate,
    })),
    today,
  );
  return {
    organization: { id: c.organization.id, name: c.organization.name },
    framework: c.framework.id,
    year: c.cycle.year,
    items,
    progress: { ...progress, units: [...progress.units], aspects: [...progress.aspects] },
    can: { build: can(ctx.principal, "checklist.manage", { path: c.organization.path }) },
  };
}

/** Build the checklist now, from this assessment as it stands (the coordinator's button). */
export async function buildNow(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  authorize(ctx.principal, "checklist.manage", { path: c.organization.path });
  return inTransaction(db, async (t) => {
    await assessmentRepo.lockAssessment(t, id);
    return buildChecklist(t, c, actorFrom(ctx), "manual");
  });
}

/** The items the caller's units own, across instansi, not yet verified (their home page). */
export async function myChecklist(db: Db, frameworks: Frameworks, ctx: RequestContext) {
  if (!ctx.principal) authorize(ctx.principal, "checklist.work", null);
  const paths = (ctx.principal?.grants ?? [])
    .filter((g) => g.role === "operator" && g.organizationPath)
    .map((g) => g.organizationPath as string);
  const rows = await repo.itemsOwnedUnder(db, paths);
  const today = todayWib();
  const orgs = await repo.unitsById(db, [...new Set(rows.map((r) => r.item.organizationId))]);
  const items = [];
  for (const r of rows) {
    const org = orgs.find((o) => o.id === r.item.organizationId);
    const framework = frameworks.get(r.item.frameworkId);
    if (!org || !framework) continue;
    const target = { path: org.path, unitPaths: r.ownerUnitPath ? [r.ownerUnitPath] : [] };
    if (!can(ctx.principal, "checklist.work", target)) continue;
    items.push({
      ...viewOf(ctx, { framework, organization: org }, r, today),
      organization: { id: org.id, name: org.name },
    });
  }
  return { items };
}

export interface ItemInput {
  readonly status?: ChecklistStatus;
  readonly ownerUnitId?: string | null;
  readonly dueDate?: string | null;
  readonly note?: string;
  readonly version: number;
}

/**
 * A unit moves its item along (open → in progress → done, naming what it did); the coordinator
 * also assigns the owner and due date, verifies a done item, or reopens one. 409 when stale.
 */
export async function updateChecklistItem(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  itemId: string,
  input: ItemInput,
) {
  const found = await repo.findItem(db, itemId);
  const [org] = found ? await repo.unitsById(db, [found.item.organizationId]) : [];
  const target = {
    path: org?.path ?? "/nowhere/",
    unitPaths: found?.ownerUnitPath ? [found.ownerUnitPath] : [],
  };
  authorize(ctx.principal, "checklist.work", target);
  if (!found || !org) throw notFound("Checklist item");
  const framework = frameworks.get(found.item.frameworkId);
  if (!framework) throw notFound("Framework");
  const item = found.item;
  const manager = can(ctx.principal, "checklist.manage", { path: org.path });
  const managing =
    input.ownerUnitId !== undefined ||
    input.dueDate !== undefined ||
    input.status === "verified" ||
    item.status === "verified" ||
    (input.status !== undefined && item.status === "done" && input.status !== "done");
  if (managing && !manager)
    throw new ApiError(
      403,
      "checklist_coordinator_only",
      "Only the instansi's coordinator assigns, sets due dates, verifies or reopens a done item",
    );
  if (input.dueDate && !isCalendarDate(input.dueDate))
    throw new ApiError(400, "invalid_date", "dueDate must be a date (YYYY-MM-DD)");
  const note = input.note ?? item.note;
  if (input.status === "done" && note.trim() === "")
    throw new ApiError(
      422,
      "checklist_note_required",
      "Say what was done and which evidence shows it before marking the item done",
    );
  if (input.status === "verified" && item.status !== "done" && input.status !== item.status)
    throw new ApiError(409, "checklist_not_done", "Only an item the unit marked done can be verified");
  let ownerUnitId = input.ownerUnitId;
  if (ownerUnitId) {
    const [owner] = await assessmentRepo.unitsUnder(db, org.path, [ownerUnitId]);
    if (!owner || owner.id === org.id)
      throw new ApiError(422, "unit_outside_instansi", "The owner must be a unit of this instansi");
    ownerUnitId = owner.id;
  }
  return inTransaction(db, async (t) => {
    const verified = input.status === "verified" && item.status !== "verified";
    const saved = await repo.updateItem(t, itemId, input.version, {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(ownerUnitId !== undefined ? { ownerUnitId } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(verified ? { verifiedBy: ctx.principal?.userId ?? null, verifiedAt: new Date() } : {}),
      ...(input.status !== undefined && input.status !== "verified"
        ? { verifiedBy: null, verifiedAt: null }
        : {}),
    });
    if (!saved) {
      const now = await repo.findItem(t, itemId);
      throw conflict(
        "Someone changed this item meanwhile",
        now ? viewOf(ctx, { framework, organization: org }, now, todayWib()) : undefined,
      );
    }
    const pick = (r: repo.ChecklistRow) => ({
      status: r.status,
      ownerUnitId: r.ownerUnitId,
      dueDate: r.dueDate,
      note: r.note,
    });
    await appendAudit(t, {
      ...auditedBy(actorFrom(ctx)),
      action: "checklist.update",
      entityType: "checklist_item",
      entityId: itemId,
      organizationId: org.id,
      before: pick(item),
      after: pick(saved),
    });
    const now = (await repo.findItem(t, itemId)) as Item;
    return viewOf(ctx, { framework, organization: org }, now, todayWib());
  });
}
