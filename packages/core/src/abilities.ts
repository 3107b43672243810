// What a caller may do with an assessment now: the policy's answer (permission, from the server)
// joined with the evaluation's rules (state, schedule, preconditions). The server sends the result
// as `can` on each object and the web shows actions from it alone, so a rule here is the rule
// everywhere: the service checks a request with the same `workBlocked`/`moveMissing` it uses to
// fill `can`.
import {
  ASSESSOR_STAGE_OF_STATE,
  REVIEW_STAGE,
  SCHEDULE_STAGES,
  type ScoreStage,
  STATE_OF_SCORE,
  type State,
  stageLevels,
  TRANSITIONS,
  type TransitionOperation,
} from "./evaluation.js";
import type { Framework } from "./framework/model.js";
import { score } from "./scoring.js";

/** Work done inside a stage, while it is open. */
export type Work = "edit" | "assign" | "uploadEvidence" | "review" | "score" | "validate";

/** The states in which each kind of work is done. */
export const WORK_STATES: Record<Work, readonly State[]> = {
  // The instansi's own answers, assignments and evidence belong to the self-assessment.
  edit: [STATE_OF_SCORE.self],
  assign: [STATE_OF_SCORE.self],
  uploadEvidence: [STATE_OF_SCORE.self],
  // Evidence is reviewed in every scheduled stage: by the instansi before it submits, then by
  // the assessors and the review team (not while it waits as submitted, nor once published).
  review: SCHEDULE_STAGES,
  score: (["document", "interview", "visit", "final"] as const).map((s) => STATE_OF_SCORE[s]),
  validate: [STATE_OF_SCORE.validation],
};

/** Why something the caller is permitted to do cannot be done now. */
export type Blocked =
  /** Not in this state: the work belongs to `states`. */
  | { readonly code: "wrong_state"; readonly states: readonly State[] }
  /** The stage's window closed (on `end`, a WIB calendar day) and nobody reopened it. */
  | { readonly code: "stage_closed"; readonly end: string | null }
  /** Indicators still lacking what the move needs. */
  | { readonly code: "incomplete"; readonly missing: readonly string[] }
  /** Indicators whose final score the review team has not found valid (publication waits). */
  | { readonly code: "validation_open"; readonly indicators: readonly string[] };

/** The facts of an assessment that decide when work can be done. */
export interface StageFacts {
  readonly state: State;
  /** Whether the current state's stage is open now (core's `stageOpen`). */
  readonly stageOpen: boolean;
  /** The current stage's end date, if the schedule has one. */
  readonly stageEnd: string | null;
}

/** Why `work` cannot be done now, or null when it can. */
export function workBlocked(work: Work, facts: StageFacts): Blocked | null {
  const states = WORK_STATES[work];
  if (!states.includes(facts.state)) return { code: "wrong_state", states };
  if (!facts.stageOpen) return { code: "stage_closed", end: facts.stageEnd };
  return null;
}

/** The score stage assessors write in `state`, if any (validation is `validate` work). */
export const scoreStageOf = (state: State): Exclude<ScoreStage, "self"> | undefined =>
  ASSESSOR_STAGE_OF_STATE[state];

/** A stored score, with whether its note says anything (more than white space). */
export interface ExplainedLevelRow {
  readonly indicatorCode: string;
  readonly stage: string;
  readonly level: number | null;
  readonly explained: boolean;
  /** The review verdict, on `validation` rows. */
  readonly verdict?: string | null;
}

/**
 * What a move still needs, as indicator codes: submitting needs every indicator answered with a
 * level and an explanation; publishing needs every indicator finally scored.
 */
export function moveMissing(
  framework: Framework,
  operation: TransitionOperation,
  rows: readonly ExplainedLevelRow[],
): readonly string[] {
  if (operation === "assessment.submit") {
    const done = new Set(
      rows.filter((r) => r.stage === "self" && r.level !== null && r.explained).map((r) => r.indicatorCode),
    );
    return framework.indicators.filter((i) => !done.has(i.code)).map((i) => i.code);
  }
  if (operation === "assessment.publish") return score(framework, stageLevels(rows).final).missing;
  return [];
}

// ---------------------------------------------------------------------------------------------
// The review of final scores

/**
 * The review team's verdicts on a final score. `corrected`: the final score changed after a
 * verdict (the assessor corrected what was sent back), so the review team looks again.
 */
export const VERDICTS = ["valid", "not_valid", "corrected"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Who acts next on an indicator under review: the review team, the assessor, or nobody. */
export function reviewNext(verdict: string | null | undefined): "review" | "assessor" | null {
  if (verdict === "valid") return null;
  if (verdict === "not_valid") return "assessor";
  return "review";
}

/** The verdict an indicator's review keeps once its final score changes. */
export function verdictAfterCorrection(verdict: string | null | undefined): Verdict | null {
  return verdict === "valid" || verdict === "not_valid" || verdict === "corrected" ? "corrected" : null;
}

/**
 * Indicators whose final score is not (or no longer) found valid: sent back to the assessor, or
 * corrected and not yet validated again. Publication waits for them.
 */
export function validationOpen(rows: readonly ExplainedLevelRow[]): readonly string[] {
  return rows
    .filter((r) => r.stage === REVIEW_STAGE && (r.verdict === "not_valid" || r.verdict === "corrected"))
    .map((r) => r.indicatorCode);
}

/**
 * In the review, an assessor may correct only the final scores the review team sent back; the
 * stage the correction is written to.
 */
export const CORRECTION_STAGE = "final" satisfies ScoreStage;
export function mayCorrect(facts: StageFacts, verdict: string | null | undefined): boolean {
  return facts.state === STATE_OF_SCORE.validation && facts.stageOpen && verdict === "not_valid";
}

// ---------------------------------------------------------------------------------------------
// What a move needs

/**
 * Indicators the current stage's assessors have not scored: moving on, they keep the earlier
 * stage's level, which the one moving confirms. Indicators fed by another agency's index are
 * never scored by assessors.
 */
export function stageUnscored(
  framework: Framework,
  state: State,
  rows: readonly ExplainedLevelRow[],
): readonly string[] {
  const stage = ASSESSOR_STAGE_OF_STATE[state];
  if (!stage || stage === REVIEW_STAGE) return [];
  const scored = new Set(
    rows.filter((r) => r.stage === stage && r.level !== null).map((r) => r.indicatorCode),
  );
  return framework.indicators.filter((i) => !i.external && !scored.has(i.code)).map((i) => i.code);
}

/** Everything a move checks before it is made. */
export interface MoveNeeds {
  /** Indicators lacking what the move requires (it cannot be made). */
  readonly missing: readonly string[];
  /** Publication: indicators the review has not found valid (it cannot be made). */
  readonly validationOpen: readonly string[];
  /** Moving on: indicators this stage did not score (it needs a confirmation). */
  readonly unscored: readonly string[];
}

export function moveNeeds(
  framework: Framework,
  operation: TransitionOperation,
  state: State,
  rows: readonly ExplainedLevelRow[],
): MoveNeeds {
  return {
    missing: moveMissing(framework, operation, rows),
    validationOpen: operation === "assessment.publish" ? validationOpen(rows) : [],
    unscored: operation === "assessment.advance" ? stageUnscored(framework, state, rows) : [],
  };
}

/** The policy's answers for the caller on one assessment (permission only, no state). */
export interface AssessmentPermissions {
  readonly consolidate: boolean;
  readonly assign: boolean;
  readonly uploadEvidence: boolean;
  readonly reviewEvidence: boolean;
  readonly score: boolean;
  readonly validate: boolean;
  readonly submit: boolean;
  readonly advance: boolean;
  readonly publish: boolean;
  readonly reopen: boolean;
}

export const ASSESSMENT_ACTIONS = [
  "edit",
  "assign",
  "uploadEvidence",
  "review",
  "score",
  "validate",
  "submit",
  "move",
  "publish",
  "reopen",
] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

export interface Move {
  readonly to: State;
  readonly operation: TransitionOperation;
  /** Forward along the evaluation, or back (an administrator reopening an earlier state). */
  readonly direction: "forward" | "back";
  /** Indicators this stage did not score: a forward move keeps their earlier level, confirmed. */
  readonly unscored: readonly string[];
}

export interface AssessmentAbilities {
  /** What the caller may do now: permission, state, schedule and preconditions together. */
  readonly can: Readonly<Record<AssessmentAction, boolean>>;
  /** For actions the caller is permitted but cannot do now: what is missing. */
  readonly blocked: Readonly<Partial<Record<AssessmentAction, Blocked>>>;
  /** The moves the caller may make now. */
  readonly moves: readonly Move[];
}

const WORK_OF: Record<Exclude<AssessmentAction, "submit" | "move" | "publish" | "reopen">, Work> = {
  edit: "edit",
  assign: "assign",
  uploadEvidence: "uploadEvidence",
  review: "review",
  score: "score",
  validate: "validate",
};
const PERMISSION_OF: Record<keyof typeof WORK_OF, keyof AssessmentPermissions> = {
  edit: "consolidate",
  assign: "assign",
  uploadEvidence: "uploadEvidence",
  review: "reviewEvidence",
  score: "score",
  validate: "validate",
};
const ACTION_OF_OPERATION: Record<TransitionOperation, AssessmentAction> = {
  "assessment.submit": "submit",
  "assessment.advance": "move",
  "assessment.publish": "publish",
  "assessment.reopen": "reopen",
};
const PERMISSION_OF_OPERATION: Record<TransitionOperation, keyof AssessmentPermissions> = {
  "assessment.submit": "submit",
  "assessment.advance": "advance",
  "assessment.publish": "publish",
  "assessment.reopen": "reopen",
};

/**
 * The caller's abilities on an assessment. `needsFor` answers what a move still needs (by
 * {@link moveNeeds}); it is asked only for moves the caller is permitted to make.
 */
export function assessmentAbilities(
  permissions: AssessmentPermissions,
  facts: StageFacts,
  needsFor: (operation: TransitionOperation) => MoveNeeds,
): AssessmentAbilities {
  const can: Partial<Record<AssessmentAction, boolean>> = {};
  const blocked: Partial<Record<AssessmentAction, Blocked>> = {};
  for (const [action, work] of Object.entries(WORK_OF) as [keyof typeof WORK_OF, Work][]) {
    const permitted = permissions[PERMISSION_OF[action]];
    const why = permitted ? workBlocked(work, facts) : null;
    can[action] = permitted && why === null;
    if (why) blocked[action] = why;
  }
  const moves: Move[] = [];
  const forward = TRANSITIONS.filter((t) => t.operation !== "assessment.reopen");
  for (const t of TRANSITIONS) {
    if (t.from !== facts.state || !permissions[PERMISSION_OF_OPERATION[t.operation]]) continue;
    const needs = needsFor(t.operation);
    const action = ACTION_OF_OPERATION[t.operation];
    if (needs.missing.length) blocked[action] = { code: "incomplete", missing: needs.missing };
    else if (needs.validationOpen.length)
      blocked[action] = { code: "validation_open", indicators: needs.validationOpen };
    else
      moves.push({
        to: t.to,
        operation: t.operation,
        direction: forward.includes(t) ? "forward" : "back",
        unscored: forward.includes(t) ? needs.unscored : [],
      });
  }
  for (const [operation, action] of Object.entries(ACTION_OF_OPERATION) as [
    TransitionOperation,
    AssessmentAction,
  ][]) {
    can[action] = moves.some((m) => m.operation === operation);
    // A permitted move that does not start from this state: say which states it starts from.
    if (!can[action] && !blocked[action] && permissions[PERMISSION_OF_OPERATION[operation]]) {
      const states = [...new Set(TRANSITIONS.filter((t) => t.operation === operation).map((t) => t.from))];
      if (!states.includes(facts.state)) blocked[action] = { code: "wrong_state", states };
    }
  }
  return { can: can as Record<AssessmentAction, boolean>, blocked, moves };
}

/**
 * Separation of duties: whoever put the evidence there does not accept it, unless the instansi
 * allows it (small teams). The uploader is the newest file's, else the evidence's creator.
 */
export function mayAccept(uploaderId: string | null, userId: string, allowSelfAcceptance: boolean): boolean {
  return allowSelfAcceptance || uploaderId === null || uploaderId !== userId;
}
