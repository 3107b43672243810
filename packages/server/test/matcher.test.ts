// Issue 21, results matched across years without a person: a year's official table written the
// ways published tables vary (prefixes, abbreviations, case and punctuation, province names spelled
// or typed differently, regencies listed under the province they left in the 2022 Papua split,
// secretariats for their institutions, ministries whose names gained a part) is matched to the 621
// bodies of 2023 — at least 98% of the rows without a person, and never one body for another.
import { readFileSync } from "node:fs";
import { parseResultsFile, type ResultRow } from "@matang/core";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations, publishedResults } from "../src/db/schema.js";
import { importResults } from "../src/results/import.js";
import {
  appFor,
  client,
  ENGINES,
  registryFile,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const ROWS = parseResultsFile(readFileSync(registryFile, "utf8"), "results-2023.csv");
const ACTOR = { id: null, label: "test" } as const;

/** Where the 2022 Papua split moved each regency from (the tables before it list the old province). */
const BEFORE_SPLIT: Record<string, string> = {
  "Papua Selatan": "Papua",
  "Papua Tengah": "Papua",
  "Papua Pegunungan": "Papua",
  "Papua Barat Daya": "Papua Barat",
};

/** One row as another year's table might print it; `seed` picks the variations. */
function vary(row: ResultRow, seed: number): { name: string; region: string | null } {
  const pick = (n: number) => (seed >> n) % 2 === 1;
  let name = row.name;
  let region = row.region;
  if (row.kind === "kabupaten" || row.kind === "kota") {
    if (pick(0)) name = name.replace(/^Pemerintah /, "");
    if (pick(1)) name = name.replace(/\bKab\. /, "Kabupaten ");
    if (pick(2)) name = name.toUpperCase();
    if (pick(3) && region) region = BEFORE_SPLIT[region] ?? region;
    if (pick(4) && region && region.length >= 10) {
      // One mistyped letter in a long province name ("Nusa Tenggara Tlmur").
      const at = 3 + (seed % (region.length - 4));
      region = `${region.slice(0, at)}${region[at] === "x" ? "y" : "x"}${region.slice(at + 1)}`;
    }
    if (pick(5) && region === "Bangka Belitung") region = "Kepulauan Bangka Belitung";
  } else if (row.kind === "provinsi") {
    if (pick(0)) name = name.replace(/^Pemerintah Provinsi /, "Provinsi ");
    if (pick(1)) name = `${name}.`;
  } else if (row.kind === "lembaga") {
    if (pick(0) && /^Badan /.test(name)) name = `Sekretariat Utama ${name}`;
    if (pick(1)) name = name.toUpperCase();
  } else if (row.kind === "kementerian") {
    if (pick(0) && /^Kementerian (Pariwisata|Pendidikan dan Kebudayaan)/.test(name))
      name = name.startsWith("Kementerian Pendidikan")
        ? "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi"
        : "Kementerian Pariwisata";
    if (pick(1)) name = `Sekretariat Jenderal ${name}`;
  }
  return { name, region };
}

const csvCell = (s: string | null) =>
  s === null ? "" : /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;

describe.each(ENGINES)("matching a varied year's table to known bodies, on %s", (engine) => {
  let database: TestDatabase;
  /** Each 2023 row's body. */
  const bodyOf = new Map<number, string>();

  beforeAll(async () => {
    database = await seededDatabase(engine);
    await importResults(database.db, ROWS, { actor: ACTOR, source: "results-2023.csv" });
    const stored = await database.db.select().from(publishedResults).where(eq(publishedResults.year, 2023));
    const byName = new Map(stored.map((r) => [r.nameAsPublished, r.organizationId]));
    for (const row of ROWS) bodyOf.set(row.line, byName.get(row.name) as string);
    expect(bodyOf.size).toBe(621);
  }, 120_000);
  afterAll(async () => {
    await database?.destroy();
  });

  // First, while no varied year has taught Matang these names.
  it("moves a regency across the Papua split, takes a renamed ministry, and never takes a split-off ministry for its parent", async () => {
    const table = [
      "year,instansi,type,group,region,index,predicate",
      "2021,Kabupaten Merauke,kabupaten,,Papua,1.50,Kurang",
      "2021,Pemerintah Kab. Sorong,kabupaten,,Papua Barat,2.10,Cukup",
      '2021,"Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",kementerian,,,3.20,Baik',
      "2021,Kementerian Hukum,kementerian,,,3.00,Baik",
      "2021,Kementerian Hak Asasi Manusia,kementerian,,,2.90,Baik",
      "2021,Kabupaten Bangka,kabupaten,,Kepulauan Bangka Belitung,2.00,Cukup",
    ].join("\n");
    const report = await importResults(database.db, parseResultsFile(table, "hasil-2021.csv"), {
      actor: ACTOR,
      source: "hasil-2021.csv",
    });
    const rules = Object.fromEntries(
      report.matchedBy.map((m) => [m.name, [m.rule, m.organization, m.detail]]),
    );
    expect(rules["Kabupaten Merauke"]).toEqual([
      "province_moved",
      "Pemerintah Kab. Merauke",
      "Papua → Papua Selatan (2022)",
    ]);
    expect(rules["Pemerintah Kab. Sorong"]).toEqual([
      "province_moved",
      "Pemerintah Kab. Sorong",
      "Papua Barat → Papua Barat Daya (2022)",
    ]);
    expect(rules["Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi"]?.slice(0, 2)).toEqual([
      "ministry_renamed",
      "Kementerian Pendidikan dan Kebudayaan",
    ]);
    // Bangka is never Bangka Barat (or any other Bangka): its own name, province read correctly.
    expect(rules["Kabupaten Bangka"]?.slice(0, 2)).toEqual(["province_corrected", "Pemerintah Kab. Bangka"]);
    // Of a split ministry, the head keeps the body; the part split off is a new body, for a person.
    expect(rules["Kementerian Hukum"]?.slice(0, 2)).toEqual([
      "ministry_renamed",
      "Kementerian Hukum dan Hak Asasi Manusia",
    ]);
    expect(report.unmatched.map((u) => u.name)).toEqual(["Kementerian Hak Asasi Manusia"]);
  }, 60_000);

  it("creates a genuinely new body in one step with its type and province, and lets a person undo a match", async () => {
    const table = [
      "year,instansi,type,group,region,index,predicate",
      "2020,Kabupaten Mamberamo Hilir,kabupaten,,Papua,1.20,Kurang",
      "2020,Kabupaten Merauke,kabupaten,,Papua,1.40,Kurang",
    ].join("\n");
    const rows = parseResultsFile(table, "hasil-2020.csv");
    const preview = await importResults(database.db, rows, {
      actor: ACTOR,
      source: "hasil-2020.csv",
      dryRun: true,
    });
    expect(preview.unmatched.map((u) => u.name)).toEqual(["Kabupaten Mamberamo Hilir"]);
    // Creating a body for a line that already matches one is refused, and nothing is written.
    await expect(
      importResults(database.db, rows, { actor: ACTOR, source: "hasil-2020.csv", creations: new Set([3]) }),
    ).rejects.toThrow(/already matches/);
    const report = await importResults(database.db, rows, {
      actor: ACTOR,
      source: "hasil-2020.csv",
      creations: new Set([2]),
    });
    expect(report.createdBodies.map((b) => b.name)).toEqual(["Kabupaten Mamberamo Hilir"]);
    expect(report.imported).toBe(2);
    const [created] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, report.createdBodies[0]?.organizationId as string));
    const [papua] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Pemerintah Provinsi Papua"));
    expect(created).toMatchObject({ kind: "kabupaten", parentId: papua?.id });
    // Merauke was matched across the split; a person undoes it: the 2020 result is gone.
    const merauke = report.matchedBy.find((m) => m.name === "Kabupaten Merauke");
    expect(merauke?.rule).toBe("province_moved");
    const app = await appFor(database);
    try {
      const admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
      const undo = await admin.call("DELETE", `/api/results/2020/${merauke?.organizationId}`);
      expect(undo.statusCode, undo.body).toBe(200);
      expect(undo.json()).toMatchObject({ year: 2020, name: "Kabupaten Merauke" });
      const left = await database.db.select().from(publishedResults).where(eq(publishedResults.year, 2020));
      expect(left.map((r) => r.nameAsPublished)).toEqual(["Kabupaten Mamberamo Hilir"]);
      expect((await admin.call("DELETE", `/api/results/2020/${merauke?.organizationId}`)).statusCode).toBe(
        404,
      );
    } finally {
      await app.close();
    }
  }, 60_000);

  it("matches at least 98% of the rows by itself, never to the wrong body, and reports every rule it used", async () => {
    let year = 2030;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1 << 10 }), { minLength: 621, maxLength: 621 }),
        async (seeds) => {
          year++;
          const lines = ROWS.map((row, i) => {
            const v = vary(row, seeds[i] as number);
            return [year, csvCell(v.name), row.kind, "", csvCell(v.region), row.index, row.predicate].join(
              ",",
            );
          });
          const varied = parseResultsFile(
            ["year,instansi,type,group,region,index,predicate", ...lines].join("\n"),
            `hasil-${year}.csv`,
          );
          const report = await importResults(database.db, varied, {
            actor: ACTOR,
            source: `hasil-${year}.csv`,
          });
          const stored = await database.db
            .select()
            .from(publishedResults)
            .where(eq(publishedResults.year, year));
          // Never one body for another: each stored row is the body of the row it came from.
          const byLine = new Map(varied.map((r, i) => [r.name, ROWS[i]?.line as number]));
          for (const s of stored)
            expect(s.organizationId).toBe(bodyOf.get(byLine.get(s.nameAsPublished) as number));
          // And never one body for two rows.
          expect(new Set(stored.map((s) => s.organizationId)).size).toBe(stored.length);
          expect(report.imported).toBe(stored.length);
          expect(report.imported / varied.length).toBeGreaterThanOrEqual(0.98);
          // Every match that was not a name the body is known by says which rule made it.
          for (const m of report.matchedBy)
            expect([
              "province_corrected",
              "province_moved",
              "institution_secretariat",
              "ministry_renamed",
            ]).toContain(m.rule);
        },
      ),
      { numRuns: 3 },
    );
  }, 300_000);
});
