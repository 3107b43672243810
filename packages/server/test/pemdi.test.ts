// A Pemdi 2026 assessment through the API: decimal values, evidence by item with responsibility
// and automatic rejection, external indices, the stages up to publication and the ranking.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addMonths, score, todayWib, withExternalLevels } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { organizations } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { expireExternalValues } from "../src/external-indices/service.js";
import { pdfText, workbook, zipOf } from "./documents.js";
import {
  addUser,
  client,
  ENGINES,
  multipart,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const frameworks = builtinFrameworks();
const pemdi = frameworks.get("pemdi-2026");
if (!pemdi) throw new Error("pemdi-2026 missing");
const FED = ["I5", "I6", "I7", "I10", "I12", "I18"];
/** IKASANDI measured a month ago: valid for a year from then (dates relative to today, WIB). */
const MEASURED = todayWib(new Date(Date.now() - 30 * 86_400_000));
const EXPIRES = addMonths(MEASURED, 12);
const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n"),
  Buffer.alloc(2000, 32),
  Buffer.from("\n%%EOF\n"),
]);
const open = { start: "2026-01-01", end: "2099-12-31" };
const SCHEDULE = {
  self_assessment: open,
  document_review: open,
  interview: open,
  visit: open,
  consolidation: open,
  validation: open,
};
/** Self-assessment values: decimals, one per indicator not fed by an index. */
const SELF: Record<string, number> = Object.fromEntries(
  pemdi.indicators
    .filter((i) => !FED.includes(i.code))
    .map((i, k) => [i.code, [2.5, 1.75, 3.25, 2][k % 4] as number]),
);

describe.each(ENGINES)("a Pemdi 2026 assessment on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let bandung: string;
  let unitA: string;
  let unitB: string;
  let cycleId: string;
  let id: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let coordinator: Client;
  let operatorA: Client;
  let operatorB: Client;
  let assessor: Client;
  let assessorId: string;

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await buildApp({
      db: database.db,
      frameworks,
      storage: new LocalStorage(mkdtempSync(join(tmpdir(), "matang-pemdi-"))),
      maxUploadBytes: 256 * 1024,
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    const orgs = await database.db.select().from(organizations);
    bandung = orgs.find((o) => o.name === "Pemerintah Kota Bandung")?.id ?? "";
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    const unit = async (name: string) =>
      (await admin.call("POST", "/api/organizations", { kind: "unit", name, parentId: bandung })).json().id;
    unitA = await unit("Diskominfo");
    unitB = await unit("Bappeda");
    await addUser(database, "koordinator@bandung.go.id", "coordinator", bandung);
    await addUser(database, "opd-a@bandung.go.id", "operator", unitA);
    await addUser(database, "opd-b@bandung.go.id", "operator", unitB);
    assessorId = (await addUser(database, "asesor@kampus.ac.id", "external_assessor", null)).id;
    coordinator = await client(app, "koordinator@bandung.go.id");
    operatorA = await client(app, "opd-a@bandung.go.id");
    operatorB = await client(app, "opd-b@bandung.go.id");
    assessor = await client(app, "asesor@kampus.ac.id");
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const upload = (who: Client, fields: Record<string, string>) => {
    const body = multipart(fields, {
      name: `${fields.item ?? "bukti"}.pdf`,
      type: "application/pdf",
      content: PDF,
    });
    return app.inject({
      method: "POST",
      url: `/api/assessments/${id}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": who.csrf },
      cookies: { matang_session: who.cookie },
    });
  };
  const indicators = async (who: Client) => {
    const r = await who.call("GET", `/api/assessments/${id}/indicators`);
    if (!r.json().items) throw new Error(r.body);
    return r.json().items as any[];
  };
  const indicator = async (who: Client, code: string) => (await indicators(who)).find((i) => i.code === code);

  it("opens a Pemdi cycle; indicators fed by other agencies' indices start at 1 and say why", async () => {
    const cycle = await admin.call("POST", "/api/cycles", {
      year: 2026,
      name: "Evaluasi Pemdi 2026",
      frameworkId: "pemdi-2026",
      kind: "evaluation",
      schedule: SCHEDULE,
    });
    expect(cycle.statusCode).toBe(201);
    cycleId = cycle.json().id;
    await admin.call("POST", `/api/cycles/${cycleId}/participants`, { organizationIds: [bandung] });
    await admin.call("POST", `/api/cycles/${cycleId}/assessors`, {
      userId: assessorId,
      organizationId: bandung,
    });
    id = (await coordinator.call("GET", `/api/assessments?cycle=${cycleId}`)).json().items[0].id;
    const i10 = await indicator(coordinator, "I10");
    expect(i10.stages.self).toMatchObject({ level: 1, verdict: "done" });
    expect(i10.stages.self.note).toContain("IKASANDI area keamanan siber belum dicatat: dihitung 1");
    expect(i10.external).toMatchObject({ index: "IKASANDI-KS", state: "missing", counted: 1 });
    expect(i10.can.consolidate).toBe(false);
    expect(i10.decimals).toBe(2);
    expect(i10.domain).toBeNull();
  });

  it("assigns items to units: each unit sees its own items, the coordinator sees all by unit", async () => {
    const assign = (item: string, unitId: string, version = 0) =>
      coordinator.call("PUT", `/api/assessments/${id}/items/${item}/assignment`, {
        unitId,
        dueDate: "2026-08-31",
        version,
      });
    for (const item of ["I4-L1-01", "I4-L1-02", "I4-L1-03", "I1-L1-01"])
      expect((await assign(item, unitA)).statusCode).toBe(200);
    expect((await assign("I4-L2-02", unitB)).json()).toMatchObject({ version: 1, unitId: unitB });
    expect((await assign("I4-L2-02", unitB)).json().error.code).toBe("version_conflict");
    expect((await assign("I99-L1-01", unitB)).statusCode).toBe(404);
    const b = await indicators(operatorB);
    expect(b.map((i) => i.code)).toEqual(["I4"]);
    expect(b[0].items.map((i: { code: string }) => i.code)).toEqual(["I4-L2-02"]);
    const a = (await indicators(operatorA)).find((i) => i.code === "I4");
    expect(a.items.map((i: { code: string }) => i.code)).not.toContain("I4-L2-02");
    const all = (await coordinator.call("GET", `/api/assessments/${id}/items`)).json();
    expect(all.items).toHaveLength(232);
    expect(all.byUnit.find((u: { unitName: string }) => u.unitName === "Bappeda")).toMatchObject({
      total: 1,
      notUploaded: 1,
    });
    expect(
      (await operatorB.call("GET", `/api/assessments/${id}/items`)).json().items.map((i: any) => i.code),
    ).toEqual(["I4-L2-02"]);
  });

  it("uploads evidence by item with a note; an item is required and must be the indicator's", async () => {
    for (const item of ["I4-L1-01", "I4-L1-02", "I4-L1-03"]) {
      const res = await upload(operatorA, {
        indicator: "I4",
        item,
        title: `Bukti ${item}`,
        note: `Catatan ${item}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await upload(operatorB, { indicator: "I4", item: "I4-L2-02", title: "PKS" })).statusCode).toBe(
      201,
    );
    expect((await upload(operatorA, { indicator: "I4", level: "1", title: "x" })).json().error.code).toBe(
      "item_required",
    );
    expect(
      (await upload(operatorA, { indicator: "I4", item: "I1-L1-01", title: "x" })).json().error.code,
    ).toBe("invalid_item");
    expect(
      (await upload(operatorA, { indicator: "I4", item: "I4-L1-01", level: "2", title: "x" })).json().error
        .code,
    ).toBe("invalid_level");
    const i4 = await indicator(coordinator, "I4");
    expect(i4.evidence.find((e: { item: string }) => e.item === "I4-L1-02")).toMatchObject({
      uploadNote: "Catatan I4-L1-02",
      level: 1,
    });
    expect(i4.items.find((i: { code: string }) => i.code === "I4-L2-02")).toMatchObject({
      status: "auto_rejected",
      unitName: "Bappeda",
    });
  });

  it("imports a ZIP of files named by item code (or named in a mapping sheet), listing what matched nothing", async () => {
    const exe = Buffer.concat([
      Buffer.from("MZ"),
      Buffer.alloc(62),
      Buffer.from("PE\0\0"),
      Buffer.alloc(400, 1),
    ]);
    const zip = zipOf({
      "bukti 2025/I4-L3-01_Rencana kolaborasi.pdf": PDF,
      "bukti 2025/i4-l3-02 kolaborasi akademisi.pdf": PDF,
      "bukti 2025/lampiran.pdf": PDF,
      "bukti 2025/catatan.pdf": PDF,
      "bukti 2025/I99-L1-01_salah.pdf": PDF,
      "bukti 2025/I4-L4-02_program.pdf": exe,
      "bukti 2025/I9-L1-01_SK audit.pdf": PDF,
      "__MACOSX/bukti 2025/._I4-L3-01_Rencana kolaborasi.pdf": Buffer.from("x"),
    });
    const body = multipart(
      { mapping: "file;item\nlampiran.pdf;I4-L4-01\n" },
      { name: "bukti-2025.zip", type: "application/zip", content: zip },
    );
    const res = await app.inject({
      method: "POST",
      url: `/api/assessments/${id}/evidence/zip`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": coordinator.csrf },
      cookies: { matang_session: coordinator.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.files).toBe(7);
    expect(report.imported.map((i: { item: string }) => i.item).sort()).toEqual([
      "I4-L3-01",
      "I4-L3-02",
      "I4-L4-01",
      "I9-L1-01",
    ]);
    expect(
      Object.fromEntries(
        report.unmatched.map((u: { file: string; code: string }) => [
          u.file.replace("bukti 2025/", ""),
          u.code,
        ]),
      ),
    ).toEqual({
      "catatan.pdf": "no_code",
      "I99-L1-01_salah.pdf": "unknown_item",
      "I4-L4-02_program.pdf": "unsupported_type",
    });
    // A unit imports only its own items: Bappeda provides I4-L2-02, not I4-L3-01 (nor another
    // indicator's items); the same rule as a single upload.
    const theirs = multipart(
      {},
      {
        name: "bappeda.zip",
        type: "application/zip",
        content: zipOf({ "I4-L3-01_x.pdf": PDF, "I9-L1-02_y.pdf": PDF }),
      },
    );
    const refusedItems = await app.inject({
      method: "POST",
      url: `/api/assessments/${id}/evidence/zip`,
      payload: theirs.payload,
      headers: { "content-type": theirs.contentType, "x-csrf-token": operatorB.csrf },
      cookies: { matang_session: operatorB.cookie },
    });
    expect(refusedItems.json()).toMatchObject({
      imported: [],
      unmatched: [
        { file: "I4-L3-01_x.pdf", code: "forbidden" },
        { file: "I9-L1-02_y.pdf", code: "forbidden" },
      ],
    });
    const notTheirs = await upload(operatorB, { indicator: "I4", item: "I4-L1-01", title: "bukan miliknya" });
    expect(notTheirs.statusCode, notTheirs.body).toBe(403);
    expect(notTheirs.json().error.code).toBe("not_your_item");
    const i4 = await indicator(coordinator, "I4");
    const link = i4.evidence.find((e: { item: string }) => e.item === "I4-L4-01");
    expect(link).toMatchObject({
      review: "pending",
      uploadNote: "Impor ZIP: bukti-2025.zip",
      title: "lampiran.pdf",
    });
    const notZip = multipart({}, { name: "x.zip", type: "application/zip", content: PDF });
    const refused = await app.inject({
      method: "POST",
      url: `/api/assessments/${id}/evidence/zip`,
      payload: notZip.payload,
      headers: { "content-type": notZip.contentType, "x-csrf-token": operatorA.csrf },
      cookies: { matang_session: operatorA.cookie },
    });
    expect(refused.json().error.code).toBe("invalid_zip");
  });

  it("takes decimal values with two decimals; refuses more, off-scale, and fed indicators", async () => {
    const answer = (code: string, level: number | null, version = 0) =>
      coordinator.call("PUT", `/api/assessments/${id}/indicators/${code}/answer`, {
        level,
        explanation: "Penjelasan.",
        version,
      });
    expect((await answer("I1", 3.456)).json().error).toMatchObject({ code: "invalid_level" });
    expect((await answer("I1", 5.5)).json().error.code).toBe("invalid_level");
    expect((await answer("I10", 3)).json().error.code).toBe("external_indicator");
    for (const [code, level] of Object.entries(SELF))
      expect((await answer(code, level)).statusCode, code).toBe(200);
    expect((await indicator(coordinator, "I2")).stages.self.level).toBe(1.75);
  });

  it("records an external index: the fed indicator follows its band, with what a change would do", async () => {
    const record = (value: number, version: number, who = coordinator) =>
      who.call("PUT", `/api/assessments/${id}/external-indices/IKASANDI-KS`, {
        value,
        measuredOn: MEASURED,
        note: "Laporan BSSN",
        version,
      });
    expect((await record(5.5, 0)).json().error.code).toBe("invalid_value");
    expect((await record(2.4, 0, operatorA)).statusCode).toBe(403);
    expect((await record(2.4, 0)).json()).toMatchObject({ value: 2.4, version: 1 });
    expect((await record(2.6, 0)).json().error.code).toBe("version_conflict");
    const effect = (
      await coordinator.call("GET", `/api/assessments/${id}/external-indices/IKASANDI-KS/effect?value=2.5`)
    ).json();
    expect(effect).toMatchObject({
      from: 2.4,
      to: 2.5,
      indicators: [{ code: "I10", from: 2, to: 3 }],
      difference: "+0.0400",
    });
    expect((await indicator(coordinator, "I10")).stages.self).toMatchObject({ level: 2 });
    await record(2.5, 1);
    const i10 = await indicator(coordinator, "I10");
    expect(i10.stages.self.level).toBe(3);
    expect(i10.stages.self.note).toBe(
      `Dari IKASANDI area keamanan siber 2,5 (diukur ${MEASURED}): tingkat 3.`,
    );
    expect(i10.external).toMatchObject({ value: 2.5, level: 3, expiresOn: EXPIRES, state: "recorded" });
    // The source document (evidence of the instansi) and the responsible unit go with the value.
    const source = (await indicator(coordinator, "I4")).evidence[0];
    const withSource = await coordinator.call("PUT", `/api/assessments/${id}/external-indices/IKASANDI-PIS`, {
      value: 1.6,
      measuredOn: MEASURED,
      evidenceId: source.evidenceId,
      unitId: unitA,
      version: 0,
    });
    expect(withSource.statusCode, withSource.body).toBe(200);
    const list = (await coordinator.call("GET", `/api/assessments/${id}/external-indices`)).json();
    expect(list.items.find((x: { code: string }) => x.code === "IKASANDI-PIS")).toMatchObject({
      evidenceTitle: source.title,
      unitName: "Diskominfo",
      level: 2,
    });
    expect(list.can.record).toBe(true);
    expect(list.items.map((x: { code: string }) => x.code)).toEqual([
      "SDI",
      "SJIG",
      "IPS",
      "IKASANDI-KS",
      "IKASANDI-PIS",
      "SDI-INTEROP",
    ]);
  });

  it("stops counting a value past its age limit: the fed indicator goes back to 1, saying why", async () => {
    expect(await expireExternalValues(database.db, frameworks)).toBe(0);
    const later = new Date(Date.parse(`${EXPIRES}T12:00:00Z`) + 30 * 86_400_000);
    expect(await expireExternalValues(database.db, frameworks, later)).toBe(1);
    expect(await expireExternalValues(database.db, frameworks, later)).toBe(0);
    const i10 = await indicator(coordinator, "I10");
    expect(i10.stages.self.level).toBe(1);
    expect(i10.stages.self.note).toContain(`kedaluwarsa sejak ${EXPIRES}: dihitung 1`);
    // A fresh value counts again.
    const again = await coordinator.call("PUT", `/api/assessments/${id}/external-indices/IKASANDI-KS`, {
      value: 2.5,
      measuredOn: MEASURED,
      version: 2,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await indicator(coordinator, "I10")).stages.self.level).toBe(3);
  });

  it("imports index values for many instansi, every problem by line, nothing stored while one is wrong", async () => {
    const bad = await admin.call("POST", "/api/external-indices/import", {
      cycleId,
      source: "sdi.csv",
      csv: "instansi,index,value,measured_on\nPemerintah Kota Bandung,SDI,140,2026-04-01\nKota Atlantis,SDI,40,2026-04-01\nPemerintah Kota Bandung,XYZ,4,2026-13-01\n",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((p: any) => `${p.line}:${p.field}`)).toEqual([
      "2:value",
      "3:instansi",
      "4:index",
      "4:measured_on",
    ]);
    expect((await indicator(coordinator, "I5")).stages.self.level).toBe(1);
    const good = await admin.call("POST", "/api/external-indices/import", {
      cycleId,
      source: "sdi.csv",
      csv: "instansi;index;value;measured_on\nPemerintah Kota Bandung;SDI;40,5;2026-04-01\n",
    });
    expect(good.json()).toEqual({ rows: 1, assessments: 1, dryRun: false });
    expect((await indicator(coordinator, "I5")).stages.self).toMatchObject({ level: 3 });
    expect(
      (await coordinator.call("POST", "/api/external-indices/import", { cycleId, csv: "x" })).statusCode,
    ).toBe(403);
  });

  it("reviews each item; a level-2 item stays rejected automatically until level 1 is accepted", async () => {
    const go = async (who: Client, to: string) => {
      const res = await who.call("POST", `/api/assessments/${id}/transitions`, { to, confirm: true });
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    };
    await go(coordinator, "submitted");
    await go(assessor, "document_review");
    const links = (await indicator(assessor, "I4")).evidence as {
      id: string;
      item: string;
      version: number;
    }[];
    const review = (item: string, body: object) => {
      const link = links.find((l) => l.item === item);
      return assessor.call("PUT", `/api/assessments/${id}/evidence-links/${link?.id}/review`, {
        version: 1,
        ...body,
      });
    };
    await review("I4-L1-01", { review: "accepted" });
    await review("I4-L1-02", {
      review: "revision",
      reason: "wrong_document",
      note: "Bukan SK tim koordinasi.",
    });
    await review("I4-L2-02", { review: "accepted" });
    let i4 = await indicator(assessor, "I4");
    const by = (code: string) => i4.items.find((i: { code: string }) => i.code === code);
    expect(by("I4-L1-02")).toMatchObject({
      status: "returned",
      reason: "wrong_document",
      note: "Bukan SK tim koordinasi.",
    });
    expect(by("I4-L1-03").status).toBe("pending");
    expect(by("I4-L2-02")).toMatchObject({ status: "auto_rejected", blockedBy: ["I4-L1-02", "I4-L1-03"] });
    expect(i4.itemCounts.slice(0, 2)).toEqual([
      { level: 1, accepted: 1, total: 3 },
      { level: 2, accepted: 0, total: 2 },
    ]);
    expect(i4.gating).toEqual({ blockedAt: 1, blockedBy: "returned" });
    // Clarified, the returned item is accepted after all; with level 1 complete, level 2's item counts.
    i4 = await indicator(assessor, "I4");
    for (const item of ["I4-L1-02", "I4-L1-03"]) {
      const link = i4.evidence.filter((e: { item: string }) => e.item === item).at(-1);
      await assessor.call("PUT", `/api/assessments/${id}/evidence-links/${link.id}/review`, {
        version: link.version,
        review: "accepted",
      });
    }
    i4 = await indicator(assessor, "I4");
    expect(i4.items.find((i: { code: string }) => i.code === "I4-L2-02").status).toBe("accepted");
    expect(i4.itemCounts[0]).toEqual({ level: 1, accepted: 3, total: 3 });
    expect(i4.supportedLevel).toBe(1);
  });

  it("scores stages in decimals, skips the visit, publishes; figures and ranking match core exactly", async () => {
    const go = async (who: Client, to: string) => {
      const res = await who.call("POST", `/api/assessments/${id}/transitions`, { to, confirm: true });
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    };
    for (const [code, level] of Object.entries({ ...SELF, I1: 2.37 })) {
      const res = await assessor.call("PUT", `/api/assessments/${id}/indicators/${code}/stages/document`, {
        level,
        note: "Dok.",
        version: 0,
      });
      expect(res.statusCode, code).toBe(200);
    }
    const fed = await assessor.call("PUT", `/api/assessments/${id}/indicators/I10/stages/document`, {
      level: 4,
      note: "",
      version: 1,
    });
    expect(fed.json().error.code).toBe("external_indicator");
    expect(
      (
        await assessor.call("PUT", `/api/assessments/${id}/indicators/I2/stages/document`, {
          level: 1.005,
          note: "",
          version: 0,
        })
      ).json().error.code,
    ).toBe("invalid_level");
    await go(assessor, "interview");
    await go(assessor, "consolidation");
    await assessor.call("PUT", `/api/assessments/${id}/indicators/I20/stages/final`, {
      level: 1.26,
      note: "Final.",
      version: 0,
    });
    await go(assessor, "validation");
    await go(admin, "published");
    const view = (await coordinator.call("GET", `/api/assessments/${id}`)).json();
    const self = withExternalLevels(
      pemdi,
      SELF,
      { "IKASANDI-KS": { value: 2.5 }, "IKASANDI-PIS": { value: 1.6 }, SDI: { value: 40.5 } },
      "2026-12-06",
    );
    const final = { ...self, I1: 2.37, I20: 1.26 };
    const expected = score(pemdi, final as Record<string, number>);
    expect(view.scores.self.index).toBe(score(pemdi, self as Record<string, number>).index);
    expect(view.scores.final.index).toBe(expected.index);
    expect(view.scores.final.indexDisplay).toBe(expected.indexDisplay);
    expect(view.scores.final.domains).toEqual([]);
    expect(view.scores.final.aspects).toHaveLength(7);
    expect(view.headline).toMatchObject({
      stage: "final",
      index: expected.index,
      predicate: expected.predicate,
    });
    expect(Object.keys(view.headline.predicateLabels)).toEqual(["tahap"]);
    // The report and the workbook on a framework without domains: aspects, decimal values, the note
    // of an indicator fed by an index.
    const pdf = await coordinator.call("GET", `/api/assessments/${id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain("Kepuasan Pengguna Layanan Digital Pemerintah");
    expect(text).toContain(expected.indexDisplay?.replace(".", ",") ?? "?");
    expect(text).toContain("IKASANDI area keamanan siber 2,5");
    const xlsx = await coordinator.call("GET", `/api/assessments/${id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = await workbook(xlsx.rawPayload);
    const cells = book.worksheets.flatMap((w) => w.getSheetValues().flat().map(String));
    expect(cells.some((c) => c.includes("I20"))).toBe(true);
    const ranking = (await admin.call("GET", `/api/cycles/${cycleId}/ranking?stage=final`)).json();
    expect(ranking.items[0]).toMatchObject({ index: expected.indexDisplay, predicate: expected.predicate });
  });

  it("carries a 2025 SPBE assessment's evidence to the likely Pemdi items by the shipped mapping, unreviewed", async () => {
    const [cimahi] = (await database.db.select().from(organizations)).filter(
      (o) => o.name === "Pemerintah Kota Cimahi",
    );
    if (!cimahi) throw new Error("Kota Cimahi not in the registry");
    await addUser(database, "koordinator@cimahikota.go.id", "coordinator", cimahi.id);
    const cimahiCoordinator = await client(app, "koordinator@cimahikota.go.id");
    const spbe = (
      await admin.call("POST", "/api/cycles", {
        year: 2025,
        name: "Evaluasi SPBE 2025",
        frameworkId: "permenpanrb-59-2020",
        kind: "evaluation",
        schedule: SCHEDULE,
      })
    ).json();
    await admin.call("POST", `/api/cycles/${spbe.id}/participants`, { organizationIds: [cimahi.id] });
    const old = (await cimahiCoordinator.call("GET", `/api/assessments?cycle=${spbe.id}`)).json().items[0].id;
    const uploadTo = async (assessment: string, fields: Record<string, string>) => {
      const body = multipart(fields, { name: "bukti.pdf", type: "application/pdf", content: PDF });
      const res = await app.inject({
        method: "POST",
        url: `/api/assessments/${assessment}/evidence`,
        payload: body.payload,
        headers: { "content-type": body.contentType, "x-csrf-token": cimahiCoordinator.csrf },
        cookies: { matang_session: cimahiCoordinator.cookie },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    // The coordination team's decree, the architecture review, a risk register (no Pemdi item).
    await uploadTo(old, { indicator: "10", level: "2", title: "SK Tim Koordinasi SPBE" });
    await uploadTo(old, { indicator: "11", level: "4", title: "Reviu Arsitektur SPBE" });
    await uploadTo(old, { indicator: "21", level: "1", title: "Register Risiko SPBE" });

    await admin.call("POST", `/api/cycles/${cycleId}/participants`, { organizationIds: [cimahi.id] });
    const now = (await cimahiCoordinator.call("GET", `/api/assessments?cycle=${cycleId}`)).json().items[0].id;
    const copied = await cimahiCoordinator.call("POST", `/api/assessments/${now}/copy-forward`, {});
    expect(copied.statusCode, copied.body).toBe(200);
    expect(copied.json()).toMatchObject({
      from: old,
      copied: [],
      evidenceLinks: 2,
      mapping: { id: "permenpanrb-59-2020-to-pemdi-2026" },
      items: [
        { code: "I1-L4-02", evidence: 1 },
        { code: "I4-L1-01", evidence: 1 },
      ],
    });
    expect(copied.json().skipped).toEqual([{ code: "21", reason: expect.stringMatching(/risk-management/) }]);
    // The SK waits for review on its item; no value was carried (an SPBE level says nothing of Pemdi's).
    const items = (await cimahiCoordinator.call("GET", `/api/assessments/${now}/indicators`)).json().items;
    const i4 = items.find((i: { code: string }) => i.code === "I4");
    expect(i4.evidence).toMatchObject([
      { item: "I4-L1-01", title: "SK Tim Koordinasi SPBE", review: "pending" },
    ]);
    expect(i4.items.find((i: { code: string }) => i.code === "I4-L1-01").status).not.toBe("accepted");
    expect(i4.claimedLevel).toBeNull();
    // Running it again adds nothing.
    const again = (await cimahiCoordinator.call("POST", `/api/assessments/${now}/copy-forward`, {})).json();
    expect(again.evidenceLinks).toBe(0);
    // The mapping itself is there to be read, with a decision for every SPBE indicator.
    const mappings = (await cimahiCoordinator.call("GET", "/api/framework-mappings")).json().items;
    expect(mappings[0].entries.find((e: { from: string }) => e.from === "10")).toMatchObject({
      fromName: { id: expect.stringContaining("Tim Koordinasi") },
      items: [{ code: "I4-L1-01", text: { id: "Keputusan pembentukan tim koordinasi Pemdi" } }],
    });
  });

  it("compares the internal assessors' document scores with the portal's interim values: too lenient, too strict", async () => {
    const imported = await coordinator.call("POST", `/api/assessments/${id}/official/import`, {
      stage: "interim",
      asOf: "2026-09-20",
      text: ["I1\t2,37", "I2\t1,50", "I8\t3,00", "Indeks\t2,10"].join("\n"),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const official = (await coordinator.call("GET", `/api/assessments/${id}/official`)).json();
    expect(official.comparison).toHaveLength(1);
    const [interim] = official.comparison;
    expect(interim).toMatchObject({ stage: "interim", against: "document" });
    expect(interim.rows.map((r: { code: string; verdict: string }) => [r.code, r.verdict])).toEqual([
      ["I1", "same"],
      ["I2", "lenient"],
      ["I8", "strict"],
    ]);
    expect(interim.summary).toMatchObject({ lenient: 1, strict: 1, same: 1 });
    // I2: 5 × 0,25 / 100; I8: 4 × −0,50 / 100.
    expect(interim.summary.effect).toBeCloseTo(0.0125 - 0.02, 12);
  });
});
