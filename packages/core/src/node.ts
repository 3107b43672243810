// The only module of @matang/core that touches the file system: reading framework files.
// The rest of the package is pure and runs anywhere (server, CLI, browser).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type MappingDef, requireMapping } from "./framework/mapping.js";
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

/** A folder of framework files that cannot be used as it is (not found, or one id twice). */
export class FrameworkFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameworkFolderError";
  }
}

/**
 * Every framework file (`*.json`) in a folder, validated, with the file it came from, in order of
 * first year. A file with problems throws a FrameworkError naming it; two files with one id throw.
 */
export function frameworksIn(dir: string): { framework: Framework; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new FrameworkFolderError(`${dir}: cannot read the framework folder (${(error as Error).message})`);
  }
  const found = names
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ framework: readFrameworkFile(join(dir, f)), file: join(dir, f) }))
    .sort((a, b) => Math.min(...a.framework.years) - Math.min(...b.framework.years));
  const files = new Map<string, string>();
  for (const { framework, file } of found) {
    const first = files.get(framework.id);
    if (first) throw new FrameworkFolderError(`${file}: framework id "${framework.id}" is also in ${first}`);
    files.set(framework.id, file);
  }
  return found;
}

let builtin: Map<string, Framework> | undefined;

/** The shipped frameworks, by id, in order of their first year. */
export function builtinFrameworks(): ReadonlyMap<string, Framework> {
  builtin ??= new Map(frameworksIn(builtinFrameworkDir).map(({ framework }) => [framework.id, framework]));
  return builtin;
}

/** Where the shipped mappings between frameworks live (beside the frameworks, for review). */
export const builtinMappingDir = join(builtinFrameworkDir, "mappings");

/**
 * Every mapping file (`*.json`) in a folder whose two frameworks are known, validated against
 * them; a file with problems throws a FrameworkError naming it.
 */
export function mappingsIn(dir: string, frameworkById: (id: string) => Framework | undefined): MappingDef[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      file: join(dir, f),
      raw: parseFrameworkText(readFileSync(join(dir, f), "utf8"), join(dir, f)),
    }))
    .filter(({ raw }) => {
      const r = raw as { from?: unknown; to?: unknown };
      return frameworkById(String(r.from)) !== undefined && frameworkById(String(r.to)) !== undefined;
    })
    .map(({ file, raw }) => requireMapping(raw, frameworkById, file));
}
