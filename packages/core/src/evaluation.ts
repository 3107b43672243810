// The rules of an evaluation, in one place for the server, its SQL, the reports and the web: the
// states an assessment goes through and the moves between them, the stages that carry levels and
// how a later stage inherits an earlier one's, the schedule's windows, and the one headline figure
// an assessment shows in any state.
import type { Framework } from "./framework/model.js";
import type { LocalizedText } from "./framework/schema.js";
import { type ScoreResult, score } from "./scoring.js";

import { STATE_LABELS, STATES, type State } from "./states.js";

export { STATE_LABELS, STATES, type State };

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

/** The score stage holding the review team's verdicts on the final scores. */
export const REVIEW_STAGE = "validation" satisfies ScoreStage;

/** The stages that carry levels, in order (validation carries verdicts). */
export const LEVEL_STAGES = ["self", "document", "interview", "visit", "final"] as const;
export type LevelStage = (typeof LEVEL_STAGES)[number];

/** The state in which each score stage is written. */
export const STATE_OF_SCORE: Record<ScoreStage, State> = {
  self: "self_assessment",
  document: "document_review",
  interview: "interview",
  visit: "visit",
  final: "consolidation",
  validation: "validation",
};

/** The assessors' score stage each state writes (none in the self-assessment or once published). */
export const ASSESSOR_STAGE_OF_STATE: Partial<Record<State, Exclude<ScoreStage, "self">>> =
  Object.fromEntries(SCORE_STAGES.filter((s) => s !== "self").map((s) => [STATE_OF_SCORE[s], s]));

/** The latest stage whose levels can exist in each state. */
export const LEVEL_STAGE_OF_STATE: Record<State, LevelStage> = {
  self_assessment: "self",
  submitted: "self",
  document_review: "document",
  interview: "interview",
  visit: "visit",
  consolidation: "final",
  validation: "final",
  published: "final",
};

/** The policy operation a move needs (names as in the server's policy module). */
export const TRANSITION_OPERATIONS = [
  "assessment.submit",
  "assessment.advance",
  "assessment.reopen",
  "assessment.publish",
] as const;
export type TransitionOperation = (typeof TRANSITION_OPERATIONS)[number];

export interface Transition {
  readonly from: State;
  readonly to: State;
  readonly operation: TransitionOperation;
}

const move = (from: State, to: State, operation: TransitionOperation): Transition => ({
  from,
  to,
  operation,
});

export const TRANSITIONS: readonly Transition[] = [
  move("self_assessment", "submitted", "assessment.submit"),
  move("submitted", "document_review", "assessment.advance"),
  move("document_review", "interview", "assessment.advance"),
  move("interview", "visit", "assessment.advance"),
  // The visit is optional.
  move("interview", "consolidation", "assessment.advance"),
  move("visit", "consolidation", "assessment.advance"),
  move("consolidation", "validation", "assessment.advance"),
  move("validation", "published", "assessment.publish"),
  // Going back is an administrator's decision.
  move("submitted", "self_assessment", "assessment.reopen"),
  move("document_review", "submitted", "assessment.reopen"),
  move("interview", "document_review", "assessment.reopen"),
  move("visit", "interview", "assessment.reopen"),
  move("consolidation", "interview", "assessment.reopen"),
  move("consolidation", "visit", "assessment.reopen"),
  move("validation", "consolidation", "assessment.reopen"),
  move("published", "validation", "assessment.reopen"),
];

export function transition(from: State, to: State): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

// ---------------------------------------------------------------------------------------------
// The schedule

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

/** Today's date in Indonesia's western time (ISO `YYYY-MM-DD`), for expiry and due dates. */
export function todayWib(now: Date = new Date()): string {
  return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** Is `date` a real calendar day written YYYY-MM-DD (not 2026-13-01 or 2026-02-30)? */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const day = new Date(`${date}T00:00:00Z`);
  // An impossible month is an invalid date; an impossible day rolls over into the next month.
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
}

/** Is the stage that `state` works on still open for edits at `now`? */
export function stageOpen(schedule: Schedule, state: State, now: Date, reopenedUntil: Date | null): boolean {
  if (reopenedUntil && reopenedUntil > now) return true;
  if (!(SCHEDULE_STAGES as readonly string[]).includes(state)) return false;
  const window = schedule[state as ScheduleStage];
  return !window || now < endOfDayWib(window.end);
}

// ---------------------------------------------------------------------------------------------
// Stage inheritance

export interface StageLevelRow {
  readonly indicatorCode: string;
  readonly stage: string;
  readonly level: number | null;
}

export type StageLevels = Record<LevelStage, Record<string, number>>;

/**
 * The stages whose levels count at `stage`, earliest first; per indicator the latest of them with
 * a level wins. The assessors' stages build on each other: an indicator not discussed in the
 * interview keeps its document score, and so on up to the final one. The self-assessment stands
 * alone. (The ranking's SQL sums over these same stages.)
 */
export function stagesBehind(stage: LevelStage): readonly LevelStage[] {
  if (stage === "self") return ["self"];
  return LEVEL_STAGES.slice(1, LEVEL_STAGES.indexOf(stage) + 1);
}

/** Each stage's levels from stored rows, inherited as {@link stagesBehind} says. */
export function stageLevels(rows: readonly StageLevelRow[]): StageLevels {
  const own = new Map<string, Record<string, number>>(LEVEL_STAGES.map((s) => [s, {}]));
  for (const r of rows) {
    const levels = own.get(r.stage);
    if (levels && r.level !== null) levels[r.indicatorCode] = r.level;
  }
  const at = (stage: LevelStage) => Object.assign({}, ...stagesBehind(stage).map((s) => own.get(s)));
  return {
    self: at("self"),
    document: at("document"),
    interview: at("interview"),
    visit: at("visit"),
    final: at("final"),
  };
}

/**
 * The level an assessor's form starts from at `stage` for one indicator: what the stage holds (its
 * own score, else what earlier stages left, as {@link stagesBehind} says), else the instansi's
 * own claim as a suggestion.
 */
export function startingLevel(
  levels: Partial<Record<LevelStage, number | null | undefined>>,
  stage: LevelStage,
): number | null {
  for (const s of [...stagesBehind(stage)].reverse()) {
    const level = levels[s];
    if (level !== null && level !== undefined) return level;
  }
  return levels.self ?? null;
}

// ---------------------------------------------------------------------------------------------
// The headline figure

export interface Label {
  readonly id: string;
  readonly en: string;
}

const STAGE_LABELS: Record<LevelStage, Label> = {
  self: { id: "Indeks sementara — penilaian mandiri", en: "Provisional index — self-assessment" },
  document: { id: "Indeks hasil penilaian dokumen", en: "Index after the document review" },
  interview: { id: "Indeks hasil wawancara", en: "Index after the interviews" },
  visit: { id: "Indeks hasil visitasi", en: "Index after the site visit" },
  final: { id: "Indeks hasil konsolidasi", en: "Index after consolidation" },
};
const FINAL_LABEL: Label = { id: "Indeks akhir", en: "Final index" };
const RANGE_LABEL: Label = { id: "Rentang indeks — belum lengkap", en: "Index range — incomplete" };

/** A score as screens and reports show it: the figure, or the range while incomplete. */
export interface Figure {
  /** False while indicators are unanswered: then only the range floor–ceiling is known. */
  readonly complete: boolean;
  readonly index: number | null;
  readonly indexDisplay: string | null;
  readonly predicate: string | null;
  /** The predicate in both languages, from the framework (the web shows the user's). */
  readonly predicateName: LocalizedText | null;
  /** Its labels in the framework's other label sets, by set (e.g. Pemdi's stage: Membangun/Emerging). */
  readonly predicateLabels: Readonly<Record<string, LocalizedText>>;
  readonly floor: number;
  readonly ceiling: number;
  readonly floorDisplay: string;
  readonly ceilingDisplay: string;
  readonly answered: number;
  readonly total: number;
}

export function figureOf(framework: Framework, s: ScoreResult): Figure {
  return {
    complete: s.complete,
    index: s.index,
    indexDisplay: s.indexDisplay,
    predicate: s.predicate,
    predicateName: framework.predicates.find((p) => p.name.id === s.predicate)?.name ?? null,
    predicateLabels: framework.predicates.find((p) => p.name.id === s.predicate)?.labels ?? {},
    floor: s.floor,
    ceiling: s.ceiling,
    floorDisplay: s.floorDisplay,
    ceilingDisplay: s.ceilingDisplay,
    answered: framework.indicators.length - s.missing.length,
    total: framework.indicators.length,
  };
}

export interface Headline extends Figure {
  /** Where the figure comes from: one of Matang's own stages. */
  readonly source: "stage";
  readonly stage: LevelStage;
  readonly label: Label;
}

/**
 * The one figure an assessment shows everywhere (board, dashboard, reports, history, province
 * view, rankings): the latest complete stage the assessment's state has reached, labelled by that
 * stage ("Indeks akhir" once published). While none is complete, the range of the latest stage
 * with answers, labelled as a range.
 */
export function headline(framework: Framework, levels: StageLevels, state: State): Headline {
  const scored = new Map(LEVEL_STAGES.map((stage) => [stage, score(framework, levels[stage])] as const));
  const stage = headlineStage(state, (st) => {
    const s = scored.get(st) as ScoreResult;
    return { complete: s.complete, answered: framework.indicators.length - s.missing.length };
  });
  const s = scored.get(stage) as ScoreResult;
  return {
    source: "stage",
    stage,
    label: headlineLabel(stage, s.complete, state),
    ...figureOf(framework, s),
  };
}

/**
 * Which stage's figure is an assessment's headline: the latest complete stage its state has
 * reached, else the latest reached stage with answers (a range), else the self-assessment. The
 * SQL ranking chooses with this same rule from its stage totals.
 */
export function headlineStage(
  state: State,
  at: (stage: LevelStage) => { readonly complete: boolean; readonly answered: number },
): LevelStage {
  const reached = LEVEL_STAGES.slice(0, LEVEL_STAGES.indexOf(LEVEL_STAGE_OF_STATE[state]) + 1).reverse();
  return (
    reached.find((stage) => at(stage).complete) ?? reached.find((stage) => at(stage).answered > 0) ?? "self"
  );
}

/** The headline's label: the stage's ("Indeks akhir" once published), or a range's while incomplete. */
export function headlineLabel(stage: LevelStage, complete: boolean, state: State): Label {
  if (!complete) return RANGE_LABEL;
  return stage === "final" && state === "published" ? FINAL_LABEL : STAGE_LABELS[stage];
}

/**
 * Why an instansi is not evaluated in a cycle (it may still run its own monitoring assessment,
 * never published): its last index is above the cycle's threshold (2022: only those below 2.6
 * were evaluated), it is not one of the cycle's loci, or it is not its year (a biennial cycle).
 */
export const NOT_EVALUATED_REASONS = ["above_threshold", "not_locus", "off_year"] as const;
export type NotEvaluatedReason = (typeof NOT_EVALUATED_REASONS)[number];
