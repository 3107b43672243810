import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Framework,
  PlanInputError,
  type PlanOptions,
  plan,
  requireFramework,
  score,
} from "../src/index.js";
import { fw2018, fw2020, tinyDefinition, uniform } from "./helpers.js";

describe("improvement planner", () => {
  it("finds the cheapest plan to a target and lists each step with its gain and the index after it", () => {
    const f = fw2020();
    const levels = uniform(f, 2);
    const result = plan(f, levels, 2.1);
    // 0.10 needs 10 weight points: four public-service steps (4 × 3.00 = 12) beat any other set.
    expect(result.reachable).toBe(true);
    expect(result.totalCost).toBe(4);
    expect(result.resultIndex).toBeCloseTo(2.12, 12);
    expect(result.steps.reduce((s, x) => s + x.gain, 0)).toBeCloseTo(0.12, 12);
    expect(result.steps.at(-1)?.indexAfter).toBeCloseTo(result.resultIndex, 12);
    for (const step of result.steps) expect(step.to).toBeGreaterThan(step.from);
  });

  it("respects maximum levels and per-step costs", () => {
    const f = fw2020();
    const levels = uniform(f, 2);
    const constraints: PlanOptions["constraints"] = {};
    for (const code of ["42", "43", "44", "45", "46", "47"])
      (constraints as Record<string, object>)[code] = { max: 2 };
    (constraints as Record<string, object>)["36"] = { cost: { "3": 0.5, "4": 0.5, "5": 10 } };
    const result = plan(f, levels, 2.05, { constraints });
    expect(result.steps.some((s) => Number(s.indicator) >= 42)).toBe(false);
    expect(result.steps.find((s) => s.indicator === "36")).toMatchObject({ from: 2, to: 4, cost: 1 });
    expect(
      score(f, { ...levels, ...Object.fromEntries(result.steps.map((s) => [s.indicator, s.to])) }).index,
    ).toBeGreaterThanOrEqual(2.05);
  });

  it("says when the target is unreachable and what the maximum is", () => {
    const f = fw2020();
    const constraints = Object.fromEntries(f.indicators.slice(0, 10).map((i) => [i.code, { max: 3 }]));
    const result = plan(f, uniform(f, 2), 5, { constraints });
    expect(result.reachable).toBe(false);
    expect(result.maxIndex).toBeCloseTo(5 - 0.26, 12);
    expect(result.maxIndexDisplay).toBe("4.74");
    expect(result.steps).toEqual([]);
  });

  it("compares the target with the unrounded index: 4.895 does not reach 4.9", () => {
    const f = fw2020();
    const levels = uniform(f, 5);
    levels["21"] = 4;
    levels["22"] = 4;
    levels["29"] = 4; // 500 − 4.5 = 495.5 → 4.955
    const constraints = { "21": { max: 4 }, "22": { max: 4 }, "29": { max: 4 } };
    expect(plan(f, levels, 4.955, { constraints })).toMatchObject({ reachable: true, totalCost: 0 });
    expect(plan(f, levels, 4.96, { constraints })).toMatchObject({ reachable: false, maxIndex: 4.955 });
  });

  it("needs no steps when the target is already met", () => {
    const f = fw2020();
    expect(plan(f, uniform(f, 4), 3.5)).toMatchObject({
      reachable: true,
      steps: [],
      totalCost: 0,
      resultIndex: 4,
    });
  });

  it("reaches 5.0 from all at level 1 at a cost of every step", () => {
    const f = fw2020();
    const result = plan(f, uniform(f, 1), 5);
    expect(result).toMatchObject({ reachable: true, totalCost: 47 * 4, resultIndex: 5 });
    expect(result.steps).toHaveLength(47);
  });

  it("plans on the 2018 framework, whose weights have ten decimals", () => {
    const f = fw2018();
    const result = plan(f, uniform(f, 0), 2.6);
    expect(result.reachable).toBe(true);
    expect(result.resultIndex).toBeGreaterThanOrEqual(2.6);
    const levels = { ...uniform(f, 0), ...Object.fromEntries(result.steps.map((s) => [s.indicator, s.to])) };
    expect(score(f, levels).predicate).toBe("Baik");
  });

  it("rejects bad input with every problem listed", () => {
    const f = fw2020();
    const incomplete = uniform(f, 3);
    delete incomplete["7"];
    expect(() => plan(f, incomplete, 3.5)).toThrow(/missing: 7/);
    try {
      plan(f, uniform(f, 3), 3.5, {
        constraints: { "99": { max: 4 }, "1": { max: 2 }, "2": { max: 9 }, "3": { cost: -1 } },
      });
      expect.fail("should throw");
    } catch (error) {
      expect(error).toBeInstanceOf(PlanInputError);
      expect((error as PlanInputError).problems.map((p) => `${p.indicator}/${p.field}`)).toEqual([
        "99/indicator",
        "1/max",
        "2/max",
        "3/cost",
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Small random frameworks: brute force is feasible, so the planner's optimality can be checked.

function smallFramework(weights: number[], top: number): Framework {
  return requireFramework(tinyDefinition({ weights, levels: Array.from({ length: top }, (_, i) => i + 1) }));
}

/** Planner inputs of a random case: start levels and per-indicator maximum and step costs. */
function inputsOf(weights: number[], levels: number[], max: number[], costs: number[][]) {
  const constraints = Object.fromEntries(
    weights.map((_, i) => [
      String(i + 1),
      {
        max: Math.max(levels[i] as number, max[i] as number),
        cost: Object.fromEntries((costs[i] as number[]).map((c, l) => [String(l + 1), c])),
      },
    ]),
  );
  const start = Object.fromEntries(levels.map((l, i) => [String(i + 1), l]));
  return { constraints, start };
}

/** Integer weights (in hundredths) summing to exactly 100. */
const weightsArb = fc
  .array(fc.integer({ min: 1, max: 60 }), { minLength: 2, maxLength: 4 })
  .map((raw) => {
    const total = raw.reduce((s, x) => s + x, 0);
    const cents = raw.map((x) => Math.max(1, Math.floor((x / total) * 10000)));
    cents[0] = (cents[0] ?? 0) + 10000 - cents.reduce((s, x) => s + x, 0);
    return cents[0] !== undefined && cents[0] > 0 ? cents.map((c) => c / 100) : null;
  })
  .filter((w): w is number[] => w !== null);

const caseArb = weightsArb.chain((weights) =>
  fc.record({
    weights: fc.constant(weights),
    levels: fc.array(fc.integer({ min: 1, max: 5 }), {
      minLength: weights.length,
      maxLength: weights.length,
    }),
    max: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: weights.length, maxLength: weights.length }),
    costs: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }), {
      minLength: weights.length,
      maxLength: weights.length,
    }),
    target: fc.integer({ min: 100, max: 500 }).map((x) => x / 100),
  }),
);

function bruteForce(f: Framework, start: number[], max: number[], costs: number[][], target: number) {
  let best: number | null = null;
  let bestIndex = Number.NEGATIVE_INFINITY;
  const n = start.length;
  const walk = (i: number, levels: number[], cost: number) => {
    if (i === n) {
      const index = score(f, Object.fromEntries(levels.map((l, k) => [String(k + 1), l]))).index ?? 0;
      bestIndex = Math.max(bestIndex, index);
      // Exact comparison with the target, as the planner does: through the framework's units.
      const units = levels.reduce((s, l, k) => s + l * (f.indicators[k]?.units ?? 0), 0);
      const reached = units * 100 >= Math.round(target * 100) * f.units; // index ≥ target, in integers
      if (reached && (best === null || cost < best)) best = cost;
      return;
    }
    const from = start[i] as number;
    const top = Math.max(from, max[i] as number);
    let c = 0;
    for (let l = from; l <= top; l++) {
      if (l > from) c += (costs[i] as number[])[l - 1] as number;
      walk(i + 1, [...levels, l], cost + c);
    }
  };
  walk(0, [], 0);
  return { best, bestIndex };
}

describe("planner properties", () => {
  it("is never beaten by brute force, and always reaches the target when it is reachable", () => {
    fc.assert(
      fc.property(caseArb, ({ weights, levels, max, costs, target }) => {
        const f = smallFramework(weights, 5);
        const { constraints, start } = inputsOf(weights, levels, max, costs);
        const result = plan(f, start, target, { constraints });
        const brute = bruteForce(f, levels, max, costs, target);
        expect(result.reachable).toBe(brute.best !== null);
        expect(result.maxIndex).toBeCloseTo(brute.bestIndex, 12);
        if (brute.best !== null) {
          expect(result.totalCost).toBe(brute.best);
          const after = { ...start, ...Object.fromEntries(result.steps.map((s) => [s.indicator, s.to])) };
          const reached = score(f, after);
          expect(reached.index).toBeCloseTo(result.resultIndex, 12);
          expect(
            reached.exact.floor.num * 100n >= BigInt(Math.round(target * 100)) * reached.exact.floor.den,
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("planner properties, fractional costs", () => {
  it("stays optimal when costs have too many decimals for the cost-indexed search", () => {
    fc.assert(
      fc.property(caseArb, ({ weights, levels, max, costs, target }) => {
        const f = smallFramework(weights, 5);
        // Seven decimals push the planner onto its gain-indexed search.
        const fine = costs.map((row) => row.map((c) => (c * 1234567 + 1) / 1e7));
        const { constraints, start } = inputsOf(weights, levels, max, fine);
        const result = plan(f, start, target, { constraints });
        const brute = bruteForce(f, levels, max, fine, target);
        expect(result.reachable).toBe(brute.best !== null);
        if (brute.best !== null) expect(result.totalCost).toBeCloseTo(brute.best, 9);
      }),
      { numRuns: 200 },
    );
  });
});

describe("scoring properties", () => {
  const f = fw2020();
  const levelsArb = fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: 47, maxLength: 47 })
    .map((ls) => Object.fromEntries(ls.map((l, i) => [String(i + 1), l])));

  it("keeps the index within the scale's range", () => {
    fc.assert(
      fc.property(levelsArb, (levels) => {
        const index = score(f, levels).index ?? Number.NaN;
        expect(index).toBeGreaterThanOrEqual(1);
        expect(index).toBeLessThanOrEqual(5);
      }),
    );
  });

  it("never lowers the index when any level is raised", () => {
    fc.assert(
      fc.property(levelsArb, fc.integer({ min: 1, max: 47 }), (levels, code) => {
        const key = String(code);
        fc.pre((levels[key] as number) < 5);
        const before = score(f, levels);
        const after = score(f, { ...levels, [key]: (levels[key] as number) + 1 });
        expect((after.index ?? 0) > (before.index ?? 0)).toBe(true);
        for (const [i, d] of after.domains.entries())
          expect(d.index ?? 0).toBeGreaterThanOrEqual(before.domains[i]?.index ?? 0);
      }),
    );
  });

  it("gives exactly k when every indicator is at level k, in every framework", () => {
    for (const framework of [fw2020(), fw2018()]) {
      for (const k of framework.scales.values().next().value?.values ?? []) {
        const result = score(framework, uniform(framework, k));
        expect(result.index).toBe(k);
        for (const d of result.domains) expect(d.index).toBe(k);
        for (const a of result.aspects) expect(a.index).toBe(k);
      }
    }
  });

  it("puts the index between floor and ceiling while incomplete", () => {
    fc.assert(
      fc.property(
        levelsArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 47 }), { maxLength: 47 }),
        (levels, drop) => {
          const partial: Record<string, number> = { ...levels };
          for (const code of drop) delete partial[String(code)];
          const full = score(f, levels).index ?? Number.NaN;
          const result = score(f, partial);
          expect(result.complete).toBe(drop.length === 0);
          expect(result.floor).toBeLessThanOrEqual(full + 1e-12);
          expect(result.ceiling).toBeGreaterThanOrEqual(full - 1e-12);
        },
      ),
    );
  });
});
