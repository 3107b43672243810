import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { newBackupKeyPair } from "../src/backup/encryption.js";
import { BackupError, checkStorage, createBackup, restoreBackup } from "../src/backup/service.js";
import { DEMO_PASSWORD } from "../src/bootstrap.js";
import { type Db, rows } from "../src/db/client.js";
import { assessments, auditLog, organizations } from "../src/db/schema.js";
import { LocalStorage } from "../src/evidence/storage.js";
import { client, demoDatabase, ENGINES, type Engine, multipart, testDatabase } from "./harness.js";

const frameworks = builtinFrameworks();
const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n"),
  Buffer.alloc(5000, 65),
  Buffer.from("\n%%EOF\n"),
]);

/** Every table's rows, in a stable order, as the database prints them. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  // Cache stamps are derived (each instance's own), not data: a backup leaves them out by design.
  const data = tables.filter((t) => t.name !== "assessment_stamps");
  const out: Record<string, string[]> = {};
  for (const { name } of data) {
    const found = await rows<{ j: string }>(
      db,
      sql.raw(`select row_to_json(t)::jsonb::text as j from "${name}" t order by 1`),
    );
    out[name] = found.map((r) => r.j);
  }
  return out;
}

/** A demo instance with an uploaded evidence file: everything a backup must carry. */
async function populated(engine: Engine) {
  const database = await demoDatabase(engine, { email: "admin@uji.id", password: "sandi-admin-uji" });
  const dir = mkdtempSync(join(tmpdir(), "matang-backup-src-"));
  const storage = new LocalStorage(dir);
  const app = await buildApp({ db: database.db, frameworks, storage });
  const coordinator = await client(app, "koordinator@demo.matang.id", DEMO_PASSWORD);
  const [bandung] = await database.db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .where(eq(organizations.name, "Pemerintah Kota Bandung"));
  const body = multipart(
    { indicator: "1", level: "1", title: "Perwal SPBE" },
    { name: "perwal.pdf", type: "application/pdf", content: PDF },
  );
  const upload = await app.inject({
    method: "POST",
    url: `/api/assessments/${bandung?.id}/evidence`,
    payload: body.payload,
    headers: { "content-type": body.contentType, "x-csrf-token": coordinator.csrf },
    cookies: { matang_session: coordinator.cookie },
  });
  if (upload.statusCode !== 201 && upload.statusCode !== 200)
    throw new Error(`upload failed: ${upload.body}`);
  await app.close();
  return { database, storage, dir, assessmentId: bandung?.id ?? "" };
}

describe.each(ENGINES)("backup from %s", (source) => {
  let origin: Awaited<ReturnType<typeof populated>>;
  let file: string;
  let work: string;

  beforeAll(async () => {
    origin = await populated(source);
    work = mkdtempSync(join(tmpdir(), "matang-backup-"));
    file = join(work, "matang.tar.gz");
  });
  afterAll(async () => {
    await origin.database.destroy();
    rmSync(origin.dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("writes every table and evidence file with a manifest of checksums", async () => {
    const steps: string[] = [];
    const manifest = await createBackup(origin.database.db, origin.storage, file, {
      source: source,
      onProgress: (step, done, total) => done === total && steps.push(step),
    });
    expect(manifest.format).toBe("matang.backup/v1");
    expect(manifest.files).toHaveLength(1);
    expect(manifest.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.tables.find((t) => t.name === "organizations")?.rows).toBeGreaterThan(621);
    expect(manifest.tables.find((t) => t.name === "published_results")?.rows).toBe(621);
    expect(steps).toEqual(["tables", "files"]);
    expect(await checkStorage(origin.database.db, origin.storage)).toEqual({
      checked: 1,
      missing: [],
      mismatched: [],
      orphans: [],
      temporary: [],
    });
  });

  it.each(ENGINES)("restores into an empty %s instance with identical data", async (target) => {
    const database = await testDatabase(target);
    const dir = mkdtempSync(join(tmpdir(), "matang-restore-"));
    const storage = new LocalStorage(dir);
    try {
      await restoreBackup(database.db, storage, file);
      expect(await snapshot(database.db)).toEqual(await snapshot(origin.database.db));
      const [key] = await storage.keys();
      const [originalKey] = await origin.storage.keys();
      expect(key).toBe(originalKey);
      expect(readFileSync(storage.pathOf(key ?? ""))).toEqual(PDF);
      // The restored instance works: log in, read the assessment, and the audit log goes on.
      const app = await buildApp({ db: database.db, frameworks, storage });
      const coordinator = await client(app, "koordinator@demo.matang.id", DEMO_PASSWORD);
      const res = await coordinator.call("GET", `/api/assessments/${origin.assessmentId}/indicators`);
      expect(res.statusCode).toBe(200);
      const first = res.json().items.find((i: { code: string }) => i.code === "1");
      expect(first.evidence[0].title).toBe("Perwal SPBE");
      const download = await coordinator.call("GET", `/api/evidence/${first.evidence[0].evidenceId}/content`);
      expect(download.rawPayload).toEqual(PDF);
      const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
      await coordinator.call("POST", "/api/auth/logout");
      const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
      expect(after[0]?.n).toBeGreaterThanOrEqual(before[0]?.n ?? 0);
      await app.close();
      // A second restore is refused: the instance is no longer empty, and nothing changes.
      const snap = await snapshot(database.db);
      await expect(restoreBackup(database.db, storage, file)).rejects.toThrow(/not empty/);
      expect(await snapshot(database.db)).toEqual(snap);
    } finally {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a damaged backup before writing anything", async () => {
    const database = await testDatabase("pglite");
    const dir = mkdtempSync(join(tmpdir(), "matang-restore-"));
    try {
      const broken = join(work, "broken.tar.gz");
      writeFileSync(broken, readFileSync(file).subarray(0, 2000));
      await expect(restoreBackup(database.db, new LocalStorage(dir), broken)).rejects.toThrow(BackupError);
      const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(organizations)) as [
        { n: number },
      ];
      expect(n).toBe(0);
    } finally {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("encrypts a backup for a public key; restores only with its secret key, writing nothing otherwise", async () => {
    const mine = await newBackupKeyPair();
    const theirs = await newBackupKeyPair();
    const sealed = join(work, "matang.tar.gz.age");
    await createBackup(origin.database.db, origin.storage, sealed, {
      source,
      encrypt: { recipients: [mine.recipient] },
    });
    const bytes = readFileSync(sealed);
    expect(bytes.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
    // Nothing readable inside: no manifest, no instansi name (a three-byte gzip signature would
    // turn up in megabytes of ciphertext by chance, so that is not a test).
    expect(bytes.includes(Buffer.from("manifest.json"))).toBe(false);
    expect(bytes.includes(Buffer.from("Pemerintah Kota Bandung"))).toBe(false);

    const database = await testDatabase("pglite");
    const dir = mkdtempSync(join(tmpdir(), "matang-restore-"));
    const storage = new LocalStorage(dir);
    try {
      const empty = await snapshot(database.db);
      for (const decrypt of [undefined, { identities: [theirs.identity] }, { passphrase: "bukan-ini" }]) {
        await expect(restoreBackup(database.db, storage, sealed, { decrypt })).rejects.toThrow(BackupError);
        expect(await snapshot(database.db)).toEqual(empty);
        expect(await storage.keys()).toEqual([]);
      }
      await restoreBackup(database.db, storage, sealed, { decrypt: { identities: [mine.identity] } });
      expect(await snapshot(database.db)).toEqual(await snapshot(origin.database.db));
      expect(readFileSync(storage.pathOf((await storage.keys())[0] ?? ""))).toEqual(PDF);
    } finally {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("encrypts with a passphrase and refuses a tampered archive", async () => {
    const sealed = join(work, "sandi.tar.gz.age");
    await createBackup(origin.database.db, origin.storage, sealed, {
      source,
      encrypt: { passphrase: "kuda-laut-menari-di-teluk-2026" },
    });
    const tampered = join(work, "rusak.tar.gz.age");
    const bytes = Buffer.from(readFileSync(sealed));
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    writeFileSync(tampered, bytes);
    const database = await testDatabase("pglite");
    const dir = mkdtempSync(join(tmpdir(), "matang-restore-"));
    try {
      const decrypt = { passphrase: "kuda-laut-menari-di-teluk-2026" };
      await expect(restoreBackup(database.db, new LocalStorage(dir), tampered, { decrypt })).rejects.toThrow(
        /cannot be decrypted/,
      );
      const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(organizations)) as [
        { n: number },
      ];
      expect(n).toBe(0);
      await restoreBackup(database.db, new LocalStorage(dir), sealed, { decrypt });
      expect(await snapshot(database.db)).toEqual(await snapshot(origin.database.db));
    } finally {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("finds files that do not match their checksum, are missing, or have no record", async () => {
    const [key] = await origin.storage.keys();
    const path = origin.storage.pathOf(key ?? "");
    const original = readFileSync(path);
    try {
      writeFileSync(path, Buffer.concat([original, Buffer.from("x")]));
      const orphan = origin.storage.pathOf("ab/abababab-abab-abab-abab-abababababab");
      await mkdir(dirname(orphan), { recursive: true });
      writeFileSync(orphan, "stray");
      const report = await checkStorage(origin.database.db, origin.storage);
      expect(report).toMatchObject({
        checked: 1,
        mismatched: [key],
        orphans: ["ab/abababab-abab-abab-abab-abababababab"],
      });
      // A backup of damaged storage fails loudly instead of carrying the damage along.
      await expect(
        createBackup(origin.database.db, origin.storage, join(work, "x.tar.gz"), { source }),
      ).rejects.toThrow(/does not match its checksum/);
      rmSync(orphan);
    } finally {
      writeFileSync(path, original);
    }
  });
});
