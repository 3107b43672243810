import { ceilDiv, decimalPlaces, ratio, scaleDecimal, toNumber } from "./exact.js";
import type { Framework, Indicator } from "./framework/model.js";
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

function buildGroups(framework: Framework, levels: Levels, target: number, options: PlanOptions): Group[] {
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
    let cost = 0;
    for (const level of indicator.scale.values) {
      if (level <= current || level > max) continue;
      const step = typeof c.cost === "number" ? c.cost : (c.cost?.[String(level)] ?? defaultCost);
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
