import { REVIEW_STAGE, todayWib, verdictAfterCorrection } from "@matang/core";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, conflict } from "../http/errors.js";
import { notify } from "../notifications/service.js";
import { authorize } from "../policy/policy.js";
import { requireWork } from "./access.js";
import {
  access,
  accessIndicator,
  auditIndicator,
  checkLevel,
  indicatorAudit,
  indicatorOf,
  type Loaded,
  refuseFed,
} from "./loading.js";
import * as repo from "./repository.js";
import type { ScoreStage } from "./workflow.js";

// ---------------------------------------------------------------------------------------------
// Indicator work

export async function assignUnits(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  units: readonly { unitId: string; dueDate: string | null }[],
  version: number,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.assign");
  indicatorOf(c, code);
  requireWork(c, "assign");
  const ids = [...new Set(units.map((u) => u.unitId))];
  const found = await repo.unitsUnder(db, c.organization.path, ids);
  if (found.length !== ids.length || found.some((u) => u.kind !== "unit")) {
    throw new ApiError(400, "invalid_unit", "Every unit must be a unit (OPD) of this instansi");
  }
  const before = c.assignments
    .filter((a) => a.indicatorCode === code)
    .map(({ unitId, dueDate }) => ({ unitId, dueDate }));
  // A due date already passed is a typo; one that was set before and has since passed may stay.
  const today = todayWib();
  const past = units.find(
    (u) => u.dueDate && u.dueDate < today && before.find((b) => b.unitId === u.unitId)?.dueDate !== u.dueDate,
  );
  if (past)
    throw new ApiError(422, "due_in_past", `The due date ${past.dueDate} is before today (${today})`, {
      dueDate: past.dueDate,
      today,
    });
  const added = ids.filter((u) => !before.some((b) => b.unitId === u));
  await inTransaction(db, async (t) => {
    await repo.lockAssessment(t, id);
    const current = (await repo.assignmentVersions(t, id, [code])).get(code) ?? 0;
    if (current !== version) {
      throw conflict("Someone changed this indicator's assignments first", {
        current: { units: before, version: current },
      });
    }
    await repo.replaceAssignments(t, id, code, units);
    await auditIndicator(t, ctx, c, code, "indicator.assign", before, units);
    for (const unitId of added) {
      const unit = found.find((u) => u.id === unitId);
      if (!unit) continue;
      const operators = await repo.usersWithRoleOver(t, unit.path, ["operator"]);
      await notify(t, operators, "assignment", {
        assessmentId: id,
        indicator: code,
        unitId,
        dueDate: units.find((u) => u.unitId === unitId)?.dueDate ?? null,
      });
    }
  });
  return { ok: true as const, version: version + 1 };
}

export interface UnitAnswerInput {
  readonly level: number | null;
  readonly explanation: string;
  readonly status: "in_progress" | "ready";
  readonly version: number;
}

/** A unit's operator proposes a level and an explanation, and marks it ready when done. */
export async function saveUnitAnswer(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  unitId: string,
  input: UnitAnswerInput,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const indicator = indicatorOf(c, code);
  const assignment = c.assignments.find((a) => a.indicatorCode === code && a.unitId === unitId);
  authorize(ctx.principal, "indicator.propose", {
    path: c.organization.path,
    unitPaths: assignment ? [assignment.unitPath] : [],
  });
  if (!assignment) throw new ApiError(400, "not_assigned", `Indicator ${code} is not assigned to this unit`);
  requireWork(c, "edit");
  checkLevel(indicator, input.level, true);
  const key = { assessmentId: id, indicatorCode: code, unitId };
  const saved = await repo.saveUnitAnswer(
    db,
    key,
    input.version,
    { level: input.level, explanation: input.explanation, status: input.status },
    indicatorAudit(ctx, c, code, "indicator.unit_answer"),
  );
  // Read again for the 409: the writer who came first may have committed after this save began.
  if (!saved)
    throw conflict("Someone saved this answer first", {
      current: (await repo.findUnitAnswer(db, key)) ?? null,
    });
  return saved;
}

const pick = (r: { level: number | null; explanation?: string; note?: string; status?: string }) => ({
  level: r.level,
  ...(r.explanation !== undefined ? { explanation: r.explanation } : {}),
  ...(r.note !== undefined ? { note: r.note } : {}),
  ...(r.status !== undefined ? { status: r.status } : {}),
});

/** The coordinator's consolidated answer for the instansi: the self-assessment score. */
export async function consolidate(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: { level: number | null; explanation: string; version: number },
) {
  const { c, indicator } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.consolidate");
  requireWork(c, "edit");
  refuseFed(indicator);
  checkLevel(indicator, input.level);
  return writeStage(db, ctx, c, code, "self", input.version, {
    level: input.level,
    note: input.explanation,
    verdict: input.level !== null && input.explanation.trim() ? "done" : null,
  });
}

export async function writeStage(
  db: Db,
  ctx: RequestContext,
  c: Loaded,
  code: string,
  stage: ScoreStage,
  version: number,
  values: { level: number | null; note: string; verdict: string | null },
) {
  const key = { assessmentId: c.assessment.id, indicatorCode: code, stage };
  return inTransaction(db, async (t) => {
    const before = await repo.findStageScore(t, key);
    const saved = await repo.upsertStageScore(t, key, version, {
      ...values,
      authorId: ctx.principal?.userId ?? null,
    });
    if (!saved) {
      // Read again: a writer who got in at the same moment committed after our first read.
      const now = await repo.findStageScore(t, key);
      throw conflict("Someone saved this score first", {
        current: now
          ? { level: now.level, note: now.note, verdict: now.verdict, version: now.version }
          : null,
      });
    }
    await auditIndicator(
      t,
      ctx,
      c,
      code,
      `indicator.stage.${stage}`,
      before ? { level: before.level, note: before.note, verdict: before.verdict } : null,
      { level: saved.level, note: saved.note, verdict: saved.verdict },
    );
    if (stage === "final") await reopenReview(t, ctx, c, code);
    if (stage === REVIEW_STAGE && saved.verdict === "not_valid")
      await notify(t, c.assessorIds, "validation_returned", {
        assessmentId: c.assessment.id,
        indicator: code,
        note: saved.note,
      });
    return { level: saved.level, note: saved.note, verdict: saved.verdict, version: saved.version };
  });
}

/**
 * A final score that changes after the review team's verdict is looked at again (core's
 * `verdictAfterCorrection`): the verdict becomes "corrected" and the review team is told.
 */
async function reopenReview(t: Db, ctx: RequestContext, c: Loaded, code: string) {
  const key = { assessmentId: c.assessment.id, indicatorCode: code, stage: REVIEW_STAGE };
  const review = await repo.findStageScore(t, key);
  const verdict = verdictAfterCorrection(review?.verdict);
  if (!review || !verdict || review.verdict === verdict) return;
  await repo.upsertStageScore(t, key, review.version, {
    level: review.level,
    note: review.note,
    verdict,
    authorId: review.authorId,
  });
  await auditIndicator(
    t,
    ctx,
    c,
    code,
    "indicator.stage.validation",
    { verdict: review.verdict },
    { verdict },
  );
  const reviewers = await repo.usersWithRoleOver(t, c.organization.path, ["reviewer"]);
  await notify(t, reviewers, "validation_corrected", { assessmentId: c.assessment.id, indicator: code });
}

/** Return an indicator to a unit with a note: their answer goes back to "returned". */
export async function returnToUnit(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: { unitId: string; note: string },
) {
  const { c } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.consolidate");
  requireWork(c, "edit");
  const assignment = c.assignments.find((a) => a.indicatorCode === code && a.unitId === input.unitId);
  if (!assignment) throw new ApiError(400, "not_assigned", `Indicator ${code} is not assigned to this unit`);
  const key = { assessmentId: id, indicatorCode: code, unitId: input.unitId };
  await inTransaction(db, async (t) => {
    const current = await repo.findUnitAnswer(t, key);
    const saved = await repo.upsertUnitAnswer(t, key, current?.version ?? 0, {
      level: current?.level ?? null,
      explanation: current?.explanation ?? "",
      status: "returned",
      returnNote: input.note,
    });
    if (!saved) throw conflict("The unit saved its answer at the same moment; try again");
    await auditIndicator(
      t,
      ctx,
      c,
      code,
      "indicator.return",
      current ? { unitId: input.unitId, ...pick(current) } : null,
      {
        status: "returned",
        note: input.note,
        unitId: input.unitId,
      },
    );
    await notify(t, await repo.usersWithRoleOver(t, assignment.unitPath, ["operator"]), "returned", {
      assessmentId: id,
      indicator: code,
      note: input.note,
    });
  });
  return { ok: true as const };
}

export async function addComment(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  body: string,
) {
  const { c } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.read");
  return inTransaction(db, async (t) => {
    const row = await repo.addComment(t, {
      assessmentId: id,
      indicatorCode: code,
      authorId: ctx.principal?.userId ?? "",
      authorLabel: ctx.principal?.label ?? "",
      body,
    });
    await auditIndicator(t, ctx, c, code, "indicator.comment", null, { body });
    if (!row) throw conflict("The comment was not saved");
    return { id: row.id, author: row.authorLabel, body: row.body, createdAt: row.createdAt };
  });
}
