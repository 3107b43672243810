import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, type FileHandle, mkdir, open, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileHash } from "./hashing.js";

/** What was received: where it waits, its checksum and size, and its first bytes for typing. */
export interface Staged {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  readonly head: Buffer;
}

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 / 1024)} MB`);
    this.name = "TooLargeError";
  }
}

const HEAD_BYTES = 4100; // what content sniffing needs

/** Make a rename in `dir` durable. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Per upload in flight: bounded, well inside the memory an upload may use. */
const BUFFER_BYTES = 1024 * 1024;

/** How much may be written before the disk is asked to catch up (see StagingFile). */
const SYNC_EVERY_BYTES = 8 * 1024 * 1024;

/**
 * A new file, measured, hashed and on disk when the stream finishes: a power cut cannot leave
 * an evidence record whose bytes were never written. Flushing only at the end would make the
 * upload wait for the whole file to reach the disk after its last byte arrived; instead the
 * disk is asked to write what has arrived every few megabytes, while the rest is still being
 * received, so the final flush finds little left to do.
 */
class StagingFile extends Writable {
  size = 0;
  /** Known once the stream has finished. */
  sha256 = "";
  private fileHash: FileHash | null = null;
  private onDisk = 0;
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;
  private handle: FileHandle | null = null;
  private unsynced = 0;
  private syncing: Promise<void> | null = null;
  /** Kept: the kernel reports a failed write-back once, so a later flush could succeed anyway. */
  private syncFailure: Error | null = null;

  constructor(
    private readonly path: string,
    private readonly maxBytes: number,
  ) {
    // Room for several network chunks while the disk catches up, so reading never waits for
    // every single write (the 16 kB default made each chunk wait for the one before).
    super({ highWaterMark: BUFFER_BYTES });
  }

  /** The first bytes, for typing by content. */
  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  override _construct(done: (error?: Error | null) => void): void {
    open(this.path, "wx").then((handle) => {
      this.handle = handle;
      try {
        this.fileHash = new FileHash(this.path);
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    }, done);
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    const buffers = chunks.map((c) => c.chunk);
    for (const chunk of buffers) {
      this.size += chunk.length;
      if (this.size > this.maxBytes) {
        done(new TooLargeError(this.maxBytes));
        return;
      }
      if (this.headSize < HEAD_BYTES) {
        this.headChunks.push(chunk.subarray(0, HEAD_BYTES - this.headSize));
        this.headSize += Math.min(chunk.length, HEAD_BYTES - this.headSize);
      }
    }
    this.writeAll(buffers).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    (async () => {
      await this.syncing;
      if (this.syncFailure) throw this.syncFailure;
      // The checksum is read back while the last megabytes reach the disk.
      const [sha256] = await Promise.all([
        (this.fileHash as FileHash).finish(this.onDisk),
        this.handle?.sync(),
      ]);
      this.sha256 = sha256;
    })().then(() => done(), done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.fileHash?.abandon();
    (async () => {
      await this.syncing;
      await this.handle?.close();
    })().then(
      () => done(error),
      (closeError) => done(error ?? closeError),
    );
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    if (this.syncFailure) throw this.syncFailure;
    const handle = this.handle as FileHandle;
    let pending = buffers;
    while (pending.length > 0) {
      const { bytesWritten } = await handle.writev(pending);
      this.unsynced += bytesWritten;
      this.onDisk += bytesWritten;
      pending = remainder(pending, bytesWritten);
    }
    this.fileHash?.written(this.onDisk);
    if (this.unsynced >= SYNC_EVERY_BYTES && !this.syncing) {
      this.unsynced = 0;
      // Not awaited: the disk writes this while the next chunks arrive. A failure is kept and
      // refuses the upload at the next write or at the end, so nothing unwritten is recorded.
      const syncing: Promise<void> = handle.datasync().then(
        () => {
          if (this.syncing === syncing) this.syncing = null;
        },
        (error: Error) => {
          this.syncFailure = error;
          if (this.syncing === syncing) this.syncing = null;
        },
      );
      this.syncing = syncing;
    }
  }
}

/** What is left of `buffers` after the first `written` bytes (a short write). */
export function remainder(buffers: Buffer[], written: number): Buffer[] {
  let skip = written;
  let i = 0;
  while (i < buffers.length && skip >= (buffers[i] as Buffer).length) skip -= (buffers[i++] as Buffer).length;
  const rest = buffers.slice(i);
  if (skip > 0 && rest.length > 0) rest[0] = (rest[0] as Buffer).subarray(skip);
  return rest;
}

/**
 * Evidence files on local disk. Uploads stream to a temporary file (never whole in memory) and
 * become visible only by `commit`, under a generated name; anything failing before that is
 * removed, so an interrupted upload leaves nothing behind.
 */
export class LocalStorage {
  private readonly tmpDir: string;
  private readonly objectsDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, "tmp");
    this.objectsDir = join(root, "objects");
  }

  async stage(source: Readable, maxBytes: number): Promise<Staged> {
    await mkdir(this.tmpDir, { recursive: true });
    const tempPath = join(this.tmpDir, `${randomUUID()}.part`);
    const sink = new StagingFile(tempPath, maxBytes);
    try {
      await pipeline(source, sink);
    } catch (error) {
      // The file is created when the sink opens, which may happen after the failure: wait for it
      // to close, or a late open would recreate the file after its removal.
      if (!sink.closed) await new Promise<void>((resolve) => sink.once("close", () => resolve()));
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, sha256: sink.sha256, size: sink.size, head: sink.head() };
  }

  /** A new, generated storage key ("xx/uuid"). */
  newKey(): string {
    const id = randomUUID();
    return `${id.slice(0, 2)}/${id}`;
  }

  /**
   * Move a staged file to its permanent place under `key`. Called as the last step of the
   * transaction that records it, so a crash leaves at most an unrecorded file whose time is that
   * of the move (set here), for the start-up sweep to find once it is older than the stale window.
   */
  async commitAs(staged: Staged, key: string): Promise<void> {
    const target = this.path(key);
    const dir = dirname(target);
    await mkdir(dir, { recursive: true });
    const now = new Date();
    await utimes(staged.tempPath, now, now);
    await rename(staged.tempPath, target);
    await syncDirectory(dir);
  }

  /** Move a staged file to its permanent, generated place; returns its storage key. */
  async commit(staged: Staged): Promise<string> {
    const key = this.newKey();
    await this.commitAs(staged, key);
    return key;
  }

  discard(staged: Staged): Promise<void> {
    return rm(staged.tempPath, { force: true });
  }

  remove(key: string): Promise<void> {
    return rm(this.path(key), { force: true });
  }

  open(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async size(key: string): Promise<number> {
    return (await stat(this.path(key))).size;
  }

  /** Where a stored file lives on disk (for checks and backups). */
  pathOf(key: string): string {
    return this.path(key);
  }

  /**
   * Remove unfinished uploads nobody has written to for `staleMs`: what a server killed mid-upload
   * leaves behind. An upload in progress on another instance keeps writing, so it stays.
   */
  async sweep(staleMs: number): Promise<number> {
    const names = await readdir(this.tmpDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs >= staleMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Stored files last changed at least `staleMs` ago: candidates for the orphan sweep. */
  async keysOlderThan(staleMs: number): Promise<string[]> {
    const out: string[] = [];
    for (const key of await this.keys()) {
      const info = await stat(this.path(key)).catch(() => null);
      if (info && Date.now() - info.mtimeMs >= staleMs) out.push(key);
    }
    return out;
  }

  /** Every stored file's key. */
  async keys(): Promise<string[]> {
    const out: string[] = [];
    const prefixes = await readdir(this.objectsDir).catch(() => [] as string[]);
    for (const prefix of prefixes.sort()) {
      for (const name of (await readdir(join(this.objectsDir, prefix))).sort()) out.push(`${prefix}/${name}`);
    }
    return out;
  }

  /** Put a file back under its key (a restore): copied aside first, then moved into place. */
  async restore(key: string, source: string): Promise<void> {
    const target = this.path(key);
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const temp = join(this.tmpDir, `${randomUUID()}.part`);
    await copyFile(source, temp);
    await rename(temp, target);
  }

  private path(key: string): string {
    // Keys are generated here ("xx/uuid"); refuse anything else rather than trust it.
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return join(this.objectsDir, key);
  }
}
