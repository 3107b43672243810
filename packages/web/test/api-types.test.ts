// The web's API types are the server's contract: generated from its OpenAPI document, never
// written by hand. A server change without regenerating them fails here (and the CI build).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateApiTypes, SCHEMA_FILE } from "../scripts/api-types.mjs";

describe("the web's generated API types", () => {
  it("match the server's OpenAPI document as it is now", async () => {
    const committed = await readFile(SCHEMA_FILE, "utf8");
    const fresh: string = await generateApiTypes();
    // Compare line by line so a failure shows which part of the contract moved.
    expect(committed.split("\n"), "run `npm run api-types -w @matang/web`").toEqual(fresh.split("\n"));
  });

  it("describe every route's answer (a JSON schema, or the file's content type)", async () => {
    const { openApiDocument } = await import("@matang/server");
    const document = (await openApiDocument()) as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const undescribed: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const ok = Object.entries(operation.responses ?? {}).filter(([code]) => code.startsWith("2"));
        // 204 has no body; every other success names what it sends.
        if (ok.length === 0 || ok.some(([code, r]) => code !== "204" && !r.content))
          undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it("are the only types the web gives the server's answers (none written by hand)", () => {
    const src = new URL("../src/", import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    const texts = files(src).map((path) => ({ path, text: readFileSync(path, "utf8") }));
    // Names that stand for a generated type: `type X = Answer<…>` or `Schemas["…"]` (or parts of them).
    const generated = new Set(
      texts.flatMap(({ text }) =>
        [...text.matchAll(/type (\w+) = (?:Answer<|Schemas\[|\w+\[")/g)].map((m) => m[1] as string),
      ),
    );
    const handWritten: string[] = [];
    for (const { path, text } of texts) {
      // An object type spelled out at the call, however nested.
      for (const m of text.matchAll(/\bapi<\s*\{/g)) handWritten.push(`${path.slice(src.length)}: ${m[0]}…`);
      for (const m of text.matchAll(/\bapi<([^>(]+?)>\(/g)) {
        const type = (m[1] as string).trim();
        if (type === "T" || type.startsWith("Answer<") || generated.has(type)) continue;
        handWritten.push(`${path.slice(src.length)}: api<${type}>`);
      }
    }
    expect(handWritten).toEqual([]);
  });
});
