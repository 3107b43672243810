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
