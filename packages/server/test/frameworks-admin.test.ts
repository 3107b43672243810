import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinFrameworks } from "@matang/core/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { refreshFrameworks } from "../src/frameworks/service.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const shipped = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), "../../core/frameworks/permenpanrb-59-2020.json"),
    "utf8",
  ),
);

describe.each(ENGINES)("framework import on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await seededDatabase(engine, { registry: false });
    await addUser(database, "koordinator@contoh.go.id", "coordinator", null);
  });
  afterAll(() => database.destroy());

  it("validates, stores and serves a new framework, listing every problem with its path", async () => {
    const app = await appFor(database);
    const admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    const broken = structuredClone(shipped);
    broken.id = "pemdi-2026-draf";
    broken.domains[0].weight = 20;
    broken.domains[1].aspects[0].indicators[0].scale = "tidak-ada";
    const refused = await admin.call("POST", "/api/frameworks", broken);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(["domains[0].weight", "domains[1].aspects[0].indicators[0].scale", "domains"]),
    );

    const fixed = structuredClone(shipped);
    fixed.id = "pemdi-2026-draf";
    fixed.title = { id: "Indeks Pemerintah Digital (draf)" };
    fixed.years = [2026];
    const created = await admin.call("POST", "/api/frameworks", fixed);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: "pemdi-2026-draf", indicators: 47 });
    expect(
      (await admin.call("GET", "/api/frameworks")).json().items.map((f: { id: string }) => f.id),
    ).toContain("pemdi-2026-draf");
    expect((await admin.call("POST", "/api/frameworks", fixed)).statusCode).toBe(409);
    const cycle = await admin.call("POST", "/api/cycles", {
      year: 2026,
      name: "Uji Pemdi",
      frameworkId: "pemdi-2026-draf",
      kind: "monitoring",
      schedule: {},
    });
    expect(cycle.statusCode).toBe(201);

    const coordinator = await client(app, "koordinator@contoh.go.id");
    const other = structuredClone(fixed);
    other.id = "lain";
    expect((await coordinator.call("POST", "/api/frameworks", other)).statusCode).toBe(403);

    // Another instance learns about it from the database.
    const second = await buildApp({ db: database.db, frameworks: builtinFrameworks() });
    expect(second.frameworks.has("pemdi-2026-draf")).toBe(false);
    expect(await refreshFrameworks(database.db, second.frameworks)).toBe(1);
    expect(second.frameworks.get("pemdi-2026-draf")?.indicators).toHaveLength(47);
    // The shipped, cached map was never touched.
    expect(builtinFrameworks().has("pemdi-2026-draf")).toBe(false);
    await second.close();
    await app.close();
  });
});
