// The life of an assessment is one of the evaluation's rules, kept in @matang/core with the
// stages, their inheritance and the headline figure. The server adds only that every move's
// operation is one its policy module knows.
import type { TransitionOperation as MoveOperation } from "@matang/core";
import type { Operation } from "../policy/policy.js";

export {
  endOfDayWib,
  LEVEL_STAGES,
  type LevelStage,
  SCHEDULE_STAGES,
  SCORE_STAGES,
  type Schedule,
  type ScheduleStage,
  type ScoreStage,
  STATE_OF_SCORE,
  STATES,
  type StageWindow,
  type State,
  stageOpen,
  TRANSITION_OPERATIONS,
  TRANSITIONS,
  type TransitionOperation,
  transition,
} from "@matang/core";

/** Compile-time: every move's operation is one the policy module knows. */
export const TRANSITIONS_USE_POLICY_OPERATIONS: MoveOperation extends Operation ? true : never = true;
