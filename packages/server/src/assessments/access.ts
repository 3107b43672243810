// How an assessment and its indicators appear to the policy, and when they may be edited:
// shared by every module that touches an assessment.
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

/** Edits belong to a state, and close with its stage's end date unless an admin reopened it. */
export function requireOpen(c: AssessmentContext, state: State, now = new Date()): void {
  const current = c.assessment.state as State;
  if (current !== state) {
    throw new ApiError(
      409,
      "stage_closed",
      `This can only be changed during ${state}; the assessment is in ${current}`,
      {
        state: current,
      },
    );
  }
  const schedule = c.cycle.schedule as Schedule;
  if (!stageOpen(schedule, current, now, c.assessment.reopenedUntil)) {
    const end = schedule[current as keyof Schedule]?.end;
    throw new ApiError(
      409,
      "stage_closed",
      `The ${current} stage closed on ${end}; an administrator can reopen it`,
      {
        state: current,
        end,
      },
    );
  }
}
