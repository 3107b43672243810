import { isValueOf, stageLevels } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { assessmentTarget, NO_ASSESSMENT, requireWork } from "./access.js";
import * as repo from "./repository.js";

export interface CopyForwardInput {
  /** The assessment to copy from; by default the instansi's latest earlier one. */
  readonly from?: string;
  /** Old indicator code → new code, required when the frameworks differ. */
  readonly mapping?: Readonly<Record<string, string>>;
}

export interface CopyReport {
  readonly from: string;
  readonly copied: readonly string[];
  readonly evidenceLinks: number;
  readonly skipped: readonly { readonly code: string; readonly reason: string }[];
}

/**
 * Start an assessment from the instansi's previous final answers and evidence links: the
 * levels and notes become the new self-assessment answers (not yet consolidated) and the links
 * come back unreviewed. Indicator by indicator when the framework is the same; through `mapping`
 * when it is not. Nothing already answered is overwritten.
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
  if (!sameFramework && !input.mapping) {
    throw new ApiError(
      400,
      "mapping_required",
      `Copying from ${oldFramework.id} to ${newFramework.id} needs a code mapping`,
    );
  }
  const mapping: Record<string, string> = sameFramework
    ? Object.fromEntries(oldFramework.indicators.map((i) => [i.code, i.code]))
    : { ...input.mapping };

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
        (l) => l.indicatorCode === oldCode && indicator.scale.values.includes(l.level),
      )) {
        const linked = await repo.linkEvidence(t, {
          assessmentId: id,
          indicatorCode: newCode,
          level: link.level,
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
  return { from: fromId, copied, evidenceLinks: linkCount, skipped } satisfies CopyReport;
}
