// Working alongside the national portal: the evidence package as the portal wants it (names,
// notes, the index sheet, size and type rules from the framework's portal profile) and the
// "uploaded to the portal" mark that notices a file changed afterwards.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { organizations } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { pdfText, unzip, workbook } from "./documents.js";
import {
  addUser,
  client,
  ENGINES,
  multipart,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const builtin = builtinFrameworks();
const pemdi = builtin.get("pemdi-2026");
if (!pemdi) throw new Error("pemdi-2026 missing");
// The same framework with a tiny size limit on its portal profile, imported as any framework file
// is: the profile is data.
const tiny = {
  ...pemdi.definition,
  id: "pemdi-uji-portal",
  portal: { ...pemdi.definition.portal, maxFileMb: 0.004 },
};

const pdf = (bytes: number, mark = "") =>
  Buffer.concat([
    Buffer.from(`%PDF-1.4\n% ${mark}\n1 0 obj<<>>endobj\n`),
    Buffer.alloc(bytes, 32),
    Buffer.from("\n%%EOF\n"),
  ]);
const open = { start: "2026-01-01", end: "2099-12-31" };
const SCHEDULE = Object.fromEntries(
  ["self_assessment", "document_review", "interview", "visit", "consolidation", "validation"].map((s) => [
    s,
    open,
  ]),
);

describe.each(ENGINES)("the national portal on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let id: string;
  let unitA: string;
  let unitB: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let coordinator: Client;
  let operatorB: Client;
  const sk = pdf(1200, "sk");

  const upload = async (
    who: Client,
    fields: Record<string, string>,
    file: { name: string; type: string; content: Buffer },
  ) => {
    const body = multipart(fields, file);
    const res = await app.inject({
      method: "POST",
      url: `/api/assessments/${id}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": who.csrf },
      cookies: { matang_session: who.cookie },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await buildApp({
      db: database.db,
      frameworks: builtin,
      storage: new LocalStorage(mkdtempSync(join(tmpdir(), "matang-portal-"))),
      maxUploadBytes: 256 * 1024,
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    const orgs = await database.db.select().from(organizations);
    const bandung = orgs.find((o) => o.name === "Pemerintah Kota Bandung")?.id ?? "";
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    expect((await admin.call("POST", "/api/frameworks", tiny)).statusCode).toBe(201);
    const unit = async (name: string) =>
      (await admin.call("POST", "/api/organizations", { kind: "unit", name, parentId: bandung })).json().id;
    unitA = await unit("Diskominfo");
    unitB = await unit("Bappeda");
    await addUser(database, "koordinator@bandung.go.id", "coordinator", bandung);
    await addUser(database, "opd-b@bandung.go.id", "operator", unitB);
    coordinator = await client(app, "koordinator@bandung.go.id");
    operatorB = await client(app, "opd-b@bandung.go.id");
    const cycle = (
      await admin.call("POST", "/api/cycles", {
        year: 2026,
        name: "Evaluasi Pemdi 2026",
        frameworkId: tiny.id,
        kind: "evaluation",
        schedule: SCHEDULE,
      })
    ).json();
    if (!cycle.id) throw new Error(JSON.stringify(cycle));
    await admin.call("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [bandung] });
    id = (await coordinator.call("GET", `/api/assessments?cycle=${cycle.id}`)).json().items[0].id;
    for (const [item, unitId] of [
      ["I4-L1-01", unitA],
      ["I4-L1-02", unitA],
      ["I4-L1-03", unitA],
      ["I1-L1-01", unitB],
      ["I1-L2-01", unitB],
      ["I1-L2-02", unitB],
    ] as const) {
      const r = await coordinator.call("PUT", `/api/assessments/${id}/items/${item}/assignment`, {
        unitId,
        dueDate: null,
        version: 0,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const asPdf = (content: Buffer) => ({ name: "scan.pdf", type: "application/pdf", content });
    await upload(
      coordinator,
      { indicator: "I4", item: "I4-L1-01", title: "SK Tim Koordinasi: Pemdi/2026", note: "Lihat halaman 2." },
      asPdf(sk),
    );
    // 6 KB is over this profile's 4 KB.
    await upload(
      coordinator,
      { indicator: "I4", item: "I4-L1-02", title: "Rencana kolaborasi" },
      asPdf(pdf(6000)),
    );
    await upload(coordinator, { indicator: "I4", item: "I4-L1-03", title: "Notulen" }, asPdf(pdf(300, "a")));
    await upload(coordinator, { indicator: "I4", item: "I4-L1-03", title: "Notulen" }, asPdf(pdf(300, "b")));
    await upload(
      operatorB,
      { indicator: "I1", item: "I1-L1-01", title: "Rancangan Renstra" },
      { name: "renstra.txt", type: "text/plain", content: Buffer.from("Rancangan Renstra 2027\n") },
    );
    const link = await coordinator.call("POST", `/api/assessments/${id}/evidence-links`, {
      indicator: "I1",
      item: "I1-L2-01",
      url: "https://bandung.go.id/renstra",
      title: "Renstra di laman",
    });
    expect(link.statusCode, link.body).toBe(201);
    await upload(operatorB, { indicator: "I1", item: "I1-L2-02", title: "Arsitektur" }, asPdf(pdf(500)));
    // The coordinator returns the architecture: it stays out of the package until fixed.
    const i1 = (await coordinator.call("GET", `/api/assessments/${id}/indicators`))
      .json()
      .items.find((i: { code: string }) => i.code === "I1");
    const arch = i1.evidence.find((e: { item: string }) => e.item === "I1-L2-02");
    const returned = await coordinator.call(
      "PUT",
      `/api/assessments/${id}/evidence-links/${arch.id}/review`,
      { version: arch.version, review: "revision", reason: "wrong_document", note: "Bukan arsitektur." },
    );
    expect(returned.statusCode, returned.body).toBe(200);
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("lists every document with its portal name and what the portal would refuse, with what to do", async () => {
    const res = await coordinator.call("GET", `/api/assessments/${id}/portal/package`);
    expect(res.statusCode, res.body).toBe(200);
    const { entries, totals, profile } = res.json();
    expect(profile).toMatchObject({ name: "eval.spbe.go.id", maxFileMb: 0.004, fileName: "{code}_{title}" });
    const by = (code: string) => entries.filter((e: { code: string }) => e.code === code);
    // Reserved characters in the title become spaces; the folder is the indicator.
    expect(by("I4-L1-01")[0]).toMatchObject({
      path: "I4/I4-L1-01_SK Tim Koordinasi Pemdi 2026.pdf",
      note: "Lihat halaman 2.",
      units: ["Diskominfo"],
      review: "pending",
      included: true,
    });
    // Two documents of one title under one item get distinct names.
    expect(by("I4-L1-03").map((e: { path: string }) => e.path)).toEqual([
      "I4/I4-L1-03_Notulen.pdf",
      "I4/I4-L1-03_Notulen (2).pdf",
    ]);
    const codes = (code: string) => by(code)[0].problems.map((p: { code: string }) => p.code);
    expect(codes("I4-L1-02")).toEqual(["too_large"]);
    expect(by("I4-L1-02")[0].problems[0].message.id).toContain("kompres");
    expect(codes("I1-L1-01")).toEqual(["wrong_type"]);
    expect(by("I1-L1-01")[0].problems[0].message.id).toContain("hanya pdf, jpg, jpeg, png");
    expect(codes("I1-L2-01")).toEqual(["not_a_file"]);
    expect(codes("I1-L2-02")).toEqual(["returned"]);
    expect(totals).toMatchObject({ documents: 7, files: 3, held: 4 });
    // Narrowed to one unit's items, to one indicator, or to what was accepted internally.
    const ofUnitB = (
      await coordinator.call("GET", `/api/assessments/${id}/portal/package?unit=${unitB}`)
    ).json();
    expect(new Set(ofUnitB.entries.map((e: { indicator: string }) => e.indicator))).toEqual(new Set(["I1"]));
    const i4 = (await coordinator.call("GET", `/api/assessments/${id}/portal/package?indicator=I4`)).json();
    expect(i4.totals.documents).toBe(4);
    const accepted = (
      await coordinator.call("GET", `/api/assessments/${id}/portal/package?accepted=1`)
    ).json();
    expect(accepted.entries).toEqual([]);
    expect(
      (await coordinator.call("GET", `/api/assessments/${id}/portal/package?indicator=I99`)).statusCode,
    ).toBe(404);
  });

  it("exports the ZIP: files named by item, the index sheet and the notes; refused files stay out", async () => {
    const res = await coordinator.call("GET", `/api/assessments/${id}/portal/package.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toMatch(/paket-portal-.*2026\.zip/);
    const files = await unzip(res.rawPayload);
    expect(Object.keys(files).sort()).toEqual([
      "I4/I4-L1-01_SK Tim Koordinasi Pemdi 2026.pdf",
      "I4/I4-L1-03_Notulen (2).pdf",
      "I4/I4-L1-03_Notulen.pdf",
      "catatan-unggah.txt",
      "indeks-paket-portal.xlsx",
    ]);
    // The bytes are the uploaded file's.
    expect(files["I4/I4-L1-01_SK Tim Koordinasi Pemdi 2026.pdf"]?.equals(sk)).toBe(true);
    const notes = files["catatan-unggah.txt"]?.toString("utf8") ?? "";
    expect(notes).toContain("I4-L1-01\r\nLihat halaman 2.");
    expect(notes).toContain("I1-L2-01\r\nTautan: https://bandung.go.id/renstra");
    const book = await workbook(files["indeks-paket-portal.xlsx"] as Buffer);
    const sheet = book.getWorksheet("Paket portal");
    const rows = (sheet?.getSheetValues() ?? []).slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows).toHaveLength(7);
    const row = (code: string) => rows.find((r) => r[0] === code) ?? [];
    expect(row("I4-L1-01")).toEqual([
      "I4-L1-01",
      "I4",
      1,
      "SK Tim Koordinasi: Pemdi/2026",
      "I4/I4-L1-01_SK Tim Koordinasi Pemdi 2026.pdf",
      Math.ceil(sk.length / 1024),
      "Lihat halaman 2.",
      "Diskominfo",
      "Menunggu pemeriksaan",
    ]);
    expect(String(row("I4-L1-02")[9])).toMatch(/^Tidak disertakan: Berkas .* melebihi batas portal/);
    // Nobody but the instansi's coordinator (and administrators) exports it.
    expect((await operatorB.call("GET", `/api/assessments/${id}/portal/package.zip`)).statusCode).toBe(403);
  });

  it("marks an item uploaded to the portal, notices a new file version, refuses a stale mark", async () => {
    const itemsNow = async () =>
      (await coordinator.call("GET", `/api/assessments/${id}/items`)).json() as {
        items: { code: string; portal: { changed: boolean; markedBy: string; version: number } | null }[];
        can: { portal: boolean };
      };
    const before = await itemsNow();
    expect(before.can.portal).toBe(true);
    expect(before.items.find((i) => i.code === "I4-L1-01")?.portal).toBeNull();
    const mark = await coordinator.call("PUT", `/api/assessments/${id}/portal/uploads/I4-L1-01`, {
      uploaded: true,
      version: 0,
    });
    expect(mark.json()).toEqual({ code: "I4-L1-01", uploaded: true, version: 1 });
    expect((await itemsNow()).items.find((i) => i.code === "I4-L1-01")?.portal).toMatchObject({
      changed: false,
      markedBy: "koordinator",
      version: 1,
    });
    // A new version of the SK in Matang after it went to the portal: the mark says so.
    const i4 = (await coordinator.call("GET", `/api/assessments/${id}/indicators`))
      .json()
      .items.find((i: { code: string }) => i.code === "I4");
    const evidenceId = i4.evidence.find((e: { item: string }) => e.item === "I4-L1-01").evidenceId;
    await upload(
      coordinator,
      { indicator: "I4", item: "I4-L1-01", title: "SK Tim Koordinasi", evidenceId },
      { name: "sk-revisi.pdf", type: "application/pdf", content: pdf(1300, "revisi") },
    );
    expect((await itemsNow()).items.find((i) => i.code === "I4-L1-01")?.portal?.changed).toBe(true);
    // Marked again (the new file uploaded too): current again. A stale version is refused.
    const stale = await coordinator.call("PUT", `/api/assessments/${id}/portal/uploads/I4-L1-01`, {
      uploaded: true,
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("version_conflict");
    await coordinator.call("PUT", `/api/assessments/${id}/portal/uploads/I4-L1-01`, {
      uploaded: true,
      version: 1,
    });
    expect((await itemsNow()).items.find((i) => i.code === "I4-L1-01")?.portal).toMatchObject({
      changed: false,
      version: 2,
    });
    // Taken back; unknown codes and other people are refused; every change is audited.
    await coordinator.call("PUT", `/api/assessments/${id}/portal/uploads/I4-L1-01`, {
      uploaded: false,
      version: 2,
    });
    expect((await itemsNow()).items.find((i) => i.code === "I4-L1-01")?.portal).toBeNull();
    expect(
      (
        await coordinator.call("PUT", `/api/assessments/${id}/portal/uploads/I4`, {
          uploaded: true,
          version: 0,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await operatorB.call("PUT", `/api/assessments/${id}/portal/uploads/I1-L1-01`, {
          uploaded: true,
          version: 0,
        })
      ).statusCode,
    ).toBe(403);
    const audit = (await admin.call("GET", `/api/audit?entityType=indicator&pageSize=100`)).json();
    const actions = (audit.items ?? []).map((a: { action: string }) => a.action);
    expect(actions.filter((a: string) => a.startsWith("portal.")).sort()).toEqual([
      "portal.mark_uploaded",
      "portal.mark_uploaded",
      "portal.unmark_uploaded",
    ]);
  });

  it("imports the portal's verdicts and interim values from pasted text: problems by line first, then returns go to units", async () => {
    const paste = (text: string, extra: Record<string, unknown> = {}) =>
      coordinator.call("POST", `/api/assessments/${id}/official/import`, {
        stage: "interim",
        asOf: "2026-09-20",
        text,
        ...extra,
      });
    const broken = await paste(
      [
        "Kode Butir\tStatus\tCatatan Asesor",
        "I4-L1-01\tDiterima\t",
        "I4-L9-01\tDiterima\t",
        "I4-L1-02\tTolak\t",
        "I1\t6\t",
        "I4-L1-01\tDiterima\t",
      ].join("\n"),
    );
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe("invalid_table");
    expect(
      broken.json().error.details.map((p: { line: number; code: string }) => `${p.line} ${p.code}`),
    ).toEqual(["3 unknown_code", "4 unknown_status", "5 out_of_range", "6 duplicate"]);
    const table = [
      "Kode Butir\tStatus\tCatatan Asesor",
      "I4-L1-01\tDiterima\t",
      "I4-L1-02\tRevisi: tidak tepat\tYang diunggah notulen, bukan rencana kolaborasi.",
      "I1-L1-01\tRevisi: belum diunggah\tDokumen tidak dapat dibuka.",
      "I1-L2-01\tRevisi: ditolak otomatis\t",
      "",
      "Indikator\tNilai",
      "I1\t2,10",
      "I4\t1.5",
      "Indeks\t1,87",
    ].join("\r\n");
    const preview = (await paste(table, { dryRun: true, dueDate: "2026-09-25" })).json();
    expect(preview).toMatchObject({ dryRun: true, verdicts: 4, accepted: 1, changed: 4 });
    expect(preview.returned.map((r: { item: string; unitName: string }) => [r.item, r.unitName])).toEqual([
      ["I4-L1-02", "Diskominfo"],
      ["I1-L1-01", "Bappeda"],
      ["I1-L2-01", "Bappeda"],
    ]);
    expect((await coordinator.call("GET", `/api/assessments/${id}/official`)).json().stages).toEqual([]);
    // Only the instansi's coordinator (or an administrator) brings the portal's figures in.
    expect((await paste(table, { dueDate: "2026-09-25" })).statusCode).toBe(200);
    expect(
      (
        await operatorB.call("POST", `/api/assessments/${id}/official/import`, {
          stage: "interim",
          asOf: "2026-09-20",
          text: table,
        })
      ).statusCode,
    ).toBe(403);
    const official = (await coordinator.call("GET", `/api/assessments/${id}/official`)).json();
    expect(official.stages).toHaveLength(1);
    expect(official.stages[0]).toMatchObject({
      stage: "interim",
      asOf: "2026-09-20",
      index: 1.87,
      indexDisplay: "1.87",
      indexSource: "printed",
      predicate: "Cukup",
    });
    expect(
      official.stages[0].indicators.map((i: { code: string; value: number }) => [i.code, i.value]),
    ).toEqual([
      ["I1", 2.1],
      ["I4", 1.5],
    ]);
    expect(official.verdicts.find((v: { item: string }) => v.item === "I4-L1-02")).toMatchObject({
      status: "wrong_object",
      note: "Yang diunggah notulen, bukan rencana kolaborasi.",
      unitName: "Diskominfo",
    });
    // Official figures stay apart: Matang's own headline is still its own stage's.
    const assessment = (await coordinator.call("GET", `/api/assessments/${id}`)).json();
    expect(assessment.headline.source).toBe("stage");
    // The unit sees the portal's verdict on its own items, with the note, and is told.
    const items = (await operatorB.call("GET", `/api/assessments/${id}/items`)).json().items;
    expect(items.find((i: { code: string }) => i.code === "I1-L1-01").official).toMatchObject({
      status: "not_uploaded",
      note: "Dokumen tidak dapat dibuka.",
      asOf: "2026-09-20",
    });
    expect(items.some((i: { code: string }) => i.code.startsWith("I4-"))).toBe(false);
    const told = (await operatorB.call("GET", "/api/notifications")).json().items;
    expect(
      told.filter(
        (n: { kind: string; payload: { source?: string } }) =>
          n.kind === "returned" && n.payload.source === "portal",
      ),
    ).toHaveLength(2);
    expect((await operatorB.call("GET", `/api/assessments/${id}/official`)).statusCode).toBe(403);
  });

  it("opens the clarification: indicators below the claim, largest loss first, with answers, a session and a printed brief", async () => {
    // The instansi's claims: I1 3,00 and I4 2,75 (the portal gave 2,10 and 1,50).
    for (const [code, level] of [
      ["I1", 3],
      ["I4", 2.75],
    ] as const) {
      const r = await coordinator.call("PUT", `/api/assessments/${id}/indicators/${code}/answer`, {
        level,
        explanation: "Penjelasan klaim.",
        version: 0,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const workspace = async () =>
      (await coordinator.call("GET", `/api/assessments/${id}/clarification`)).json();
    const open = await workspace();
    expect(open).toMatchObject({
      open: true,
      interim: { asOf: "2026-09-20", index: 1.87 },
      can: { edit: true },
    });
    // I4 costs 5 × 1,25 / 100 = 0,0625 of the index, I1 5 × 0,90 / 100 = 0,045.
    expect(
      open.indicators.map((i: { code: string; loss: number }) => [i.code, Number(i.loss.toFixed(4))]),
    ).toEqual([
      ["I4", 0.0625],
      ["I1", 0.045],
    ]);
    expect(open.totals.loss).toBeCloseTo(0.1075, 10);
    const i4 = open.indicators[0];
    expect(i4.returned).toEqual([
      { item: "I4-L1-02", status: "wrong_object", note: "Yang diunggah notulen, bukan rencana kolaborasi." },
    ]);
    const plan = i4.evidence.find((e: { item: string }) => e.item === "I4-L1-02");
    const save = (body: Record<string, unknown>) =>
      coordinator.call("PUT", `/api/assessments/${id}/clarification/indicators/I4`, {
        responderUnitId: unitA,
        responderName: "Rina (Diskominfo)",
        attendees: "Kepala Diskominfo, Rina",
        slot: "09:30",
        rebuttal: "Rencana kolaborasi ada di lampiran II dokumen yang sama, halaman 4–6.",
        evidenceIds: [plan.id],
        status: "ready",
        outcome: "",
        itemOutcomes: {},
        version: 0,
        ...body,
      });
    expect((await save({})).json()).toEqual({ code: "I4", version: 1 });
    expect((await save({})).statusCode).toBe(409);
    expect((await save({ slot: "9.30", version: 1 })).json().error.code).toBe("invalid_time");
    expect(
      (await save({ evidenceIds: ["00000000-0000-4000-8000-000000000000"], version: 1 })).json().error.code,
    ).toBe("invalid_evidence");
    expect((await save({ itemOutcomes: { "I1-L1-01": "accepted" }, version: 1 })).json().error.code).toBe(
      "invalid_item",
    );
    expect(
      (
        await coordinator.call("PUT", `/api/assessments/${id}/clarification/session`, {
          date: "2026-09-23",
          place: "Ruang rapat Setda / Zoom",
          version: 0,
        })
      ).json(),
    ).toEqual({ version: 1 });
    const saved = (await workspace()).indicators[0].clarification;
    expect(saved).toMatchObject({
      responderUnitName: "Diskominfo",
      status: "ready",
      slot: "09:30",
      version: 1,
    });
    // The brief, in the order of the session, with the assessor's note, our answer and the document.
    const brief = await coordinator.call("GET", `/api/assessments/${id}/clarification/brief.pdf`);
    expect(brief.statusCode).toBe(200);
    const text = await pdfText(brief.rawPayload);
    for (const expected of [
      "BAHAN KLARIFIKASI (INTERVIU)",
      "23 September 2026",
      "Ruang rapat Setda / Zoom",
      "I4 — Tingkat Kematangan Kolaborasi Pemerintah Digital",
      "Yang diunggah notulen, bukan rencana kolaborasi.",
      "Rencana kolaborasi ada di lampiran II",
      "I4-L1-02 — Rencana kolaborasi",
      "Kepala Diskominfo, Rina",
    ])
      expect(text).toContain(expected);
    expect(text.indexOf("1. I4 —")).toBeLessThan(text.indexOf("2. I1 —"));
    // A unit's people do not read the instansi's whole answer; nobody but the coordinator writes it.
    expect((await operatorB.call("GET", `/api/assessments/${id}/clarification`)).statusCode).toBe(403);
    // After the interview: the outcome per item.
    expect(
      (
        await save({
          status: "concluded",
          outcome: "Asesor menerima lampiran II.",
          itemOutcomes: { "I4-L1-02": "accepted" },
          version: 1,
        })
      ).json().version,
    ).toBe(2);
  });

  it("takes the filled template as Excel for the final values, and the next verdict replaces the last", async () => {
    const template = await coordinator.call("GET", `/api/assessments/${id}/official/template.xlsx`);
    expect(template.statusCode).toBe(200);
    const book = await workbook(template.rawPayload);
    const items = book.getWorksheet("Butir");
    const values = book.getWorksheet("Nilai");
    expect(items?.getRow(2).getCell(1).value).toBe("I1-L1-01");
    const rowOf = (sheet: typeof items, code: string) => {
      let found = 0;
      sheet?.eachRow((row, n) => {
        if (row.getCell(1).value === code) found = n;
      });
      return sheet?.getRow(found);
    };
    const fill = (sheet: typeof items, code: string, b: string | number, c = "") => {
      const row = rowOf(sheet, code);
      if (!row) throw new Error(code);
      row.getCell(2).value = b;
      row.getCell(3).value = c;
    };
    fill(items, "I4-L1-02", "Diterima");
    fill(values, "I1", 2.37);
    fill(values, "I4", "2,5");
    fill(values, "Indeks", 2.04);
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const send = (fields: Record<string, string>) => {
      const body = multipart(fields, {
        name: "hasil-akhir.xlsx",
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content: filled,
      });
      return app.inject({
        method: "POST",
        url: `/api/assessments/${id}/official/import.xlsx`,
        payload: body.payload,
        headers: { "content-type": body.contentType, "x-csrf-token": coordinator.csrf },
        cookies: { matang_session: coordinator.cookie },
      });
    };
    const res = await send({ stage: "final", asOf: "2026-10-30" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ verdicts: 1, accepted: 1, returned: [] });
    const official = (await coordinator.call("GET", `/api/assessments/${id}/official`)).json();
    expect(official.stages.map((s: { stage: string; index: number }) => [s.stage, s.index])).toEqual([
      ["interim", 1.87],
      ["final", 2.04],
    ]);
    expect(official.stages[1].indicators.find((i: { code: string }) => i.code === "I4").value).toBe(2.5);
    expect(official.verdicts.find((v: { item: string }) => v.item === "I4-L1-02").status).toBe("accepted");
    expect(official.imports.map((i: { stage: string; source: string }) => [i.stage, i.source])).toEqual([
      ["final", "hasil-akhir.xlsx"],
      ["interim", "paste"],
    ]);
    // The final values close the clarification's loop: what it gained, per indicator and in all.
    const closed = (await coordinator.call("GET", `/api/assessments/${id}/clarification`)).json();
    expect(closed.final).toMatchObject({ asOf: "2026-10-30", index: 2.04 });
    const i4 = closed.indicators.find((i: { code: string }) => i.code === "I4");
    expect(i4.gained.value).toBeCloseTo(1, 10);
    expect(i4.gained.index).toBeCloseTo(0.05, 10);
    expect(closed.totals.gained).toBeCloseTo(0.17, 10);
    // The report and the workbook carry the official figures in their own section, dated.
    const pdf = await coordinator.call("GET", `/api/assessments/${id}/report.pdf`);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain("Hasil resmi portal (bukan nilai Matang)");
    expect(text).toContain("2026-09-20");
    expect(text).toContain("Revisi: belum diunggah");
    const xlsx = await workbook(
      (await coordinator.call("GET", `/api/assessments/${id}/export.xlsx`)).rawPayload,
    );
    const rows = (xlsx.getWorksheet("Hasil resmi portal")?.getSheetValues() ?? [])
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 5));
    expect(rows).toContainEqual(["Akhir", "2026-10-30", "Indeks", 2.04]);
    expect(rows).toContainEqual(["Sementara", "2026-09-20", "I1", 2.1]);
    // A bad field or a file that is not a workbook changes nothing.
    expect((await send({ stage: "akhir", asOf: "2026-10-30" })).statusCode).toBe(400);
    expect((await send({ stage: "final", asOf: "30-10-2026" })).json().error.code).toBe("invalid_date");
  });
});
