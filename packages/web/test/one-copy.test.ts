// Rules live once. The web decides nothing from role names (it shows what the server's `can`
// allows; role names appear only as text to display), and no source outside core spells out the
// list of states or of roles again.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROLES, STATES } from "@matang/core";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const GENERATED = "packages/web/src/api/schema.ts";
const files = (pkg: string) =>
  sources(join(ROOT, "packages", pkg, "src"))
    .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }))
    .filter((f) => f.path !== GENERATED);

// String literals (comments quote names in backticks, which is documentation).
const quoted = (names: readonly string[]) => new RegExp(`["'](${names.join("|")})["']`, "g");

describe("one copy of each rule", () => {
  it("the web names no role outside text it displays", () => {
    const found: string[] = [];
    for (const { path, text } of files("web")) {
      for (const [i, line] of text.split("\n").entries()) {
        if (/\bhasRole\b|\.role\s*[!=]==|[!=]==\s*\w+\.role\b/.test(line) || quoted(ROLES).test(line))
          found.push(`${path}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("no source outside core lists the states (or the roles) again", () => {
    const allowed = new Set([
      "packages/core/src/states.ts",
      "packages/core/src/evaluation.ts",
      "packages/core/src/roles.ts",
    ]);
    const copies: string[] = [];
    for (const pkg of ["core", "server", "cli", "web"]) {
      for (const { path, text } of files(pkg)) {
        if (allowed.has(path)) continue;
        const states = new Set([...text.matchAll(quoted(STATES))].map((m) => m[1]));
        // Naming a state or two (a rule about it) is not a list; three or more would be a copy.
        if (states.size >= 3) copies.push(`${path}: states ${[...states].join(", ")}`);
        if (pkg === "web" || pkg === "cli") {
          const roles = new Set([...text.matchAll(quoted(ROLES))].map((m) => m[1]));
          if (roles.size >= 3) copies.push(`${path}: roles ${[...roles].join(", ")}`);
        }
      }
    }
    expect(copies).toEqual([]);
  });
});
