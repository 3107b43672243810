// Moving an assessment through its states (core's transitions), and reopening a closed stage.
import { moveNeeds, type NotEvaluatedReason } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { buildChecklist } from "../checklist/service.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorFrom, actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict } from "../http/errors.js";
import { notify } from "../notifications/service.js";
import { authorize } from "../policy/policy.js";
import { assessmentTarget } from "./access.js";
import { access } from "./loading.js";
import * as repo from "./repository.js";
import { transition as findTransition, STATES, type State } from "./workflow.js";

// ---------------------------------------------------------------------------------------------
// Moving through the states

export async function move(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: { to: State; version?: number; reopenDays?: number; confirm?: boolean; reason?: string },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const from = c.assessment.state as State;
  const step = findTransition(from, input.to);
  if (!step)
    throw new ApiError(409, "invalid_transition", `An assessment in ${from} cannot move to ${input.to}`);
  authorize(ctx.principal, step.operation, assessmentTarget(c));
  if (input.version !== undefined && input.version !== c.assessment.version) {
    throw conflict("The assessment changed meanwhile", {
      current: { state: from, version: c.assessment.version },
    });
  }
  if (step.operation === "assessment.publish" && c.assessment.evaluated === false)
    throw new ApiError(
      409,
      "not_evaluated",
      "This instansi is not evaluated in this cycle: its assessment is its own monitoring and is never published",
    );
  const back = step.operation === "assessment.reopen";
  const reason = input.reason?.trim() ?? "";
  if (back && !reason) throw new ApiError(422, "reason_required", "Say why the assessment goes back a stage");
  const needs = moveNeeds(c.framework, step.operation, from, await repo.levelsOf(db, id));
  const { missing } = needs;
  if (missing.length > 0) {
    throw new ApiError(
      422,
      "incomplete",
      step.operation === "assessment.publish"
        ? "Every indicator needs a final score before publication"
        : `${missing.length} indicators still need a level and an explanation`,
      { missing },
    );
  }
  if (needs.validationOpen.length > 0)
    throw new ApiError(
      409,
      "validation_open",
      `The review has not found ${needs.validationOpen.length} final scores valid: ${needs.validationOpen.join(", ")}`,
      { indicators: needs.validationOpen },
    );
  // Moving on keeps an unscored indicator's earlier level: said, and confirmed.
  const unscored = back ? [] : needs.unscored;
  if (unscored.length > 0 && input.confirm !== true)
    throw new ApiError(
      409,
      "stage_incomplete",
      `${unscored.length} indicators were not scored at this stage and would keep the earlier stage's level; send again with confirm: true to move on`,
      { missing: unscored },
    );
  // Moving back gives the reopened stage time to be worked on again.
  const reopenedUntil =
    step.operation === "assessment.reopen"
      ? new Date(Date.now() + (input.reopenDays ?? 7) * 86_400_000)
      : null;
  // Back before the submission: it no longer stands; the history keeps when it was made.
  const unsubmits =
    STATES.indexOf(input.to as State) < STATES.indexOf("submitted") && c.assessment.submittedAt !== null;
  const submittedAt = step.operation === "assessment.submit" ? new Date() : unsubmits ? null : undefined;
  return inTransaction(db, async (t) => {
    const saved = await repo.setState(t, id, c.assessment.version, {
      state: input.to,
      reopenedUntil,
      ...(submittedAt !== undefined ? { submittedAt } : {}),
    });
    if (!saved) throw conflict("The assessment changed meanwhile");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.transition",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      before: { state: from, ...(unsubmits ? { submittedAt: c.assessment.submittedAt } : {}) },
      after: {
        state: input.to,
        reopenedUntil,
        ...(submittedAt !== undefined ? { submittedAt } : {}),
        ...(unscored.length > 0 ? { confirmed: true, unscored } : {}),
        ...(back ? { reason } : {}),
      },
    });
    // A published result opens (or adds to) the instansi's improvement checklist, atomically.
    if (step.operation === "assessment.publish")
      await buildChecklist(
        t,
        { ...c, assessment: { ...c.assessment, state: input.to } },
        actorFrom(ctx),
        "publish",
      );
    const coordinators = await repo.usersWithRoleOver(t, c.organization.path, ["coordinator"]);
    await notify(t, [...coordinators, ...c.assessorIds], "state_changed", {
      assessmentId: id,
      from,
      to: input.to,
      ...(back ? { reason } : {}),
    });
    return { state: saved.state, version: saved.version, reopenedUntil: saved.reopenedUntil };
  });
}

/** An administrator reopens the current stage after its end date, for a number of days. */
export async function reopen(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string, days: number) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  authorize(ctx.principal, "assessment.reopen", assessmentTarget(c));
  const until = new Date(Date.now() + days * 86_400_000);
  return inTransaction(db, async (t) => {
    const saved = await repo.setState(t, id, c.assessment.version, {
      state: c.assessment.state,
      reopenedUntil: until,
    });
    if (!saved) throw conflict("The assessment changed meanwhile");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.reopen",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      before: { reopenedUntil: c.assessment.reopenedUntil },
      after: { reopenedUntil: until },
    });
    return { state: saved.state, version: saved.version, reopenedUntil: saved.reopenedUntil };
  });
}

// ---------------------------------------------------------------------------------------------
// Evaluated in this cycle, or not (and why)

/**
 * An administrator records whether the instansi is evaluated in this cycle; one that is not keeps
 * its assessment as its own monitoring (never published). 409 when the version is stale or the
 * assessment is already published.
 */
export async function setEvaluation(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: { evaluated: boolean; reason: NotEvaluatedReason | null; version: number },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  authorize(ctx.principal, "assessment.enrol", assessmentTarget(c));
  if (!input.evaluated && !input.reason)
    throw new ApiError(422, "reason_required", "Say why the instansi is not evaluated in this cycle");
  if (!input.evaluated && c.assessment.state === "published")
    throw new ApiError(409, "already_published", "A published assessment was evaluated");
  return inTransaction(db, async (t) => {
    const saved = await repo.setEvaluated(
      t,
      id,
      input.version,
      input.evaluated,
      input.evaluated ? null : input.reason,
    );
    if (!saved) throw conflict("The assessment changed meanwhile");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.evaluation",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      before: { evaluated: c.assessment.evaluated, reason: c.assessment.notEvaluatedReason },
      after: { evaluated: saved.evaluated, reason: saved.notEvaluatedReason },
    });
    return {
      evaluated: saved.evaluated,
      reason: saved.notEvaluatedReason as NotEvaluatedReason | null,
      version: saved.version,
    };
  });
}
