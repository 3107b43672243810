import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { appFor, type TestDatabase, testDatabase } from "./harness.js";

let database: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase("pglite");
  app = await appFor(database);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe("frameworks API (public)", () => {
  it("lists frameworks and returns a full tree with criteria and evidence guidance", async () => {
    const list = await app.inject({ method: "GET", url: "/api/frameworks" });
    expect(list.json().items.map((f: { id: string }) => f.id)).toEqual([
      "permenpanrb-5-2018",
      "permenpanrb-59-2020",
      "pemdi-2026",
    ]);
    // Pemdi is shown with its short provisional note and its decimal values; the others are not provisional.
    const [, spbe, pemdi] = list.json().items;
    expect(spbe).toMatchObject({ domains: 4, decimals: 0, provisional: null });
    expect(pemdi).toMatchObject({ domains: 0, aspects: 7, indicators: 20, decimals: 2 });
    expect(pemdi.provisional.note.id).toMatch(/^Sementara/);
    const full = (await app.inject({ method: "GET", url: "/api/frameworks/pemdi-2026" })).json();
    expect(full.provisional.openQuestions.length).toBeGreaterThan(2);
    expect(full.aspects[3].indicators[1].external).toBe("IKASANDI-KS");
    const res = await app.inject({ method: "GET", url: "/api/frameworks/permenpanrb-59-2020" });
    const tree = res.json();
    const indicators = tree.domains.flatMap((d: any) => d.aspects.flatMap((a: any) => a.indicators));
    expect(indicators).toHaveLength(47);
    expect(indicators[0].levels[0]).toMatchObject({
      value: 1,
      criteria: { id: expect.any(String), en: expect.any(String) },
    });
    expect(indicators[46].levels[3].evidence.id).toContain("integrasi");
  });

  it("answers unknown frameworks and routes with a 404 in the error shape", async () => {
    const res = await app.inject({ method: "GET", url: "/api/frameworks/pemdi" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: "not_found", message: 'Framework "pemdi" not found', details: null },
    });
    const none = await app.inject({ method: "GET", url: "/api/nothing" });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe("not_found");
  });
});

describe("the web app at /", () => {
  it("serves the built app, falls back to it for app routes, and keeps /api answers JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "matang-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Matang</title>");
    writeFileSync(join(dir, "assets", "app-1234.js"), "console.log(1)");
    const web = await buildApp({ db: database.db, frameworks: builtinFrameworks(), webDir: dir });
    const root = await web.inject({ method: "GET", url: "/" });
    expect(root.headers["content-type"]).toContain("text/html");
    expect(root.body).toContain("<title>Matang</title>");
    const deep = await web.inject({ method: "GET", url: "/organisasi?q=bandung" });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain("<title>Matang</title>");
    expect(deep.headers["cache-control"]).toBe("no-cache");
    const asset = await web.inject({ method: "GET", url: "/assets/app-1234.js" });
    expect(asset.headers["cache-control"]).toContain("immutable");
    // The build's compressed copies go to browsers that take them (a regency's connection).
    writeFileSync(join(dir, "assets", "app-1234.js.br"), brotliCompressSync("console.log(1)"));
    const br = await web.inject({
      method: "GET",
      url: "/assets/app-1234.js",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe("console.log(1)");
    const plain = await web.inject({ method: "GET", url: "/assets/app-1234.js" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe("console.log(1)");
    // API answers are compressed for a browser that takes it; their content stays the same.
    const listed = await web.inject({
      method: "GET",
      url: "/api/frameworks/permenpanrb-59-2020",
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(listed.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(listed.rawPayload).toString()).id).toBe("permenpanrb-59-2020");
    // In one piece with its length, not streamed in chunks.
    expect(Number(listed.headers["content-length"])).toBe(listed.rawPayload.length);
    expect(listed.headers["transfer-encoding"]).toBeUndefined();
    const api = await web.inject({ method: "GET", url: "/api/nope" });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("not_found");
    await web.close();
  });
});
