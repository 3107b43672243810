// Issue 23 (part 1): evidence that reads itself. Real PDFs made here are uploaded, read in the
// background (a scan without text is said to be one) and found by full-text search in
// Indonesian — "pengaturan" finds a "Peraturan", a number and year find the regulation — always
// within what the searcher may read.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { DEMO_PASSWORD } from "../src/bootstrap.js";
import { assessments, evidenceTexts, organizations } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { readPendingTexts } from "../src/evidence/text-reader.js";
import { pdfOf } from "./documents.js";
import { addUser, client, demoDatabase, ENGINES, multipart, PASSWORD, type TestDatabase } from "./harness.js";

const frameworks = builtinFrameworks();
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };

/** OCR is there (Debian's tesseract-ocr with tesseract-ocr-ind, and pdftoppm), or CI requires it. */
const ocrRequired = process.env.MATANG_REQUIRE_OCR === "1";
const ocrAvailable = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return execFileSync("tesseract", ["--list-langs"], { encoding: "utf8" }).split(/\s+/).includes("ind");
  } catch {
    return false;
  }
})();
if (ocrRequired && !ocrAvailable)
  throw new Error("OCR is required but tesseract (with tesseract-ocr-ind) or pdftoppm is missing");

describe.each(ENGINES)("evidence full-text search on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let storage: LocalStorage;
  let assessmentId: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let coordinator: Client;
  let operator: Client; // Diskominfo: indicators 1–10
  let bappedaOperator: Client; // Bappeda: 11–14
  let elsewhere: Client; // Kota Cimahi's coordinator
  let assessor: Client;
  const uploaded: Record<string, { evidenceId: string; fileId: string }> = {};

  /** The unit's operator uploads a PDF for one level of an indicator; the answer's JSON. */
  const uploadPdf = async (fields: Record<string, string>, name: string, content: Buffer) => {
    const body = multipart(fields, { name, type: "application/pdf", content });
    const res = await app.inject({
      method: "POST",
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": operator.csrf },
      cookies: { matang_session: operator.cookie },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { evidenceId: string; fileId: string };
  };

  beforeAll(async () => {
    database = await demoDatabase(engine, { email: ADMIN.email, password: ADMIN.password });
    storage = new LocalStorage(mkdtempSync(join(tmpdir(), "matang-search-")));
    // Read on demand here, so that each step knows what has been read.
    app = await buildApp({
      db: database.db,
      frameworks,
      storage,
      readTexts: false,
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    const orgs = await database.db.select().from(organizations);
    const find = (name: string) => orgs.find((o) => o.name === name)?.id ?? "";
    const [row] = await database.db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.organizationId, find("Pemerintah Kota Bandung")));
    assessmentId = row?.id ?? "";
    await addUser(
      database,
      "operator@bappeda.demo.matang.id",
      "operator",
      find("Badan Perencanaan Pembangunan Daerah"),
    );
    coordinator = await client(app, "koordinator@demo.matang.id", DEMO_PASSWORD);
    operator = await client(app, "operator@demo.matang.id", DEMO_PASSWORD);
    bappedaOperator = await client(app, "operator@bappeda.demo.matang.id", PASSWORD);
    elsewhere = await client(app, "koordinator.cimahi@demo.matang.id", DEMO_PASSWORD);
    assessor = await client(app, "asesor@demo.matang.id", DEMO_PASSWORD);

    const upload = async (name: string, indicator: string, title: string, content: Buffer) => {
      uploaded[name] = await uploadPdf({ indicator, level: "1", title }, `${name}.pdf`, content);
    };
    await upload(
      "perwal",
      "1",
      "Perwal arsitektur",
      await pdfOf([
        "WALI KOTA BANDUNG",
        "PERATURAN WALI KOTA BANDUNG NOMOR 12 TAHUN 2019 TENTANG ARSITEKTUR SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
        "Pasal 3. Arsitektur SPBE Pemerintah Kota memuat referensi dan domain proses bisnis, data dan informasi, infrastruktur, aplikasi, keamanan, dan layanan.",
      ]),
    );
    await upload(
      "laporan",
      "2",
      "Laporan reviu kebijakan",
      await pdfOf([
        "LAPORAN REVIU KEBIJAKAN INTERNAL PETA RENCANA SPBE TAHUN 2024",
        "Tim reviu menyimpulkan bahwa peta rencana telah diselaraskan dengan rencana strategis daerah.",
      ]),
    );
    await upload("pindaian", "3", "SK Tim Koordinasi (pindaian)", await pdfOf([]));
    expect(await readPendingTexts(database.db, storage, 100)).toBeGreaterThanOrEqual(3);
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const search = (who: Client, query: string) =>
    who.call("GET", `/api/evidence/search?${new URLSearchParams({ q: query, assessment: assessmentId })}`);

  it("reads each uploaded PDF's text in the background, and says when a file has none", async () => {
    const status = async (name: string) =>
      (
        await database.db
          .select()
          .from(evidenceTexts)
          .where(eq(evidenceTexts.fileId, uploaded[name]?.fileId ?? ""))
      )[0];
    expect(await status("perwal")).toMatchObject({ status: "done", pages: 1 });
    expect((await status("perwal"))?.text).toContain("NOMOR 12 TAHUN 2019");
    // A scan without a text layer: nothing to search, said so (OCR, where installed, found no letters either).
    expect(await status("pindaian")).toMatchObject({ status: "no_text", text: "" });
    // Its length in characters, written with it (the near-empty finding reads it for every file listed).
    const perwal = await status("perwal");
    expect(perwal?.chars).toBe([...(perwal?.text ?? "")].length);
  });

  it("says how far reading has come, over the files the caller may read", async () => {
    const progress = async (who: Client) => {
      const res = await who.call("GET", `/api/assessments/${assessmentId}/evidence-reading`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect(await progress(coordinator)).toMatchObject({
      files: 3,
      done: 2,
      noText: 1,
      pending: 0,
      failed: 0,
    });
    expect(await progress(operator)).toMatchObject({ files: 3 });
    // Bappeda answers other indicators: none of these files is theirs to count.
    expect(await progress(bappedaOperator)).toMatchObject({ files: 0 });
    expect(
      (await elsewhere.call("GET", `/api/assessments/${assessmentId}/evidence-reading`)).statusCode,
    ).toBe(403);
  });

  it("finds a regulation by another form of its word, and by its number and year, with the match highlighted", async () => {
    // "pengaturan" and "peraturan" share the stem "atur".
    const found = await search(coordinator, "pengaturan");
    expect(found.statusCode, found.body).toBe(200);
    const [first] = found.json().items;
    expect(first).toMatchObject({
      evidenceId: uploaded.perwal?.evidenceId,
      versionId: uploaded.perwal?.fileId,
      indicator: "1",
      level: 1,
    });
    const marked = first.marks.map((m: { start: number; end: number }) =>
      first.snippet.slice(m.start, m.end),
    );
    expect(marked.map((w: string) => w.toLowerCase())).toContain("peraturan");
    const byNumber = (await search(coordinator, "Nomor 12 Tahun 2019")).json();
    expect(byNumber.items.map((i: { title: string }) => i.title)).toEqual(["Perwal arsitektur"]);
    // A title is searched too, and ranks: the review report by its own title.
    const byTitle = (await search(coordinator, "reviu kebijakan")).json();
    expect(byTitle.items[0]).toMatchObject({ title: "Laporan reviu kebijakan", indicator: "2" });
    // The scan is found by its title only.
    expect((await search(coordinator, "pindaian")).json().total).toBe(1);
  });

  it("searches only what the searcher may read: the unit's own indicators, the assigned assessor, never another city", async () => {
    expect((await search(operator, "peraturan")).json().total).toBe(1);
    // Bappeda answers indicators 11–14: Diskominfo's evidence is not theirs to read.
    expect((await search(bappedaOperator, "peraturan")).json()).toMatchObject({ items: [], total: 0 });
    const cimahi = await elsewhere.call(
      "GET",
      `/api/evidence/search?${new URLSearchParams({ q: "peraturan" })}`,
    );
    expect(cimahi.statusCode).toBe(200);
    expect(cimahi.json()).toMatchObject({ items: [], total: 0 });
    expect((await search(assessor, "peraturan")).json().total).toBe(1);
    const anonymous = await app.inject({ method: "GET", url: "/api/evidence/search?q=peraturan" });
    expect(anonymous.statusCode).toBe(401);
  });

  it("searches a new file version's text, not the replaced one's", async () => {
    const version = await uploadPdf(
      {
        indicator: "1",
        level: "1",
        title: "Perwal arsitektur",
        evidenceId: uploaded.perwal?.evidenceId ?? "",
      },
      "perwal-perubahan.pdf",
      await pdfOf(["PERATURAN WALI KOTA BANDUNG NOMOR 7 TAHUN 2024 TENTANG PERUBAHAN ATAS ARSITEKTUR SPBE"]),
    );
    await readPendingTexts(database.db, storage, 10);
    expect((await search(coordinator, "Nomor 12 Tahun 2019")).json().total).toBe(0);
    const found = (await search(coordinator, "perubahan")).json();
    expect(found.items[0]).toMatchObject({ versionId: version.fileId });
  });

  it.skipIf(!ocrAvailable && !ocrRequired)(
    "reads a scanned page by OCR, in Indonesian, and finds it",
    async () => {
      // A scan: the page as a picture only (drawn from a text PDF by pdftoppm), no text layer.
      const work = mkdtempSync(join(tmpdir(), "matang-scan-"));
      const source = join(work, "sumber.pdf");
      writeFileSync(
        source,
        await pdfOf(
          [
            "KEPUTUSAN WALI KOTA BANDUNG",
            "TENTANG PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
          ],
          22,
        ),
      );
      execFileSync("pdftoppm", ["-r", "150", "-png", "-singlefile", source, join(work, "halaman")]);
      const scan = await new Promise<Buffer>((resolve) => {
        const doc = new PDFDocument({ size: "A4", margin: 0 });
        const chunks: Buffer[] = [];
        doc.on("data", (c: Buffer) => chunks.push(c));
        doc.on("end", () => resolve(Buffer.concat(chunks)));
        doc.image(join(work, "halaman.png"), 0, 0, { width: 595 });
        doc.end();
      });
      const scanned = await uploadPdf(
        { indicator: "4", level: "1", title: "SK hasil pindai" },
        "sk-pindai.pdf",
        scan,
      );
      await readPendingTexts(database.db, storage, 10);
      const [read] = await database.db
        .select()
        .from(evidenceTexts)
        .where(eq(evidenceTexts.fileId, scanned.fileId));
      expect(read).toMatchObject({ status: "done", ocrPages: 1 });
      expect(read?.text.toUpperCase()).toContain("KOORDINASI");
      const found = (await search(coordinator, "koordinasi elektronik")).json();
      expect(found.items.map((i: { title: string }) => i.title)).toContain("SK hasil pindai");
    },
  );

  it("answers bad queries with a clear 400 and never a 5xx", async () => {
    for (const q of ["a", "x".repeat(201), "peraturan\u0000", "peraturan\u001b[31m"]) {
      const res = await coordinator.call("GET", `/api/evidence/search?${new URLSearchParams({ q })}`);
      expect(res.statusCode, q).toBe(400);
    }
    // Search syntax people type is taken as words, whatever it holds.
    for (const q of ['"peraturan', "peraturan -", "!!! & | :*", "or or", "(()"]) {
      const res = await coordinator.call("GET", `/api/evidence/search?${new URLSearchParams({ q })}`);
      expect(res.statusCode, q).toBe(200);
    }
    // Broken percent-encoding and UTF-8 as sent by a careless client: an answer, never a 5xx.
    for (const raw of ["%ED%A0%80peraturan", "%FF%FE", "peraturan%", "%E0%A4%A"]) {
      const res = await coordinator.call("GET", `/api/evidence/search?q=${raw}`);
      expect(res.statusCode, raw).toBeLessThan(500);
    }
    const unknownOrg = await coordinator.call(
      "GET",
      "/api/evidence/search?q=peraturan&organization=00000000-0000-4000-8000-000000000000",
    );
    expect(unknownOrg.statusCode).toBe(400);
  });

  // Part 2: pre-checks. Findings on each file version, from its text and the framework's rules
  // (59/2020 here): shown to the uploader and to the assessor, never blocking.
  it("records findings on each version: another city's decree, an outdated review, the wrong kind, a copy, a scan", async () => {
    const garut = await pdfOf([
      "BUPATI GARUT",
      "KEPUTUSAN BUPATI GARUT NOMOR 100/Kep.45-Diskominfo/2022 TENTANG TIM KOORDINASI SPBE",
      "Menimbang: bahwa untuk melaksanakan Sistem Pemerintahan Berbasis Elektronik di Kabupaten Garut perlu dibentuk tim koordinasi.",
      "Ditetapkan di Garut pada tanggal 3 Februari 2022",
    ]);
    const review = await pdfOf([
      "LAPORAN HASIL REVIU KEBIJAKAN SPBE PEMERINTAH KOTA BANDUNG",
      "Bandung, 10 Januari 2020",
      "Tim reviu menilai kebijakan internal tata kelola SPBE dan merekomendasikan perubahannya.",
    ]);
    const other = await uploadPdf(
      { indicator: "5", level: "2", title: "SK Tim Koordinasi" },
      "sk-tim.pdf",
      garut,
    );
    const old = await uploadPdf(
      { indicator: "6", level: "4", title: "Reviu kebijakan 2020" },
      "reviu.pdf",
      review,
    );
    const wrong = await uploadPdf(
      { indicator: "7", level: "2", title: "Kebijakan aplikasi" },
      "kebijakan.pdf",
      review,
    );
    await readPendingTexts(database.db, storage, 10);

    const rows = async (who: Client) => {
      const res = await who.call("GET", `/api/assessments/${assessmentId}/indicators`);
      expect(res.statusCode, res.body).toBe(200);
      type Row = {
        code: string;
        evidence: {
          evidenceId: string;
          level: number;
          file: { findings: { code: string; message: { id: string; en: string }; excerpt: string }[] } | null;
        }[];
      };
      return res.json().items as Row[];
    };
    const findingsOf = (items: Awaited<ReturnType<typeof rows>>, evidenceId: string | undefined) =>
      items.flatMap((r) => r.evidence).find((e) => e.evidenceId === evidenceId)?.file?.findings ?? [];
    const byOperator = await rows(operator);
    const codes = (evidenceId: string | undefined) => findingsOf(byOperator, evidenceId).map((f) => f.code);

    // Another regency's decree: its number and date as metadata, and whose it is, with the words.
    expect(codes(other.evidenceId)).toEqual(["document_number", "document_date", "other_object"]);
    const garutFinding = findingsOf(byOperator, other.evidenceId).find((f) => f.code === "other_object");
    expect(garutFinding?.message.id).toBe(
      "Dokumen ini tampaknya milik Kabupaten GARUT, bukan Pemerintah Kota Bandung.",
    );
    expect(garutFinding?.excerpt).toBe("BUPATI GARUT");
    expect(findingsOf(byOperator, other.evidenceId)[0]?.message.id).toBe(
      "Nomor dokumen: 100/Kep.45-Diskominfo/2022, tahun 2022",
    );
    // A review report from January 2020 for a level asking for a review younger than two years.
    expect(codes(old.evidenceId)).toContain("review_outdated");
    expect(codes(old.evidenceId)).not.toContain("wrong_kind");
    // The same report where a policy (regulation, decree, circular) is asked for; and a copy of it.
    expect(codes(wrong.evidenceId)).toContain("wrong_kind");
    expect(codes(wrong.evidenceId)).toContain("duplicate");
    expect(findingsOf(byOperator, wrong.evidenceId).find((f) => f.code === "duplicate")?.message.id).toMatch(
      /^Berkas yang sama sudah menjadi bukti 6 tingkat 4 \(\d{4}\)/,
    );
    // The copy points at the evidence to link instead.
    expect(findingsOf(byOperator, wrong.evidenceId).find((f) => f.code === "duplicate")).toMatchObject({
      evidenceId: old.evidenceId,
    });
    // Bappeda uploads the same report for its own indicator: Diskominfo's evidence is not Bappeda's
    // to read, so its finding does not name it; the coordinator, who reads both, is told.
    const body = multipart(
      { indicator: "11", level: "4", title: "Reviu (salinan)" },
      { name: "reviu.pdf", type: "application/pdf", content: review },
    );
    const copy = await app.inject({
      method: "POST",
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": bappedaOperator.csrf },
      cookies: { matang_session: bappedaOperator.cookie },
    });
    expect(copy.statusCode, copy.body).toBe(201);
    await readPendingTexts(database.db, storage, 10);
    const copyId = copy.json().evidenceId as string;
    expect(findingsOf(await rows(bappedaOperator), copyId).map((f) => f.code)).not.toContain("duplicate");
    expect(
      findingsOf(await rows(coordinator), copyId).find((f) => f.code === "duplicate")?.message.id,
    ).toMatch(/sudah menjadi bukti 6 tingkat 4 \(\d{4}\) dan 1 tempat lain/);
    // The city's own regulation is its own; a scan says it has no text.
    expect(codes(uploaded.perwal?.evidenceId)).not.toContain("other_object");
    expect(codes(uploaded.pindaian?.evidenceId)).toContain("no_text");

    // The assessor sees the same findings beside the document.
    expect(findingsOf(await rows(assessor), other.evidenceId)).toEqual(
      findingsOf(byOperator, other.evidenceId),
    );
    // And so does the evidence's own page, for each version.
    const versions = await operator.call("GET", `/api/evidence/${other.evidenceId}`);
    expect(versions.statusCode, versions.body).toBe(200);
    expect(versions.json().files[0].findings.map((f: { code: string }) => f.code)).toEqual([
      "document_number",
      "document_date",
      "other_object",
    ]);
  });

  it("shows a unit's operator their indicators as the coordinator sees them, reading only those", async () => {
    const items = async (who: Client) => {
      const res = await who.call("GET", `/api/assessments/${assessmentId}/indicators`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { code: string; evidence: { file: unknown }[] }[];
    };
    // What differs by caller: their abilities, whose proposals they see, and what the findings may
    // name (another unit's evidence is not the operator's to read; the findings test shows that).
    const shared = (item: Record<string, unknown>) => {
      const { can: _can, answerUnitId: _unit, unitAnswers: _answers, evidence, ...rest } = item;
      return {
        ...rest,
        evidence: (evidence as Record<string, unknown>[]).map(({ can: _c, file, ...e }) => {
          const { findings: _f, ...f } = (file ?? {}) as Record<string, unknown>;
          return { ...e, file: file ? f : null };
        }),
      };
    };
    const own = await items(operator);
    const all = await items(coordinator);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    expect(own.flatMap((i) => i.evidence).length).toBeGreaterThan(3);
    for (const item of own) {
      const same = all.find((i) => i.code === item.code);
      expect(shared(item)).toEqual(shared(same as Record<string, unknown>));
    }
  });

  it("lists evidence by indicator, level, unit and verdict without words, and with them", async () => {
    const list = async (who: Client, filters: Record<string, string>) => {
      const res = await who.call(
        "GET",
        `/api/evidence/search?${new URLSearchParams({ assessment: assessmentId, ...filters })}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: {
          title: string;
          indicator: string;
          level: number;
          status: string;
          unitName: string | null;
          snippet: string;
        }[];
        total: number;
      };
    };
    const five = await list(coordinator, { indicator: "5" });
    expect(five.items.map((i) => [i.title, i.level, i.status])).toEqual([
      ["SK Tim Koordinasi", 2, "pending"],
    ]);
    // Browsing shows the document's opening to recognise it.
    expect(five.items[0]?.snippet).toMatch(
      /^BUPATI GARUT KEPUTUSAN BUPATI GARUT NOMOR 100\/Kep.45-Diskominfo\/2022/,
    );
    expect((await list(coordinator, { indicator: "6", level: "4" })).total).toBe(1);
    expect((await list(coordinator, { indicator: "6", level: "2" })).total).toBe(0);
    expect((await list(coordinator, { status: "accepted" })).total).toBe(0);
    // By the unit that provided it: Diskominfo's, with its name; Bappeda provided the copy only.
    const orgs = await database.db.select().from(organizations);
    const unitId = (name: string) => orgs.find((o) => o.name === name)?.id ?? "";
    const diskominfo = await list(coordinator, { unit: unitId("Dinas Komunikasi dan Informatika") });
    expect(diskominfo.total).toBeGreaterThanOrEqual(5);
    expect(new Set(diskominfo.items.map((i) => i.unitName))).toEqual(
      new Set(["Dinas Komunikasi dan Informatika"]),
    );
    expect(
      (await list(coordinator, { unit: unitId("Badan Perencanaan Pembangunan Daerah") })).items.map(
        (i) => i.title,
      ),
    ).toEqual(["Reviu (salinan)"]);
    // Words and filters together; and a unit only lists what it may read.
    expect((await list(coordinator, { q: "reviu", indicator: "7" })).items.map((i) => i.indicator)).toEqual([
      "7",
    ]);
    expect((await list(bappedaOperator, { indicator: "5" })).total).toBe(0);
    expect((await list(elsewhere, {})).total).toBe(0);
    // A filter that is not one answers 400.
    for (const bad of ["status=done", "level=x", "unit=nope", "indicator="])
      expect((await coordinator.call("GET", `/api/evidence/search?${bad}`)).statusCode, bad).toBe(400);
  });
});
