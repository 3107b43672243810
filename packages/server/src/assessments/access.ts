// How an assessment and its indicators appear to the policy, and when they may be edited:
// shared by every module that touches an assessment.

import { type Blocked, type StageFacts, type Work, workBlocked } from "@matang/core";
import { ApiError } from "../http/errors.js";
import type { Target } from "../policy/policy.js";
import type { AssessmentContext } from "./repository.js";
import { type Schedule, type State, stageOpen } from "./workflow.js";

/** The assessment as a policy target: its instansi, every assigned unit, its assessors. */
export const assessmentTarget = (c: AssessmentContext): Target => ({
  path: c.organization.path,
  unitPaths: c.assignments.map((a) => a.unitPath),
  assessorIds: c.assessorIds,
});

/** One indicator as a policy target: only the units assigned to it count. */
export const indicatorTarget = (c: AssessmentContext, code: string): Target => ({
  path: c.organization.path,
  unitPaths: c.assignments.filter((a) => a.indicatorCode === code).map((a) => a.unitPath),
  assessorIds: c.assessorIds,
});

/** No grant covers the root itself: what policy sees for an assessment that does not exist. */
export const NO_ASSESSMENT: Target = { path: "/" };

/** The facts that decide when work can be done on the assessment (core's `workBlocked`). */
export function stageFacts(c: AssessmentContext, now = new Date()): StageFacts {
  const state = c.assessment.state as State;
  const schedule = c.cycle.schedule as Schedule;
  return {
    state,
    stageOpen: stageOpen(schedule, state, now, c.assessment.reopenedUntil),
    stageEnd: schedule[state as keyof Schedule]?.end ?? null,
  };
}

/**
 * Work belongs to states, and closes with its stage's end date unless an administrator reopened
 * it: the rule `can` reports (core), enforced. `states` narrows it further (a stage score is
 * written only in its own state).
 */
export function requireWork(
  c: AssessmentContext,
  work: Work,
  states?: readonly State[],
  now = new Date(),
): void {
  const facts = stageFacts(c, now);
  const why: Blocked | null =
    states && !states.includes(facts.state) ? { code: "wrong_state", states } : workBlocked(work, facts);
  if (!why) return;
  if (why.code === "wrong_state") {
    throw new ApiError(
      409,
      "stage_closed",
      `This can only be changed during ${why.states.join(" or ")}; the assessment is in ${facts.state}`,
      { state: facts.state, states: why.states },
    );
  }
  throw new ApiError(
    409,
    "stage_closed",
    `The ${facts.state} stage closed on ${facts.stageEnd}; an administrator can reopen it`,
    { state: facts.state, end: facts.stageEnd },
  );
}
