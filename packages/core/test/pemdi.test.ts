import { describe, expect, it } from "vitest";
import {
  externalEffect,
  externalStanding,
  type FrameworkProblem,
  formatItemCounts,
  type InputFileError,
  itemCounts,
  itemStandings,
  levelStatusesFromItems,
  loadFramework,
  parseLevelsFile,
  score,
  scoringShape,
  withExternalLevels,
} from "../src/index.js";
import { definition, framework, tinyDefinition } from "./helpers.js";

const pemdi = () => framework("pemdi-2026");
const WEIGHTS = [5, 5, 5, 5, 5, 3, 3, 4, 4, 4, 3, 4, 5, 5, 4, 4, 4, 3, 10, 15];
const codes = WEIGHTS.map((_, i) => `I${i + 1}`);
const set = (values: number[]) => Object.fromEntries(codes.map((c, i) => [c, values[i]]));
/** What a spreadsheet computes: Σ weight × value / 100 in binary floating point. */
const naive = (values: number[]) => values.reduce((s, v, i) => s + (WEIGHTS[i] ?? 0) * v, 0) / 100;

describe("pemdi-2026 as shipped", () => {
  it("7 aspects without domains, 20 indicators I1–I20 with the regulation's weights and aliases", () => {
    const f = pemdi();
    expect(f.domains).toEqual([]);
    expect(f.aspects.map((a) => [a.code, a.weight, a.indicators.length])).toEqual([
      ["A1", 10, 2],
      ["A2", 10, 2],
      ["A3", 15, 4],
      ["A4", 15, 4],
      ["A5", 10, 2],
      ["A6", 15, 4],
      ["A7", 25, 2],
    ]);
    expect(f.indicators.map((i) => i.code)).toEqual(codes);
    expect(f.indicators.map((i) => i.weight)).toEqual(WEIGHTS);
    expect(f.indicatorByCode.get("I13")?.aliases).toEqual(["5.1", "IK-13"]);
    expect(f.codeOfAlias.get("IK-20")).toBe("I20");
    expect(f.codeOfAlias.get("7.1")).toBe("I19");
    expect(f.scales.get("pemdi")).toMatchObject({ min: 1, max: 5, decimals: 2 });
  });

  it("232 evidence items coded I{n}-L{level}-{nn}, under the level their code names, with text in both languages", () => {
    const f = pemdi();
    expect(f.itemByCode.size).toBe(232);
    expect(f.indicatorByCode.get("I8")?.items).toHaveLength(35);
    for (const item of f.itemByCode.values()) {
      expect(item.code).toMatch(/^I\d{1,2}-L[1-5]-\d{2}$/);
      expect(item.code.startsWith(`${item.indicatorCode}-L${item.level}-`)).toBe(true);
      expect(item.text.id.length).toBeGreaterThan(8);
      expect(item.text.en?.length).toBeGreaterThan(8);
    }
    for (const i of f.indicators) {
      expect(i.levels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
      for (const l of i.levels) expect(l.criteria.en).not.toBe(l.criteria.id);
    }
  });

  it("is provisional, says so with its sources and open questions, and computes no value from items", () => {
    const f = pemdi();
    expect(f.provisional?.note.id).toMatch(/^Sementara/);
    expect(f.provisional?.sources?.map((s) => s.code)).toContain("S1");
    expect(f.provisional?.openQuestions?.length).toBeGreaterThanOrEqual(3);
    expect(f.definition.valueFromItems).toBeNull();
  });

  it("labels predicates in a second set in both languages", () => {
    const f = pemdi();
    expect(f.predicates.map((p) => [p.name.id, p.labels.tahap?.id, p.labels.tahap?.en])).toEqual([
      ["Kurang", "Merintis", "Initiate"],
      ["Cukup", "Membangun", "Emerging"],
      ["Baik", "Berkembang", "Developing"],
      ["Sangat Baik", "Melembaga", "Embedded"],
      ["Memuaskan", "Unggul", "Leading"],
    ]);
  });
});

describe("pemdi-2026 scoring: exact decimals, half-open bands", () => {
  // Each set sums to the boundary exactly, but naive floating-point arithmetic lands just below it.
  const boundaries: [number, string, string, number[]][] = [
    [
      1.5,
      "Cukup",
      "Membangun",
      [
        1.55, 1.23, 1.66, 1.38, 1.85, 1.68, 1.06, 1.24, 1.26, 1.69, 1.11, 1.46, 1.81, 1.42, 1.9, 1.47, 1.72,
        1.18, 1.72, 1.35,
      ],
    ],
    [
      2.5,
      "Baik",
      "Berkembang",
      [
        1.11, 3.95, 2.58, 1.74, 1.93, 4.07, 2.57, 1.11, 2.04, 2.51, 3.44, 1.68, 1.68, 3.48, 4.41, 4.01, 1.54,
        3.37, 1.4, 2.94,
      ],
    ],
    [
      3.5,
      "Sangat Baik",
      "Melembaga",
      [
        4.69, 4.64, 2.98, 4.79, 2.74, 3.39, 4.13, 2.49, 2.43, 4.69, 4.65, 2.08, 4.32, 3.37, 1.52, 1.29, 1.72,
        3.12, 4.34, 3.88,
      ],
    ],
    [
      4,
      "Memuaskan",
      "Unggul",
      [
        4.13, 4.26, 3.95, 3.67, 4.02, 4.01, 3.94, 3.83, 3.99, 4.31, 3.65, 4.36, 4.39, 3.67, 4.1, 3.58, 4.41,
        4.11, 3.66, 4.1,
      ],
    ],
  ];
  for (const [boundary, predicate, label, values] of boundaries) {
    it(`exactly ${boundary.toFixed(2)} is ${predicate} (${label}), though a naive sum gives ${naive(values)}`, () => {
      expect(naive(values)).toBeLessThan(boundary);
      const r = score(pemdi(), set(values));
      expect(r.indexDisplay).toBe(boundary.toFixed(2));
      expect(r.index).toBe(boundary);
      expect(r.predicate).toBe(predicate);
      expect(r.predicateLabels).toEqual({ tahap: label });
    });
  }

  it("2.4985 shows 2.50 and is Cukup: the predicate is the unrounded index's", () => {
    const values = WEIGHTS.map(() => 2.5);
    values[19] = 2.49;
    const r = score(pemdi(), set(values));
    expect(r.index).toBe(2.4985);
    expect(r.indexDisplay).toBe("2.50");
    expect(r.predicate).toBe("Cukup");
  });

  it("aspect value is the weighted mean of its indicators; there are no domains", () => {
    const values = WEIGHTS.map(() => 1);
    values[4] = 1.26; // I5, weight 5 of aspect A3 (15)
    values[5] = 1.17; // I6, weight 3
    const r = score(pemdi(), set(values));
    expect(r.domains).toEqual([]);
    expect(r.aspects.find((a) => a.code === "A3")?.index).toBeCloseTo((5 * 1.26 + 3 * 1.17 + 3 + 4) / 15, 12);
    expect(r.index).toBeCloseTo(1 + (5 * 0.26 + 3 * 0.17) / 100, 12);
  });

  it("refuses values off the scale or more precise than two decimals; whole levels stay whole", () => {
    expect(() => score(pemdi(), { I1: 3.456 })).toThrow(
      /I1: 3\.456 is not a value of scale "pemdi" \(1\.00–5\.00 \(2 decimals\)\)/,
    );
    expect(() => score(pemdi(), { I1: 5.01 })).toThrow(/5\.01/);
    expect(() => score(pemdi(), { I1: 0.99 })).toThrow(/0\.99/);
    expect(score(pemdi(), { I1: 3.45 }).complete).toBe(false);
    expect(() => score(framework("permenpanrb-59-2020"), { "1": 2.5 })).toThrow(/not a value/);
  });

  it("reads value files by code or alias, with a comma or a point as decimal mark", () => {
    const csv = "indicator;value\nI1;3,5\n1.2;2.25\nIK-03;\n";
    expect(parseLevelsFile(csv, "nilai.csv", pemdi())).toEqual({ I1: 3.5, I2: 2.25 });
    const wrong = "indicator,level\nI1,5.5\nIK-01,2\nI99,1\n";
    try {
      parseLevelsFile(wrong, "nilai.csv", pemdi());
      expect.unreachable();
    } catch (error) {
      expect((error as InputFileError).problems.map((p) => `${p.line}:${p.field}: ${p.message}`)).toEqual([
        "2:level: 5.5 is not a value of indicator I1 (1.00–5.00 (2 decimals))",
        '3:indicator: indicator I1 ("IK-01") is already given on line 2',
        '4:indicator: "I99" is not an indicator of framework pemdi-2026',
      ]);
    }
  });
});

describe("pemdi-2026 external indices", () => {
  const today = "2026-12-06";

  it("a recorded value sets the fed indicator's level by band; missing or expired counts 1", () => {
    const f = pemdi();
    expect(externalStanding(f, "IKASANDI-KS", { value: 2.5, measuredOn: "2026-03-01" }, today)).toMatchObject(
      {
        state: "recorded",
        level: 3,
        counted: 3,
        expiresOn: "2027-03-01",
        indicators: ["I10"],
      },
    );
    expect(externalStanding(f, "IKASANDI-KS", { value: 2.49, measuredOn: "2026-03-01" }, today).level).toBe(
      2,
    );
    expect(externalStanding(f, "IKASANDI-KS", { value: 4.5, measuredOn: "2025-11-30" }, today)).toMatchObject(
      {
        state: "expired",
        level: null,
        counted: 1,
      },
    );
    expect(externalStanding(f, "SDI", null, today)).toMatchObject({ state: "missing", counted: 1 });
    expect(externalStanding(f, "SDI", { value: 75 }, today).level).toBe(5);
    expect(externalStanding(f, "SDI", { value: 74.99 }, today).level).toBe(4);
    const levels = withExternalLevels(f, { I5: 4.2, I1: 2 }, { SDI: { value: 40 } }, today);
    expect([levels.I1, levels.I5, levels.I6, levels.I10]).toEqual([2, 3, 1, 1]);
  });

  it("says what a change of the value would do to the fed indicators and the index", () => {
    const f = pemdi();
    const levels = set(WEIGHTS.map(() => 2));
    const effect = externalEffect(
      f,
      levels,
      { "IKASANDI-KS": { value: 2.4, measuredOn: "2026-06-01" } },
      "IKASANDI-KS",
      2.5,
      today,
    );
    expect(effect.indicators).toEqual([{ code: "I10", from: 2, to: 3 }]);
    expect(effect.difference).toBe("+0.0400");
  });
});

describe("the framework format's new parts are validated with their paths", () => {
  const problemsOf = (def: unknown): string[] => {
    const r = loadFramework(def);
    expect(r.ok).toBe(false);
    return (r.problems as FrameworkProblem[]).map((p) => `${p.code} @ ${p.path}`);
  };

  it("domains or aspects, not both and not neither", () => {
    const def = definition("pemdi-2026") as Record<string, unknown>;
    expect(problemsOf({ ...def, aspects: undefined })).toContain("hierarchy @ ");
    const both = tinyDefinition({ weights: [100], levels: [1, 2] }) as Record<string, unknown>;
    expect(problemsOf({ ...both, aspects: def.aspects })).toContain("hierarchy @ ");
  });

  it("aliases and item codes are unique; an indicator's external index must exist", () => {
    const def = definition("pemdi-2026");
    const [a1, a3] = [def.aspects![0]!, def.aspects![2]!];
    a1.indicators[1]!.aliases = ["1.1"];
    a1.indicators[0]!.levels[1]!.items![1]!.code = "I1-L2-01";
    a3.indicators[0]!.external = "SDX";
    expect(problemsOf(def)).toEqual(
      expect.arrayContaining([
        "duplicate_code @ aspects[0].indicators[1].aliases[0]",
        "duplicate_code @ aspects[0].indicators[0].levels[1].items[1].code",
        "unknown_external @ aspects[2].indicators[0].external",
        "unused_external @ externalIndices[0]",
      ]),
    );
  });

  it("where two bands meet, exactly one includes the point; label sets are complete; external bands cover their range", () => {
    const gap = definition("pemdi-2026");
    gap.predicates[1]!.minInclusive = false; // 1.50 in neither Kurang nor Cukup
    expect(problemsOf(gap)).toEqual(["predicate_gap @ predicates[1]"]);
    const overlap = definition("pemdi-2026");
    overlap.predicates[0]!.maxInclusive = true; // 1.50 in both
    expect(problemsOf(overlap)).toEqual(["predicate_overlap @ predicates[1]"]);
    const label = definition("pemdi-2026");
    delete label.predicates[2]!.labels!.tahap;
    expect(problemsOf(label)).toEqual(["missing_label @ predicates[2].labels"]);
    const bands = definition("pemdi-2026");
    bands.externalIndices![0]!.bands[4]!.max = 90;
    expect(problemsOf(bands)).toEqual(["band_coverage @ externalIndices[0].bands[4].max"]);
    const level = definition("pemdi-2026");
    level.externalIndices![1]!.bands[0]!.level = 6;
    expect(problemsOf(level)).toEqual(["unknown_level @ externalIndices[1].bands[0].level"]);
  });

  it("a change of bounds, decimals, items or bands changes the scoring shape; texts do not", () => {
    const before = scoringShape(definition("pemdi-2026"));
    const text = definition("pemdi-2026");
    text.aspects![0]!.indicators[0]!.levels[0]!.items![0]!.text.id = "Teks lain";
    expect(scoringShape(text)).toBe(before);
    const bound = definition("pemdi-2026");
    bound.predicates[1]!.minInclusive = false;
    bound.predicates[0]!.maxInclusive = true;
    expect(scoringShape(bound)).not.toBe(before);
    const places = definition("pemdi-2026");
    places.scales[0]!.decimals = 1;
    expect(scoringShape(places)).not.toBe(before);
    const item = definition("pemdi-2026");
    item.aspects![0]!.indicators[0]!.levels[0]!.items!.pop();
    expect(scoringShape(item)).not.toBe(before);
  });
});

describe("evidence by item", () => {
  it("a higher level's item is rejected automatically while a lower level's item is not accepted, and says which", () => {
    const i4 = pemdi().indicatorByCode.get("I4")!;
    const links = [
      { itemCode: "I4-L1-01", review: "accepted" as const },
      { itemCode: "I4-L1-02", review: "revision" as const, reason: "wrong_document", note: "Bukan RAN" },
      { itemCode: "I4-L1-03", review: "pending" as const },
      { itemCode: "I4-L2-02", review: "accepted" as const },
    ];
    const s = itemStandings(i4, links);
    const by = (code: string) => s.find((x) => x.code === code);
    expect(by("I4-L1-01")?.status).toBe("accepted");
    expect(by("I4-L1-02")).toMatchObject({ status: "returned", reason: "wrong_document", note: "Bukan RAN" });
    expect(by("I4-L1-03")?.status).toBe("pending");
    expect(by("I4-L2-01")?.status).toBe("not_uploaded");
    expect(by("I4-L2-02")).toMatchObject({ status: "auto_rejected", blockedBy: ["I4-L1-02", "I4-L1-03"] });
    expect(formatItemCounts(itemCounts(s))).toBe("L1 1/3 · L2 0/2 · L3 0/2 · L4 0/2 · L5 0/2");
    expect(levelStatusesFromItems(s)[1]).toBe("returned");

    const fixed = itemStandings(i4, [
      ...links.filter((l) => l.itemCode !== "I4-L1-02" && l.itemCode !== "I4-L1-03"),
      { itemCode: "I4-L1-02", review: "accepted" as const },
      { itemCode: "I4-L1-03", review: "accepted" as const },
    ]);
    expect(fixed.find((x) => x.code === "I4-L2-02")?.status).toBe("accepted");
    expect(levelStatusesFromItems(fixed)).toMatchObject({ 1: "accepted", 2: "missing" });
  });
});
