import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Framework, FrameworkDef } from "../src/index.js";
import { builtinFrameworks } from "../src/node.js";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export function framework(id: string): Framework {
  const f = builtinFrameworks().get(id);
  if (!f) throw new Error(`no framework ${id}`);
  return f;
}

export const fw2020 = () => framework("permenpanrb-59-2020");
export const fw2018 = () => framework("permenpanrb-5-2018");

/** A fresh, mutable copy of a shipped framework definition, to break in tests. */
export function definition(id: string): FrameworkDef {
  return JSON.parse(readFileSync(join(repoRoot, "packages/core/frameworks", `${id}.json`), "utf8"));
}

export function uniform(f: Framework, level: number): Record<string, number> {
  return Object.fromEntries(f.indicators.map((i) => [i.code, level]));
}

export interface TinyOptions {
  /** Indicator weights (all in one domain and aspect); they must add up to 100. */
  weights: number[];
  /** The one scale's levels. */
  levels: number[];
  predicates?: FrameworkDef["predicates"];
}

/** A minimal framework definition of any shape, for tests that need one made to measure. */
export function tinyDefinition({ weights, levels, predicates }: TinyOptions): FrameworkDef {
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  return {
    format: "matang.framework/v1",
    id: "tiny",
    title: { id: "Kerangka uji" },
    years: [2030],
    scales: [
      {
        id: "s",
        name: { id: "Skala" },
        levels: levels.map((v) => ({ value: v, name: { id: `Tingkat ${v}` } })),
      },
    ],
    predicates: predicates ?? [{ name: { id: "Semua" }, min: lowest, max: highest }],
    domains: [
      {
        code: "D",
        name: { id: "Domain" },
        weight: 100,
        aspects: [
          {
            code: "A",
            name: { id: "Aspek" },
            weight: 100,
            indicators: weights.map((weight, i) => ({
              code: String(i + 1),
              name: { id: `Indikator ${i + 1}` },
              weight,
              scale: "s",
              levels: levels.map((value) => ({ value, criteria: { id: `Kriteria ${value}` } })),
            })),
          },
        ],
      },
    ],
  };
}
