// Issue 24 (part 3): an upload cut half-way by a dropped connection goes on from where the server
// stopped receiving (tus 1.0.0), on disk and in object storage, on both database engines, and
// becomes evidence byte for byte with the same checks as any upload. Only its owner may see or
// continue it.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEMO_PASSWORD } from "../src/bootstrap.js";
import { resumableUploads } from "../src/evidence/resumable.js";
import { S3Storage } from "../src/evidence/s3-storage.js";
import { type EvidenceStorage, LocalStorage } from "../src/evidence/storage.js";
import { currentAssessmentOf, demoDatabase, ENGINES, type Engine } from "./harness.js";
import { startS3, type TestS3 } from "./s3.js";

const frameworks = builtinFrameworks();
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A 3 MB PDF-like file: a real header, then bytes no two positions share by accident. */
const SCAN = Buffer.concat([
  Buffer.from("%PDF-1.4\n"),
  randomBytes(3 * 1024 * 1024),
  Buffer.from("\n%%EOF\n"),
]);

const meta = (entries: Record<string, string>) =>
  Object.entries(entries)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`)
    .join(",");

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3.close());

describe.each(
  ENGINES.flatMap((engine) => (["disk", "s3"] as const).map((where) => [engine, where] as const)),
)("resumable uploads on %s, evidence on %s", (engine: Engine, where) => {
  let database: Awaited<ReturnType<typeof demoDatabase>>;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let storage: EvidenceStorage;
  let assessmentId: string;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    database = await demoDatabase(engine, ADMIN);
    dir = mkdtempSync(join(tmpdir(), "matang-resumable-"));
    storage =
      where === "disk"
        ? new LocalStorage(join(dir, "evidence"))
        : await S3Storage.create({ ...s3.settings, prefix: `${engine}/` }, join(dir, "scratch"));
    app = await buildApp({
      db: database.db,
      listen: database.listen,
      frameworks,
      storage,
      maxUploadBytes: 8 * 1024 * 1024,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    for (const email of ["koordinator@demo.matang.id", "operator@demo.matang.id"]) {
      const login = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      sessions[email] = {
        cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
        csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
      };
    }
    assessmentId = await currentAssessmentOf(database, "Pemerintah Kota Bandung");
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (email = "koordinator@demo.matang.id") => {
    const s = sessions[email] as { cookie: string; csrf: string };
    return { cookie: s.cookie, "x-csrf-token": s.csrf, "tus-resumable": "1.0.0" };
  };

  async function begin(size: number, name = "pindaian-perwal.pdf", who?: string) {
    return fetch(`${base}/api/uploads`, {
      method: "POST",
      headers: {
        ...as(who),
        "upload-length": String(size),
        "upload-metadata": meta({ filename: name, assessment: assessmentId }),
      },
    });
  }

  /** Send `bytes` from `offset`, the connection dropping after `cutAfter` bytes if given. */
  function send(location: string, offset: number, bytes: Buffer, cutAfter?: number): Promise<number | "cut"> {
    return new Promise((resolve) => {
      const req = httpRequest(`${base}${location}`, {
        method: "PATCH",
        headers: {
          ...as(),
          "upload-offset": String(offset),
          "content-type": "application/offset+octet-stream",
          "content-length": String(bytes.length),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve("cut"));
      if (cutAfter === undefined) {
        req.end(bytes);
        return;
      }
      // A 3G connection going away: part of the body, then nothing.
      req.write(bytes.subarray(0, cutAfter), () => setTimeout(() => req.destroy(), 300));
    });
  }

  async function offsetOf(location: string, who?: string) {
    const head = await fetch(`${base}${location}`, { method: "HEAD", headers: as(who) });
    return { status: head.status, offset: Number(head.headers.get("upload-offset")) };
  }

  it("goes on after the connection drops half-way, and the stored file is byte-identical", async () => {
    const created = await begin(SCAN.length);
    expect(created.status).toBe(201);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);

    expect(await send(location, 0, SCAN, 1_600_000)).toBe("cut");
    // The server kept what reached it; the client asks where to go on from.
    let offset = 0;
    await expect
      .poll(async () => {
        ({ offset } = await offsetOf(location));
        return offset;
      })
      .toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(1_600_000);

    // Not finished: recording it is refused, and says how far it got.
    const early = await fetch(`${base}/api/assessments/${assessmentId}/evidence/resumable`, {
      method: "POST",
      headers: { ...as(), "content-type": "application/json" },
      body: JSON.stringify({ upload: location.split("/").pop(), indicator: "1", level: 1, title: "Perwal" }),
    });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe("upload_incomplete");

    expect(await send(location, offset, SCAN.subarray(offset))).toBe(204);
    expect((await offsetOf(location)).offset).toBe(SCAN.length);

    const done = await fetch(`${base}/api/assessments/${assessmentId}/evidence/resumable`, {
      method: "POST",
      headers: { ...as(), "content-type": "application/json" },
      body: JSON.stringify({
        upload: location.split("/").pop(),
        indicator: "1",
        level: 1,
        title: "Perwal SPBE (pindaian)",
      }),
    });
    expect(done.status).toBe(201);
    const recorded = (await done.json()) as {
      evidenceId: string;
      sha256: string;
      size: number;
      mediaType: string;
    };
    expect(recorded).toMatchObject({ sha256: sha256(SCAN), size: SCAN.length, mediaType: "application/pdf" });
    const download = await fetch(`${base}/api/evidence/${recorded.evidenceId}/content?download=true`, {
      headers: as(),
    });
    const body = Buffer.from(await download.arrayBuffer());
    expect(body.equals(SCAN)).toBe(true);
    // Recorded once: the upload is gone, and cannot be recorded a second time.
    expect((await offsetOf(location)).status).toBe(404);
  });

  it("keeps a finished upload whose recording was refused, to be recorded once the fields are right", async () => {
    const scan = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(200_000)]);
    const location = (await begin(scan.length)).headers.get("location") ?? "";
    expect(await send(location, 0, scan)).toBe(204);
    const recordAs = (fields: Record<string, unknown>) =>
      fetch(`${base}/api/assessments/${assessmentId}/evidence/resumable`, {
        method: "POST",
        headers: { ...as(), "content-type": "application/json" },
        body: JSON.stringify({ upload: location.split("/").pop(), title: "SK Tim SPBE", ...fields }),
      });
    const wrong = await recordAs({ indicator: "999", level: 1 });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    expect((await offsetOf(location)).offset).toBe(scan.length);
    if (where === "disk") expect(await storage.temporary()).toEqual([]);

    const right = await recordAs({ indicator: "1", level: 1 });
    expect(right.status).toBe(201);
    const recorded = (await right.json()) as { evidenceId: string; sha256: string; size: number };
    expect(recorded).toMatchObject({ sha256: sha256(scan), size: scan.length });
    expect((await offsetOf(location)).status).toBe(404);
    // The stored file outlives the upload it came from, byte for byte.
    const download = await fetch(`${base}/api/evidence/${recorded.evidenceId}/content?download=true`, {
      headers: as(),
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(scan)).toBe(true);
  });

  it("lets nobody else see or continue an upload, and checks size and room before a byte is sent", async () => {
    const created = await begin(1000);
    const location = created.headers.get("location") ?? "";
    const other = "operator@demo.matang.id";
    expect((await offsetOf(location, other)).status).toBe(404);
    const theirs = await fetch(`${base}/api/assessments/${assessmentId}/evidence/resumable`, {
      method: "POST",
      headers: { ...as(other), "content-type": "application/json" },
      body: JSON.stringify({ upload: location.split("/").pop(), indicator: "1", level: 1, title: "x" }),
    });
    expect(theirs.status).toBe(404);
    const anonymous = await fetch(`${base}${location}`, {
      method: "HEAD",
      headers: { "tus-resumable": "1.0.0" },
    });
    expect(anonymous.status).toBe(401);

    const huge = await begin(9 * 1024 * 1024);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
    const nowhere = await fetch(`${base}/api/uploads`, {
      method: "POST",
      headers: { ...as(), "upload-length": "10", "upload-metadata": meta({ filename: "a.pdf" }) },
    });
    expect(nowhere.status).toBe(400);
    // The owner gives it up.
    const gone = await fetch(`${base}${location}`, { method: "DELETE", headers: as() });
    expect(gone.status).toBe(204);
    expect((await offsetOf(location)).status).toBe(404);
  });

  it("sweeps uploads left waiting longer than they may, finished or not", async () => {
    const waiting = (await begin(5000)).headers.get("location") ?? "";
    const finished = (await begin(100)).headers.get("location") ?? "";
    expect(await send(finished, 0, Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(91, 65)]))).toBe(
      204,
    );
    const fresh = await resumableUploads(storage, { expiryMs: 60_000, maxBytes: 1e9 });
    expect(await fresh.sweep()).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    const stale = await resumableUploads(storage, { expiryMs: 1000, maxBytes: 1e9 });
    expect(await stale.sweep()).toBeGreaterThanOrEqual(2);
    expect((await offsetOf(waiting)).status).toBe(404);
    expect((await offsetOf(finished)).status).toBe(404);
  });

  it("refuses a finished upload whose content is not evidence, and keeps nothing of it", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), randomBytes(4000)]);
    const created = await begin(exe.length, "laporan.pdf");
    const location = created.headers.get("location") ?? "";
    expect(await send(location, 0, exe)).toBe(204);
    const refused = await fetch(`${base}/api/assessments/${assessmentId}/evidence/resumable`, {
      method: "POST",
      headers: { ...as(), "content-type": "application/json" },
      body: JSON.stringify({ upload: location.split("/").pop(), indicator: "1", level: 1, title: "Laporan" }),
    });
    expect(refused.status).toBe(415);
    expect((await offsetOf(location)).status).toBe(404);
  });
});
