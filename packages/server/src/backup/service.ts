// Backup and restore of a whole Matang instance: every table of the database and every evidence
// file, in one .tar.gz with a manifest of checksums. The same file restores into PGlite or
// PostgreSQL, whichever it came from. Run from the command line by whoever operates the server.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as tar from "tar";
import { type Db, inTransaction } from "../db/client.js";
import * as schema from "../db/schema.js";
import type { EvidenceStorage } from "../evidence/storage.js";
import {
  type BackupKey,
  BackupKeyError,
  type BackupUnlock,
  decryptFile,
  encryptFile,
  isEncrypted,
} from "./encryption.js";
import * as repo from "./repository.js";

export const BACKUP_FORMAT = "matang.backup/v1";

export interface Manifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: string;
  readonly source: string;
  /** How many migrations the database had: a backup restores only into the same schema. */
  readonly schemaVersion: number;
  readonly tables: readonly { name: string; rows: number; sha256: string }[];
  readonly files: readonly { key: string; size: number; sha256: string }[];
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

interface TableInfo {
  readonly name: string;
  /** Tables it references, which must be restored first. */
  readonly dependsOn: readonly string[];
  /** A column referencing its own table's id (a tree), whose parents must come first. */
  readonly selfColumn: string | null;
}

/** Every table of the schema, parents before children. */
function tablesInOrder(): TableInfo[] {
  const infos = (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => is(v, PgTable))
    .map((table) => {
      const config = getTableConfig(table);
      const refs = config.foreignKeys.map((fk) => fk.reference());
      const self = refs.find((r) => getTableConfig(r.foreignTable).name === config.name);
      return {
        name: config.name,
        dependsOn: refs.map((r) => getTableConfig(r.foreignTable).name).filter((n) => n !== config.name),
        selfColumn: self?.columns[0]?.name ?? null,
      };
    });
  const ordered: TableInfo[] = [];
  const pending = [...infos].sort((a, b) => a.name.localeCompare(b.name));
  while (pending.length > 0) {
    const i = pending.findIndex((t) => t.dependsOn.every((d) => ordered.some((o) => o.name === d)));
    if (i < 0) throw new Error(`circular references among ${pending.map((t) => t.name).join(", ")}`);
    ordered.push(...pending.splice(i, 1));
  }
  return ordered;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

async function fileSha256(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { sha256: hash.digest("hex"), size };
}

export type Progress = (step: string, done: number, total: number) => void;

/**
 * Write the database and the evidence files to `file` (.tar.gz). Read in one transaction, so the
 * tables agree with each other; every evidence file is checked against its recorded checksum.
 */
export async function createBackup(
  db: Db,
  storage: EvidenceStorage,
  file: string,
  options: { source: string; onProgress?: Progress; encrypt?: BackupKey },
): Promise<Manifest> {
  const work = await mkdtemp(join(tmpdir(), "matang-backup-"));
  try {
    const tables = tablesInOrder();
    const { manifestTables, keys, version } = await inTransaction(db, async (t) => {
      await repo.readOneSnapshot(t);
      const manifestTables: { name: string; rows: number; sha256: string }[] = [];
      await mkdir(join(work, "db"));
      for (const [i, table] of tables.entries()) {
        const lines = await repo.tableRows(t, table.name);
        const text = lines.length ? `${lines.join("\n")}\n` : "";
        await writeFile(join(work, "db", `${table.name}.ndjson`), text);
        manifestTables.push({ name: table.name, rows: lines.length, sha256: sha256(text) });
        options.onProgress?.("tables", i + 1, tables.length);
      }
      const keys = await repo.recordedFiles(t);
      return { manifestTables, keys, version: await repo.schemaVersion(t) };
    });
    // Evidence files go into the archive through a link to the storage: never copied twice.
    await mkdir(join(work, "evidence"));
    const files: { key: string; size: number; sha256: string }[] = [];
    for (const [i, k] of keys.entries()) {
      // On disk a link (never copied twice); from object storage a download, hashed on the way.
      const actual = await storage.copyOut(k.key, join(work, "evidence", k.key)).catch(() => null);
      if (!actual) throw new BackupError(`evidence file ${k.key} is missing from the storage`);
      if (actual.sha256 !== k.sha256)
        throw new BackupError(
          `evidence file ${k.key} does not match its checksum (run "matang storage check")`,
        );
      files.push({ key: k.key, size: actual.size, sha256: actual.sha256 });
      options.onProgress?.("files", i + 1, keys.length);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      source: options.source,
      schemaVersion: version,
      tables: manifestTables,
      files,
    };
    await writeFile(join(work, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = ["manifest.json", "db", ...(files.length ? ["evidence"] : [])];
    // Written next to the target and renamed at the end: a failed backup leaves no half file.
    const partial = `${file}.part`;
    await rm(partial, { force: true });
    if (options.encrypt) {
      // The plain archive stays in the private work folder; only its encrypted form is written out.
      const plain = join(work, "backup.tar.gz");
      await tar.c({ gzip: true, file: plain, cwd: work, follow: true, portable: true }, entries);
      try {
        await encryptFile(plain, partial, options.encrypt);
      } catch (error) {
        await rm(partial, { force: true });
        if (error instanceof BackupKeyError) throw new BackupError(error.message);
        throw error;
      }
    } else {
      await tar.c({ gzip: true, file: partial, cwd: work, follow: true, portable: true }, entries);
    }
    await rename(partial, file);
    return manifest;
  } finally {
    await cleanUp(work);
  }
}

/** Remove a work folder; an extraction cut short may still be writing, so retry, never mask the error. */
const cleanUp = (dir: string) =>
  rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});

/** Rows in an order that puts every parent before its children (for a self-referencing table). */
function parentsFirst(lines: readonly string[], column: string | null): Record<string, unknown>[] {
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  if (!column) return parsed;
  const placed = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let rest = parsed;
  while (rest.length > 0) {
    const ready = rest.filter((r) => r[column] === null || placed.has(r[column]));
    if (ready.length === 0)
      throw new BackupError(`rows of a tree refer to parents that are not in the backup`);
    for (const r of ready) {
      placed.add(r.id);
      out.push(r);
    }
    rest = rest.filter((r) => !ready.includes(r));
  }
  return out;
}

/**
 * Restore a backup into an empty instance: every checksum is verified before anything is
 * written, the tables are loaded in one transaction (all or nothing), sequences continue after the
 * restored rows, and the evidence files land in the storage with their checksums checked again.
 */
export async function restoreBackup(
  db: Db,
  storage: EvidenceStorage,
  file: string,
  options: { onProgress?: Progress; decrypt?: BackupUnlock } = {},
): Promise<Manifest> {
  const work = await mkdtemp(join(tmpdir(), "matang-restore-"));
  try {
    let archive = file;
    if (await isEncrypted(file).catch(() => false)) {
      const unlock = options.decrypt;
      if (!unlock?.passphrase && !unlock?.identities?.length)
        throw new BackupError(
          `${file} is encrypted: give the identity file (--identity) or the passphrase (MATANG_BACKUP_PASSPHRASE)`,
        );
      // Decrypted in full into the private work folder, authenticated, before anything is restored.
      archive = join(work, "backup.tar.gz");
      try {
        await decryptFile(file, archive, unlock);
      } catch (error) {
        if (error instanceof BackupKeyError) throw new BackupError(`${file}: ${error.message}`);
        throw error;
      }
    }
    const extracted = join(work, "x");
    await mkdir(extracted);
    try {
      await tar.x({ file: archive, cwd: extracted, strict: true });
    } catch (error) {
      throw new BackupError(`${file}: not a Matang backup (${(error as Error).message})`);
    }
    const manifest = JSON.parse(
      await readFile(join(extracted, "manifest.json"), "utf8").catch(() => {
        throw new BackupError(`${file}: the manifest is missing`);
      }),
    ) as Manifest;
    if (manifest.format !== BACKUP_FORMAT)
      throw new BackupError(`${file}: unknown backup format ${String(manifest.format)}`);
    const version = await repo.schemaVersion(db);
    if (manifest.schemaVersion !== version) {
      throw new BackupError(
        `${file}: made with database schema version ${manifest.schemaVersion}; this Matang has ${version}. Restore with the Matang version that made it.`,
      );
    }
    // Verify everything before writing anything.
    const texts = new Map<string, string>();
    for (const t of manifest.tables) {
      const text = await readFile(join(extracted, "db", `${t.name}.ndjson`), "utf8").catch(() => null);
      if (text === null || sha256(text) !== t.sha256)
        throw new BackupError(`${file}: table ${t.name} is damaged (checksum mismatch)`);
      texts.set(t.name, text);
    }
    for (const f of manifest.files) {
      const actual = await fileSha256(join(extracted, "evidence", f.key)).catch(() => null);
      if (!actual || actual.sha256 !== f.sha256)
        throw new BackupError(`${file}: evidence file ${f.key} is damaged (checksum mismatch)`);
    }
    const tables = tablesInOrder();
    const unknown = manifest.tables.filter((t) => !tables.some((x) => x.name === t.name));
    if (unknown.length > 0)
      throw new BackupError(
        `${file}: tables this Matang does not know: ${unknown.map((t) => t.name).join(", ")}`,
      );
    await inTransaction(db, async (t) => {
      for (const table of tables) {
        if ((await repo.countRows(t, table.name)) > 0)
          throw new BackupError(
            `the database is not empty (table ${table.name} has rows); restore into a new instance`,
          );
      }
      for (const [i, table] of tables.entries()) {
        const text = texts.get(table.name) ?? "";
        const records = parentsFirst(text.split("\n").filter(Boolean), table.selfColumn);
        for (let from = 0; from < records.length; from += 500)
          await repo.insertRows(t, table.name, records.slice(from, from + 500));
        options.onProgress?.("tables", i + 1, tables.length);
      }
      // Serial columns continue after the restored rows.
      await repo.resetSerials(t);
    });
    for (const [i, f] of manifest.files.entries()) {
      await storage.restore(f.key, join(extracted, "evidence", f.key));
      const actual = await storage.digest(f.key);
      if (actual?.sha256 !== f.sha256) throw new BackupError(`evidence file ${f.key} was not written intact`);
      options.onProgress?.("files", i + 1, manifest.files.length);
    }
    return manifest;
  } finally {
    await cleanUp(work);
  }
}

export interface MigrationReport {
  readonly total: number;
  readonly copied: number;
  /** Already in the target with the right checksum (a migration run again after a stop). */
  readonly present: number;
  /** Removed from the source after every file was verified in the target (when asked). */
  readonly removed: number;
}

/**
 * Copy every recorded evidence file from one storage to another (the disk to object storage or
 * back), each checked against its recorded SHA-256 before it is sent and after it is stored. A
 * file already in the target intact is not sent again, so a stopped migration can simply be run
 * again. The source is emptied only when asked, and only once every file is verified.
 */
export async function migrateStorage(
  db: Db,
  from: EvidenceStorage,
  to: EvidenceStorage,
  options: { removeSource?: boolean; onProgress?: Progress } = {},
): Promise<MigrationReport> {
  await to.ready();
  const recorded = await repo.recordedFiles(db);
  let copied = 0;
  let present = 0;
  for (const [i, r] of recorded.entries()) {
    if ((await to.digest(r.key))?.sha256 === r.sha256) present++;
    else {
      await from.withFile(r.key, async (path) => {
        const source = await fileSha256(path).catch(() => null);
        if (!source) throw new BackupError(`evidence file ${r.key} is missing from ${from.describe()}`);
        if (source.sha256 !== r.sha256)
          throw new BackupError(
            `evidence file ${r.key} in ${from.describe()} does not match its checksum (run "matang storage check"); nothing of it was copied`,
          );
        await to.restore(r.key, path);
      });
      if ((await to.digest(r.key))?.sha256 !== r.sha256)
        throw new BackupError(`evidence file ${r.key} was not stored intact in ${to.describe()}`);
      copied++;
    }
    options.onProgress?.("files", i + 1, recorded.length);
  }
  let removed = 0;
  if (options.removeSource) {
    for (const [i, r] of recorded.entries()) {
      await from.remove(r.key);
      removed++;
      options.onProgress?.("removed", i + 1, recorded.length);
    }
  }
  return { total: recorded.length, copied, present, removed };
}

export interface StorageReport {
  readonly checked: number;
  readonly missing: readonly string[];
  readonly mismatched: readonly string[];
  /** Files in the storage that no record points to. */
  readonly orphans: readonly string[];
  /** Left-over temporary files of uploads that never finished. */
  readonly temporary: readonly string[];
}

/** Every recorded file present with its checksum, and nothing stored that no record knows. */
export async function checkStorage(
  db: Db,
  storage: EvidenceStorage,
  onProgress?: Progress,
): Promise<StorageReport> {
  const recorded = await repo.recordedFiles(db);
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const [i, r] of recorded.entries()) {
    const actual = await storage.digest(r.key);
    if (!actual) missing.push(r.key);
    else if (actual.sha256 !== r.sha256) mismatched.push(r.key);
    onProgress?.("files", i + 1, recorded.length);
  }
  const known = new Set(recorded.map((r) => r.key));
  const stored = await storage.keys();
  return {
    checked: recorded.length,
    missing,
    mismatched,
    orphans: stored.filter((k) => !known.has(k)),
    temporary: await storage.temporary(),
  };
}
