// The clarification (interviu) after the portal's interim results: what is worth answering
// (official below the claim, largest loss first), who answers and attends, the rebuttal and the
// documents to show, the outcome — and, once later official values come in, what it gained.
import {
  type ClarificationStatus,
  clarificationCandidates,
  type ItemOutcome,
  indexEffect,
  isCalendarDate,
  type LocalizedText,
} from "@matang/core";
import { access, auditIndicator, type Loaded } from "../assessments/loading.js";
import * as assessmentRepo from "../assessments/repository.js";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { officialData } from "../official/service.js";
import { authorize, can } from "../policy/policy.js";
import * as repo from "./repository.js";

export interface ClarificationInput {
  readonly responderUnitId: string | null;
  readonly responderName: string;
  readonly attendees: string;
  readonly slot: string;
  readonly rebuttal: string;
  readonly evidenceIds: readonly string[];
  readonly status: ClarificationStatus;
  readonly outcome: string;
  readonly itemOutcomes: Readonly<Record<string, ItemOutcome>>;
  readonly version: number;
}

async function readable(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  // The whole instansi's answer to the portal, like its official figures.
  authorize(ctx.principal, "indicator.read", { path: c.organization.path, assessorIds: c.assessorIds });
  return c;
}

/** The workspace's content for a loaded assessment (access already checked). */
export async function clarificationData(db: Db, c: Loaded) {
  const id = c.assessment.id;
  const [official, rows, levels, links, session] = await Promise.all([
    officialData(db, c),
    repo.clarificationsOf(db, id),
    assessmentRepo.levelsOf(db, id),
    assessmentRepo.linksOf(db, id),
    repo.sessionOf(db, id),
  ]);
  const interim = official.stages.find((s) => s.stage === "interim");
  const final = official.stages.find((s) => s.stage === "final");
  const valuesOf = (s: typeof interim) =>
    Object.fromEntries((s?.indicators ?? []).map((i) => [i.code, i.value]));
  const interimValues = valuesOf(interim);
  const finalValues = valuesOf(final);
  const claims = Object.fromEntries(
    levels
      .filter((l) => l.stage === "self" && l.level !== null)
      .map((l) => [l.indicatorCode, l.level as number]),
  );
  const candidates = clarificationCandidates(c.framework, claims, interimValues);
  const saved = new Map(rows.map((r) => [r.row.indicatorCode, r]));
  const codes = [
    ...candidates.map((x) => x.code),
    ...c.framework.indicators
      .map((i) => i.code)
      .filter((code) => saved.has(code) && !candidates.some((x) => x.code === code)),
  ];
  const indicators = codes.map((code) => {
    const indicator = c.framework.indicatorByCode.get(code);
    const candidate = candidates.find((x) => x.code === code);
    const row = saved.get(code);
    const later = finalValues[code];
    const before = interimValues[code];
    return {
      code,
      name: indicator?.name ?? ({ id: code } as LocalizedText),
      claim: claims[code] ?? null,
      interim: before ?? null,
      final: later ?? null,
      loss: candidate?.loss ?? null,
      // What the clarification gained, once later official values are in.
      gained:
        later !== undefined && before !== undefined
          ? { value: later - before, index: indexEffect(c.framework, code, later - before) }
          : null,
      returned: official.verdicts
        .filter((v) => v.indicator === code && v.status !== "accepted")
        .map((v) => ({ item: v.item, status: v.status, note: v.note })),
      evidence: links
        .filter((l) => l.indicatorCode === code)
        .map((l) => ({ id: l.evidenceId, title: l.title, item: l.itemCode || null, kind: l.kind })),
      clarification: {
        responderUnitId: row?.row.responderUnitId ?? null,
        responderUnitName: row?.unitName ?? null,
        responderName: row?.row.responderName ?? "",
        attendees: row?.row.attendees ?? "",
        slot: row?.row.slot ?? "",
        rebuttal: row?.row.rebuttal ?? "",
        evidenceIds: row?.row.evidenceIds ?? [],
        status: (row?.row.status ?? "to_prepare") as ClarificationStatus,
        outcome: row?.row.outcome ?? "",
        itemOutcomes: (row?.row.itemOutcomes ?? {}) as Record<string, ItemOutcome>,
        version: row?.row.version ?? 0,
        updatedAt: row?.row.updatedAt ?? null,
      },
    };
  });
  return {
    open: interim !== undefined || rows.length > 0,
    interim: interim
      ? { asOf: interim.asOf, index: interim.index, indexDisplay: interim.indexDisplay }
      : null,
    final: final ? { asOf: final.asOf, index: final.index, indexDisplay: final.indexDisplay } : null,
    session: { date: session?.date ?? "", place: session?.place ?? "", version: session?.version ?? 0 },
    indicators,
    totals: {
      loss: candidates.reduce((n, x) => n + x.loss, 0),
      gained: interim?.index != null && final?.index != null ? final.index - interim.index : null,
    },
  };
}

export async function clarificationOf(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await readable(db, frameworks, ctx, id);
  return {
    ...(await clarificationData(db, c)),
    can: { edit: can(ctx.principal, "assessment.portal", { path: c.organization.path }) },
  };
}

const SLOT = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Save one indicator's clarification at the version the caller saw (409 when someone saved first). */
export async function saveClarification(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: ClarificationInput,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  const indicator = c.framework.indicatorByCode.get(code);
  if (!indicator) throw notFound(`Indicator ${code} of framework ${c.framework.id}`);
  if (input.slot !== "" && !SLOT.test(input.slot))
    throw new ApiError(400, "invalid_time", "slot must be a time of day (HH:MM)");
  if (input.responderUnitId !== null) {
    const [unit] = await assessmentRepo.unitsUnder(db, c.organization.path, [input.responderUnitId]);
    if (unit?.kind !== "unit")
      throw new ApiError(400, "invalid_unit", "The responder must be a unit (OPD) of this instansi");
  }
  const linked = new Set((await assessmentRepo.linksOf(db, id)).map((l) => l.evidenceId));
  const foreign = input.evidenceIds.filter((e) => !linked.has(e));
  if (foreign.length > 0)
    throw new ApiError(400, "invalid_evidence", "Documents to show must be evidence of this assessment", {
      evidenceIds: foreign,
    });
  const strange = Object.keys(input.itemOutcomes).filter(
    (item) => c.framework.itemByCode.get(item)?.indicatorCode !== code,
  );
  if (strange.length > 0)
    throw new ApiError(400, "invalid_item", `Items ${strange.join(", ")} are not items of indicator ${code}`);
  const before = (await repo.clarificationsOf(db, id)).find((r) => r.row.indicatorCode === code)?.row;
  return inTransaction(db, async (t) => {
    await assessmentRepo.lockAssessment(t, id);
    const values = {
      responderUnitId: input.responderUnitId,
      responderName: input.responderName.trim(),
      attendees: input.attendees.trim(),
      slot: input.slot,
      rebuttal: input.rebuttal,
      evidenceIds: [...new Set(input.evidenceIds)],
      status: input.status,
      outcome: input.outcome,
      itemOutcomes: { ...input.itemOutcomes },
      updatedBy: ctx.principal?.userId ?? null,
    };
    const saved = await repo.saveClarification(
      t,
      { assessmentId: id, indicatorCode: code },
      input.version,
      values,
    );
    if (!saved)
      throw conflict("Someone changed this indicator's clarification first", {
        current: before ?? null,
      });
    await auditIndicator(
      t,
      ctx,
      c,
      code,
      "clarification.save",
      before ? { status: before.status, rebuttal: before.rebuttal, outcome: before.outcome } : null,
      { status: values.status, rebuttal: values.rebuttal, outcome: values.outcome },
    );
    return { code, version: saved.version };
  });
}

export async function saveSession(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: { date: string; place: string; version: number },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  if (input.date !== "" && !isCalendarDate(input.date))
    throw new ApiError(400, "invalid_date", "date must be a date (YYYY-MM-DD)");
  return inTransaction(db, async (t) => {
    await assessmentRepo.lockAssessment(t, id);
    const saved = await repo.saveSession(t, id, input.version, {
      date: input.date,
      place: input.place.trim(),
    });
    if (!saved) throw conflict("Someone changed the session first");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "clarification.session",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      after: { date: input.date, place: input.place.trim() },
    });
    return { version: saved.version };
  });
}

export { readable as readableClarification };
