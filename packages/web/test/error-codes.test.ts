// Issue 18, item 4: every error code the server can send, and every kind of problem an import file
// can have, reaches the user in Bahasa Indonesia and in English. The codes are collected from the
// sources, so a new one without a translation fails here.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import id from "../src/i18n/id.json";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function collect(files: readonly string[], patterns: readonly RegExp[]): Set<string> {
  const codes = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) codes.add(m[1] as string);
  }
  return codes;
}

/** Codes of the errors the API answers with: ApiError, AuthError and the error handler's own. */
const errorCodes = collect(sources(join(root, "packages/server/src")), [
  /new ApiError\(\s*\d{3},\s*"([a-z_]+)"/g,
  /new AuthError\(\s*"([a-z_]+)"/g,
  /send\(\s*\d{3},\s*"([a-z_]+)"/g,
]);

/** Kinds of problem in an import file (a line, a field, a code and its parameters). */
const problemCodes = collect(
  [
    ...sources(join(root, "packages/server/src/results")),
    ...sources(join(root, "packages/server/src/organizations")),
    join(root, "packages/core/src/input-files.ts"),
    join(root, "packages/core/src/registry.ts"),
    join(root, "packages/core/src/results.ts"),
  ],
  [
    /code: "([a-z_]+)"/g,
    // registry.ts: at(field, message, code, params)
    /at\(\s*[^,]+,\s*(?:`[^`]*`|"[^"]*"),\s*"([a-z_]+)"/g,
    // results.ts: at(field, code, message)
    /at\(\s*(?:"[^"]*"|[^,()]+),\s*"([a-z_]+)",\s*[`"]/g,
  ],
);

describe("messages in the user's language", () => {
  it("finds the codes it checks", () => {
    expect(errorCodes.size).toBeGreaterThan(50);
    expect(problemCodes.size).toBeGreaterThan(8);
    expect(errorCodes).toContain("stage_closed");
    expect(problemCodes).toContain("duplicate_row");
  });

  it("has Indonesian and English text for every error code the server sends", () => {
    const missing = [...errorCodes].filter((c) => !(c in id.errors) || !(c in en.errors)).sort();
    expect(missing).toEqual([]);
  });

  it("has Indonesian and English text for every kind of problem in an import file", () => {
    const missing = [...problemCodes]
      .filter((c) => !(c in id.fileProblems) || !(c in en.fileProblems))
      .sort();
    expect(missing).toEqual([]);
  });
});
