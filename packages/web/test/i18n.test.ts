import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import id from "../src/i18n/id.json";

const src = join(dirname(fileURLToPath(import.meta.url)), "../src");

function entries(object: object, prefix = ""): [string, unknown][] {
  return Object.entries(object).flatMap(([k, v]): [string, unknown][] =>
    typeof v === "object" && v !== null ? entries(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}
const keys = (object: object) => entries(object).map(([k]) => k);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("translations", () => {
  it("has every string in Bahasa Indonesia and in English", () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
    for (const [key, value] of [...entries(id), ...entries(en)])
      expect(String(value).trim(), key).not.toBe("");
  });

  it("has a translation for every literal key the code asks for", () => {
    const known = new Set(keys(id));
    const used = sources(src).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\("([a-zA-Z]+\.[a-zA-Z_.]+)"/g)].map((m) => m[1] as string),
    );
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !known.has(k) && !known.has(`${k}_one`))).toEqual([]);
  });
});
