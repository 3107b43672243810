import { readFileSync } from "node:fs";
import { parseResultsFile, spread } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assessments,
  auditLog,
  cycles,
  organizations,
  publishedResults,
  stageScores,
} from "../src/db/schema.js";
import { cycleWorkbook } from "../src/reports/excel.js";
import { pdfText, workbook } from "./documents.js";
import {
  ADMIN_CONTEXT,
  addUser,
  appFor,
  client,
  ENGINES,
  registryFile,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const frameworks = builtinFrameworks();
const framework = frameworks.get("permenpanrb-59-2020");
if (!framework) throw new Error("framework missing");
const CSV = readFileSync(registryFile, "utf8");
const ROWS = parseResultsFile(CSV, "results-2023.csv");

describe.each(ENGINES)("analytics and reports on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let province: Client;
  let otherProvince: Client;
  let coordinator: Client;
  let leader: Client;
  const id: Record<string, string> = {};
  let cycleId: string;
  let bandungAssessment: string;

  const org = async (name: string) => {
    const [row] = await database.db.select().from(organizations).where(eq(organizations.name, name));
    if (!row) throw new Error(`no ${name}`);
    return row.id;
  };

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await appFor(database);
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    id.jabar = await org("Pemerintah Provinsi Jawa Barat");
    id.jateng = await org("Pemerintah Provinsi Jawa Tengah");
    id.bandung = await org("Pemerintah Kota Bandung");
    id.bogor = await org("Pemerintah Kota Bogor");
    await addUser(database, "provinsi@jabarprov.go.id", "coordinator", id.jabar);
    await addUser(database, "provinsi@jatengprov.go.id", "coordinator", id.jateng);
    await addUser(database, "koordinator@bandung.go.id", "coordinator", id.bandung);
    await addUser(database, "pimpinan@bandung.go.id", "leader", id.bandung);
    province = await client(app, "provinsi@jabarprov.go.id");
    otherProvince = await client(app, "provinsi@jatengprov.go.id");
    coordinator = await client(app, "koordinator@bandung.go.id");
    leader = await client(app, "pimpinan@bandung.go.id");
    // A 2025 cycle: Bandung's self-assessment complete (its final score on a few indicators),
    // Bogor's half done. Levels go straight into the table: the workflow has its own tests.
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2025,
        name: "Evaluasi SPBE 2025",
        frameworkId: framework.id,
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    cycleId = cycle?.id ?? "";
    const created = await database.db
      .insert(assessments)
      .values([id.bandung, id.bogor].map((organizationId) => ({ cycleId, organizationId })))
      .returning();
    bandungAssessment = created.find((a) => a.organizationId === id.bandung)?.id ?? "";
    const bogorAssessment = created.find((a) => a.organizationId === id.bogor)?.id ?? "";
    await database.db.insert(stageScores).values([
      ...framework.indicators.map((i, n) => ({
        assessmentId: bandungAssessment,
        indicatorCode: i.code,
        stage: "self",
        level: [1, 2, 3, 4, 5][n % 5] as number,
        note: n === 0 ? "Kebijakan internal arsitektur sudah ditetapkan" : "",
        verdict: "done",
      })),
      ...framework.indicators.slice(0, 20).map((i) => ({
        assessmentId: bogorAssessment,
        indicatorCode: i.code,
        stage: "self",
        level: 2,
      })),
    ]);
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** An administrator imports a table and publishes the years it brought (drafts until then). */
  const importCsv = async (csv: string, extra: Record<string, unknown> = {}) => {
    const res = await admin.call("POST", "/api/results/import", {
      csv,
      source: "results-2023.csv",
      ...extra,
    });
    if (res.statusCode === 200 && !extra.dryRun)
      for (const y of (await admin.call("GET", "/api/results/years")).json().items)
        if (!y.published) await admin.call("POST", `/api/results/years/${y.year}/publish`);
    return res;
  };

  it("imports the official results once: a second import creates nothing", async () => {
    const first = await importCsv(CSV);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      total: 621,
      imported: 621,
      created: 621,
      updated: 0,
      unmatched: [],
    });
    const second = (await importCsv(CSV)).json();
    expect(second).toMatchObject({ total: 621, imported: 621, created: 0, updated: 0, unchanged: 621 });
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(publishedResults)) as [
      { n: number },
    ];
    expect(n).toBe(621);
    // Only the administrator imports; a coordinator gets 403 and nothing changes.
    expect((await coordinator.call("POST", "/api/results/import", { csv: CSV })).statusCode).toBe(403);
    // A broken file names line and field, and changes nothing.
    const broken = await importCsv(`${CSV.trimEnd()}\r\n2023,Kota X,kota,,Jawa Barat,tinggi,Baik,1,1,1,1\n`);
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.details).toEqual([
      expect.objectContaining({ line: 623, field: "index", code: "not_a_number" }),
    ]);
  });

  it("ranks 2023 publicly: first place has the highest index, per-type means match the published figures", async () => {
    const res = await app.inject({ method: "GET", url: "/api/public/results?year=2023" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(621);
    const best = Math.max(...ROWS.map((r) => Number(r.index)));
    expect(Number(body.items[0].index)).toBe(best);
    expect(body.items[0]).toMatchObject({ rank: 1, of: 621 });
    for (const key of ["organization", "type", "province", "index", "predicate", "domains", "rank"])
      expect(body.items[0]).toHaveProperty(key);
    // Sorted by rank, and each rank is one more than the count of strictly higher indices.
    const ranks = body.items.map((i: { rank: number }) => i.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const aceh = body.items.find((i: { organization: string }) => i.organization === "Pemerintah Aceh");
    expect(aceh.rank).toBe(ROWS.filter((r) => Number(r.index) > 3.62).length + 1);
    // Per-type averages of the published indices, to two decimals.
    for (const kind of ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"]) {
      const values = ROWS.filter((r) => r.kind === kind).map((r) => Number(r.index));
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      expect(Number(body.summary.byType[kind].mean)).toBeCloseTo(mean, 2);
      expect(body.summary.byType[kind].count).toBe(values.length);
    }
    expect(body.distribution.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(621);
    // Filters narrow the list; ranks stay among all.
    const jabar = (
      await app.inject({
        method: "GET",
        url: "/api/public/results?year=2023&province=Pemerintah%20Provinsi%20Jawa%20Barat&type=kota",
      })
    ).json();
    expect(jabar.items.length).toBeGreaterThan(0);
    for (const i of jabar.items)
      expect(i).toMatchObject({ province: "Pemerintah Provinsi Jawa Barat", type: "kota" });
    const bandung = jabar.items.find(
      (i: { organization: string }) => i.organization === "Pemerintah Kota Bandung",
    );
    expect(bandung.rankInProvince).toBeGreaterThan(0);
    const search = (
      await app.inject({ method: "GET", url: "/api/public/results?year=2023&q=bandung" })
    ).json();
    expect(search.items.map((i: { organization: string }) => i.organization)).toContain(
      "Pemerintah Kota Bandung",
    );
    // CSV download, sorted by rank.
    const csv = await app.inject({ method: "GET", url: "/api/public/results.csv?year=2023" });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines).toHaveLength(622);
    expect(lines[0]).toMatch(/^year,rank,instansi,type,province,index,predicate,d1,d2,d3,d4/);
    expect(lines[1]).toMatch(/^2023,1,/);
    // The same for people, as an Excel workbook: indices are numbers (Excel in an Indonesian
    // locale shows "3,62" and sorts them), the filters narrow it.
    const xlsx = await app.inject({ method: "GET", url: "/api/public/results.xlsx?year=2023&type=provinsi" });
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const book = await workbook(xlsx.rawPayload);
    const sheet = book.getWorksheet("Hasil 2023");
    expect(sheet?.rowCount).toBe(1 + 38);
    const top = sheet?.getRow(2);
    expect(typeof top?.getCell(5).value).toBe("number");
    expect(top?.getCell(5).numFmt).toBe("0.00");
    expect((await app.inject({ method: "GET", url: "/api/public/results?year=1999" })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: "GET", url: "/api/public/results?year=2019" })).json().error,
    ).toMatchObject({
      code: "no_results",
    });
  });

  it("lists an uncertain name for confirmation, never merges it silently, and stores it once confirmed", async () => {
    const header =
      "year,instansi,type,group,region,index,predicate,d1_kebijakan,d2_tata_kelola,d3_manajemen,d4_layanan";
    const csv = [
      header,
      "2024,Pemerintah Kota Bandungg,kota,Pemerintah Daerah,Jawa Barat,3.90,Sangat Baik,4.00,3.80,3.50,4.00",
      "2024,Pemerintah Kota Bogor,kota,Pemerintah Daerah,Jawa Barat,3.10,Baik,3.00,3.00,3.00,3.20",
      "2024,Pemerintah Provinsi Jawa Barat,provinsi,Pemerintah Daerah,,4.10,Sangat Baik,4.00,4.00,4.00,4.20",
    ].join("\n");
    const preview = (await importCsv(csv, { source: "2024.csv", dryRun: true })).json();
    expect(preview).toMatchObject({ dryRun: true, imported: 2, created: 2 });
    expect(preview.unmatched).toHaveLength(1);
    expect(preview.unmatched[0]).toMatchObject({ line: 2, name: "Pemerintah Kota Bandungg" });
    expect(preview.unmatched[0].candidates[0]).toMatchObject({
      id: id.bandung,
      name: "Pemerintah Kota Bandung",
    });
    // The dry run wrote nothing.
    const stored2024 = async () =>
      database.db.select().from(publishedResults).where(eq(publishedResults.year, 2024));
    expect(await stored2024()).toHaveLength(0);
    // Without confirmation the near miss is left out.
    const plain = (await importCsv(csv, { source: "2024.csv" })).json();
    expect(plain).toMatchObject({ imported: 2, unmatched: [expect.objectContaining({ line: 2 })] });
    expect((await stored2024()).map((r) => r.organizationId).sort()).toEqual([id.bogor, id.jabar].sort());
    // A confirmation must pick a body of the same type and province.
    const wrong = await importCsv(csv, {
      source: "2024.csv",
      confirmations: [{ line: 2, organizationId: id.jabar }],
    });
    expect(wrong.statusCode).toBe(422);
    const confirmed = (
      await importCsv(csv, { source: "2024.csv", confirmations: [{ line: 2, organizationId: id.bandung }] })
    ).json();
    expect(confirmed).toMatchObject({ imported: 3, confirmed: 1, created: 1, unchanged: 2, unmatched: [] });
    // The spelling is now one of Bandung's names: the next import matches it by itself.
    expect((await importCsv(csv, { source: "2024.csv" })).json()).toMatchObject({
      imported: 3,
      unmatched: [],
    });
    // Rank change against 2023, among the three 2024 rows.
    const ranked = (await app.inject({ method: "GET", url: "/api/public/results?year=2024" })).json();
    expect(ranked.previousYear).toBe(2023);
    const jabar = ranked.items.find((i: { organizationId: string }) => i.organizationId === id.jabar);
    expect(jabar).toMatchObject({ rank: 1, of: 3 });
    expect(jabar.rankChange).toBe(jabar.previousRank - 1);
  });

  it("gives an organization's history: published rank per year beside Matang's own assessments", async () => {
    const res = await leader.call("GET", `/api/organizations/${id.bandung}/history`);
    expect(res.statusCode).toBe(200);
    const years = res.json().years;
    expect(years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025]);
    const own = ROWS.find((r) => r.name === "Pemerintah Kota Bandung");
    expect(years[0].published).toMatchObject({ index: own?.index, of: 621, ofProvince: 27 });
    expect(years[1].published).toMatchObject({ index: "3.90", rank: 2 });
    expect(years[2].published).toBeNull();
    expect(years[2].assessments[0]).toMatchObject({ id: bandungAssessment, stage: "self" });
    expect(years[2].assessments[0].index).toMatch(/^\d\.\d\d$/);
  });

  it("stores targets with version checks, for those who may set them", async () => {
    const url = `/api/organizations/${id.bandung}/targets/2025`;
    expect((await leader.call("GET", url)).json()).toMatchObject({ index: null, version: 0 });
    const saved = await coordinator.call("PUT", url, {
      index: "3,50",
      indicators: { "1": 4 },
      efforts: { "1": 3 },
      // The roadmap's own limits: level 4 of indicator 1 not before 2027, its budget already there.
      calendar: { "1": { max: 4, earliest: { "4": 2027 }, budgeted: true } },
      version: 0,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      index: "3.50",
      indicators: { "1": 4 },
      efforts: { "1": 3 },
      calendar: { "1": { max: 4, earliest: { "4": 2027 }, budgeted: true } },
      version: 1,
    });
    const badLimits = await coordinator.call("PUT", url, {
      index: "3.50",
      calendar: { "1": { earliest: { "4": "tahun depan" } } },
      version: 1,
    });
    expect(badLimits.statusCode).toBe(400);
    const stale = await coordinator.call("PUT", url, { index: "3.60", version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toMatchObject({ index: "3.50", version: 1 });
    expect((await leader.call("GET", url)).json()).toMatchObject({ index: "3.50", version: 1 });
    expect((await leader.call("PUT", url, { index: "3.60", version: 1 })).statusCode).toBe(403);
    expect((await otherProvince.call("GET", url)).statusCode).toBe(403);
    expect((await coordinator.call("PUT", url, { index: "tinggi", version: 1 })).statusCode).toBe(400);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "target.set"));
    expect(entry?.entityId).toBe(`${id.bandung}/2025`);
    // The province sets one for itself, which its kabupaten/kota without their own target are held to.
    expect(
      (
        await province.call("PUT", `/api/organizations/${id.jabar}/targets/2025`, {
          index: "3.00",
          version: 0,
        })
      ).statusCode,
    ).toBe(200);
  });

  it("shows the province its kabupaten/kota side by side with disparity", async () => {
    const res = await province.call("GET", `/api/organizations/${id.jabar}/province`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.cycle).toMatchObject({ id: cycleId, year: 2025 });
    expect(view.members).toHaveLength(27);
    const bandung = view.members.find((m: { organizationId: string }) => m.organizationId === id.bandung);
    expect(bandung.assessment).toMatchObject({ complete: true, answered: 47, total: 47 });
    expect(bandung.target).toBe("3.50");
    expect(bandung.published).toMatchObject({ year: 2024, index: "3.90" });
    const bogor = view.members.find((m: { organizationId: string }) => m.organizationId === id.bogor);
    expect(bogor.assessment).toMatchObject({ complete: false, answered: 20, index: null });
    expect(bogor.target).toBe("3.00");
    expect(view.disparity.provisional.count).toBe(1);
    expect(view.disparity.belowTarget).toBe(Number(bandung.assessment.index) < 3.5 ? 1 : 0);
    expect(view.disparity.published).toMatchObject({ year: 2024, count: 2, range: "0.80" });
    expect(view.disparity.published.stddev).toBe(spread(["3.90", "3.10"]).stddev);
    // The same side by side as an Excel workbook, indices as numbers.
    const xlsx = await province.call("GET", `/api/organizations/${id.jabar}/province.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const sheet = (await workbook(xlsx.rawPayload)).getWorksheet("Kabupaten-kota");
    expect(sheet?.rowCount).toBe(1 + 27);
    const rows: unknown[][] = [];
    sheet?.eachRow((r) => rows.push(r.values as unknown[]));
    const bandungRow = rows.find((r) => r.includes("Pemerintah Kota Bandung"));
    expect(bandungRow?.[5]).toBe(3.9);
    expect((await coordinator.call("GET", `/api/organizations/${id.jabar}/province`)).statusCode).toBe(403);
    expect((await otherProvince.call("GET", `/api/organizations/${id.jabar}/province`)).statusCode).toBe(403);
    expect((await province.call("GET", `/api/organizations/${id.bandung}/province`)).statusCode).toBe(400);
  });

  it("lets a province publish model answers that its kabupaten/kota see beside the criteria", async () => {
    const url = `/api/organizations/${id.jabar}/model-answers/${framework.id}/1`;
    const body = {
      explanation: "Contoh: Peraturan Wali Kota tentang SPBE yang memuat arsitektur dan peta rencana.",
      evidenceKinds: ["Peraturan kepala daerah", "Berita acara sosialisasi"],
      version: 0,
    };
    expect((await coordinator.call("PUT", url, body)).statusCode).toBe(403);
    expect((await otherProvince.call("PUT", url, body)).statusCode).toBe(403);
    const saved = await province.call("PUT", url, body);
    expect(saved.statusCode).toBe(200);
    expect((await province.call("PUT", url, body)).statusCode).toBe(409);
    expect(
      (await province.call("PUT", `/api/organizations/${id.jabar}/model-answers/${framework.id}/999`, body))
        .statusCode,
    ).toBe(404);
    const seen = await coordinator.call(
      "GET",
      `/api/assessments/${bandungAssessment}/indicators/1/model-answers`,
    );
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items).toEqual([
      expect.objectContaining({
        organization: "Pemerintah Provinsi Jawa Barat",
        evidenceKinds: body.evidenceKinds,
      }),
    ]);
    const list = (
      await province.call("GET", `/api/organizations/${id.jabar}/model-answers?framework=${framework.id}`)
    ).json();
    expect(list.items).toHaveLength(1);
    const removed = await province.call(
      "DELETE",
      `/api/organizations/${id.jabar}/model-answers/${framework.id}/1?version=${saved.json().version}`,
    );
    expect(removed.statusCode).toBe(204);
    expect(
      (
        await coordinator.call("GET", `/api/assessments/${bandungAssessment}/indicators/1/model-answers`)
      ).json().items,
    ).toEqual([]);
  });

  it("ranks a cycle from its indicator rows, the same figures as each assessment's own scores", async () => {
    // Assessors scored every indicator at the document stage, and five again in the final one.
    await database.db.insert(stageScores).values([
      ...framework.indicators.map((i, n) => ({
        assessmentId: bandungAssessment,
        indicatorCode: i.code,
        stage: "document",
        level: [2, 3, 4][n % 3] as number,
      })),
      ...framework.indicators.slice(0, 5).map((i) => ({
        assessmentId: bandungAssessment,
        indicatorCode: i.code,
        stage: "final",
        level: 5,
      })),
    ]);
    const own = (await leader.call("GET", `/api/assessments/${bandungAssessment}`)).json();
    for (const stage of ["self", "document", "final"] as const) {
      const res = await admin.call("GET", `/api/cycles/${cycleId}/ranking?stage=${stage}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.ranked).toBe(1);
      expect(body.items[0]).toMatchObject({
        organizationId: id.bandung,
        rank: 1,
        index: own.scores[stage].indexDisplay,
        predicate: own.scores[stage].predicate,
      });
      expect(body.items[1]).toMatchObject({ organizationId: id.bogor, rank: null, index: null });
    }
    expect(
      (await admin.call("GET", `/api/cycles/${cycleId}/ranking?stage=self`)).json().items[1].answered,
    ).toBe(20);
    expect((await coordinator.call("GET", `/api/cycles/${cycleId}/ranking`)).statusCode).toBe(403);

    // Every indicator scored at the final stage too: the earlier stages no longer count there.
    await database.db.insert(stageScores).values(
      framework.indicators.slice(5).map((i, n) => ({
        assessmentId: bandungAssessment,
        indicatorCode: i.code,
        stage: "final",
        level: [1, 2][n % 2] as number,
      })),
    );
    const rescored = (await leader.call("GET", `/api/assessments/${bandungAssessment}`)).json();
    expect(rescored.scores.final.indexDisplay).not.toBe(own.scores.final.indexDisplay);
    for (const stage of ["document", "final"] as const) {
      const [first] = (await admin.call("GET", `/api/cycles/${cycleId}/ranking?stage=${stage}`)).json().items;
      expect(first).toMatchObject({
        organizationId: id.bandung,
        index: rescored.scores[stage].indexDisplay,
        predicate: rescored.scores[stage].predicate,
        answered: framework.indicators.length,
      });
    }
  });

  it("writes the assessment report as a PDF that opens and holds the index", async () => {
    const assessment = (await leader.call("GET", `/api/assessments/${bandungAssessment}`)).json();
    const res = await leader.call("GET", `/api/assessments/${bandungAssessment}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(res.rawPayload);
    expect(text).toContain("LAPORAN INDEKS SPBE");
    expect(text).toContain("Pemerintah Kota Bandung");
    expect(text).toContain(assessment.scores.self.indexDisplay.replace(".", ","));
    expect(text).toContain(assessment.scores.self.predicate);
    for (const part of [
      "Kekuatan",
      "Kelemahan",
      "Rekomendasi",
      "Kebijakan internal arsitektur sudah ditetapkan",
    ])
      expect(text).toContain(part);
    expect(
      (await otherProvince.call("GET", `/api/assessments/${bandungAssessment}/report.pdf`)).statusCode,
    ).toBe(403);
  });

  it("exports an assessment and a whole cycle as workbooks that open with the expected rows", async () => {
    // A title typed as a formula stays text in the workbook.
    const formula = '=HYPERLINK("http://contoh.invalid","klik")';
    const link = await coordinator.call("POST", `/api/assessments/${bandungAssessment}/evidence-links`, {
      indicator: "1",
      level: 1,
      url: "https://jdih.bandung.go.id/perwal-1-2024",
      title: formula,
    });
    expect(link.statusCode).toBe(201);
    const res = await coordinator.call("GET", `/api/assessments/${bandungAssessment}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = await workbook(res.rawPayload);
    const indicators = book.getWorksheet("Indikator");
    expect(indicators?.rowCount).toBe(framework.indicators.length + 1);
    expect(indicators?.getRow(1).getCell(1).value).toBe("Kode");
    expect(indicators?.getRow(2).values).toEqual(expect.arrayContaining(["1", 1]));
    const shown = (await coordinator.call("GET", `/api/assessments/${bandungAssessment}`)).json();
    // The headline first, as every page shows it; then the index per stage.
    expect(book.getWorksheet("Ringkasan")?.getRow(3).values).toEqual(
      expect.arrayContaining(["Indeks utama", shown.headline.indexDisplay, shown.headline.label.id]),
    );
    expect(book.getWorksheet("Ringkasan")?.getRow(4).getCell(4).value).toBeCloseTo(
      shown.scores.self.index,
      3,
    );
    expect(book.getWorksheet("Bukti dukung")?.getRow(1).getCell(3).value).toBe("Judul");
    expect(book.getWorksheet("Bukti dukung")?.getRow(2).getCell(3).value).toBe(`'${formula}`);

    expect((await coordinator.call("GET", `/api/cycles/${cycleId}/export.xlsx`)).statusCode).toBe(403);
    const cycle = await admin.call("GET", `/api/cycles/${cycleId}/export.xlsx`);
    expect(cycle.statusCode).toBe(200);
    const whole = await workbook(cycle.rawPayload);
    expect(whole.getWorksheet("Indeks")?.rowCount).toBe(3);
    const detail = whole.getWorksheet("Indikator");
    expect(detail?.rowCount).toBe(2 * framework.indicators.length + 1);
    const bogorRows = (detail?.getSheetValues() ?? []).filter(
      (r) => Array.isArray(r) && r[1] === "Pemerintah Kota Bogor" && r[6] === 2,
    );
    expect(bogorRows).toHaveLength(20);

    // Read from the database one participant at a time, the workbook is the same.
    const { stream } = await cycleWorkbook(database.db, frameworks, ADMIN_CONTEXT, cycleId, 1);
    const batched = await workbook(Buffer.concat(await stream.toArray()));
    for (const name of ["Indeks", "Indikator"]) {
      expect(batched.getWorksheet(name)?.getSheetValues()).toEqual(
        whole.getWorksheet(name)?.getSheetValues(),
      );
    }
  });

  it("takes official Pemdi results with aspect values; against the last SPBE year it compares places, not values", async () => {
    const csv = [
      "year,instansi,type,region,index,predicate,a1_tata_kelola,a2_penyelenggara,a3_data,a4_keamanan,a5_teknologi,a6_keterpaduan,a7_kepuasan",
      '2026,Pemerintah Kota Bandung,kota,Jawa Barat,"2,87",Baik,3.10,2.90,2.45,2.60,3.00,2.95,2.98',
      "2026,Pemerintah Kota Bogor,kota,Jawa Barat,2.10,Cukup,2.00,2.20,1.80,2.00,2.30,2.10,2.20",
      "2026,Pemerintah Provinsi Jawa Barat,provinsi,,3.05,Baik,3.20,3.00,2.90,3.10,3.00,3.00,3.10",
    ].join("\n");
    expect((await importCsv(csv, { source: "pemdi-2026.csv" })).json()).toMatchObject({
      imported: 3,
      created: 3,
    });
    const ranked = (await app.inject({ method: "GET", url: "/api/public/results?year=2026" })).json();
    expect(ranked).toMatchObject({
      indexName: { id: "Indeks Pemerintah Digital" },
      previousYear: 2024,
      previousIndexName: { id: "Indeks SPBE" },
    });
    const bandung = ranked.items.find((i: { organizationId: string }) => i.organizationId === id.bandung);
    expect(bandung).toMatchObject({
      index: "2.87",
      predicate: "Baik",
      rank: 2,
      previousRank: 2,
      rankChange: 0,
    });
    expect(bandung.domains).toEqual({
      A1: "3.10",
      A2: "2.90",
      A3: "2.45",
      A4: "2.60",
      A5: "3.00",
      A6: "2.95",
      A7: "2.98",
    });
    // 2.87 on Pemdi and 3.90 on SPBE are not one scale: no previous value is offered.
    expect(ranked.items.every((i: { previousIndex: string | null }) => i.previousIndex === null)).toBe(true);
    // Within one index the previous value is there.
    const spbe2024 = (await app.inject({ method: "GET", url: "/api/public/results?year=2024" })).json();
    expect(spbe2024.indexName).toEqual({ id: "Indeks SPBE", en: "SPBE Index" });
    expect(spbe2024.items.some((i: { previousIndex: string | null }) => i.previousIndex !== null)).toBe(true);
    // Bodies with no 2024 result were not evaluated that year: their 2023 value is carried, marked
    // with its year, unranked and outside the mean. Nothing SPBE is carried into the Pemdi year.
    expect(spbe2024.carried.length).toBeGreaterThan(500);
    expect(spbe2024.carried.every((c: { fromYear: number }) => c.fromYear === 2023)).toBe(true);
    const rankedIds = new Set(spbe2024.items.map((i: { organizationId: string }) => i.organizationId));
    expect(spbe2024.carried.some((c: { organizationId: string }) => rankedIds.has(c.organizationId))).toBe(
      false,
    );
    expect(spbe2024.summary.all.count).toBe(spbe2024.items.length);
    const csv2024 = (await app.inject({ method: "GET", url: "/api/public/results.csv?year=2024" })).body;
    expect(csv2024.split("\r\n")[0]?.endsWith(",carried_from")).toBe(true);
    expect(csv2024).toMatch(/\r\n2024,,[^\r\n]*,2023\r\n/);
    expect(ranked.carried).toEqual([]);
    const file = await app.inject({ method: "GET", url: "/api/public/results.csv?year=2026" });
    expect(file.body.split("\r\n")[0]).toContain("a1,a2,a3,a4,a5,a6,a7");
    // The history shows the aspects beside the year.
    const history = (await leader.call("GET", `/api/organizations/${id.bandung}/history`)).json();
    expect(history.years.at(-1)).toMatchObject({
      year: 2026,
      published: { index: "2.87", domains: { A7: "2.98" } },
    });
    // Each year says which index its figures are on, so a chart never joins SPBE and Pemdi values.
    expect(history.years[0].indexName).toEqual({ id: "Indeks SPBE", en: "SPBE Index" });
    expect(history.years.at(-1).indexName.id).toBe("Indeks Pemerintah Digital");
    const own = history.years.flatMap((y: { assessments: { indexName: unknown }[] }) => y.assessments);
    expect(own.length).toBeGreaterThan(0);
    // The published national index of each year stands beside the list's mean, as a fact.
    expect(history.years[0].national).toEqual({
      index: "2.79",
      source: "Laporan Hasil Evaluasi SPBE 2023, KemenPANRB",
    });
    expect(history.years.at(-1).national).toBeNull();
    const y2023 = (await app.inject({ method: "GET", url: "/api/public/results?year=2023" })).json();
    expect(y2023.national.index).toBe("2.79");
    expect(y2023.summary.all.mean).not.toBe("2.79");
    expect(own.every((a: { indexName: { id: string } }) => a.indexName.id === "Indeks SPBE")).toBe(true);
  });

  it("matches a table's variations by rule and reports each rule; never two bodies of similar names", async () => {
    const csv = [
      "year,instansi,type,region,index,predicate",
      // A state institution listed as its secretariat.
      "2022,Sekretariat Jenderal Majelis Permusyawaratan Rakyat,lembaga,,2.50,Baik",
      // A province mistyped, and spelled with its full name.
      "2022,Pemerintah Kota Bandung,kota,Jawa Barrat,3.50,Sangat Baik",
      "2022,Pemerintah Kab. Bangka Barat,kabupaten,Kepulauan Bangka Belitung,2.20,Cukup",
      "2022,Pemerintah Kab. Bangka,kabupaten,Bangka Belitng,2.40,Cukup",
      // Names known exactly need no rule; an unknown institution is left for a person.
      "2022,Pemerintah Kab. Belitung,kabupaten,Bangka Belitung,2.10,Cukup",
      "2022,Sekretariat Dewan Pengawas Uji,lembaga,,2.00,Cukup",
    ].join("\n");
    const report = (await importCsv(csv, { source: "2022.csv", dryRun: true })).json();
    expect(report).toMatchObject({ total: 6, imported: 5 });
    expect(report.unmatched.map((u: { name: string }) => u.name)).toEqual(["Sekretariat Dewan Pengawas Uji"]);
    expect(
      report.matchedBy.map((m: { line: number; organization: string; rule: string }) => [
        m.line,
        m.organization,
        m.rule,
      ]),
    ).toEqual([
      [2, "Majelis Permusyawaratan Rakyat", "institution_secretariat"],
      [3, "Pemerintah Kota Bandung", "province_corrected"],
      [4, "Pemerintah Kab. Bangka Barat", "province_corrected"],
      [5, "Pemerintah Kab. Bangka", "province_corrected"],
    ]);
    expect(report.matchedBy[1].detail).toContain("Jawa Barrat");
    // Bangka and Bangka Barat stay two bodies: no row is given another row's body.
    const ids = report.matchedBy.map((m: { organizationId: string }) => m.organizationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
