import { type Framework, isValueOf, type MappingDef, mappedItems, stageLevels } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { type Frameworks, shippedMapping } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize, can } from "../policy/policy.js";
import { assessmentTarget, indicatorTarget, NO_ASSESSMENT, requireWork } from "./access.js";
import { accessIndicator } from "./loading.js";
import * as repo from "./repository.js";

export interface CopyForwardInput {
  /** The assessment to copy from; by default the instansi's latest earlier one. */
  readonly from?: string;
  /** Old indicator code → new code, required when the frameworks differ. */
  readonly mapping?: Readonly<Record<string, string>>;
  /** Only these (new) indicators, e.g. one from its page; by default all. */
  readonly indicators?: readonly string[];
}

export interface CopyReport {
  readonly from: string;
  readonly copied: readonly string[];
  readonly evidenceLinks: number;
  readonly skipped: readonly { readonly code: string; readonly reason: string }[];
  readonly mapping: Pick<MappingDef, "id" | "title"> | null;
  readonly items: readonly { readonly code: string; readonly evidence: number }[];
}

/**
 * Start an assessment from the instansi's previous final answers and evidence links: the
 * levels and notes become the new self-assessment answers (not yet consolidated) and the links
 * come back unreviewed. Indicator by indicator when the framework is the same; through `mapping`
 * when it is not. Between frameworks with a shipped item mapping (SPBE 2020 → Pemdi 2026) only
 * the evidence is carried, to the items it most likely answers: the old levels say nothing about
 * the new values. Nothing already answered is overwritten.
 */
export async function copyForward(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: CopyForwardInput,
) {
  const target = await repo.loadContext(db, id);
  authorize(ctx.principal, "assessment.assign", target ? assessmentTarget(target) : NO_ASSESSMENT);
  if (!target) throw notFound("Assessment");
  requireWork(target, "edit");
  let fromId = input.from;
  if (!fromId) {
    const previous = await repo.previousAssessmentOf(db, target.organization.id, id);
    if (!previous)
      throw new ApiError(
        404,
        "no_previous_assessment",
        "This instansi has no earlier assessment to copy from",
      );
    fromId = previous.id;
  }
  const source = await repo.loadContext(db, fromId);
  authorize(ctx.principal, "assessment.read", source ? assessmentTarget(source) : NO_ASSESSMENT);
  if (!source) throw notFound("Source assessment");
  if (source.organization.id !== target.organization.id) {
    throw new ApiError(400, "other_instansi", "Answers can only be copied from the same instansi");
  }
  const newFramework = frameworks.get(target.cycle.frameworkId);
  const oldFramework = frameworks.get(source.cycle.frameworkId);
  if (!newFramework || !oldFramework)
    throw new ApiError(500, "framework_missing", "A framework is not loaded");
  const sameFramework = newFramework.id === oldFramework.id;
  const shipped =
    sameFramework || input.mapping ? undefined : shippedMapping(frameworks, oldFramework.id, newFramework.id);
  if (shipped)
    return copyEvidenceToItems(
      db,
      ctx,
      { id, organizationId: target.organization.id, fromId },
      shipped,
      newFramework,
    );
  if (!sameFramework && !input.mapping) {
    throw new ApiError(
      400,
      "mapping_required",
      `Copying from ${oldFramework.id} to ${newFramework.id} needs a code mapping`,
    );
  }
  const whole: Record<string, string> = sameFramework
    ? Object.fromEntries(oldFramework.indicators.map((i) => [i.code, i.code]))
    : { ...input.mapping };
  const only = input.indicators ? new Set(input.indicators) : null;
  const mapping = only ? Object.fromEntries(Object.entries(whole).filter(([, to]) => only.has(to))) : whole;

  const rows = await repo.stageScoresOf(db, fromId);
  const finalLevels = stageLevels(rows).final;
  const selfLevels = stageLevels(rows).self;
  const notes = (code: string) =>
    rows.find((r) => r.indicatorCode === code && r.stage === "final")?.note ||
    rows.find((r) => r.indicatorCode === code && r.stage === "self")?.note ||
    "";
  const existing = new Set(
    (await repo.stageScoresOf(db, id)).filter((r) => r.stage === "self").map((r) => r.indicatorCode),
  );
  const links = await repo.linksOf(db, fromId);

  const copied: string[] = [];
  const skipped: { code: string; reason: string }[] = [];
  let linkCount = 0;
  await inTransaction(db, async (t) => {
    for (const [oldCode, newCode] of Object.entries(mapping)) {
      const indicator = newFramework.indicatorByCode.get(newCode);
      if (!oldFramework.indicatorByCode.has(oldCode)) {
        skipped.push({ code: oldCode, reason: "not in the source framework" });
        continue;
      }
      if (!indicator) {
        skipped.push({ code: oldCode, reason: `mapped to ${newCode}, which is not in ${newFramework.id}` });
        continue;
      }
      // The final score when the earlier assessment got that far, else its own answer.
      const level = finalLevels[oldCode] ?? selfLevels[oldCode];
      if (level === undefined) {
        skipped.push({ code: oldCode, reason: "no answer in the source" });
        continue;
      }
      if (existing.has(newCode)) {
        skipped.push({ code: oldCode, reason: `indicator ${newCode} is already answered` });
        continue;
      }
      if (!isValueOf(indicator, level)) {
        skipped.push({ code: oldCode, reason: `level ${level} is not on indicator ${newCode}'s scale` });
        continue;
      }
      await repo.upsertStageScore(t, { assessmentId: id, indicatorCode: newCode, stage: "self" }, 0, {
        level,
        note: notes(oldCode),
        verdict: null,
        authorId: ctx.principal?.userId ?? null,
      });
      existing.add(newCode);
      copied.push(newCode);
      for (const link of links.filter(
        (l) =>
          l.indicatorCode === oldCode &&
          indicator.scale.values.includes(l.level) &&
          // An item code stays only where the new framework has that item on this indicator.
          (l.itemCode === "" || newFramework.itemByCode.get(l.itemCode)?.indicatorCode === newCode),
      )) {
        const linked = await repo.linkEvidence(t, {
          assessmentId: id,
          indicatorCode: newCode,
          level: link.level,
          itemCode: link.itemCode,
          uploadNote: link.uploadNote,
          evidenceId: link.evidenceId,
        });
        if (linked) linkCount++;
      }
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.copy_forward",
      entityType: "assessment",
      entityId: id,
      organizationId: target.organization.id,
      after: { from: fromId, copied: copied.length, evidenceLinks: linkCount, skipped },
    });
  });
  return {
    from: fromId,
    copied,
    evidenceLinks: linkCount,
    skipped,
    mapping: null,
    items: [],
  } satisfies CopyReport;
}

/**
 * Link each document of the source assessment to the items the mapping names for its indicator
 * and level, unreviewed. Old indicators whose evidence goes nowhere are reported with the
 * mapping's reason; links already there are left as they are. One audit entry.
 */
async function copyEvidenceToItems(
  db: Db,
  ctx: RequestContext,
  at: { id: string; organizationId: string; fromId: string },
  mapping: MappingDef,
  framework: Framework,
) {
  const links = await repo.linksOf(db, at.fromId);
  const perItem = new Map<string, number>();
  const skipped: { code: string; reason: string }[] = [];
  let linkCount = 0;
  await inTransaction(db, async (t) => {
    for (const link of links) {
      const items = mappedItems(mapping, link.indicatorCode, link.level);
      if (items.length === 0) {
        const entry = mapping.entries.find((e) => e.from === link.indicatorCode);
        if (!skipped.some((s) => s.code === link.indicatorCode))
          skipped.push({ code: link.indicatorCode, reason: entry?.note.en ?? "not in the mapping" });
        continue;
      }
      for (const code of items) {
        const item = framework.itemByCode.get(code);
        if (!item) continue;
        const linked = await repo.linkEvidence(t, {
          assessmentId: at.id,
          indicatorCode: item.indicatorCode,
          level: item.level,
          itemCode: code,
          evidenceId: link.evidenceId,
        });
        if (linked) {
          linkCount++;
          perItem.set(code, (perItem.get(code) ?? 0) + 1);
        }
      }
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.copy_forward",
      entityType: "assessment",
      entityId: at.id,
      organizationId: at.organizationId,
      after: { from: at.fromId, mapping: mapping.id, evidenceLinks: linkCount, skipped },
    });
  });
  return {
    from: at.fromId,
    copied: [],
    evidenceLinks: linkCount,
    skipped,
    mapping: { id: mapping.id, title: mapping.title },
    items: [...perItem]
      .map(([code, evidence]) => ({ code, evidence }))
      .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true })),
  } satisfies CopyReport;
}

/**
 * Last cycle beside this one, for one indicator: the instansi's previous assessment's final level
 * (else its own answer), the explanation and the evidence, read-only. Null when there is none or
 * the caller may not read it; `sameFramework: false` when the answers cannot be carried as they are.
 */
export async function previousOfIndicator(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
) {
  const { c } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.read");
  const previous = await repo.previousAssessmentOf(db, c.organization.id, id);
  const source = previous ? await repo.loadContext(db, previous.id) : undefined;
  // An earlier assessment the caller may not read (an operator's unit was not on it) is not shown.
  if (!source || !can(ctx.principal, "indicator.read", indicatorTarget(source, code))) return null;
  const head = { assessmentId: source.assessment.id, year: source.cycle.year, cycle: source.cycle.name };
  if (source.cycle.frameworkId !== c.cycle.frameworkId)
    return { ...head, sameFramework: false, level: null, explanation: "", evidence: [] };
  const rows = await repo.stageScoresOf(db, source.assessment.id);
  const levels = stageLevels(rows);
  const note = (stage: string) => rows.find((r) => r.indicatorCode === code && r.stage === stage)?.note ?? "";
  const links = (await repo.linksOf(db, source.assessment.id)).filter((l) => l.indicatorCode === code);
  return {
    ...head,
    sameFramework: true,
    level: levels.final[code] ?? levels.self[code] ?? null,
    explanation: note("final") || note("self"),
    evidence: links.map((l) => ({
      evidenceId: l.evidenceId,
      title: l.title,
      level: l.level,
      item: l.itemCode || null,
      kind: l.kind,
      url: l.url,
      review: l.review,
    })),
  };
}
