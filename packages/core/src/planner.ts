import { ceilDiv, decimalPlaces, ratio, scaleDecimal, toNumber } from "./exact.js";
import type { Framework, Indicator } from "./framework/model.js";
import type { LocalizedText } from "./framework/schema.js";
import {
  checkLevels,
  formatIndex,
  isValueOf,
  type Levels,
  levelOf,
  valueScale,
  valueUnits,
} from "./scoring.js";

/** What may be done with one indicator. */
export interface PlanConstraint {
  /** Highest level it can reach (default: the top of its scale). */
  readonly max?: number;
  /** Cost of each level step: one number for every step, or per level reached (`{"4": 3}`). */
  readonly cost?: number | Readonly<Record<string, number>>;
  /** Multi-year plans: level steps per year (default: the plan's `maxStep`). */
  readonly maxStep?: number;
  /** Multi-year plans: the first calendar year a level can be reached (`{"2": 2028}`). */
  readonly earliest?: Readonly<Record<string, number>>;
  /** Multi-year plans: years after the level below before a level counts (`{"5": 1}`). */
  readonly afterPrevious?: Readonly<Record<string, number>>;
  /** Multi-year plans: the money for its steps is already in the first year's budget. */
  readonly budgeted?: boolean;
}

export interface PlanOptions {
  readonly constraints?: Readonly<Record<string, PlanConstraint>>;
  /** Cost of a level step where no constraint says otherwise (default 1). */
  readonly defaultCost?: number;
}

export interface PlanStep {
  readonly indicator: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly cost: number;
  /** Index points this step adds. */
  readonly gain: number;
  /** The index once this step and the ones before it are done. */
  readonly indexAfter: number;
}

export interface Plan {
  readonly framework: string;
  readonly reachable: boolean;
  readonly target: number;
  readonly currentIndex: number;
  /** Highest index the constraints allow. */
  readonly maxIndex: number;
  readonly maxIndexDisplay: string;
  readonly totalCost: number;
  /** Index after every step (the current index when no step is needed or possible). */
  readonly resultIndex: number;
  readonly resultIndexDisplay: string;
  /** Best value first: highest gain per cost. Empty when unreachable or already reached. */
  readonly steps: readonly PlanStep[];
}

export interface PlanProblem {
  readonly indicator: string | null;
  readonly field: string;
  readonly message: string;
}

export class PlanInputError extends Error {
  constructor(readonly problems: readonly PlanProblem[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "PlanInputError";
  }
}

/** The exact search would need more memory/time than is sensible (only with exotic costs/weights). */
export class PlanTooLargeError extends Error {
  constructor(states: number) {
    super(`the plan would need ${states.toExponential(1)} search states; use whole-number or simpler costs`);
    this.name = "PlanTooLargeError";
  }
}

interface Option {
  readonly level: number;
  /** Cumulative cost from the current level. */
  readonly cost: number;
  /** Cumulative gain in weight units. */
  readonly gain: number;
}

interface Group {
  readonly indicator: Indicator;
  readonly current: number;
  /** options[0] is "stay" (cost 0, gain 0). */
  readonly options: readonly Option[];
}

const COST_DP_LIMIT = 5e7;
const GAIN_DP_LIMIT = 2e8;

/**
 * The cheapest set of level increases that brings the index to at least `target` (compared
 * exactly, unrounded). Exact: a multiple-choice knapsack solved by dynamic programming over total
 * cost (whole-number costs) or over needed gain, whichever is smaller. Among equally cheap plans
 * the cost search returns the one with the highest index.
 */
export function plan(framework: Framework, levels: Levels, target: number, options: PlanOptions = {}): Plan {
  const groups = buildGroups(framework, levels, target, options);
  // Values in value units (× 10^valuePlaces), so a decimal value such as 2.37 stays exact.
  const v = (x: number) => valueUnits(framework, x);
  const current = groups.reduce((s, g) => s + v(g.current) * g.indicator.units, 0);
  const maxUnits = groups.reduce(
    (s, g) => s + (v(g.current) * g.indicator.units + (g.options[g.options.length - 1]?.gain ?? 0)),
    0,
  );
  const den = BigInt(framework.units * valueScale(framework));
  const places = decimalPlaces(target);
  const requiredUnits = ceilDiv(scaleDecimal(target, places) * den, 10n ** BigInt(places));
  const need = Number(requiredUnits - BigInt(current));

  const base = {
    framework: framework.id,
    target,
    currentIndex: toNumber(ratio(BigInt(current), den)),
    maxIndex: toNumber(ratio(BigInt(maxUnits), den)),
    maxIndexDisplay: formatIndex(ratio(BigInt(maxUnits), den)),
  };
  const noSteps = (reachable: boolean): Plan => ({
    ...base,
    reachable,
    totalCost: 0,
    resultIndex: base.currentIndex,
    resultIndexDisplay: formatIndex(ratio(BigInt(current), den)),
    steps: [],
  });
  if (need <= 0) return noSteps(true);
  if (maxUnits - current < need) return noSteps(false);

  const active = groups.filter((g) => g.options.length > 1);
  const chosen = solve(active, need);

  const picks = active
    .map((g, i) => ({ g, o: g.options[chosen[i] ?? 0] as Option }))
    .filter(({ o }) => o.level !== undefined && o.gain > 0);
  // Best value first, so a partial plan still buys the most index per unit of effort.
  picks.sort((a, b) => {
    const left = a.o.gain * b.o.cost;
    const right = b.o.gain * a.o.cost;
    return right - left || b.o.gain - a.o.gain || a.g.indicator.position - b.g.indicator.position;
  });
  let running = current;
  let totalCost = 0;
  const steps: PlanStep[] = picks.map(({ g, o }) => {
    running += o.gain;
    totalCost += o.cost;
    return {
      indicator: g.indicator.code,
      name: g.indicator.name.id,
      from: g.current,
      to: o.level,
      cost: o.cost,
      gain: toNumber(ratio(BigInt(o.gain), den)),
      indexAfter: toNumber(ratio(BigInt(running), den)),
    };
  });
  return {
    ...base,
    reachable: true,
    totalCost: roundCost(totalCost),
    resultIndex: toNumber(ratio(BigInt(running), den)),
    resultIndexDisplay: formatIndex(ratio(BigInt(running), den)),
    steps,
  };
}

const roundCost = (c: number) => Math.round(c * 1e9) / 1e9;

function buildGroups(
  framework: Framework,
  levels: Levels,
  target: number,
  options: PlanOptions,
  /** Multi-year plans: the levels an indicator can reach in time, and a step's default effort. */
  calendar?: {
    reachable: (indicator: Indicator, current: number, max: number) => ReadonlySet<number>;
    effort: (indicator: Indicator, level: number) => number | undefined;
  },
): Group[] {
  const problems: PlanProblem[] = checkLevels(framework, levels).map((p) => ({
    indicator: p.indicator,
    field: "level",
    message: p.message,
  }));
  if (!Number.isFinite(target))
    problems.push({ indicator: null, field: "target", message: "the target must be a number" });
  const defaultCost = options.defaultCost ?? 1;
  if (!(defaultCost >= 0) || !Number.isFinite(defaultCost))
    problems.push({ indicator: null, field: "cost", message: "the default cost must be a number ≥ 0" });
  const constraints = options.constraints ?? {};
  for (const code of Object.keys(constraints)) {
    if (!framework.indicatorByCode.has(code))
      problems.push({
        indicator: code,
        field: "indicator",
        message: `constraint for unknown indicator "${code}"`,
      });
  }
  const missing = framework.indicators
    .filter((i) => levelOf(levels, i.code) === undefined)
    .map((i) => i.code);
  if (missing.length > 0)
    problems.push({
      indicator: null,
      field: "level",
      message: `a plan needs every indicator's level; missing: ${missing.join(", ")}`,
    });

  const groups: Group[] = [];
  for (const indicator of framework.indicators) {
    const current = levelOf(levels, indicator.code);
    if (current === undefined || !isValueOf(indicator, current)) continue;
    const c = constraints[indicator.code] ?? {};
    const max = c.max ?? indicator.scale.max;
    if (!indicator.scale.values.includes(max)) {
      problems.push({
        indicator: indicator.code,
        field: "max",
        message: `indicator ${indicator.code}: maximum ${max} is not a level of its scale`,
      });
      continue;
    }
    if (max < current) {
      problems.push({
        indicator: indicator.code,
        field: "max",
        message: `indicator ${indicator.code}: maximum ${max} is below its current level ${current}`,
      });
      continue;
    }
    const opts: Option[] = [{ level: current, cost: 0, gain: 0 }];
    const inTime = calendar?.reachable(indicator, current, max);
    let cost = 0;
    for (const level of indicator.scale.values) {
      if (level <= current || level > max) continue;
      if (inTime && !inTime.has(level)) break;
      const step =
        typeof c.cost === "number"
          ? c.cost
          : (c.cost?.[String(level)] ?? calendar?.effort(indicator, level) ?? defaultCost);
      if (typeof step !== "number" || !Number.isFinite(step) || step < 0) {
        problems.push({
          indicator: indicator.code,
          field: "cost",
          message: `indicator ${indicator.code}: the cost of reaching level ${level} must be a number ≥ 0`,
        });
        break;
      }
      cost += step;
      // A decimal framework plans in its named levels, never in 0.01 steps.
      opts.push({
        level,
        cost,
        gain: (valueUnits(framework, level) - valueUnits(framework, current)) * indicator.units,
      });
    }
    groups.push({ indicator, current, options: opts });
  }
  if (problems.length > 0) throw new PlanInputError(problems);
  return groups;
}

/** Index of the chosen option per group, minimising cost subject to Σ gain ≥ need. */
function solve(groups: readonly Group[], need: number): number[] {
  const optionCount = groups.reduce((s, g) => s + g.options.length, 0);
  const costPlaces = Math.max(0, ...groups.flatMap((g) => g.options.map((o) => decimalPlaces(o.cost))));
  if (costPlaces <= 6) {
    const scale = 10 ** costPlaces;
    const totalCost = groups.reduce(
      (s, g) => s + Math.round((g.options[g.options.length - 1]?.cost ?? 0) * scale),
      0,
    );
    if ((totalCost + 1) * optionCount <= COST_DP_LIMIT) return solveOverCost(groups, need, scale, totalCost);
  }
  let unit = 0;
  for (const g of groups) for (const o of g.options) unit = gcd(unit, o.gain);
  const needUnits = Math.ceil(need / unit);
  const work = (needUnits + 1) * optionCount;
  if (work > GAIN_DP_LIMIT) throw new PlanTooLargeError(work);
  return solveOverGain(groups, needUnits, unit);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** best[c] = most gain for total cost ≤ c; the answer is the least c whose best reaches `need`. */
function solveOverCost(groups: readonly Group[], need: number, scale: number, totalCost: number): number[] {
  const size = totalCost + 1;
  let best = new Float64Array(size);
  const choices: Uint8Array[] = [];
  for (const g of groups) {
    const next = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    const choice = new Uint8Array(size);
    g.options.forEach((o, k) => {
      const cost = Math.round(o.cost * scale);
      for (let c = cost; c < size; c++) {
        const v = (best[c - cost] as number) + o.gain;
        if (v > (next[c] as number)) {
          next[c] = v;
          choice[c] = k;
        }
      }
    });
    choices.push(choice);
    best = next;
  }
  let c = 0;
  while (c < size && (best[c] as number) < need) c++;
  const picked = new Array<number>(groups.length).fill(0);
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const k = (choices[gi] as Uint8Array)[c] as number;
    picked[gi] = k;
    c -= Math.round(((groups[gi] as Group).options[k] as Option).cost * scale);
  }
  return picked;
}

/** least[j] = least cost for a gain of at least j × unit (j capped at what is needed). */
function solveOverGain(groups: readonly Group[], needUnits: number, unit: number): number[] {
  const size = needUnits + 1;
  let least = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  least[0] = 0;
  const choices: Uint8Array[] = [];
  for (const g of groups) {
    const next = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    const choice = new Uint8Array(size);
    g.options.forEach((o, k) => {
      const step = o.gain / unit;
      for (let j = 0; j < size; j++) {
        const v = (least[Math.max(0, j - step)] as number) + o.cost;
        if (v < (next[j] as number)) {
          next[j] = v;
          choice[j] = k;
        }
      }
    });
    choices.push(choice);
    least = next;
  }
  const picked = new Array<number>(groups.length).fill(0);
  let j = needUnits;
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const k = (choices[gi] as Uint8Array)[j] as number;
    picked[gi] = k;
    j = Math.max(0, j - ((groups[gi] as Group).options[k] as Option).gain / unit);
  }
  return picked;
}

// ---------------------------------------------------------------------------------------------
// Multi-year plans: the same cheapest choice of levels, limited to what the calendar allows by
// the last year, then each level step put in the earliest year it can happen.

export interface YearPlanOptions extends PlanOptions {
  /** The first evaluation year of the plan. */
  readonly startYear: number;
  /** How many evaluation years the plan may use, the first included (1–10). */
  readonly years: number;
  /** Level steps per indicator per year where no constraint says otherwise (default 1). */
  readonly maxStep?: number;
}

/** Why a step is not earlier: a framework default or the instansi's own limit. */
export interface StepReason {
  readonly kind: "earliest" | "after_previous" | "budget" | "max_step";
  /** The framework's explanation, when the limit is its default. */
  readonly text: LocalizedText | null;
}

export interface YearPlanStep extends PlanStep {
  readonly year: number;
  /** The index after this step, to two decimals as published. */
  readonly indexAfterDisplay: string;
  /** The year whose work plan and budget (Renja/APBD) must hold it; null when it costs no money. */
  readonly budgetYear: number | null;
  readonly reasons: readonly StepReason[];
}

export interface PlanYear {
  readonly year: number;
  readonly steps: readonly YearPlanStep[];
  readonly cost: number;
  /** The index once this year's steps are done. */
  readonly index: number;
  readonly indexDisplay: string;
}

export interface YearPlan extends Omit<Plan, "steps"> {
  readonly startYear: number;
  readonly lastYear: number;
  /** The first year whose index reaches the target; null when it is not reached. */
  readonly reachedIn: number | null;
  readonly years: readonly PlanYear[];
  /** Every step, year by year. */
  readonly steps: readonly YearPlanStep[];
}

interface Slot {
  readonly year: number;
  readonly reasons: readonly StepReason[];
  readonly budget: boolean;
}

/**
 * The earliest year of each level above the current one, steps taken in order: a level comes no
 * sooner than its earliest year, `afterPrevious` years after the level below, a year after the
 * budget is planned, and no more than `maxStep` levels a year. Greedy is exact for one chain: an
 * earlier level below never delays the next.
 */
function calendarOf(
  indicator: Indicator,
  current: number,
  max: number,
  c: PlanConstraint,
  options: YearPlanOptions,
): Map<number, Slot> {
  const slots = new Map<number, Slot>();
  const perYear = new Map<number, number>();
  // Invalid limits are reported by checkYearOptions; here they must not stall the loop below.
  const steps = (x: number | undefined) => (x !== undefined && Number.isInteger(x) && x >= 1 ? x : undefined);
  const maxStep = steps(c.maxStep) ?? steps(options.maxStep) ?? 1;
  let previous = -1; // the current level was reached before the plan
  for (const level of indicator.scale.values) {
    if (level <= current || level > max) continue;
    const hint = indicator.levels.find((l) => l.value === level)?.plan;
    const own = c.earliest?.[String(level)];
    const earliest = own !== undefined ? own - options.startYear : (hint?.earliest ?? 0);
    const gap = c.afterPrevious?.[String(level)] ?? hint?.afterPrevious ?? 0;
    const budget = hint?.budget === true && c.budgeted !== true;
    const limits: { kind: StepReason["kind"]; year: number; fromFramework: boolean }[] = [
      { kind: "earliest", year: earliest, fromFramework: own === undefined },
      {
        kind: "after_previous",
        year: previous + gap,
        fromFramework: c.afterPrevious?.[String(level)] === undefined,
      },
      { kind: "budget", year: budget ? 1 : 0, fromFramework: true },
    ];
    let year = Math.max(0, previous, ...limits.map((l) => l.year));
    const reasons: StepReason[] = limits
      .filter((l) => l.year > 0 && l.year === year && (l.kind !== "after_previous" || gap > 0))
      .map((l) => ({
        kind: l.kind,
        text: l.kind !== "budget" && l.fromFramework ? (hint?.reason ?? null) : null,
      }));
    if ((perYear.get(year) ?? 0) >= maxStep) {
      while ((perYear.get(year) ?? 0) >= maxStep) year++;
      reasons.push({ kind: "max_step", text: null });
    }
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    previous = year;
    slots.set(level, { year, reasons, budget: hint?.budget === true });
  }
  return slots;
}

function checkYearOptions(framework: Framework, options: YearPlanOptions): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const wholeIn = (x: unknown, min: number, max: number) =>
    typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
  if (!wholeIn(options.years, 1, 10))
    problems.push({ indicator: null, field: "years", message: "the number of years must be 1 to 10" });
  if (!wholeIn(options.startYear, 2000, 2200))
    problems.push({
      indicator: null,
      field: "startYear",
      message: "the first year must be a year such as 2027",
    });
  if (options.maxStep !== undefined && !wholeIn(options.maxStep, 1, 100))
    problems.push({
      indicator: null,
      field: "maxStep",
      message: "the level steps per year must be 1 or more",
    });
  for (const [code, c] of Object.entries(options.constraints ?? {})) {
    const indicator = framework.indicatorByCode.get(code);
    if (!indicator) continue; // reported by buildGroups
    if (c.maxStep !== undefined && !wholeIn(c.maxStep, 1, 100))
      problems.push({
        indicator: code,
        field: "maxStep",
        message: `indicator ${code}: the level steps per year must be 1 or more`,
      });
    for (const [field, record, min, max] of [
      ["earliest", c.earliest, 2000, 2200],
      ["afterPrevious", c.afterPrevious, 0, 10],
    ] as const) {
      for (const [level, value] of Object.entries(record ?? {})) {
        if (!indicator.scale.values.includes(Number(level)))
          problems.push({
            indicator: code,
            field,
            message: `indicator ${code}: ${field} names level ${level}, which is not on its scale`,
          });
        else if (!wholeIn(value, min, max))
          problems.push({
            indicator: code,
            field,
            message: `indicator ${code}: ${field} of level ${level} must be a whole number from ${min} to ${max}`,
          });
      }
    }
  }
  return problems;
}

/**
 * The cheapest plan that reaches `target` by the last of `years` evaluation years, each level step
 * in the earliest year the calendar allows (so the plan may finish earlier). Unreachable: no steps,
 * and `maxIndex` is the best index those years allow.
 */
export function planYears(
  framework: Framework,
  levels: Levels,
  target: number,
  options: YearPlanOptions,
): YearPlan {
  const problems = checkYearOptions(framework, options);
  let groups: Group[];
  const calendars = new Map<string, Map<number, Slot>>();
  try {
    groups = buildGroups(framework, levels, target, options, {
      reachable: (indicator, current, max) => {
        const slots = calendarOf(
          indicator,
          current,
          max,
          options.constraints?.[indicator.code] ?? {},
          options,
        );
        calendars.set(indicator.code, slots);
        return new Set([...slots].filter(([, s]) => s.year < options.years).map(([l]) => l));
      },
      effort: (indicator, level) => indicator.levels.find((l) => l.value === level)?.plan?.effort,
    });
  } catch (error) {
    if (error instanceof PlanInputError) throw new PlanInputError([...problems, ...error.problems]);
    throw error;
  }
  if (problems.length > 0) throw new PlanInputError(problems);

  const v = (x: number) => valueUnits(framework, x);
  const den = BigInt(framework.units * valueScale(framework));
  const current = groups.reduce((s, g) => s + v(g.current) * g.indicator.units, 0);
  const maxUnits = groups.reduce(
    (s, g) => s + v(g.current) * g.indicator.units + (g.options[g.options.length - 1]?.gain ?? 0),
    0,
  );
  const places = decimalPlaces(target);
  const required = ceilDiv(scaleDecimal(target, places) * den, 10n ** BigInt(places));
  const need = Number(required - BigInt(current));
  const display = (units: number) => formatIndex(ratio(BigInt(units), den));
  const lastYear = options.startYear + options.years - 1;
  const calendarYears = Array.from({ length: options.years }, (_, k) => options.startYear + k);
  const base = {
    framework: framework.id,
    target,
    currentIndex: toNumber(ratio(BigInt(current), den)),
    maxIndex: toNumber(ratio(BigInt(maxUnits), den)),
    maxIndexDisplay: display(maxUnits),
    startYear: options.startYear,
    lastYear,
  };
  const none = (reachable: boolean): YearPlan => ({
    ...base,
    reachable,
    totalCost: 0,
    resultIndex: base.currentIndex,
    resultIndexDisplay: display(current),
    reachedIn: reachable ? options.startYear : null,
    years: calendarYears.map((year) => ({
      year,
      steps: [],
      cost: 0,
      index: base.currentIndex,
      indexDisplay: display(current),
    })),
    steps: [],
  });
  if (need <= 0) return none(true);
  if (maxUnits - current < need) return none(false);

  const active = groups.filter((g) => g.options.length > 1);
  const chosen = solve(active, need);
  // One step per indicator and year: consecutive levels reached in the same year go together.
  const raw: (Omit<YearPlanStep, "indexAfter" | "indexAfterDisplay"> & { units: number })[] = [];
  active.forEach((g, i) => {
    const k = chosen[i] ?? 0;
    const slots = calendars.get(g.indicator.code) ?? new Map<number, Slot>();
    for (let j = 1; j <= k; j++) {
      const o = g.options[j] as Option;
      const before = g.options[j - 1] as Option;
      const slot = slots.get(o.level) as Slot;
      const year = options.startYear + slot.year;
      const last = raw.at(-1);
      const units = o.gain - before.gain;
      const budgetYear = slot.budget ? year - 1 : null;
      if (last && last.indicator === g.indicator.code && last.year === year) {
        raw[raw.length - 1] = {
          ...last,
          to: o.level,
          cost: roundCost(last.cost + o.cost - before.cost),
          units: last.units + units,
          budgetYear: last.budgetYear ?? budgetYear,
          reasons: [
            ...last.reasons,
            ...slot.reasons.filter((r) => !last.reasons.some((x) => x.kind === r.kind)),
          ],
        };
      } else {
        raw.push({
          indicator: g.indicator.code,
          name: g.indicator.name.id,
          from: before.level,
          to: o.level,
          cost: roundCost(o.cost - before.cost),
          gain: 0,
          units,
          year,
          budgetYear,
          reasons: slot.reasons,
        });
      }
    }
  });
  // Within a year, best value first; a year's steps all come before the next year's.
  raw.sort(
    (a, b) =>
      a.year - b.year ||
      b.units * a.cost - a.units * b.cost ||
      b.units - a.units ||
      (framework.indicatorByCode.get(a.indicator)?.position ?? 0) -
        (framework.indicatorByCode.get(b.indicator)?.position ?? 0),
  );
  let running = current;
  let total = 0;
  const steps: YearPlanStep[] = raw.map(({ units, ...step }) => {
    running += units;
    total += step.cost;
    return {
      ...step,
      gain: toNumber(ratio(BigInt(units), den)),
      indexAfter: toNumber(ratio(BigInt(running), den)),
      indexAfterDisplay: display(running),
    };
  });
  let atYear = current;
  let reachedIn: number | null = null;
  const years: PlanYear[] = calendarYears.map((year) => {
    const these = steps.filter((s) => s.year === year);
    atYear += raw.filter((s) => s.year === year).reduce((s, x) => s + x.units, 0);
    if (reachedIn === null && BigInt(atYear) >= required) reachedIn = year;
    return {
      year,
      steps: these,
      cost: roundCost(these.reduce((s, x) => s + x.cost, 0)),
      index: toNumber(ratio(BigInt(atYear), den)),
      indexDisplay: display(atYear),
    };
  });
  return {
    ...base,
    reachable: true,
    totalCost: roundCost(total),
    resultIndex: toNumber(ratio(BigInt(running), den)),
    resultIndexDisplay: display(running),
    reachedIn,
    years,
    steps,
  };
}
