// The life of an assessment: states in order, the moves between them and which policy operation
// each move needs, and which stage's schedule governs edits in each state.
import type { Operation } from "../policy/policy.js";

export const STATES = [
  "self_assessment",
  "submitted",
  "document_review",
  "interview",
  "visit",
  "consolidation",
  "validation",
  "published",
] as const;
export type State = (typeof STATES)[number];

/** Stages of the schedule (cycle.schedule keys). */
export const SCHEDULE_STAGES = [
  "self_assessment",
  "document_review",
  "interview",
  "visit",
  "consolidation",
  "validation",
] as const;
export type ScheduleStage = (typeof SCHEDULE_STAGES)[number];

/** Scores kept per indicator: the instansi's own, the assessors' per stage, the review verdict. */
export const SCORE_STAGES = ["self", "document", "interview", "visit", "final", "validation"] as const;
export type ScoreStage = (typeof SCORE_STAGES)[number];

/** The state in which each score stage is written. */
export const STATE_OF_SCORE: Record<ScoreStage, State> = {
  self: "self_assessment",
  document: "document_review",
  interview: "interview",
  visit: "visit",
  final: "consolidation",
  validation: "validation",
};

interface Transition {
  readonly from: State;
  readonly to: State;
  readonly operation: Operation;
}

const forward = (from: State, to: State, operation: Operation): Transition => ({ from, to, operation });

export const TRANSITIONS: readonly Transition[] = [
  forward("self_assessment", "submitted", "assessment.submit"),
  forward("submitted", "document_review", "assessment.advance"),
  forward("document_review", "interview", "assessment.advance"),
  forward("interview", "visit", "assessment.advance"),
  // The visit is optional.
  forward("interview", "consolidation", "assessment.advance"),
  forward("visit", "consolidation", "assessment.advance"),
  forward("consolidation", "validation", "assessment.advance"),
  forward("validation", "published", "assessment.publish"),
  // Going back is an administrator's decision.
  forward("submitted", "self_assessment", "assessment.reopen"),
  forward("document_review", "submitted", "assessment.reopen"),
  forward("interview", "document_review", "assessment.reopen"),
  forward("visit", "interview", "assessment.reopen"),
  forward("consolidation", "interview", "assessment.reopen"),
  forward("consolidation", "visit", "assessment.reopen"),
  forward("validation", "consolidation", "assessment.reopen"),
  forward("published", "validation", "assessment.reopen"),
];

export function transition(from: State, to: State): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export interface StageWindow {
  readonly start: string;
  readonly end: string;
}
export type Schedule = Partial<Record<ScheduleStage, StageWindow>>;

/** Dates are Indonesian calendar days: a stage ending on 30 June closes at 24:00 WIB (UTC+7). */
const WIB_OFFSET_MS = 7 * 3_600_000;

export function endOfDayWib(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000 - WIB_OFFSET_MS);
}

/** Is the stage that `state` works on still open for edits at `now`? */
export function stageOpen(schedule: Schedule, state: State, now: Date, reopenedUntil: Date | null): boolean {
  if (reopenedUntil && reopenedUntil > now) return true;
  if (!(SCHEDULE_STAGES as readonly string[]).includes(state)) return false;
  const window = schedule[state as ScheduleStage];
  return !window || now < endOfDayWib(window.end);
}
