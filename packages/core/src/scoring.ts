import {
  compareToDecimal,
  decimalPlaces,
  type Ratio,
  ratio,
  scaleDecimal,
  toFixed,
  toNumber,
} from "./exact.js";
import type { Framework, Indicator } from "./framework/model.js";
import type { PredicateDef } from "./framework/schema.js";

/** Indicator code → level. Codes absent (or null/undefined) are not answered yet. */
export type Levels =
  | Readonly<Record<string, number | null | undefined>>
  | ReadonlyMap<string, number | null | undefined>;

export interface LevelProblem {
  readonly indicator: string;
  readonly code: "unknown_indicator" | "not_a_level";
  readonly message: string;
}

export class LevelsError extends Error {
  constructor(readonly problems: readonly LevelProblem[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "LevelsError";
  }
}

export function levelOf(levels: Levels, code: string): number | undefined {
  const v = levels instanceof Map ? levels.get(code) : (levels as Record<string, number | null>)[code];
  return v === null || v === undefined ? undefined : v;
}

function entriesOf(levels: Levels): [string, number | null | undefined][] {
  return levels instanceof Map ? [...levels.entries()] : Object.entries(levels);
}

/** Every problem with a set of levels: unknown codes, values that are not on the indicator's scale. */
export function checkLevels(framework: Framework, levels: Levels): LevelProblem[] {
  const problems: LevelProblem[] = [];
  for (const [code, value] of entriesOf(levels)) {
    const indicator = framework.indicatorByCode.get(code);
    if (!indicator) {
      problems.push({
        indicator: code,
        code: "unknown_indicator",
        message: `indicator "${code}" is not in framework ${framework.id}`,
      });
    } else if (value !== null && value !== undefined && !indicator.scale.values.includes(value)) {
      problems.push({
        indicator: code,
        code: "not_a_level",
        message: `indicator ${code}: ${value} is not a level of scale "${indicator.scale.id}" (${indicator.scale.values.join(", ")})`,
      });
    }
  }
  return problems;
}

function assertLevels(framework: Framework, levels: Levels): void {
  const problems = checkLevels(framework, levels);
  if (problems.length > 0) throw new LevelsError(problems);
}

// ---------------------------------------------------------------------------------------------
// Predicates

/** The band containing an exact index: lower bounds inclusive, the top band's upper bound too. */
export function predicateOf(framework: Framework, index: Ratio): PredicateDef | null {
  const bands = framework.predicates;
  for (let k = bands.length - 1; k >= 0; k--) {
    const band = bands[k];
    if (!band) continue;
    if (compareToDecimal(index, band.min) < 0) continue;
    const isTop = k === bands.length - 1;
    const cmp = compareToDecimal(index, band.max);
    return cmp < 0 || (isTop && cmp === 0) ? band : null;
  }
  return null;
}

/** A decimal number as an exact ratio (e.g. a published index "2.60"). */
export function ratioOfDecimal(value: number): Ratio {
  const places = decimalPlaces(value);
  return ratio(scaleDecimal(value, places), 10n ** BigInt(places));
}

/** Predicate name (Indonesian) for an index given as a decimal number, classified exactly. */
export function predicateForIndex(framework: Framework, index: number): string | null {
  return predicateOf(framework, ratioOfDecimal(index))?.name.id ?? null;
}

/** Index rounded for display: two decimals, half away from zero (1.7985 → "1.80"). */
export function formatIndex(index: Ratio, places = 2): string {
  return toFixed(index, places);
}

// ---------------------------------------------------------------------------------------------
// Scores

export interface GroupScore {
  readonly code: string;
  readonly name: string;
  readonly weight: number;
  readonly complete: boolean;
  /** Unrounded; null while any of its indicators is unanswered. */
  readonly index: number | null;
  readonly indexDisplay: string | null;
  readonly floor: number;
  readonly ceiling: number;
}

export interface ScoreResult {
  readonly framework: string;
  readonly complete: boolean;
  /** Unanswered indicator codes, in framework order. */
  readonly missing: readonly string[];
  /** Unrounded index; null when incomplete. */
  readonly index: number | null;
  readonly indexDisplay: string | null;
  readonly predicate: string | null;
  /** The index with unanswered indicators at their lowest / highest level (= index when complete). */
  readonly floor: number;
  readonly ceiling: number;
  readonly floorDisplay: string;
  readonly ceilingDisplay: string;
  readonly domains: readonly GroupScore[];
  readonly aspects: readonly GroupScore[];
  /** The same figures as exact ratios, for further exact arithmetic. */
  readonly exact: { readonly floor: Ratio; readonly ceiling: Ratio };
}

interface Sums {
  floor: number;
  ceiling: number;
  missing: number;
}

function group(code: string, name: string, weight: number, units: number, sums: Sums): GroupScore {
  const den = BigInt(units);
  const floor = ratio(BigInt(sums.floor), den);
  const complete = sums.missing === 0;
  return {
    code,
    name,
    weight,
    complete,
    index: complete ? toNumber(floor) : null,
    indexDisplay: complete ? formatIndex(floor) : null,
    floor: toNumber(floor),
    ceiling: toNumber(ratio(BigInt(sums.ceiling), den)),
  };
}

/**
 * Score a set of indicator levels: aspect, domain and overall index at full precision (every
 * index is Σ level × weight / Σ weight over its indicators, as the regulation's formula reduces
 * to), the display value and the predicate of the unrounded index. Unanswered indicators are
 * never counted as zero: the result is then incomplete, with a floor and a ceiling instead.
 */
export function score(framework: Framework, levels: Levels): ScoreResult {
  assertLevels(framework, levels);
  const aspectSums = new Map<string, Sums>();
  const missing: string[] = [];
  for (const aspect of framework.aspects) {
    const sums: Sums = { floor: 0, ceiling: 0, missing: 0 };
    for (const indicator of aspect.indicators) {
      const level = levelOf(levels, indicator.code);
      if (level === undefined) {
        sums.floor += indicator.scale.min * indicator.units;
        sums.ceiling += indicator.scale.max * indicator.units;
        sums.missing++;
        missing.push(indicator.code);
      } else {
        sums.floor += level * indicator.units;
        sums.ceiling += level * indicator.units;
      }
    }
    aspectSums.set(aspect.code, sums);
  }
  const aspects: GroupScore[] = [];
  const domains: GroupScore[] = [];
  const total: Sums = { floor: 0, ceiling: 0, missing: 0 };
  for (const domain of framework.domains) {
    const dSums: Sums = { floor: 0, ceiling: 0, missing: 0 };
    for (const aspect of domain.aspects) {
      const s = aspectSums.get(aspect.code) as Sums;
      aspects.push(group(aspect.code, aspect.name.id, aspect.weight, aspect.units, s));
      dSums.floor += s.floor;
      dSums.ceiling += s.ceiling;
      dSums.missing += s.missing;
    }
    domains.push(group(domain.code, domain.name.id, domain.weight, domain.units, dSums));
    total.floor += dSums.floor;
    total.ceiling += dSums.ceiling;
    total.missing += dSums.missing;
  }
  const den = BigInt(framework.units);
  const floor = ratio(BigInt(total.floor), den);
  const ceiling = ratio(BigInt(total.ceiling), den);
  const complete = missing.length === 0;
  return {
    framework: framework.id,
    complete,
    missing,
    index: complete ? toNumber(floor) : null,
    indexDisplay: complete ? formatIndex(floor) : null,
    predicate: complete ? (predicateOf(framework, floor)?.name.id ?? null) : null,
    floor: toNumber(floor),
    ceiling: toNumber(ceiling),
    floorDisplay: formatIndex(floor),
    ceilingDisplay: formatIndex(ceiling),
    domains,
    aspects,
    exact: { floor, ceiling },
  };
}

/** Exact Σ level × units over a complete set of levels (throws when one is missing). */
export function levelUnits(framework: Framework, levels: Levels): number {
  let total = 0;
  for (const indicator of framework.indicators) {
    const level = levelOf(levels, indicator.code);
    if (level === undefined) throw new LevelsError([missingProblem(indicator)]);
    total += level * indicator.units;
  }
  return total;
}

function missingProblem(indicator: Indicator): LevelProblem {
  return {
    indicator: indicator.code,
    code: "not_a_level",
    message: `indicator ${indicator.code} has no level`,
  };
}

/**
 * The overall index from domain values (e.g. a published results table), exactly:
 * Σ domain value × domain weight / Σ domain weights.
 */
export function indexFromDomainValues(framework: Framework, values: Readonly<Record<string, number>>): Ratio {
  const places = Math.max(
    0,
    ...Object.values(values).map(decimalPlaces),
    ...framework.domains.map((d) => decimalPlaces(d.weight)),
  );
  let num = 0n;
  let den = 0n;
  for (const domain of framework.domains) {
    const v = values[domain.code];
    if (v === undefined)
      throw new LevelsError([
        { indicator: domain.code, code: "not_a_level", message: `no value for domain ${domain.code}` },
      ]);
    const w = scaleDecimal(domain.weight, places);
    num += scaleDecimal(v, places) * w;
    den += w;
  }
  return ratio(num, den * 10n ** BigInt(places));
}

// ---------------------------------------------------------------------------------------------
// Stage comparison

export interface IndicatorDifference {
  readonly indicator: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** to − from, in levels. */
  readonly difference: number;
  /** This indicator's share of the index difference: (to − from) × weight / Σ weights. */
  readonly contribution: number;
}

export interface Comparison {
  readonly from: ScoreResult;
  readonly to: ScoreResult;
  /** to.index − from.index over the indicators both answer, exactly then rounded to a number. */
  readonly difference: number;
  readonly differenceDisplay: string;
  /** Indicators whose levels differ, largest contribution (in absolute value) first. */
  readonly indicators: readonly IndicatorDifference[];
  /** Indicators not answered in one or both sets: they take no part in the difference. */
  readonly notCompared: readonly string[];
}

/** Compare two level sets (e.g. self-assessment vs final): where the index difference comes from. */
export function compareLevels(framework: Framework, from: Levels, to: Levels): Comparison {
  const fromScore = score(framework, from);
  const toScore = score(framework, to);
  const den = BigInt(framework.units);
  const rows: (IndicatorDifference & { units: number })[] = [];
  const notCompared: string[] = [];
  let totalUnits = 0;
  for (const indicator of framework.indicators) {
    const a = levelOf(from, indicator.code);
    const b = levelOf(to, indicator.code);
    if (a === undefined || b === undefined) {
      notCompared.push(indicator.code);
      continue;
    }
    if (a === b) continue;
    const units = (b - a) * indicator.units;
    totalUnits += units;
    rows.push({
      indicator: indicator.code,
      name: indicator.name.id,
      from: a,
      to: b,
      difference: b - a,
      contribution: toNumber(ratio(BigInt(units), den)),
      units,
    });
  }
  rows.sort((x, y) => Math.abs(y.units) - Math.abs(x.units) || x.units - y.units);
  const diff = ratio(BigInt(totalUnits), den);
  return {
    from: fromScore,
    to: toScore,
    difference: toNumber(diff),
    differenceDisplay: formatIndex(diff),
    indicators: rows.map(({ units: _units, ...row }) => row),
    notCompared,
  };
}
