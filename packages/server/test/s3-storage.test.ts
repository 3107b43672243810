// Issue 24 (part 1): evidence in S3-compatible object storage, with the disk's guarantees — streamed,
// SHA-256 checked, all-or-nothing, quota checked while streaming, downloads with ranges — and the
// commands that look after it (check, backup, restore, migrate), on both database engines, against
// an S3 server the test starts itself.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { checkStorage, createBackup, migrateStorage, restoreBackup } from "../src/backup/service.js";
import { DEMO_PASSWORD } from "../src/bootstrap.js";
import { ConfigError, configFromEnv } from "../src/config.js";
import { evidenceTexts } from "../src/db/schema.js";
import { S3Storage } from "../src/evidence/s3-storage.js";
import { LocalStorage, TooLargeError } from "../src/evidence/storage.js";
import { readPendingTexts } from "../src/evidence/text-reader.js";
import {
  client,
  currentAssessmentOf,
  demoDatabase,
  ENGINES,
  type Engine,
  multipart,
  pieces,
  testDatabase,
} from "./harness.js";
import { startS3, type TestS3 } from "./s3.js";

const frameworks = builtinFrameworks();
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };
let s3: TestS3;
let scratchRoot: string;
let prefixes = 0;

beforeAll(async () => {
  s3 = await startS3();
  scratchRoot = mkdtempSync(join(tmpdir(), "matang-s3-scratch-"));
});
afterAll(async () => {
  await s3.close();
  rmSync(scratchRoot, { recursive: true, force: true });
});

/** A storage of its own in the shared bucket (its own key prefix), and the keys it holds. */
async function freshStorage() {
  const n = ++prefixes;
  const prefix = `t${n}/`;
  const storage = await S3Storage.create({ ...s3.settings, prefix }, join(scratchRoot, String(n)));
  const objects = async () =>
    (await s3.objects()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  // What the instance keeps on its own disk (nothing, unless it is reading a file right now).
  const onDisk = () => {
    const tmp = join(scratchRoot, String(n), "tmp");
    return existsSync(tmp) ? readdirSync(tmp) : [];
  };
  return { storage, objects, onDisk };
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function pdfOf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.fontSize(12).text(text);
    doc.end();
  });
}

describe("the object storage itself", () => {
  it("stores a file of several parts whole, with its checksum and head, and serves ranges of it", async () => {
    const { storage, objects } = await freshStorage();
    // 20 MB: three parts of a multipart upload, the network's pieces of every size.
    const bytes = Buffer.alloc(20 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
    const staged = await storage.stage(Readable.from(pieces(bytes)), bytes.length);
    expect(staged.size).toBe(bytes.length);
    expect(staged.sha256).toBe(sha256(bytes));
    expect(staged.head.equals(bytes.subarray(0, 4100))).toBe(true);
    // Until it is committed, it waits apart from the stored files.
    expect(await storage.keys()).toEqual([]);
    expect(await storage.temporary()).toHaveLength(1);
    const key = storage.newKey();
    await storage.commitAs(staged, key);
    expect(await objects()).toEqual([`objects/${key}`]);
    expect(await storage.temporary()).toEqual([]);
    expect((await readAll(storage.open(key))).equals(bytes)).toBe(true);
    const range = await readAll(storage.open(key, { start: 10_000_000, end: 10_000_099 }));
    expect(range.equals(bytes.subarray(10_000_000, 10_000_100))).toBe(true);
    expect(await storage.digest(key)).toEqual({ sha256: sha256(bytes), size: bytes.length });
    expect(await storage.size(key)).toBe(bytes.length);
    expect(await storage.withFile(key, async (path) => existsSync(path))).toBe(true);
    // The local copy made for reading is gone afterwards.
    expect(readdirSync(join(storage.scratch.root, "tmp"))).toEqual([]);
    await storage.remove(key);
    expect(await storage.digest(key)).toBeNull();
  });

  it("leaves nothing when a file is larger than allowed, or the connection breaks off", async () => {
    const { storage, objects } = await freshStorage();
    const big = Buffer.alloc(12 * 1024 * 1024, 1);
    await expect(storage.stage(Readable.from(pieces(big)), 10 * 1024 * 1024)).rejects.toBeInstanceOf(
      TooLargeError,
    );
    async function* broken() {
      yield Buffer.alloc(9 * 1024 * 1024, 1);
      throw new Error("connection reset");
    }
    await expect(storage.stage(Readable.from(broken()), 100 * 1024 * 1024)).rejects.toThrow(
      "connection reset",
    );
    expect(await objects()).toEqual([]);
    expect(await storage.temporary()).toEqual([]);
  });

  it("sweeps what a killed process staged but never recorded, and keeps what is fresh", async () => {
    const { storage, objects } = await freshStorage();
    await storage.stage(Readable.from([Buffer.from("%PDF-1.4 setengah")]), 1000);
    expect(await storage.sweep(60_000)).toBe(0);
    expect(await storage.temporary()).toHaveLength(1);
    expect(await storage.sweep(0)).toBe(1);
    expect(await objects()).toEqual([]);
  });

  it("says which setting to check when the bucket cannot be used", async () => {
    const wrong = await S3Storage.create({ ...s3.settings, bucket: "tidak-ada" }, join(scratchRoot, "wrong"));
    await expect(wrong.ready()).rejects.toThrow(/tidak-ada.*MATANG_S3_BUCKET/);
    await expect(wrong.ready()).rejects.toBeInstanceOf(ConfigError);
  });

  it("is configured by MATANG_S3_* and refuses settings that cannot work", () => {
    expect(configFromEnv({}).s3).toBeUndefined();
    expect(configFromEnv({ ...s3.env }).s3).toMatchObject({ bucket: "matang-uji", forcePathStyle: true });
    // An endpoint of its own means MinIO or Garage: addressed by path unless told otherwise.
    expect(
      configFromEnv({ MATANG_S3_BUCKET: "b", MATANG_S3_ENDPOINT: "http://minio:9000" }).s3?.forcePathStyle,
    ).toBe(true);
    expect(configFromEnv({ MATANG_S3_BUCKET: "b" }).s3?.forcePathStyle).toBe(false);
    expect(() => configFromEnv({ MATANG_S3_ENDPOINT: "http://minio:9000" })).toThrow(/MATANG_S3_BUCKET/);
    expect(() => configFromEnv({ MATANG_S3_BUCKET: "b", MATANG_S3_FORCE_PATH_STYLE: "ya" })).toThrow(
      /MATANG_S3_FORCE_PATH_STYLE/,
    );
    expect(() => configFromEnv({ MATANG_S3_BUCKET: "b", MATANG_S3_ACCESS_KEY_ID: "k" })).toThrow(
      /MATANG_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => configFromEnv({ MATANG_S3_BUCKET: "b", MATANG_S3_ENDPOINT: "minio:9000" })).toThrow(
      /MATANG_S3_ENDPOINT/,
    );
  });
});

describe.each(ENGINES)("evidence in object storage, on %s", (engine: Engine) => {
  let database: Awaited<ReturnType<typeof demoDatabase>>;
  let app: FastifyInstance;
  let store: Awaited<ReturnType<typeof freshStorage>>;
  let assessmentId: string;
  let coordinator: Awaited<ReturnType<typeof client>>;

  beforeAll(async () => {
    database = await demoDatabase(engine, ADMIN);
    store = await freshStorage();
    app = await buildApp({
      db: database.db,
      listen: database.listen,
      frameworks,
      storage: store.storage,
      maxUploadBytes: 2 * 1024 * 1024,
    });
    coordinator = await client(app, "koordinator@demo.matang.id", DEMO_PASSWORD);
    assessmentId = await currentAssessmentOf(database, "Pemerintah Kota Bandung");
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  function upload(content: Buffer, name = "perwal.pdf", on: FastifyInstance = app, who = coordinator) {
    const body = multipart(
      { indicator: "1", level: "1", title: "Perwal SPBE" },
      { name, type: "application/pdf", content },
    );
    return on.inject({
      method: "POST",
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: body.payload,
      headers: { "content-type": body.contentType, "x-csrf-token": who.csrf },
      cookies: { matang_session: who.cookie },
    });
  }

  it("stores an upload in the bucket (nowhere on disk), reads its text, and serves it whole or in ranges", async () => {
    const pdf = await pdfOf("Peraturan Wali Kota Bandung tentang Sistem Pemerintahan Berbasis Elektronik");
    const res = await upload(pdf);
    expect(res.statusCode).toBe(201);
    const { evidenceId, sha256: recorded } = res.json();
    expect(recorded).toBe(sha256(pdf));
    const keys = await store.objects();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^objects\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    // Nothing of it stays on this instance's disk.
    expect(store.onDisk()).toEqual([]);

    const whole = await coordinator.call("GET", `/api/evidence/${evidenceId}/content`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers["accept-ranges"]).toBe("bytes");
    expect(whole.rawPayload.equals(pdf)).toBe(true);
    const part = await app.inject({
      method: "GET",
      url: `/api/evidence/${evidenceId}/content`,
      // A browser asks for compression too: a range is of the stored bytes, never compressed ones.
      headers: { range: "bytes=100-199", "accept-encoding": "gzip, br" },
      cookies: { matang_session: coordinator.cookie },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 100-199/${pdf.length}`);
    expect(part.headers["content-encoding"]).toBeUndefined();
    expect(part.rawPayload.equals(pdf.subarray(100, 200))).toBe(true);
    const tail = await app.inject({
      method: "GET",
      url: `/api/evidence/${evidenceId}/content`,
      headers: { range: "bytes=-16" },
      cookies: { matang_session: coordinator.cookie },
    });
    expect(tail.rawPayload.equals(pdf.subarray(pdf.length - 16))).toBe(true);
    const past = await app.inject({
      method: "GET",
      url: `/api/evidence/${evidenceId}/content`,
      headers: { range: `bytes=${pdf.length}-` },
      cookies: { matang_session: coordinator.cookie },
    });
    expect(past.statusCode).toBe(416);
    expect(past.headers["content-range"]).toBe(`bytes */${pdf.length}`);
    expect(past.json().error.code).toBe("range_not_satisfiable");

    // The background reader reads it from the bucket like any file.
    expect(await readPendingTexts(database.db, store.storage, 10)).toBeGreaterThanOrEqual(1);
    const [text] = await database.db
      .select({ status: evidenceTexts.status, text: evidenceTexts.text })
      .from(evidenceTexts);
    expect(text?.status).toBe("done");
    expect(text?.text).toContain("Sistem Pemerintahan Berbasis Elektronik");
    expect(store.onDisk()).toEqual([]);
  });

  it("refuses a file over the limit, or over the instansi's room, and keeps nothing of it", async () => {
    const before = await store.objects();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3 * 1024 * 1024, 65)]);
    const tooBig = await upload(big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe("file_too_large");
    // The room left is checked while the file streams in, as on disk.
    const tight = await buildApp({
      db: database.db,
      listen: database.listen,
      frameworks,
      storage: store.storage,
      quotaBytes: 1,
    });
    const other = await client(tight, "koordinator@demo.matang.id", DEMO_PASSWORD);
    const full = await upload(
      Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(5000, 66)]),
      "b.pdf",
      tight,
      other,
    );
    expect(full.statusCode).toBe(413);
    expect(full.json().error.code).toBe("quota_exceeded");
    await tight.close();
    expect(await store.objects()).toEqual(before);
  });

  it("is checked, backed up and restored into another bucket with every checksum verified", async () => {
    expect(await checkStorage(database.db, store.storage)).toMatchObject({
      checked: 1,
      missing: [],
      mismatched: [],
      orphans: [],
      temporary: [],
    });
    const work = mkdtempSync(join(tmpdir(), "matang-s3-backup-"));
    try {
      const file = join(work, "cadangan.tar.gz");
      const manifest = await createBackup(database.db, store.storage, file, { source: engine });
      expect(manifest.files).toHaveLength(1);
      const target = await testDatabase(engine);
      const restored = await freshStorage();
      try {
        await restoreBackup(target.db, restored.storage, file);
        expect(await restored.objects()).toEqual(await store.objects());
        expect(await checkStorage(target.db, restored.storage)).toMatchObject({
          checked: 1,
          missing: [],
          orphans: [],
        });
      } finally {
        await target.destroy();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("moves an instance's files from the disk to the bucket and back, verified, and again without copying twice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "matang-s3-migrate-"));
    const disk = new LocalStorage(dir);
    try {
      // The same records, their files on disk: what an instance had before object storage.
      for (const key of await store.storage.keys())
        await store.storage.withFile(key, (path) => disk.restore(key, path));
      const target = await freshStorage();
      const steps: string[] = [];
      const first = await migrateStorage(database.db, disk, target.storage, {
        onProgress: (step, done, total) => done === total && steps.push(step),
      });
      expect(first).toEqual({ total: 1, copied: 1, present: 0, removed: 0 });
      expect(steps).toEqual(["files"]);
      expect(await target.objects()).toEqual(await store.objects());
      // Run again after a stop: nothing is sent twice; then the disk is emptied.
      expect(await migrateStorage(database.db, disk, target.storage, { removeSource: true })).toEqual({
        total: 1,
        copied: 0,
        present: 1,
        removed: 1,
      });
      expect(await disk.keys()).toEqual([]);
      // And back to a disk.
      const back = new LocalStorage(join(dir, "kembali"));
      expect(await migrateStorage(database.db, target.storage, back)).toMatchObject({ copied: 1 });
      expect(await checkStorage(database.db, back)).toMatchObject({ missing: [], mismatched: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to migrate a file whose bytes no longer match their record, and copies nothing of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "matang-s3-damaged-"));
    const disk = new LocalStorage(dir);
    try {
      const [key] = await store.storage.keys();
      await disk
        .stage(Readable.from([Buffer.from("rusak")]), 100)
        .then((s) => disk.commitAs(s, key as string));
      const target = await freshStorage();
      await expect(migrateStorage(database.db, disk, target.storage)).rejects.toThrow(
        /does not match its checksum/,
      );
      expect(await target.objects()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
