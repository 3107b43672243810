import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

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

/**
 * Evidence files on local disk. Uploads stream to a temporary file (never whole in memory) and
 * become visible only by `commit`, under a generated name; anything failing before that is
 * removed, so an interrupted upload leaves nothing behind.
 */
/** Per upload in flight: bounded, well inside the memory an upload may use. */
const BUFFER_BYTES = 1024 * 1024;

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
    const hash = createHash("sha256");
    let size = 0;
    const headChunks: Buffer[] = [];
    let headSize = 0;
    const meter = new Transform({
      // Room for several network chunks while the disk catches up, so reading never waits for
      // every single write (the 64 kB default made each chunk wait for the one before).
      highWaterMark: BUFFER_BYTES,
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new TooLargeError(maxBytes));
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        done(null, chunk);
      },
    });
    // flush: on disk before it is committed, so a power cut cannot leave a record without its bytes.
    const sink = createWriteStream(tempPath, { flags: "wx", highWaterMark: BUFFER_BYTES, flush: true });
    try {
      await pipeline(source, meter, sink);
    } catch (error) {
      // The file is created when the stream opens, which may happen after the failure: wait for
      // the stream to close, or a late open would recreate the file after its removal.
      if (!sink.closed) await new Promise<void>((resolve) => sink.once("close", () => resolve()));
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, sha256: hash.digest("hex"), size, head: Buffer.concat(headChunks) };
  }

  /** Move a staged file to its permanent, generated place; returns its storage key. */
  async commit(staged: Staged): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const dir = join(this.objectsDir, id.slice(0, 2));
    await mkdir(dir, { recursive: true });
    await rename(staged.tempPath, this.path(key));
    await syncDirectory(dir);
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
