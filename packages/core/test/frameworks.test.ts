import { describe, expect, it } from "vitest";
import { type FrameworkProblem, loadFramework, score } from "../src/index.js";
import { definition, fw2018, fw2020, tinyDefinition } from "./helpers.js";

function problemsOf(def: unknown): FrameworkProblem[] {
  const result = loadFramework(def);
  expect(result.ok).toBe(false);
  return [...result.problems];
}

const pick = (problems: FrameworkProblem[]) => problems.map((p) => `${p.code} @ ${p.path}`);

describe("shipped frameworks", () => {
  it("permenpanrb-59-2020: 4 domains, 8 aspects, indicators '1'…'47', both scales, weights per the regulation", () => {
    const f = fw2020();
    expect(f.domains.map((d) => [d.code, d.weight])).toEqual([
      ["D1", 13],
      ["D2", 25],
      ["D3", 16.5],
      ["D4", 45.5],
    ]);
    expect(f.aspects.map((a) => a.weight)).toEqual([13, 10, 10, 5, 12, 4.5, 27.5, 18]);
    expect(f.indicators.map((i) => i.code)).toEqual(Array.from({ length: 47 }, (_, i) => String(i + 1)));
    expect(f.indicatorByCode.get("42")?.weight).toBe(3); // not the reports' 3.50 typo
    expect(f.indicatorByCode.get("31")?.scale.id).toBe("process");
    expect(f.indicatorByCode.get("32")?.scale.id).toBe("service");
    expect(f.scales.get("process")?.levels.map((l) => l.name.id)).toEqual([
      "Rintisan",
      "Terkelola",
      "Terdefinisi",
      "Terpadu dan Terukur",
      "Optimum",
    ]);
    expect(f.scales.get("service")?.levels.map((l) => l.name.id)).toEqual([
      "Informasi",
      "Interaksi",
      "Transaksi",
      "Kolaborasi",
      "Optimum",
    ]);
  });

  it("permenpanrb-59-2020: every level of every indicator has criteria in Indonesian and English and evidence guidance", () => {
    for (const indicator of fw2020().indicators) {
      expect(indicator.levels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
      for (const level of indicator.levels) {
        expect(level.criteria.id.length, `${indicator.code}/${level.value}`).toBeGreaterThan(20);
        expect(level.criteria.en?.length, `${indicator.code}/${level.value}`).toBeGreaterThan(20);
        expect(level.criteria.id).not.toBe(level.criteria.en);
        expect(level.evidence?.id.length, `${indicator.code}/${level.value}`).toBeGreaterThan(20);
      }
    }
  });

  it("permenpanrb-5-2018: 3 domains, 7 aspects, indicators 1–34 and 35.1–35.3 on a 0–5 scale", () => {
    const f = fw2018();
    expect(f.domains.map((d) => d.weight)).toEqual([17, 28, 55]);
    expect(f.aspects).toHaveLength(7);
    const codes = f.indicators.map((i) => i.code);
    expect(codes.slice(0, 34)).toEqual(Array.from({ length: 34 }, (_, i) => String(i + 1)));
    expect(codes.slice(34)).toEqual(["35.1", "35.2", "35.3"]);
    expect(f.scales.get("maturity")?.values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(f.predicates[0]).toMatchObject({ min: 0 });
  });
});

describe("validation reports every problem with its path", () => {
  it("accepts both shipped files", () => {
    expect(loadFramework(definition("permenpanrb-59-2020")).ok).toBe(true);
    expect(loadFramework(definition("permenpanrb-5-2018")).ok).toBe(true);
  });

  it("catches indicator weights that do not add up to their aspect", () => {
    const def = definition("permenpanrb-59-2020");
    def.domains[1]!.aspects[0]!.indicators[0]!.weight = 2.4;
    const problems = problemsOf(def);
    expect(pick(problems)).toContain("weight_sum @ domains[1].aspects[0].weight");
    expect(problems.find((p) => p.code === "weight_sum")?.message).toMatch(/aspect A2: .*9\.9.*10/);
  });

  it("catches aspect weights that do not add up to their domain, and domains that do not add up to 100", () => {
    const def = definition("permenpanrb-59-2020");
    def.domains[0]!.weight = 14;
    expect(pick(problemsOf(def))).toEqual(["weight_sum @ domains[0].weight", "weight_sum @ domains"]);
  });

  it("tolerates rounding within 1e-6 (six × 3.3333333333 = 20) but not beyond", () => {
    const def = definition("permenpanrb-5-2018");
    expect(loadFramework(def).ok).toBe(true);
    def.domains[2]!.aspects[1]!.indicators[0]!.weight = 3.33333;
    expect(pick(problemsOf(def))).toContain("weight_sum @ domains[2].aspects[1].weight");
  });

  it("catches duplicate codes", () => {
    const def = definition("permenpanrb-59-2020");
    def.domains[3]!.aspects[1]!.indicators[5]!.code = "46";
    def.domains[1]!.aspects[1]!.code = "A2";
    const problems = problemsOf(def);
    expect(pick(problems)).toEqual([
      "duplicate_code @ domains[1].aspects[1].code",
      "duplicate_code @ domains[3].aspects[1].indicators[5].code",
    ]);
    expect(problems[1]?.message).toContain("domains[3].aspects[1].indicators[4].code");
  });

  it("catches an indicator whose scale does not exist", () => {
    const def = definition("permenpanrb-59-2020");
    def.domains[0]!.aspects[0]!.indicators[2]!.scale = "proses";
    expect(pick(problemsOf(def))).toEqual(["unknown_scale @ domains[0].aspects[0].indicators[2].scale"]);
  });

  it("catches predicate bands with a gap, an overlap, or not covering the index's range", () => {
    const gap = definition("permenpanrb-59-2020");
    gap.predicates[2]!.min = 2.7; // Baik starts at 2.7, Cukup ends at 2.6
    expect(pick(problemsOf(gap))).toEqual(["predicate_gap @ predicates[2]"]);

    const overlap = definition("permenpanrb-59-2020");
    overlap.predicates[3]!.max = 2.8;
    expect(pick(problemsOf(overlap))).toEqual(["predicate_overlap @ predicates[2]"]);

    const short = definition("permenpanrb-59-2020");
    short.predicates[0]!.max = 4.9;
    short.predicates[4]!.min = 1.2;
    expect(pick(problemsOf(short))).toEqual([
      "predicate_coverage @ predicates[4].min",
      "predicate_coverage @ predicates[0].max",
    ]);

    const inverted = definition("permenpanrb-59-2020");
    inverted.predicates[1]!.min = 4.5;
    expect(pick(problemsOf(inverted))).toContain("predicate_range @ predicates[1]");
  });

  it("catches missing, unknown and duplicate level criteria", () => {
    const def = definition("permenpanrb-59-2020");
    const levels = def.domains[2]!.aspects[0]!.indicators[0]!.levels;
    levels.splice(4, 1); // no level 5
    levels[0]!.value = 6; // no level 1, and 6 is not on the scale
    def.domains[0]!.aspects[0]!.indicators[0]!.levels[1]!.value = 1; // level 1 twice, level 2 missing
    expect(pick(problemsOf(def))).toEqual([
      "duplicate_level @ domains[0].aspects[0].indicators[0].levels[1].value",
      "missing_criteria @ domains[0].aspects[0].indicators[0].levels",
      "unknown_level @ domains[2].aspects[0].indicators[0].levels[0].value",
      "missing_criteria @ domains[2].aspects[0].indicators[0].levels",
    ]);
  });

  it("reports structural and semantic problems together, in one pass", () => {
    const def = definition("permenpanrb-59-2020") as unknown as Record<string, any>;
    def.domains[0].aspects[0].indicators[0].weight = "1.3"; // wrong type
    def.domains[0].aspects[0].indicators[1].criteria = "?"; // unknown field
    def.domains[3].aspects[1].indicators[0].levels[2].criteria.id = ""; // empty text
    def.domains[1].weight = 30; // domains no longer sum to 100
    const problems = problemsOf(def);
    expect(pick(problems)).toEqual(
      expect.arrayContaining([
        "schema @ domains[0].aspects[0].indicators[0].weight",
        "schema @ domains[0].aspects[0].indicators[1]",
        "schema @ domains[3].aspects[1].indicators[0].levels[2].criteria.id",
        "weight_sum @ domains[1].weight",
        "weight_sum @ domains",
      ]),
    );
  });

  it("rejects what is not a framework at all", () => {
    expect(pick(problemsOf([]))).toContain("schema @ ");
    expect(pick(problemsOf({ format: "other" }))).toContain("schema @ format");
  });

  it("accepts a framework of a new shape: any number of levels, domains and indicators", () => {
    const def = tinyDefinition({
      weights: [50, 30, 20],
      levels: [0, 1, 2, 3],
      predicates: [
        { name: { id: "Rendah" }, min: 0, max: 1.5 },
        { name: { id: "Tinggi" }, min: 1.5, max: 3 },
      ],
    });
    const result = loadFramework(def);
    expect(result.ok).toBe(true);
    if (result.ok) expect(score(result.framework, { "1": 3, "2": 0, "3": 1 }).index).toBeCloseTo(1.7, 12);
  });
});
