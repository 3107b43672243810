// The only module of @matang/core that touches the file system: reading framework files.
// The rest of the package is pure and runs anywhere (server, CLI, browser).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Framework } from "./framework/model.js";
import { FrameworkError, requireFramework } from "./framework/validate.js";

/** Where the framework files shipped with Matang live. */
export const builtinFrameworkDir = resolve(dirname(fileURLToPath(import.meta.url)), "../frameworks");

/** Parse a framework file's text; JSON syntax errors become a problem with a line number. */
export function parseFrameworkText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : 1;
    throw new FrameworkError(source, [
      { path: `line ${line}`, code: "json", message: `not valid JSON: ${message}` },
    ]);
  }
}

export function readFrameworkFile(path: string): Framework {
  return requireFramework(parseFrameworkText(readFileSync(path, "utf8"), path), path);
}

let builtin: Map<string, Framework> | undefined;

/** The shipped frameworks, by id, in order of their first year. */
export function builtinFrameworks(): ReadonlyMap<string, Framework> {
  if (!builtin) {
    const loaded = readdirSync(builtinFrameworkDir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => readFrameworkFile(join(builtinFrameworkDir, f)))
      .sort((a, b) => Math.min(...a.years) - Math.min(...b.years));
    builtin = new Map(loaded.map((f) => [f.id, f]));
  }
  return builtin;
}
