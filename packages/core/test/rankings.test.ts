import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareDecimals, histogram, parseResultsFile, rankResults, spread } from "../src/index.js";
import { repoRoot } from "./helpers.js";

const rows = parseResultsFile(
  readFileSync(join(repoRoot, "reference/results-2023.csv"), "utf8"),
  "results-2023.csv",
);
const entries = rows.map((r) => ({
  id: `${r.kind}|${r.name}`,
  index: r.index,
  kind: r.kind,
  province: r.kind === "kabupaten" || r.kind === "kota" ? r.region : null,
}));

describe("rankings of published results", () => {
  const ranks = rankResults(entries);

  it("puts the highest published index first and shares ranks on equal indices", () => {
    const best = Math.max(...rows.map((r) => Number(r.index)));
    const first = entries.filter((e) => ranks.get(e.id)?.rank === 1);
    expect(first.length).toBeGreaterThan(0);
    for (const e of first) expect(Number(e.index)).toBe(best);
    // Competition ranking: the rank is one more than the number of strictly higher indices.
    for (const e of entries) {
      const higher = entries.filter((x) => Number(x.index) > Number(e.index)).length;
      expect(ranks.get(e.id)?.rank).toBe(higher + 1);
    }
  });

  it("ranks within type and province, with a percentile among peers", () => {
    const kota = entries.filter((e) => e.kind === "kota");
    const top = kota.find((e) => ranks.get(e.id)?.rankInType === 1);
    expect(ranks.get(top?.id ?? "")).toMatchObject({ ofType: kota.length, percentile: 100 });
    const jabar = entries.filter((e) => e.province === "Jawa Barat");
    for (const e of jabar) expect(ranks.get(e.id)?.ofProvince).toBe(jabar.length);
    const provinces = entries.filter((e) => e.kind === "provinsi");
    for (const e of provinces) expect(ranks.get(e.id)?.rankInProvince).toBeNull();
    const last = kota.reduce((a, b) => (Number(a.index) <= Number(b.index) ? a : b));
    expect(ranks.get(last.id)?.percentile).toBe(0);
  });

  it("gives exact means and spreads of printed figures", () => {
    expect(spread(["2.10", "2.11", "2.12"])).toEqual({
      count: 3,
      mean: "2.11",
      min: "2.10",
      max: "2.12",
      range: "0.02",
      stddev: "0.01",
    });
    // 0.1 + 0.2 style drift never shows: the sum is done in hundredths.
    expect(spread(["0.10", "0.20", "0.30"]).mean).toBe("0.20");
    expect(spread([]).mean).toBeNull();
    const provinces = rows.filter((r) => r.kind === "provinsi").map((r) => r.index);
    const plain = provinces.reduce((s, v) => s + Number(v), 0) / provinces.length;
    expect(Number(spread(provinces).mean)).toBeCloseTo(plain, 2);
  });

  it("counts every index in one bin of the distribution", () => {
    const bins = histogram(
      rows.map((r) => r.index),
      0,
      5,
      "0.5",
    );
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ from: "0.00", to: "0.50" });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(621);
    expect(histogram(["5.00", "0.00", "2.50"], 0, 5, "2.5")).toEqual([
      { from: "0.00", to: "2.50", count: 1 },
      { from: "2.50", to: "5.00", count: 2 },
    ]);
  });

  it("compares printed decimals exactly, whatever their places", () => {
    expect(compareDecimals("3.5", "3.50")).toBe(0);
    expect(compareDecimals("3.49", "3.5")).toBe(-1);
    expect(compareDecimals("2.80", "2.79")).toBe(1);
  });
});
