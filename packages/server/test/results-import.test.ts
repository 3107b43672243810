import { readFileSync } from "node:fs";
import { formatFileProblem, type InputFileError, parseResultsFile } from "@matang/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizationNames, organizations, publishedResults } from "../src/db/schema.js";
import { importResults } from "../src/results/import.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  loadRegistry,
  registryFile,
  type TestDatabase,
  testDatabase,
} from "./harness.js";

const actor = { id: null, label: "test" };

describe.each(ENGINES)("official results import on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(engine);
    await loadRegistry(database);
  });
  afterAll(() => database.destroy());

  it("matches all 621 instansi of 2023 and stores the figures exactly as published", async () => {
    const rows = parseResultsFile(readFileSync(registryFile, "utf8"), "results-2023.csv");
    const report = await importResults(database.db, rows, { actor, source: "results-2023.csv" });
    expect(report).toEqual({
      total: 621,
      imported: 621,
      created: 621,
      updated: 0,
      unchanged: 0,
      confirmed: 0,
      unmatched: [],
      // Every name of the 2023 table is known exactly: no rule was needed.
      matchedBy: [],
      createdBodies: [],
      dryRun: false,
    });
    const [aceh] = await database.db
      .select({
        index: publishedResults.index,
        predicate: publishedResults.predicate,
        domains: publishedResults.domains,
      })
      .from(publishedResults)
      .innerJoin(organizations, eq(organizations.id, publishedResults.organizationId))
      .where(eq(organizations.name, "Pemerintah Aceh"));
    expect(aceh).toEqual({
      index: "3.62",
      predicate: "Sangat Baik",
      domains: { D1: "4.70", D2: "3.70", D3: "1.91", D4: "3.88" },
    });
    // Importing again changes nothing.
    expect(await importResults(database.db, rows, { actor, source: "results-2023.csv" })).toMatchObject({
      imported: 621,
      created: 0,
      unchanged: 621,
    });
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(publishedResults)) as [
      { n: number },
    ];
    expect(n).toBe(621);
  });

  it("keeps an imported year a draft, off the public page, until an administrator publishes it", async () => {
    const app = await appFor(database);
    await addUser(database, "publisher@matang.go.id", "admin", null);
    await addUser(database, "coordinator.years@matang.go.id", "coordinator", null);
    const admin = await client(app, "publisher@matang.go.id");
    const coordinator = await client(app, "coordinator.years@matang.go.id");
    const anonymous = {
      call: (method: "GET", url: string) => app.inject({ method, url }),
    };
    // Imported above, and a draft: nothing public yet.
    expect((await anonymous.call("GET", "/api/public/results/years")).json()).toEqual({ items: [] });
    expect((await anonymous.call("GET", "/api/public/results")).statusCode).toBe(404);
    expect((await anonymous.call("GET", "/api/public/results?year=2023")).statusCode).toBe(404);
    expect((await admin.call("GET", "/api/results/years")).json().items).toEqual([
      { year: 2023, count: 621, published: false, publishedAt: null, previousCount: null },
    ]);
    // Only an administrator sees the drafts and publishes.
    expect((await coordinator.call("GET", "/api/results/years")).statusCode).toBe(403);
    expect((await coordinator.call("POST", "/api/results/years/2023/publish")).statusCode).toBe(403);
    expect((await admin.call("POST", "/api/results/years/2031/publish")).statusCode).toBe(404);
    const published = await admin.call("POST", "/api/results/years/2023/publish");
    expect(published.json()).toMatchObject({ year: 2023, count: 621, published: true });
    expect((await anonymous.call("GET", "/api/public/results/years")).json().items).toEqual([
      { year: 2023, count: 621 },
    ]);
    // A partial later year stays a draft: 2023 remains the public default.
    const partial = [
      "year,instansi,type,group,region,index,predicate,d1_kebijakan,d2_tata_kelola,d3_manajemen,d4_layanan",
      "2025,Pemerintah Aceh,provinsi,Pemerintah Daerah,Aceh,3.80,Sangat Baik,4.00,3.80,3.50,4.00",
    ].join("\n");
    expect(
      (await admin.call("POST", "/api/results/import", { csv: partial, source: "2025.csv" })).json().imported,
    ).toBe(1);
    expect((await anonymous.call("GET", "/api/public/results")).json().year).toBe(2023);
    expect((await anonymous.call("GET", "/api/public/results/years")).json().items).toHaveLength(1);
    expect((await admin.call("GET", "/api/results/years")).json().items[0]).toEqual({
      year: 2025,
      count: 1,
      published: false,
      publishedAt: null,
      previousCount: 621,
    });
    // Taken back out, so that the tests below see only 2023.
    const [aceh] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Pemerintah Aceh"));
    expect((await admin.call("DELETE", `/api/results/2025/${aceh?.id}`)).statusCode).toBe(200);
  });

  it("gives each organization's history with its rank nationally and among its type", async () => {
    const rows = parseResultsFile(readFileSync(registryFile, "utf8"), "results-2023.csv");
    const app = await appFor(database);
    await addUser(database, "admin@matang.go.id", "admin", null);
    const admin = await client(app, "admin@matang.go.id");
    const [jabar] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Pemerintah Provinsi Jawa Barat"));
    const history = (await admin.call("GET", `/api/organizations/${jabar?.id}/history`)).json();
    const own = rows.find((r) => r.name === "Pemerintah Provinsi Jawa Barat");
    const higher = (list: typeof rows) => list.filter((r) => Number(r.index) > Number(own?.index)).length + 1;
    expect(history.years).toEqual([
      expect.objectContaining({
        year: 2023,
        published: expect.objectContaining({
          index: own?.index,
          predicate: own?.predicate,
          rank: higher(rows),
          of: 621,
          rankInType: higher(rows.filter((r) => r.kind === "provinsi")),
          ofType: 38,
          rankInProvince: null,
          rankChange: null,
        }),
      }),
    ]);
    await app.close();
  });

  it("matches another year's spelling, lists near misses with candidates, and leaves unknown bodies out", async () => {
    const csv = [
      "year,instansi,type,group,region,index,predicate,d1_kebijakan,d2_tata_kelola,d3_manajemen,d4_layanan",
      "2024,Kabupaten Aceh Besar,kabupaten,Pemerintah Daerah,Aceh,2.10,Cukup,1.20,1.50,1.10,3.00",
      "2024,Pemerintah Kota Bandungg,kota,Pemerintah Daerah,Jawa Barat,3.90,Sangat Baik,4.00,3.80,3.50,4.00",
      "2024,Kota Khayalan,kota,Pemerintah Daerah,Jawa Barat,1.00,Kurang,1.00,1.00,1.00,1.00",
    ].join("\n");
    const report = await importResults(database.db, parseResultsFile(csv, "2024.csv"), {
      actor,
      source: "2024.csv",
    });
    expect(report.imported).toBe(1);
    expect(report.unmatched).toEqual([
      {
        line: 3,
        name: "Pemerintah Kota Bandungg",
        kind: "kota",
        region: "Jawa Barat",
        candidates: expect.arrayContaining([expect.objectContaining({ name: "Pemerintah Kota Bandung" })]),
      },
      { line: 4, name: "Kota Khayalan", kind: "kota", region: "Jawa Barat", candidates: [] },
    ]);
    // The closest name comes first.
    expect(report.unmatched[0]?.candidates[0]?.name).toBe("Pemerintah Kota Bandung");
    // The 2024 spelling joins Aceh Besar's name history with its year.
    const names = await database.db
      .select({ name: organizationNames.name, fromYear: organizationNames.fromYear })
      .from(organizationNames)
      .where(eq(organizationNames.name, "Kabupaten Aceh Besar"));
    expect(names).toEqual([{ name: "Kabupaten Aceh Besar", fromYear: 2024 }]);
  });
});

describe("results files", () => {
  it("names file, line and field of every problem", () => {
    const csv =
      "instansi,type,region,index,predicate,d1\nKota A,kota,Bali,tinggi,Baik,1.0\nKota B,desa,Bali,2.0,Baik,x\n";
    try {
      parseResultsFile(csv, "r.csv", 2024);
      expect.fail("should throw");
    } catch (error) {
      expect((error as InputFileError).problems.map(formatFileProblem)).toEqual([
        'r.csv:2: index: "tinggi" is not a number',
        'r.csv:3: type: "desa" is not a type of instansi',
      ]);
    }
    expect(() => parseResultsFile("instansi,type\n", "h.csv")).toThrow(
      /missing column index, predicate, year/,
    );
  });
});
