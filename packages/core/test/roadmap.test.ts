import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Framework,
  PlanInputError,
  plan,
  planYears,
  requireFramework,
  score,
  type YearPlan,
} from "../src/index.js";
import { fw2020, tinyDefinition, uniform } from "./helpers.js";

// Small frameworks with calendar limits: every year-by-year path can be enumerated, so the
// multi-year planner's cost and its schedule can be checked against brute force.

interface Hint {
  earliest: number;
  afterPrevious: number;
  budget: boolean;
}

interface Case {
  weights: number[];
  start: number[];
  costs: number[][];
  hints: Hint[][]; // [indicator][level-1]
  maxStep: number[];
  budgeted: boolean[];
  years: number;
  target: number;
}

const START = 2027;

function frameworkOf(c: Case): Framework {
  const def = tinyDefinition({ weights: c.weights, levels: [1, 2, 3, 4, 5] });
  const aspect = def.domains?.[0]?.aspects[0];
  if (!aspect) throw new Error("no aspect");
  aspect.indicators.forEach((indicator, i) => {
    indicator.levels = indicator.levels.map((l) => {
      const h = c.hints[i]?.[l.value - 1];
      return h && (h.earliest || h.afterPrevious || h.budget)
        ? {
            ...l,
            plan: {
              ...(h.earliest ? { earliest: h.earliest } : {}),
              ...(h.afterPrevious ? { afterPrevious: h.afterPrevious } : {}),
              ...(h.budget ? { budget: true } : {}),
              reason: { id: `Alasan ${l.value}` },
            },
          }
        : l;
    });
  });
  return requireFramework(def);
}

const optionsOf = (c: Case) => ({
  startYear: START,
  years: c.years,
  constraints: Object.fromEntries(
    c.weights.map((_, i) => [
      String(i + 1),
      {
        cost: Object.fromEntries((c.costs[i] as number[]).map((x, l) => [String(l + 1), x])),
        maxStep: c.maxStep[i] as number,
        ...(c.budgeted[i] ? { budgeted: true } : {}),
      },
    ]),
  ),
});

/** Final levels one indicator can reach, by enumerating every level per year. */
function reachableByPaths(c: Case, i: number): Set<number> {
  const start = c.start[i] as number;
  const hints = c.hints[i] as Hint[];
  const found = new Set<number>([start]);
  const walk = (year: number, level: number, reachedAt: Map<number, number>) => {
    found.add(level);
    if (year === c.years) return;
    for (let to = level; to <= Math.min(5, level + (c.maxStep[i] as number)); to++) {
      let ok = true;
      const at = new Map(reachedAt);
      for (let l = level + 1; l <= to; l++) {
        const h = hints[l - 1] as Hint;
        const below = at.get(l - 1) ?? -1;
        if (year < h.earliest || year < below + h.afterPrevious || (h.budget && !c.budgeted[i] && year < 1))
          ok = false;
        at.set(l, year);
      }
      if (ok) walk(year + 1, to, at);
    }
  };
  walk(0, start, new Map());
  return found;
}

function bruteForce(f: Framework, c: Case) {
  const reach = c.weights.map((_, i) => [...reachableByPaths(c, i)].sort((a, b) => a - b));
  let best: number | null = null;
  let bestUnits = Number.NEGATIVE_INFINITY;
  const walk = (i: number, units: number, cost: number) => {
    if (i === c.weights.length) {
      bestUnits = Math.max(bestUnits, units);
      if (units * 100 >= Math.round(c.target * 100) * f.units && (best === null || cost < best)) best = cost;
      return;
    }
    const start = c.start[i] as number;
    const w = f.indicators[i]?.units ?? 0;
    for (const level of reach[i] as number[]) {
      let cost2 = 0;
      for (let l = start + 1; l <= level; l++) cost2 += (c.costs[i] as number[])[l - 1] as number;
      walk(i + 1, units + level * w, cost + cost2);
    }
  };
  walk(0, 0, 0);
  return { best, bestIndex: bestUnits / f.units };
}

/** The schedule obeys every limit the case sets. */
function checkSchedule(c: Case, result: YearPlan) {
  c.weights.forEach((_, i) => {
    const code = String(i + 1);
    const mine = result.steps.filter((s) => s.indicator === code);
    let level = c.start[i] as number;
    const reachedAt = new Map<number, number>();
    for (const s of mine) {
      expect(s.from).toBe(level);
      expect(s.to - s.from).toBeLessThanOrEqual(c.maxStep[i] as number);
      const y = s.year - START;
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(c.years);
      for (let l = s.from + 1; l <= s.to; l++) {
        const h = (c.hints[i] as Hint[])[l - 1] as Hint;
        expect(y).toBeGreaterThanOrEqual(h.earliest);
        expect(y).toBeGreaterThanOrEqual((reachedAt.get(l - 1) ?? -1) + h.afterPrevious);
        if (h.budget && !c.budgeted[i]) expect(y).toBeGreaterThanOrEqual(1);
        reachedAt.set(l, y);
      }
      if ((c.hints[i] as Hint[]).slice(s.from, s.to).some((h) => h.budget))
        expect(s.budgetYear).toBe(s.year - 1);
      else expect(s.budgetYear).toBeNull();
      level = s.to;
    }
    // One step per indicator and year.
    expect(new Set(mine.map((s) => s.year)).size).toBe(mine.length);
  });
}

const hintArb = fc.record({
  earliest: fc.integer({ min: 0, max: 3 }).map((x) => (x === 3 ? 0 : x)),
  afterPrevious: fc.integer({ min: 0, max: 2 }),
  budget: fc.boolean(),
});

const caseArb: fc.Arbitrary<Case> = fc
  .array(fc.integer({ min: 1, max: 60 }), { minLength: 2, maxLength: 3 })
  .map((raw) => {
    const total = raw.reduce((s, x) => s + x, 0);
    const cents = raw.map((x) => Math.max(1, Math.floor((x / total) * 10000)));
    cents[0] = (cents[0] ?? 0) + 10000 - cents.reduce((s, x) => s + x, 0);
    return cents.map((x) => x / 100);
  })
  .filter((w) => w.every((x) => x > 0))
  .chain((weights) => {
    const n = weights.length;
    const each = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
    return fc.record({
      weights: fc.constant(weights),
      start: each(fc.integer({ min: 1, max: 5 })),
      costs: each(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 })),
      hints: each(fc.array(hintArb, { minLength: 5, maxLength: 5 })),
      maxStep: each(fc.integer({ min: 1, max: 3 })),
      budgeted: each(fc.boolean()),
      years: fc.integer({ min: 1, max: 3 }),
      target: fc.integer({ min: 100, max: 500 }).map((x) => x / 100),
    });
  });

describe("multi-year planner", () => {
  it("is never beaten by brute force over every year-by-year path, and its schedule obeys every limit", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const f = frameworkOf(c);
        const start = Object.fromEntries(c.start.map((l, i) => [String(i + 1), l]));
        const result = planYears(f, start, c.target, optionsOf(c));
        const brute = bruteForce(f, c);
        expect(result.reachable).toBe(brute.best !== null);
        expect(result.maxIndex).toBeCloseTo(brute.bestIndex, 12);
        if (brute.best === null) {
          expect(result.steps).toEqual([]);
          expect(result.reachedIn).toBeNull();
          return;
        }
        expect(result.totalCost).toBe(brute.best);
        checkSchedule(c, result);
        const after = { ...start, ...Object.fromEntries(result.steps.map((s) => [s.indicator, s.to])) };
        expect(score(f, after).index).toBeCloseTo(result.resultIndex, 12);
        // The year-by-year index ends where the steps end, and the target is met by the last year.
        expect(result.years.at(-1)?.index).toBeCloseTo(result.resultIndex, 12);
        expect(result.reachedIn).not.toBeNull();
        expect(result.reachedIn as number).toBeLessThanOrEqual(START + c.years - 1);
      }),
      { numRuns: 400 },
    );
  });

  it("with one year, no calendar limits and no step limit, gives today's single-year answers", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const plain = {
          ...c,
          hints: c.hints.map((h) => h.map(() => ({ earliest: 0, afterPrevious: 0, budget: false }))),
        };
        const f = frameworkOf(plain);
        const start = Object.fromEntries(c.start.map((l, i) => [String(i + 1), l]));
        const constraints = Object.fromEntries(
          c.weights.map((_, i) => [
            String(i + 1),
            { cost: Object.fromEntries((c.costs[i] as number[]).map((x, l) => [String(l + 1), x])) },
          ]),
        );
        const today = plan(f, start, c.target, { constraints });
        const yearly = planYears(f, start, c.target, { constraints, startYear: START, years: 1, maxStep: 5 });
        expect(yearly.reachable).toBe(today.reachable);
        expect(yearly.maxIndex).toBe(today.maxIndex);
        expect(yearly.totalCost).toBe(today.totalCost);
        expect(yearly.resultIndex).toBe(today.resultIndex);
        expect(yearly.steps.map(({ indicator, from, to, cost }) => ({ indicator, from, to, cost }))).toEqual(
          today.steps.map(({ indicator, from, to, cost }) => ({ indicator, from, to, cost })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("plans a regency from levels 2–3 to 3.5 over three years one level a year, budget steps a year after their plan", () => {
    const f = fw2020();
    const levels = Object.fromEntries(f.indicators.map((i, k) => [i.code, k % 2 === 0 ? 2 : 3]));
    const result = planYears(f, levels, 3.5, { startYear: 2027, years: 3 });
    expect(result.reachable).toBe(true);
    for (const s of result.steps) expect(s.to - s.from).toBe(1);
    expect(result.years.map((y) => y.year)).toEqual([2027, 2028, 2029]);
    expect(result.years.at(-1)?.index).toBeGreaterThanOrEqual(3.5);
    // The framework says which steps cost money: never in the first year, and in the year before's plan.
    const budgeted = result.steps.filter((s) => s.budgetYear !== null);
    expect(budgeted.length).toBeGreaterThan(0);
    for (const s of budgeted) {
      expect(s.year).toBeGreaterThan(2027);
      expect(s.budgetYear).toBe(s.year - 1);
      expect(s.reasons.map((r) => r.kind)).toContain(s.year === 2028 ? "budget" : s.reasons[0]?.kind);
    }
    // The same target in one year cannot be reached one level at a time.
    const oneYear = planYears(f, levels, 3.5, { startYear: 2027, years: 1 });
    expect(oneYear.reachable).toBe(false);
    expect(oneYear.maxIndex).toBeLessThan(3.5);
    expect(oneYear.maxIndexDisplay).toMatch(/^\d\.\d\d$/);
  });

  it("lets an instansi move a level's earliest year and the gap after the level below", () => {
    const f = fw2020();
    const levels = uniform(f, 3);
    const base = planYears(f, levels, 3.02, { startYear: 2027, years: 3, constraints: {} });
    expect(base.reachable).toBe(true);
    const first = base.steps[0];
    if (!first) throw new Error("no step");
    const later = planYears(f, levels, 3.02, {
      startYear: 2027,
      years: 3,
      constraints: Object.fromEntries(
        f.indicators.map((i) => [i.code, { earliest: { "4": 2029 }, budgeted: true }]),
      ),
    });
    for (const s of later.steps) expect(s.year).toBe(2029);
    expect(later.steps[0]?.reasons.map((r) => r.kind)).toContain("earliest");
  });

  it("rejects bad calendar input with every problem listed", () => {
    const f = fw2020();
    try {
      planYears(f, uniform(f, 2), 3, {
        startYear: 1800,
        years: 0,
        maxStep: 0,
        constraints: {
          "1": { maxStep: 0, earliest: { "9": 2028, "3": 2027.5 } },
          "2": { afterPrevious: { "5": -1 } },
        },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanInputError);
      expect((error as PlanInputError).problems.map((p) => `${p.indicator}/${p.field}`)).toEqual([
        "null/years",
        "null/startYear",
        "null/maxStep",
        "1/maxStep",
        "1/earliest",
        "1/earliest",
        "2/afterPrevious",
      ]);
    }
  });
});
