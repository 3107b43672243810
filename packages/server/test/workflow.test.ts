import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { score } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { and, desc, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { auditLog, evidence, evidenceFiles, notifications, organizations, users } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { pdfText } from "./documents.js";
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
const framework = frameworks.get("permenpanrb-59-2020");
if (!framework) throw new Error("framework missing");
const CODES = framework.indicators.map((i) => i.code);

const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n"),
  Buffer.alloc(20_000, 32),
  Buffer.from("\n%%EOF\n"),
]);
/** A Windows executable renamed to look like a PDF. */
const EXE = Buffer.concat([
  Buffer.from("MZ"),
  Buffer.alloc(62),
  Buffer.from("PE\0\0"),
  Buffer.alloc(4000, 1),
]);

const farFuture = { start: "2026-01-01", end: "2099-12-31" };
const SCHEDULE = {
  self_assessment: farFuture,
  document_review: farFuture,
  interview: farFuture,
  visit: farFuture,
  consolidation: farFuture,
  validation: farFuture,
};

describe.each(ENGINES)("evaluation workflow on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let storageDir: string;
  let bandung: string;
  let bogor: string;
  let unitA: string;
  let unitB: string;
  let cycleId: string;
  let assessmentId: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let coordinator: Client;
  let operatorA: Client;
  let operatorB: Client;
  let assessor: Client;
  let otherAssessor: Client;
  let reviewer: Client;
  let assessorId: string;

  beforeAll(async () => {
    database = await seededDatabase(engine);
    storageDir = mkdtempSync(join(tmpdir(), "matang-evidence-"));
    app = await buildApp({
      db: database.db,
      frameworks,
      storage: new LocalStorage(storageDir),
      maxUploadBytes: 256 * 1024,
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
    const orgs = await database.db.select().from(organizations);
    bandung = orgs.find((o) => o.name === "Pemerintah Kota Bandung")?.id ?? "";
    bogor = orgs.find((o) => o.name === "Pemerintah Kota Bogor")?.id ?? "";
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    unitA = (
      await admin.call("POST", "/api/organizations", { kind: "unit", name: "Diskominfo", parentId: bandung })
    ).json().id;
    unitB = (
      await admin.call("POST", "/api/organizations", { kind: "unit", name: "Bappeda", parentId: bandung })
    ).json().id;
    await addUser(database, "koordinator@bandung.go.id", "coordinator", bandung);
    await addUser(database, "opd-a@bandung.go.id", "operator", unitA);
    await addUser(database, "opd-b@bandung.go.id", "operator", unitB);
    assessorId = (await addUser(database, "asesor@kampus.ac.id", "external_assessor", null)).id;
    await addUser(database, "asesor2@kampus.ac.id", "external_assessor", null);
    await addUser(database, "reviu@kemenpan.go.id", "reviewer", null);
    coordinator = await client(app, "koordinator@bandung.go.id");
    operatorA = await client(app, "opd-a@bandung.go.id");
    operatorB = await client(app, "opd-b@bandung.go.id");
    assessor = await client(app, "asesor@kampus.ac.id");
    otherAssessor = await client(app, "asesor2@kampus.ac.id");
    reviewer = await client(app, "reviu@kemenpan.go.id");
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** Upload as a browser would, with the caller's session and CSRF token. */
  const uploadAs = (who: Client, fields: Record<string, string>, file: { name: string; content: Buffer }) => {
    const body = multipart(fields, { ...file, type: "application/pdf" });
    return app.inject({
      method: "POST",
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": who.csrf },
      cookies: { matang_session: who.cookie },
    });
  };

  it("opens a cycle and enrols participants one by one and in bulk", async () => {
    const created = await admin.call("POST", "/api/cycles", {
      year: 2026,
      name: "Evaluasi SPBE 2026",
      frameworkId: "permenpanrb-59-2020",
      kind: "evaluation",
      schedule: SCHEDULE,
    });
    expect(created.statusCode).toBe(201);
    cycleId = created.json().id;
    expect(
      (await coordinator.call("POST", "/api/cycles", { ...created.json(), id: undefined })).statusCode,
    ).toBe(400);
    expect(
      (
        await coordinator.call("POST", "/api/cycles", {
          year: 2026,
          name: "x",
          frameworkId: "permenpanrb-59-2020",
          kind: "evaluation",
          schedule: {},
        })
      ).statusCode,
    ).toBe(403);

    const one = await admin.call("POST", `/api/cycles/${cycleId}/participants`, {
      organizationIds: [bandung],
    });
    expect(one.json()).toEqual({ created: 1, alreadyEnrolled: 0 });
    const provinces = await admin.call("POST", `/api/cycles/${cycleId}/participants`, {
      kinds: ["provinsi"],
    });
    expect(provinces.json()).toEqual({ created: 38, alreadyEnrolled: 0 });
    const all = await admin.call("POST", `/api/cycles/${cycleId}/participants`, { all: true });
    expect(all.json()).toEqual({ created: 621 - 39, alreadyEnrolled: 39 });
    expect((await admin.call("GET", `/api/cycles/${cycleId}`)).json().participants).toBe(621);
    expect(
      (
        await admin.call("POST", `/api/cycles/${cycleId}/assessors`, {
          userId: assessorId,
          organizationId: bandung,
        })
      ).statusCode,
    ).toBe(200);
    const mine = (await coordinator.call("GET", `/api/assessments?cycle=${cycleId}`)).json().items;
    expect(mine.map((a: { organizationName: string }) => a.organizationName)).toEqual([
      "Pemerintah Kota Bandung",
    ]);
    assessmentId = mine[0].id;
  });

  it("lets the coordinator assign indicators to units; each operator sees only its own", async () => {
    // A due date already passed is refused; next year's is taken.
    const past = await coordinator.call("PUT", `/api/assessments/${assessmentId}/indicators/1/assignments`, {
      units: [{ unitId: unitA, dueDate: "2020-05-31" }],
      version: 0,
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe("due_in_past");
    const due = `${new Date().getFullYear() + 1}-05-31`;
    for (const code of CODES) {
      const units = code === "2" ? [{ unitId: unitB, dueDate: due }] : [{ unitId: unitA, dueDate: due }];
      const res = await coordinator.call(
        "PUT",
        `/api/assessments/${assessmentId}/indicators/${code}/assignments`,
        {
          units,
          version: 0,
        },
      );
      expect(res.json()).toEqual({ ok: true, version: 1 });
    }
    const a = (await operatorA.call("GET", `/api/assessments/${assessmentId}/indicators`)).json().items;
    expect(a).toHaveLength(46);
    expect(a.map((i: { code: string }) => i.code)).not.toContain("2");
    const b = (await operatorB.call("GET", `/api/assessments/${assessmentId}/indicators`)).json().items;
    expect(b.map((i: { code: string }) => i.code)).toEqual(["2"]);
    const [note] = await database.db
      .select()
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(users.email, "opd-b@bandung.go.id"));
    expect(note?.notifications.kind).toBe("assignment");
    // A unit of another instansi cannot be made responsible.
    const foreign = (
      await admin.call("POST", "/api/organizations", {
        kind: "unit",
        name: "Diskominfo Bogor",
        parentId: bogor,
      })
    ).json().id;
    const refused = await coordinator.call(
      "PUT",
      `/api/assessments/${assessmentId}/indicators/1/assignments`,
      {
        units: [{ unitId: foreign, dueDate: null }],
        version: 1,
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("invalid_unit");
    // Two coordinators editing the same assignment: the second, on a stale version, gets 409.
    const stale = await coordinator.call("PUT", `/api/assessments/${assessmentId}/indicators/3/assignments`, {
      units: [{ unitId: unitB, dueDate: null }],
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ version: 1, units: [{ unitId: unitA }] });
    const listed = (await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators`)).json()
      .items;
    expect(listed.find((i: { code: string }) => i.code === "3").assignmentVersion).toBe(1);
  });

  it("keeps unit A's operator away from unit B's indicator", async () => {
    const write = await operatorA.call(
      "PUT",
      `/api/assessments/${assessmentId}/indicators/2/units/${unitB}`,
      {
        level: 3,
        explanation: "bukan urusan saya",
        status: "ready",
        version: 0,
      },
    );
    expect(write.statusCode).toBe(403);
    expect(
      (await operatorA.call("GET", `/api/assessments/${assessmentId}/indicators/2/thread`)).statusCode,
    ).toBe(403);
    const res = await uploadAs(
      operatorA,
      { indicator: "2", level: "1", title: "Salah alamat" },
      { name: "a.pdf", content: PDF },
    );
    expect(res.statusCode).toBe(403);
  });

  it("takes unit answers with versions: a stale write gets 409 and the current value", async () => {
    const url = `/api/assessments/${assessmentId}/indicators/1/units/${unitA}`;
    const first = await operatorA.call("PUT", url, {
      level: 3,
      explanation: "Perwal 12/2024 pasal 3",
      status: "in_progress",
      version: 0,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(1);
    const stale = await operatorA.call("PUT", url, {
      level: 4,
      explanation: "lain",
      status: "ready",
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ level: 3, version: 1 });
    const ready = await operatorA.call("PUT", url, {
      level: 3,
      explanation: "Perwal 12/2024 pasal 3–5",
      status: "ready",
      version: 1,
    });
    expect(ready.json()).toMatchObject({ status: "ready", version: 2 });
    const invalid = await operatorA.call("PUT", url, {
      level: 7,
      explanation: "",
      status: "ready",
      version: 2,
    });
    expect(invalid.json().error.code).toBe("invalid_level");
    // Each save is in the indicator's history with what it replaced; the refused ones are not.
    const thread = (
      await operatorA.call("GET", `/api/assessments/${assessmentId}/indicators/1/thread`)
    ).json();
    const draft = { unitId: unitA, level: 3, explanation: "Perwal 12/2024 pasal 3", status: "in_progress" };
    expect(
      thread.history
        .filter((h: { action: string }) => h.action === "indicator.unit_answer")
        .map((h: { before: unknown; after: unknown }) => [h.before, h.after]),
    ).toEqual([
      [null, draft],
      [draft, { ...draft, explanation: "Perwal 12/2024 pasal 3–5", status: "ready" }],
    ]);
    await operatorB.call("PUT", `/api/assessments/${assessmentId}/indicators/2/units/${unitB}`, {
      level: 2,
      explanation: "Peta rencana 2025",
      status: "ready",
      version: 0,
    });
  });

  let evidenceId: string;
  let linkLevel1: string;

  it("stores uploads by content with a checksum, and downloads them back intact", async () => {
    const res = await uploadAs(
      operatorA,
      { indicator: "1", level: "1", title: "Rancangan Perwal Arsitektur SPBE" },
      { name: "rancangan perwal.pdf", content: PDF },
    );
    expect(res.statusCode).toBe(201);
    const sha256 = createHash("sha256").update(PDF).digest("hex");
    expect(res.json()).toMatchObject({ sha256, size: PDF.length, mediaType: "application/pdf" });
    evidenceId = res.json().evidenceId;
    linkLevel1 = res.json().linkId;

    const download = await operatorA.call("GET", `/api/evidence/${evidenceId}/content`);
    expect(download.statusCode).toBe(200);
    expect(createHash("sha256").update(download.rawPayload).digest("hex")).toBe(sha256);
    expect(download.headers["content-disposition"]).toMatch(/^inline; filename="rancangan perwal.pdf"/);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    // Stored under a generated name, never the user's.
    const stored = readdirSync(join(storageDir, "objects"), { recursive: true }).map(String);
    expect(stored.some((f) => f.includes("rancangan"))).toBe(false);
    // The operator of another unit may not read it; nor may an assessor of another instansi.
    expect((await operatorB.call("GET", `/api/evidence/${evidenceId}/content`)).statusCode).toBe(403);
    expect((await otherAssessor.call("GET", `/api/evidence/${evidenceId}/content`)).statusCode).toBe(403);

    // A new version keeps the previous one.
    const second = await uploadAs(
      operatorA,
      { indicator: "1", level: "1", title: "Rancangan Perwal", evidenceId },
      { name: "v2.pdf", content: Buffer.concat([PDF, Buffer.from("v2")]) },
    );
    expect(second.statusCode).toBe(201);
    const versions = (await coordinator.call("GET", `/api/evidence/${evidenceId}`)).json();
    expect(versions.files).toHaveLength(2);
    const link = await coordinator.call("POST", `/api/assessments/${assessmentId}/evidence-links`, {
      indicator: "1",
      level: 2,
      url: "https://jdih.bandung.go.id/perwal-12-2024",
      title: "Perwal 12/2024 di JDIH",
    });
    expect(link.statusCode).toBe(201);
    // An indicator the framework does not have: the same answer as the assessment's own routes.
    const unknown = await coordinator.call("POST", `/api/assessments/${assessmentId}/evidence-links`, {
      indicator: "999",
      level: 1,
      url: "https://jdih.bandung.go.id/x",
      title: "X",
    });
    const thread = await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators/999/thread`);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, "not_found"]);
    expect([thread.statusCode, thread.json().error.code]).toEqual([404, "not_found"]);
  });

  it("refuses a renamed executable and anything too large, leaving nothing behind", async () => {
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(evidenceFiles);
    for (const [content, status, code] of [
      [EXE, 415, "unsupported_type"],
      [Buffer.concat([PDF, Buffer.alloc(300 * 1024)]), 413, "file_too_large"],
    ] as const) {
      const body = multipart(
        { indicator: "1", level: "1", title: "laporan" },
        { name: "laporan.pdf", type: "application/pdf", content },
      );
      const res = await app.inject({
        method: "POST",
        url: `/api/assessments/${assessmentId}/evidence`,
        payload: body.payload,
        headers: { "content-type": body.contentType, "x-csrf-token": operatorA.csrf },
        cookies: { matang_session: operatorA.cookie },
      });
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(evidenceFiles);
    expect(after).toEqual(before);
    expect(readdirSync(join(storageDir, "tmp"))).toEqual([]);
  });

  it("leaves no record and no file when an upload is cut off half way", async () => {
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = new URL(address);
    const filesBefore = readdirSync(join(storageDir, "objects"), { recursive: true }).length;
    const rowsBefore = await database.db.select({ n: sql<number>`count(*)::int` }).from(evidence);
    const body = multipart(
      { indicator: "1", level: "1", title: "terputus" },
      { name: "besar.pdf", type: "application/pdf", content: PDF },
    );
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(
          `POST /api/assessments/${assessmentId}/evidence HTTP/1.1\r\nHost: localhost\r\nCookie: matang_session=${operatorA.cookie}\r\n` +
            `x-csrf-token: ${operatorA.csrf}\r\nContent-Type: ${body.contentType}\r\nContent-Length: ${body.payload.length}\r\n\r\n`,
        );
        socket.write(body.payload.subarray(0, Math.floor(body.payload.length / 2)));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 300);
      });
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(readdirSync(join(storageDir, "objects"), { recursive: true }).length).toBe(filesBefore);
    expect(readdirSync(join(storageDir, "tmp"))).toEqual([]);
    expect(await database.db.select({ n: sql<number>`count(*)::int` }).from(evidence)).toEqual(rowsBefore);
  });

  it("lets the coordinator return an indicator to a unit, then consolidate every answer", async () => {
    const returned = await coordinator.call("POST", `/api/assessments/${assessmentId}/indicators/1/return`, {
      unitId: unitA,
      note: "Lampirkan pasal yang mengatur integrasi.",
    });
    expect(returned.statusCode).toBe(200);
    let indicators = (await operatorA.call("GET", `/api/assessments/${assessmentId}/indicators`)).json()
      .items;
    expect(indicators.find((i: { code: string }) => i.code === "1")).toMatchObject({
      status: "returned",
      unitAnswers: [{ status: "returned", returnNote: "Lampirkan pasal yang mengatur integrasi." }],
    });
    // The note stays while the unit works on it, and goes once the unit marks it ready again.
    const url = `/api/assessments/${assessmentId}/indicators/1/units/${unitA}`;
    const { version } = indicators.find((i: { code: string }) => i.code === "1").unitAnswers[0];
    const working = await operatorA.call("PUT", url, {
      level: 3,
      explanation: "Perwal 12/2024 pasal 3–5 dan pasal 9 (integrasi)",
      status: "in_progress",
      version,
    });
    expect(working.json()).toMatchObject({
      status: "in_progress",
      returnNote: "Lampirkan pasal yang mengatur integrasi.",
      version: version + 1,
    });
    const again = await operatorA.call("PUT", url, {
      level: 3,
      explanation: "Perwal 12/2024 pasal 3–5 dan pasal 9 (integrasi)",
      status: "ready",
      version: version + 1,
    });
    expect(again.json()).toMatchObject({ status: "ready", returnNote: null, version: version + 2 });
    for (const code of CODES) {
      const level = code === "1" ? 3 : code === "2" ? 2 : 3;
      const res = await coordinator.call(
        "PUT",
        `/api/assessments/${assessmentId}/indicators/${code}/answer`,
        {
          level,
          explanation: `Fakta, analisis dan justifikasi indikator ${code}.`,
          version: 0,
        },
      );
      expect(res.statusCode, code).toBe(200);
    }
    indicators = (await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators`)).json().items;
    expect(indicators.every((i: { status: string }) => i.status === "done")).toBe(true);
    const thread = (
      await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators/1/thread`)
    ).json();
    expect(thread.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining([
        "indicator.assign",
        "indicator.unit_answer",
        "evidence.upload",
        "indicator.return",
        "indicator.stage.self",
      ]),
    );
    await operatorA.call("POST", `/api/assessments/${assessmentId}/indicators/1/comments`, {
      body: "Sudah kami lengkapi.",
    });
    expect(
      (await coordinator.call("GET", `/api/assessments/${assessmentId}/indicators/1/thread`)).json()
        .comments[0],
    ).toMatchObject({
      author: "opd-a@bandung.go.id",
      body: "Sudah kami lengkapi.",
    });
  });

  it("submits only when every indicator has a level and an explanation, then closes unit edits", async () => {
    await coordinator.call("PUT", `/api/assessments/${assessmentId}/indicators/47/answer`, {
      level: 3,
      explanation: "",
      version: 1,
    });
    const refused = await coordinator.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "submitted",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: "incomplete", details: { missing: ["47"] } });
    await coordinator.call("PUT", `/api/assessments/${assessmentId}/indicators/47/answer`, {
      level: 3,
      explanation: "Lengkap.",
      version: 2,
    });
    expect(
      (await operatorA.call("POST", `/api/assessments/${assessmentId}/transitions`, { to: "submitted" }))
        .statusCode,
    ).toBe(403);
    const submitted = await coordinator.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "submitted",
    });
    expect(submitted.json()).toMatchObject({ state: "submitted" });
    const late = await operatorA.call("PUT", `/api/assessments/${assessmentId}/indicators/3/units/${unitA}`, {
      level: 5,
      explanation: "terlambat",
      status: "ready",
      version: 0,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("stage_closed");
    const minutes = await coordinator.call("GET", `/api/assessments/${assessmentId}/minutes.pdf`);
    expect(minutes.headers["content-type"]).toBe("application/pdf");
    expect(minutes.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // In Bahasa Indonesia throughout: the moment in WIB, the table's header on every page, a
    // signature block for the coordinator and the head of the instansi.
    const text = (await pdfText(minutes.rawPayload)).replace(/\s+/g, " ");
    expect(text).toContain("BERITA ACARA PENILAIAN MANDIRI SPBE");
    expect(text).toMatch(/Tanggal penyampaian: \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    expect(text).toMatch(/Indeks penilaian mandiri: \d,\d{2} \(/);
    const pages = (text.match(/halaman \d+ dari (\d+)/) ?? [])[1];
    expect(Number(pages)).toBeGreaterThan(1);
    // The table's header on each page it runs over (the signatures may take a page of their own).
    const headers = text.split("No. Indikator Tingkat").length - 1;
    expect(headers).toBeGreaterThanOrEqual(Math.max(2, Number(pages) - 1));
    // The cycle's name already says its year: it is not said twice.
    expect(text).toContain("Evaluasi SPBE 2026");
    expect(text).not.toContain("2026 (2026)");
    expect(text).toContain("Mengetahui, Pimpinan instansi");
    expect(text).toContain("Koordinator SPBE,");

    // Sent back: the submission no longer stands, and its date lives on in the history only.
    const first = (await coordinator.call("GET", `/api/assessments/${assessmentId}`)).json().submittedAt;
    expect(first).toBeTruthy();
    // Going back needs a reason, which the history keeps.
    const bare = await admin.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "self_assessment",
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe("reason_required");
    const back = await admin.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "self_assessment",
      reason: "Bukti indikator 3 belum lengkap",
    });
    expect(back.statusCode).toBe(200);
    expect((await coordinator.call("GET", `/api/assessments/${assessmentId}`)).json().submittedAt).toBeNull();
    const [moved] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "assessment.transition"), eq(auditLog.entityId, assessmentId)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(moved?.before).toMatchObject({ state: "submitted", submittedAt: first });
    expect(moved?.after).toMatchObject({
      state: "self_assessment",
      submittedAt: null,
      reason: "Bukti indikator 3 belum lengkap",
    });
    const again = await coordinator.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "submitted",
    });
    expect(again.json()).toMatchObject({ state: "submitted" });
  });

  it("shows the instansi to its assigned assessor only", async () => {
    expect((await otherAssessor.call("GET", `/api/assessments/${assessmentId}`)).statusCode).toBe(403);
    expect((await otherAssessor.call("GET", "/api/assessments")).json().items).toEqual([]);
    expect(
      (await assessor.call("GET", "/api/assessments")).json().items.map((a: { id: string }) => a.id),
    ).toEqual([assessmentId]);
    expect(
      (
        await otherAssessor.call("POST", `/api/assessments/${assessmentId}/transitions`, {
          to: "document_review",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("runs the assessor stages, evidence review with gating, consolidation, validation and publication", async () => {
    // Moving on despite unscored indicators is confirmed (checked below where it matters).
    const go = async (who: Client, to: string) => {
      const res = await who.call("POST", `/api/assessments/${assessmentId}/transitions`, {
        to,
        confirm: true,
      });
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    };
    await go(assessor, "document_review");
    // Evidence review: level 1 accepted, the link for level 2 returned for revision.
    const items = (await assessor.call("GET", `/api/assessments/${assessmentId}/indicators`)).json().items;
    const one = items.find((i: { code: string }) => i.code === "1");
    const level2 = one.evidence.find((e: { level: number }) => e.level === 2);
    const accepted = await assessor.call(
      "PUT",
      `/api/assessments/${assessmentId}/evidence-links/${linkLevel1}/review`,
      { review: "accepted", version: 1 },
    );
    expect(accepted.json()).toMatchObject({ review: "accepted", version: 2 });
    expect(
      (
        await assessor.call("PUT", `/api/assessments/${assessmentId}/evidence-links/${level2.id}/review`, {
          review: "revision",
          version: 1,
        })
      ).json().error.code,
    ).toBe("reason_required");
    await assessor.call("PUT", `/api/assessments/${assessmentId}/evidence-links/${level2.id}/review`, {
      review: "revision",
      reason: "outdated",
      note: "Perwal sudah dicabut.",
      version: 1,
    });
    const gated = (await assessor.call("GET", `/api/assessments/${assessmentId}/indicators`))
      .json()
      .items.find((i: { code: string }) => i.code === "1");
    // Level 1 counts; level 2 went back for revision, which is where the chain stops.
    expect(gated).toMatchObject({
      claimedLevel: 3,
      supportedLevel: 1,
      gating: { blockedAt: 2, blockedBy: "returned" },
    });

    // Document review: every indicator one level below the claim, except indicator 1 at 1.
    const documentLevels: Record<string, number> = {};
    for (const code of CODES) {
      const level = code === "1" ? 1 : code === "2" ? 1 : 2;
      documentLevels[code] = level;
      const res = await assessor.call(
        "PUT",
        `/api/assessments/${assessmentId}/indicators/${code}/stages/document`,
        {
          level,
          note: "Fakta → analisis → justifikasi.",
          version: 0,
        },
      );
      expect(res.statusCode, code).toBe(200);
    }
    // A stage that is not open refuses: the interview has not started.
    const early = await assessor.call(
      "PUT",
      `/api/assessments/${assessmentId}/indicators/5/stages/interview`,
      { level: 4, note: "", version: 0 },
    );
    expect(early.json().error.code).toBe("stage_closed");
    await go(assessor, "interview");
    // Only indicator 5 is discussed in the interview; the rest keep their document score.
    await assessor.call("PUT", `/api/assessments/${assessmentId}/indicators/5/stages/interview`, {
      level: 4,
      note: "Klarifikasi.",
      version: 0,
    });
    // Moving on says which indicators this stage did not score, and waits for a confirmation.
    const untouched = CODES.filter((c) => c !== "5");
    const board = (await assessor.call("GET", `/api/assessments/${assessmentId}`)).json();
    expect(board.moves.find((m: { to: string }) => m.to === "consolidation").unscored).toEqual(untouched);
    const unconfirmed = await assessor.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "consolidation",
    });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error).toMatchObject({
      code: "stage_incomplete",
      details: { missing: untouched },
    });
    expect((await assessor.call("GET", `/api/assessments/${assessmentId}`)).json().state).toBe("interview");
    await go(assessor, "consolidation"); // no visit for this instansi
    const [confirmed] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "assessment.transition"), eq(auditLog.entityId, assessmentId)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(confirmed?.after).toMatchObject({ state: "consolidation", confirmed: true, unscored: untouched });
    await assessor.call("PUT", `/api/assessments/${assessmentId}/indicators/42/stages/final`, {
      level: 3,
      note: "Final.",
      version: 0,
    });
    // Publication needs validation first.
    expect(
      (await admin.call("POST", `/api/assessments/${assessmentId}/transitions`, { to: "published" })).json()
        .error.code,
    ).toBe("invalid_transition");
    await go(assessor, "validation");
    const verdict = await reviewer.call(
      "PUT",
      `/api/assessments/${assessmentId}/indicators/42/stages/validation`,
      {
        verdict: "not_valid",
        note: "Bukti integrasi tidak ada.",
        version: 0,
      },
    );
    expect(verdict.json()).toMatchObject({ verdict: "not_valid" });
    expect(
      (await assessor.call("POST", `/api/assessments/${assessmentId}/transitions`, { to: "published" }))
        .statusCode,
    ).toBe(403);
    // Not valid: publication waits, naming the indicator; the assessor is the one to act.
    const waiting = await admin.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to: "published",
    });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error).toMatchObject({ code: "validation_open", details: { indicators: ["42"] } });
    expect((await admin.call("GET", `/api/assessments/${assessmentId}`)).json().blocked.publish).toEqual({
      code: "validation_open",
      indicators: ["42"],
    });
    const reviewRow = async (who: Client, code: string) =>
      (await who.call("GET", `/api/assessments/${assessmentId}/indicators`))
        .json()
        .items.find((i: { code: string }) => i.code === code);
    expect(await reviewRow(reviewer, "42")).toMatchObject({ review: { next: "assessor" } });
    expect(await reviewRow(assessor, "42")).toMatchObject({ can: { score: true } });
    // The assessor corrects only what was sent back, in the final stage.
    expect(await reviewRow(assessor, "41")).toMatchObject({ can: { score: false } });
    const other = await assessor.call("PUT", `/api/assessments/${assessmentId}/indicators/41/stages/final`, {
      level: 4,
      note: "Tidak diminta.",
      version: 0,
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe("not_sent_back");
    const corrected = await assessor.call(
      "PUT",
      `/api/assessments/${assessmentId}/indicators/42/stages/final`,
      { level: 3, note: "Final, dengan bukti integrasi dari Diskominfo.", version: 1 },
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    // Corrected: the review team looks again, and publication still waits for it.
    expect(await reviewRow(reviewer, "42")).toMatchObject({
      stages: { validation: { verdict: "corrected" } },
      review: { next: "review" },
    });
    expect(
      (await admin.call("POST", `/api/assessments/${assessmentId}/transitions`, { to: "published" })).json()
        .error.code,
    ).toBe("validation_open");
    await reviewer.call("PUT", `/api/assessments/${assessmentId}/indicators/42/stages/validation`, {
      verdict: "valid",
      note: "Sudah sesuai.",
      version: 2,
    });
    expect(await reviewRow(reviewer, "42")).toMatchObject({ review: { next: null } });
    await go(admin, "published");

    // Per-stage indices, computed by the core.
    const view = (await coordinator.call("GET", `/api/assessments/${assessmentId}`)).json();
    expect(view.state).toBe("published");
    const self = Object.fromEntries(CODES.map((c) => [c, c === "2" ? 2 : 3]));
    const interview = { ...documentLevels, "5": 4 };
    const final = { ...interview, "42": 3 };
    expect(view.scores.self.index).toBeCloseTo(score(framework, self).index ?? 0, 12);
    expect(view.scores.document.index).toBeCloseTo(score(framework, documentLevels).index ?? 0, 12);
    expect(view.scores.interview.index).toBeCloseTo(score(framework, interview).index ?? 0, 12);
    expect(view.scores.final.index).toBeCloseTo(score(framework, final).index ?? 0, 12);
    expect(view.scores.final.predicate).toBe(score(framework, final).predicate);
    expect(view.scores.self.domains).toHaveLength(4);
    expect(view.validation).toEqual({ valid: 1, notValid: 0, corrected: 0 });
    // After publication nothing changes any more.
    const frozen = await admin.call("PUT", `/api/assessments/${assessmentId}/indicators/42/stages/final`, {
      level: 5,
      note: "",
      version: 2,
    });
    expect(frozen.json().error.code).toBe("stage_closed");
  });

  it("closes a stage at its end date unless an administrator reopens it", async () => {
    const past = { start: "2020-01-01", end: "2020-06-30" };
    const cycle = (
      await admin.call("POST", "/api/cycles", {
        year: 2020,
        name: "Pemantauan lama",
        frameworkId: "permenpanrb-59-2020",
        kind: "monitoring",
        schedule: { ...SCHEDULE, self_assessment: past },
      })
    ).json();
    await admin.call("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [bandung] });
    const [assessment] = (await coordinator.call("GET", `/api/assessments?cycle=${cycle.id}`)).json().items;
    const url = `/api/assessments/${assessment.id}/indicators/1/answer`;
    const closed = await coordinator.call("PUT", url, { level: 2, explanation: "x", version: 0 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toMatchObject({
      code: "stage_closed",
      message: expect.stringContaining("2020-06-30"),
    });
    expect(
      (await coordinator.call("POST", `/api/assessments/${assessment.id}/reopen`, { days: 3 })).statusCode,
    ).toBe(403);
    expect(
      (await admin.call("POST", `/api/assessments/${assessment.id}/reopen`, { days: 3 })).statusCode,
    ).toBe(200);
    expect((await coordinator.call("PUT", url, { level: 2, explanation: "x", version: 0 })).statusCode).toBe(
      200,
    );
  });

  it("lets an administrator rename a cycle and change its schedule later, with a version check", async () => {
    const past = { start: "2021-01-01", end: "2021-06-30" };
    const cycle = (
      await admin.call("POST", "/api/cycles", {
        year: 2021,
        name: "Pemantauan 2021",
        frameworkId: "permenpanrb-59-2020",
        kind: "monitoring",
        schedule: { self_assessment: past },
      })
    ).json();
    await admin.call("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [bandung] });
    const [assessment] = (await coordinator.call("GET", `/api/assessments?cycle=${cycle.id}`)).json().items;
    const url = `/api/assessments/${assessment.id}/indicators/1/answer`;
    expect((await coordinator.call("PUT", url, { level: 2, explanation: "x", version: 0 })).statusCode).toBe(
      409,
    );
    // Only administrators change a schedule.
    const body = {
      name: "Pemantauan SPBE 2021",
      schedule: { self_assessment: { start: "2021-01-01", end: "2099-12-31" } },
      version: cycle.version,
    };
    expect((await coordinator.call("PUT", `/api/cycles/${cycle.id}`, body)).statusCode).toBe(403);
    const changed = await admin.call("PUT", `/api/cycles/${cycle.id}`, body);
    expect(changed.json()).toMatchObject({ name: "Pemantauan SPBE 2021", version: cycle.version + 1 });
    // The stage is open again: the instansi answers.
    expect((await coordinator.call("PUT", url, { level: 2, explanation: "x", version: 0 })).statusCode).toBe(
      200,
    );
    // A second change from the same old version is refused, naming what is there now.
    const stale = await admin.call("PUT", `/api/cycles/${cycle.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ name: "Pemantauan SPBE 2021" });
    // A window that ends before it starts is refused.
    const backwards = await admin.call("PUT", `/api/cycles/${cycle.id}`, {
      ...body,
      schedule: { self_assessment: { start: "2021-06-30", end: "2021-01-01" } },
      version: cycle.version + 1,
    });
    expect(backwards.statusCode).toBeGreaterThanOrEqual(400);
    expect(backwards.statusCode).toBeLessThan(500);
  });

  it("copies forward the previous final answers and evidence links, statuses reset", async () => {
    const open = async (year: number, frameworkId: string) => {
      const cycle = (
        await admin.call("POST", "/api/cycles", {
          year,
          name: `Evaluasi ${year}`,
          frameworkId,
          kind: "evaluation",
          schedule: SCHEDULE,
        })
      ).json();
      await admin.call("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [bandung] });
      return (await coordinator.call("GET", `/api/assessments?cycle=${cycle.id}`)).json().items[0]
        .id as string;
    };
    const next = await open(2027, "permenpanrb-59-2020");
    const report = await coordinator.call("POST", `/api/assessments/${next}/copy-forward`, {});
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ from: assessmentId, evidenceLinks: 2, skipped: [] });
    expect(report.json().copied).toHaveLength(47);
    const items = (await coordinator.call("GET", `/api/assessments/${next}/indicators`)).json().items;
    const byCode = (code: string) => items.find((i: { code: string }) => i.code === code);
    // Final scores of 2026 become the starting answers: indicator 5 was raised to 4 in the interview.
    expect(byCode("5")).toMatchObject({ claimedLevel: 4, status: "in_progress" });
    expect(byCode("42").claimedLevel).toBe(3);
    expect(byCode("1").evidence.map((e: { review: string }) => e.review)).toEqual(["pending", "pending"]);
    // Running it again overwrites nothing.
    const again = (
      await coordinator.call("POST", `/api/assessments/${next}/copy-forward`, { from: assessmentId })
    ).json();
    expect(again.copied).toEqual([]);
    expect(again.skipped).toHaveLength(47);

    // Another framework needs a declared mapping; levels must exist on the new scale.
    const other = await open(2028, "permenpanrb-5-2018");
    expect(
      (
        await coordinator.call("POST", `/api/assessments/${other}/copy-forward`, { from: assessmentId })
      ).json().error.code,
    ).toBe("mapping_required");
    const mapped = (
      await coordinator.call("POST", `/api/assessments/${other}/copy-forward`, {
        from: assessmentId,
        mapping: { "1": "3", "42": "32", "99": "1" },
      })
    ).json();
    expect(mapped.copied).toEqual(["3", "32"]);
    expect(mapped.skipped).toEqual([{ code: "99", reason: "not in the source framework" }]);

    // The instansi's assessments over the years, each scored with its own framework.
    const years = (await coordinator.call("GET", `/api/assessments/${next}/history`)).json().items;
    // (2020 and 2021: the monitoring cycles of the schedule tests above.)
    expect(years.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2026, 2027, 2028]);
    const published = years.find((y: { year: number }) => y.year === 2026);
    expect(published).toMatchObject({ state: "published", stage: "final" });
    expect(published.index).toBeCloseTo(
      score(framework, {
        ...Object.fromEntries(CODES.map((c) => [c, c === "1" || c === "2" ? 1 : 2])),
        "5": 4,
        "42": 3,
      }).index ?? 0,
      12,
    );
    expect(years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ stage: "self" });
    expect((await otherAssessor.call("GET", `/api/assessments/${next}/history`)).statusCode).toBe(403);
  });
});
