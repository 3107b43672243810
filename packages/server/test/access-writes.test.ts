// A write under /api/assessments/ or /api/uploads is answered without waiting for this instance to
// hear the database's announcements of changed access (http/authn.ts): that holds only while no
// code outside the auth, users and organizations modules writes what a principal is read from.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = join(dirname(fileURLToPath(import.meta.url)), "../src");
const OWNERS = new Set(["auth", "users", "organizations"]);
// Drizzle's builders on those tables, or SQL text writing them.
const WRITES =
  /\.(insert|update|delete)\((sessions|apiTokens|users|roleGrants|organizations)\)|\b(insert\s+into|update|delete\s+from)\s+"?(sessions|api_tokens|users|role_grants|organizations)\b/i;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("what a principal is read from", () => {
  it("is written only by the auth, users and organizations modules", () => {
    const all = sources(src);
    const owners = all.filter((file) => OWNERS.has(relative(src, file).split("/")[0] ?? ""));
    // The check can find a write: the owners have them.
    expect(owners.some((file) => WRITES.test(readFileSync(file, "utf8")))).toBe(true);
    const elsewhere = all
      .filter((file) => !owners.includes(file))
      .filter((file) => WRITES.test(readFileSync(file, "utf8")))
      .map((file) => relative(src, file));
    expect(elsewhere).toEqual([]);
  });
});
