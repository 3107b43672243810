import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  compareToDecimal,
  indexFromDomainValues,
  predicateOf,
  ratioOfDecimal,
  toNumber,
} from "../src/index.js";
import { fw2020, repoRoot } from "./helpers.js";

interface Row {
  instansi: string;
  index: string;
  predicate: string;
  d1_kebijakan: string;
  d2_tata_kelola: string;
  d3_manajemen: string;
  d4_layanan: string;
}

const rows = parse(readFileSync(join(repoRoot, "reference/results-2023.csv"), "utf8"), {
  columns: true,
  skip_empty_lines: true,
}) as Row[];

describe("official 2023 results of all instansi", () => {
  const f = fw2020();
  const boundaries = f.predicates.flatMap((p) => [p.min, p.max]);

  it("has every instansi", () => {
    expect(rows).toHaveLength(621);
  });

  it.each(rows.map((r) => [r.instansi, r] as const))(
    "%s: index and predicate recomputed from domain values",
    (_name, row) => {
      const recomputed = indexFromDomainValues(f, {
        D1: Number(row.d1_kebijakan),
        D2: Number(row.d2_tata_kelola),
        D3: Number(row.d3_manajemen),
        D4: Number(row.d4_layanan),
      });
      const published = Number(row.index);
      // Within 0.01 of the published index (domain values are printed rounded to two decimals).
      const diff = toNumber(recomputed) - published;
      expect(Math.abs(diff)).toBeLessThanOrEqual(0.01 + 1e-12);
      // Same predicate wherever the recomputed value is clearly (> 0.005) away from a band boundary.
      const nearBoundary = boundaries.some((b) => Math.abs(toNumber(recomputed) - b) <= 0.005);
      if (!nearBoundary) expect(predicateOf(f, recomputed)?.name.id).toBe(row.predicate);
      // The published predicate is always consistent with the published (rounded) index, up to a
      // value that rounds up onto a boundary (e.g. 1.7985 printed "1.80 Kurang").
      const printed = ratioOfDecimal(published);
      const ownBand = f.predicates.find((p) => p.name.id === row.predicate);
      expect(ownBand).toBeDefined();
      if (ownBand) expect(compareToDecimal(printed, ownBand.min)).toBeGreaterThanOrEqual(0);
    },
  );
});
