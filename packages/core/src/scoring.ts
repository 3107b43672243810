import { decimalPlaces, type Ratio, ratio, scaleDecimal, toFixed, toNumber } from "./exact.js";
import type { Framework, Indicator, Predicate } from "./framework/model.js";
import { inBand } from "./framework/validate.js";

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

/**
 * Whether a value is one an indicator can have: one of its scale's levels, or, on a decimal
 * scale, any value from the lowest to the highest level with at most the scale's decimals.
 */
export function isValueOf(indicator: Indicator, value: number): boolean {
  const scale = indicator.scale;
  if (!Number.isFinite(value)) return false;
  if (scale.decimals === 0) return scale.values.includes(value);
  return value >= scale.min && value <= scale.max && decimalPlaces(value) <= scale.decimals;
}

/** The values an indicator can have, for a message: "1, 2, 3" or "1.00–5.00 (2 decimals)". */
export function describeValues(indicator: Indicator): string {
  const scale = indicator.scale;
  if (scale.decimals === 0) return scale.values.join(", ");
  return `${scale.min.toFixed(scale.decimals)}–${scale.max.toFixed(scale.decimals)} (${scale.decimals} decimal${scale.decimals > 1 ? "s" : ""})`;
}

/** A value as the integer the framework's exact arithmetic uses: value × 10^valuePlaces. */
export function valueUnits(framework: Framework, value: number): number {
  return Number(scaleDecimal(value, framework.valuePlaces));
}

/** 10^valuePlaces: what sums of value units × weight units are divided by, besides the weights. */
export function valueScale(framework: Framework): number {
  return 10 ** framework.valuePlaces;
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
    } else if (value !== null && value !== undefined && !isValueOf(indicator, value)) {
      problems.push({
        indicator: code,
        code: "not_a_level",
        message: `indicator ${code}: ${value} is not a value of scale "${indicator.scale.id}" (${describeValues(indicator)})`,
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

/** The band containing an exact index, each bound inclusive or exclusive as the framework says. */
export function predicateOf(framework: Framework, index: Ratio): Predicate | null {
  for (const band of framework.predicates) if (inBand(index, band)) return band;
  return null;
}

/** A predicate's labels in the framework's other label sets, by set id (Indonesian text). */
export function predicateLabels(predicate: Predicate | null): Record<string, string> {
  if (!predicate) return {};
  return Object.fromEntries(Object.entries(predicate.labels).map(([set, label]) => [set, label.id]));
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
  /** The predicate's labels in the framework's other label sets (e.g. `{stage: "Membangun"}`). */
  readonly predicateLabels: Readonly<Record<string, string>>;
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
  const vs = valueScale(framework);
  for (const aspect of framework.aspects) {
    const sums: Sums = { floor: 0, ceiling: 0, missing: 0 };
    for (const indicator of aspect.indicators) {
      const level = levelOf(levels, indicator.code);
      if (level === undefined) {
        sums.floor += valueUnits(framework, indicator.scale.min) * indicator.units;
        sums.ceiling += valueUnits(framework, indicator.scale.max) * indicator.units;
        sums.missing++;
        missing.push(indicator.code);
      } else {
        const units = valueUnits(framework, level) * indicator.units;
        sums.floor += units;
        sums.ceiling += units;
      }
    }
    aspectSums.set(aspect.code, sums);
  }
  const aspects: GroupScore[] = [];
  const domains: GroupScore[] = [];
  const total: Sums = { floor: 0, ceiling: 0, missing: 0 };
  for (const aspect of framework.aspects) {
    const s = aspectSums.get(aspect.code) as Sums;
    aspects.push(group(aspect.code, aspect.name.id, aspect.weight, aspect.units * vs, s));
    total.floor += s.floor;
    total.ceiling += s.ceiling;
    total.missing += s.missing;
  }
  for (const domain of framework.domains) {
    const dSums: Sums = { floor: 0, ceiling: 0, missing: 0 };
    for (const aspect of domain.aspects) {
      const s = aspectSums.get(aspect.code) as Sums;
      dSums.floor += s.floor;
      dSums.ceiling += s.ceiling;
      dSums.missing += s.missing;
    }
    domains.push(group(domain.code, domain.name.id, domain.weight, domain.units * vs, dSums));
  }
  const den = BigInt(framework.units * vs);
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
    predicateLabels: complete ? predicateLabels(predicateOf(framework, floor)) : {},
    floor: toNumber(floor),
    ceiling: toNumber(ceiling),
    floorDisplay: formatIndex(floor),
    ceilingDisplay: formatIndex(ceiling),
    domains,
    aspects,
    exact: { floor, ceiling },
  };
}

/**
 * Exact Σ value units × weight units over a complete set of levels (throws when one is missing);
 * the index is this over `framework.units × valueScale(framework)`.
 */
export function levelUnits(framework: Framework, levels: Levels): number {
  let total = 0;
  for (const indicator of framework.indicators) {
    const level = levelOf(levels, indicator.code);
    if (level === undefined) throw new LevelsError([missingProblem(indicator)]);
    total += valueUnits(framework, level) * indicator.units;
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
  const den = BigInt(framework.units * valueScale(framework));
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
    const units = (valueUnits(framework, b) - valueUnits(framework, a)) * indicator.units;
    totalUnits += units;
    rows.push({
      indicator: indicator.code,
      name: indicator.name.id,
      from: a,
      to: b,
      difference: toNumber(
        ratio(BigInt(valueUnits(framework, b) - valueUnits(framework, a)), BigInt(valueScale(framework))),
      ),
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
