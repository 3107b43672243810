import { describe, expect, it } from "vitest";
import {
  compareLevels,
  formatIndex,
  indexFromDomainValues,
  LevelsError,
  predicateForIndex,
  predicateOf,
  ratioOfDecimal,
  score,
  submissionGaps,
  supportedLevel,
} from "../src/index.js";
import { fw2018, fw2020, uniform } from "./helpers.js";

describe("scoring against the regulation", () => {
  it("reproduces the regulation's worked example: 3.70 / 3.40 / 3.00 / 3.20 → 3.28", () => {
    const index = indexFromDomainValues(fw2020(), { D1: 3.7, D2: 3.4, D3: 3.0, D4: 3.2 });
    expect(formatIndex(index, 4)).toBe("3.2820");
    expect(formatIndex(index)).toBe("3.28");
    expect(predicateOf(fw2020(), index)?.name.id).toBe("Baik");
  });

  it("shows 2.5975 as 2.60 but classifies it Cukup (unrounded, inclusive lower bounds)", () => {
    const f = fw2020();
    // All at 2 (= 2.00), one admin service at 3 (+0.0275), indicators 21–22 at 3 (+0.03),
    // public services 42–47 at 5 (+0.54): exactly 2.5975.
    const levels: Record<string, number> = { ...uniform(f, 2), "32": 3, "21": 3, "22": 3 };
    for (const code of ["42", "43", "44", "45", "46", "47"]) levels[code] = 5;
    const result = score(f, levels);
    expect(result.index).toBe(2.5975);
    expect(result.indexDisplay).toBe("2.60");
    expect(result.predicate).toBe("Cukup");
  });

  it("classifies on exact decimals at every band boundary", () => {
    const f = fw2020();
    expect(predicateForIndex(f, 1.7985)).toBe("Kurang");
    expect(formatIndex(ratioOfDecimal(1.7985))).toBe("1.80");
    expect(predicateForIndex(f, 1.8)).toBe("Cukup");
    expect(predicateForIndex(f, 2.6)).toBe("Baik");
    expect(predicateForIndex(f, 3.498)).toBe("Baik");
    expect(predicateForIndex(f, 3.5)).toBe("Sangat Baik");
    expect(predicateForIndex(f, 4.2)).toBe("Memuaskan");
    expect(predicateForIndex(f, 5)).toBe("Memuaskan");
    expect(predicateForIndex(f, 1)).toBe("Kurang");
  });

  it("lands exactly on a boundary when the levels do (no binary floating-point drift)", () => {
    const f = fw2020();
    const levels = uniform(f, 2); // 200.0
    for (const code of ["42", "43", "44", "45", "46", "47"]) levels[code] = 4; // +36 → 236.0
    for (const code of ["11", "12", "13", "14", "15", "16", "17", "18"]) levels[code] = 3; // +20 → 256.0
    for (const code of ["1", "2", "3", "4", "5"]) levels[code] = 3; // +6.5 → 262.5
    levels["19"] = 1; // −2.5 → 260.0
    // In binary floating point 1.3 × 3 + … does not sum to 260 exactly; the engine must.
    const result = score(f, levels);
    expect(result.index).toBe(2.6);
    expect(result.indexDisplay).toBe("2.60");
    expect(result.predicate).toBe("Baik");
    levels["1"] = 2; // −1.3 → 258.7
    expect(score(f, levels).predicate).toBe("Cukup");
  });

  it("computes aspect and domain indices at full precision", () => {
    const f = fw2020();
    const levels = uniform(f, 3);
    for (const code of ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]) levels[code] = 4;
    levels["29"] = 1; // aspect A6 (audit) = (1 + 3 + 3) / 3
    const result = score(f, levels);
    const a1 = result.aspects.find((a) => a.code === "A1");
    const a6 = result.aspects.find((a) => a.code === "A6");
    const d3 = result.domains.find((d) => d.code === "D3");
    expect(a1?.index).toBe(4);
    expect(result.domains.find((d) => d.code === "D1")?.index).toBe(4);
    expect(a6?.index).toBeCloseTo(7 / 3, 12);
    expect(a6?.indexDisplay).toBe("2.33");
    // D3 = (A5 3 × 12 + A6 7/3 × 4.5) / 16.5
    expect(d3?.index).toBeCloseTo((3 * 12 + (7 / 3) * 4.5) / 16.5, 12);
    // Overall = Σ level × weight / 100: 3 + 13/100 − 2 × 1.5/100
    expect(result.index).toBeCloseTo(3 + 0.13 - 0.03, 12);
    expect(result.indexDisplay).toBe("3.10");
  });

  it("never scores unanswered indicators as zero: floor and ceiling instead", () => {
    const f = fw2020();
    const levels: Record<string, number | null> = uniform(f, 3);
    levels["1"] = null;
    delete levels["47"];
    const result = score(f, levels);
    expect(result.complete).toBe(false);
    expect(result.index).toBeNull();
    expect(result.indexDisplay).toBeNull();
    expect(result.predicate).toBeNull();
    expect(result.missing).toEqual(["1", "47"]);
    expect(result.floor).toBeCloseTo(3 - (2 * 1.3 + 2 * 3) / 100, 12);
    expect(result.ceiling).toBeCloseTo(3 + (2 * 1.3 + 2 * 3) / 100, 12);
    expect(result.domains.find((d) => d.code === "D1")?.index).toBeNull();
    expect(result.domains.find((d) => d.code === "D2")?.index).toBe(3);
  });

  it("scores the 2018 framework on its 0–5 scale, 35.1–35.3 included", () => {
    const f = fw2018();
    expect(score(f, uniform(f, 0)).index).toBe(0);
    expect(score(f, uniform(f, 0)).predicate).toBe("Kurang");
    expect(score(f, uniform(f, 5)).index).toBe(5);
    const levels = uniform(f, 2);
    levels["35.1"] = 5;
    const result = score(f, levels);
    expect(result.aspects.find((a) => a.code === "A7")?.index).toBeCloseTo(2.5, 12);
  });

  it("rejects unknown indicators and levels outside the scale, listing each", () => {
    const f = fw2020();
    try {
      score(f, { ...uniform(f, 3), "48": 3, "5": 0, "6": 2.5 });
      expect.fail("should throw");
    } catch (error) {
      expect(error).toBeInstanceOf(LevelsError);
      const problems = (error as LevelsError).problems.map((p) => `${p.indicator}:${p.code}`);
      expect(problems.sort()).toEqual(["48:unknown_indicator", "5:not_a_level", "6:not_a_level"]);
    }
  });
});

describe("stage comparison", () => {
  it("lists each indicator's difference and contribution, largest first, summing to the index difference", () => {
    const f = fw2020();
    const self = uniform(f, 4);
    const final = { ...self, "42": 2, "1": 3, "15": 3, "30": 5 };
    const comparison = compareLevels(f, self, final);
    expect(comparison.indicators.map((d) => d.indicator)).toEqual(["42", "15", "30", "1"]);
    expect(comparison.indicators[0]).toMatchObject({ from: 4, to: 2, difference: -2, contribution: -0.06 });
    const total = comparison.indicators.reduce((s, d) => s + d.contribution, 0);
    expect(total).toBeCloseTo(comparison.difference, 12);
    expect(comparison.difference).toBeCloseTo((comparison.to.index ?? 0) - (comparison.from.index ?? 0), 12);
    // −6 − 1.3 − 2.5 + 1.5 = −8.3 weight points → −0.083
    expect(comparison.difference).toBeCloseTo(-0.083, 12);
    expect(comparison.differenceDisplay).toBe("-0.08");
  });

  it("leaves indicators unanswered on either side out of the comparison", () => {
    const f = fw2020();
    const self = uniform(f, 4);
    const document: Record<string, number> = { ...self, "12": 2 };
    delete document["47"];
    const comparison = compareLevels(f, self, document);
    expect(comparison.notCompared).toEqual(["47"]);
    expect(comparison.indicators.map((d) => d.indicator)).toEqual(["12"]);
  });
});

describe("evidence gating", () => {
  const scale = () => fw2020().indicatorByCode.get("1")?.scale ?? expect.fail("no scale");

  it("supports a level only when it and every lower level have accepted evidence", () => {
    expect(supportedLevel(scale(), { 1: "accepted", 2: "accepted", 3: "accepted" })).toEqual({
      level: 3,
      blockedAt: 4,
      blockedBy: "missing",
    });
    expect(supportedLevel(scale(), { 1: "accepted", 2: "returned", 3: "accepted", 4: "accepted" })).toEqual({
      level: 1,
      blockedAt: 2,
      blockedBy: "returned",
    });
    expect(supportedLevel(scale(), { 2: "accepted", 3: "accepted" }).level).toBeNull();
    expect(supportedLevel(scale(), { 1: "accepted", 2: "pending" })).toMatchObject({
      level: 1,
      blockedBy: "pending",
    });
    const all = { 1: "accepted", 2: "accepted", 3: "accepted", 4: "accepted", 5: "accepted" } as const;
    expect(supportedLevel(scale(), all)).toEqual({ level: 5, blockedAt: null, blockedBy: null });
  });

  it("counts a level that needs no evidence (2018's level 0) without any", () => {
    const s = fw2018().indicators[0]?.scale ?? expect.fail("no scale");
    expect(supportedLevel(s, {})).toEqual({ level: 0, blockedAt: 1, blockedBy: "missing" });
    expect(supportedLevel(s, { 1: "accepted" }).level).toBe(1);
  });

  it("says what an indicator lacks before submission: answer, each level's evidence, units' proposals", () => {
    const answered = { level: 3, explained: true, unitsNotReady: [] };
    // Level 3 claimed with level-3 evidence only: levels 1 and 2 need their own.
    expect(submissionGaps(scale(), { ...answered, statuses: { 3: "pending" } })).toEqual([
      { gap: "evidence", levels: [1, 2] },
    ]);
    // Evidence that went back counts as none; pending evidence counts as sent.
    expect(
      submissionGaps(scale(), { ...answered, statuses: { 1: "accepted", 2: "returned", 3: "pending" } }),
    ).toEqual([{ gap: "evidence", levels: [2] }]);
    expect(
      submissionGaps(scale(), {
        level: null,
        explained: false,
        statuses: {},
        unitsNotReady: ["Bappeda"],
      }),
    ).toEqual([{ gap: "level" }, { gap: "explanation" }, { gap: "proposal", units: ["Bappeda"] }]);
    // An indicator fed by another agency's index needs no evidence of its own.
    expect(submissionGaps(scale(), { ...answered, statuses: null })).toEqual([]);
    // A level that needs no evidence (2018's level 0) is never asked for.
    const s2018 = fw2018().indicators[0]?.scale ?? expect.fail("no scale");
    expect(submissionGaps(s2018, { ...answered, level: 1, statuses: {} })).toEqual([
      { gap: "evidence", levels: [1] },
    ]);
  });
});
