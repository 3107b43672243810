// What an assessment report says beyond the scores: strengths and weaknesses per aspect, the
// readiness of the claimed levels against accepted evidence, and recommendations. Relative to
// each indicator's own scale, so any framework's levels work.
import type { Framework, Indicator } from "./framework/model.js";
import { type Plan, plan } from "./planner.js";
import { type Comparison, compareLevels, type Levels, levelOf } from "./scoring.js";

export interface AspectProfile {
  readonly code: string;
  readonly name: string;
  /** Indicators at the top two levels of their scale (4–5 on a 1–5 scale). */
  readonly strengths: readonly { readonly code: string; readonly name: string; readonly level: number }[];
  /** Indicators at the bottom two levels of their scale (1–2 on a 1–5 scale). */
  readonly weaknesses: readonly { readonly code: string; readonly name: string; readonly level: number }[];
}

const strong = (i: Indicator, level: number) => level >= i.scale.max - 1;
const weak = (i: Indicator, level: number) => level <= i.scale.min + 1;

export function aspectProfiles(framework: Framework, levels: Levels): AspectProfile[] {
  return framework.aspects.map((aspect) => {
    const answered = aspect.indicators.flatMap((i) => {
      const level = levelOf(levels, i.code);
      return level === undefined ? [] : [{ indicator: i, level }];
    });
    const item = ({ indicator, level }: { indicator: Indicator; level: number }) => ({
      code: indicator.code,
      name: indicator.name.id,
      level,
    });
    return {
      code: aspect.code,
      name: aspect.name.id,
      strengths: answered.filter((a) => strong(a.indicator, a.level)).map(item),
      weaknesses: answered.filter((a) => weak(a.indicator, a.level)).map(item),
    };
  });
}

/**
 * The index the instansi would get if only accepted evidence counted, against the claimed one:
 * `atRisk` lists the indicators that would lose levels, the largest loss of index first.
 */
export function readiness(framework: Framework, claimed: Levels, supported: Levels): Comparison {
  return compareLevels(framework, claimed, supported);
}

export interface Recommendation {
  readonly code: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** What the next level asks for (the framework's criteria, in Indonesian). */
  readonly criteria: string;
  /** Index points the step adds. */
  readonly gain: number;
}

/**
 * Recommendations: the cheapest steps (core planner, one effort per level) towards the next
 * predicate band above the index, each with the criteria of the level to reach. Empty when the
 * levels are incomplete or the top band is reached.
 */
export function recommendations(
  framework: Framework,
  levels: Levels,
): { plan: Plan | null; steps: Recommendation[] } {
  if (framework.indicators.some((i) => levelOf(levels, i.code) === undefined))
    return { plan: null, steps: [] };
  const current = plan(framework, levels, 0).currentIndex;
  const next = [...framework.predicates].sort((a, b) => a.min - b.min).find((p) => p.min > current);
  if (!next) return { plan: null, steps: [] };
  const result = plan(framework, levels, next.min);
  const steps = result.steps.map((s) => {
    const indicator = framework.indicatorByCode.get(s.indicator) as Indicator;
    return {
      code: s.indicator,
      name: s.name,
      from: s.from,
      to: s.to,
      criteria: indicator.levels.find((l) => l.value === s.to)?.criteria.id ?? "",
      gain: s.gain,
    };
  });
  return { plan: result, steps };
}
