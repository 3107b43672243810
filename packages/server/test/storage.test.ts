import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FileHash } from "../src/evidence/hashing.js";
import { LocalStorage, remainder, TooLargeError } from "../src/evidence/storage.js";
import { pieces } from "./harness.js";

describe("staging an uploaded file", () => {
  let dir: string;
  let storage: LocalStorage;
  const leftovers = () => readdirSync(join(dir, "tmp"));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "matang-storage-"));
    storage = new LocalStorage(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every byte of a file larger than the flush interval, with its checksum and head", async () => {
    // 20 MB: the disk is asked to catch up several times while the file still arrives.
    const bytes = Buffer.alloc(20 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
    const staged = await storage.stage(Readable.from(pieces(bytes)), bytes.length);
    expect(staged.size).toBe(bytes.length);
    expect(staged.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(staged.head.equals(bytes.subarray(0, staged.head.length))).toBe(true);
    expect(staged.head.length).toBeGreaterThanOrEqual(4100);
    const key = await storage.commit(staged);
    expect(readFileSync(storage.pathOf(key)).equals(bytes)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it("leaves nothing behind when the upload breaks off", async () => {
    async function* broken() {
      yield Buffer.alloc(9 * 1024 * 1024, 1);
      throw new Error("connection reset");
    }
    await expect(storage.stage(Readable.from(broken()), 100 * 1024 * 1024)).rejects.toThrow(
      "connection reset",
    );
    expect(leftovers()).toEqual([]);
  });

  it("refuses the file when the disk fails to write it back while it arrives", async () => {
    // The kernel reports a failed write-back once: a later flush may succeed, the file must not.
    const probe = await open(join(dir, "probe"), "w");
    const prototype = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const failing = vi.spyOn(prototype, "datasync").mockRejectedValueOnce(new Error("EIO: i/o error"));
    try {
      const source = Readable.from(pieces(Buffer.alloc(20 * 1024 * 1024, 3)));
      await expect(storage.stage(source, 100 * 1024 * 1024)).rejects.toThrow("EIO");
      expect(failing).toHaveBeenCalled();
      expect(leftovers()).toEqual([]);
    } finally {
      failing.mockRestore();
    }
  });

  it("refuses a file over the limit and leaves nothing behind", async () => {
    const source = Readable.from(pieces(Buffer.alloc(3 * 1024 * 1024, 2)));
    await expect(storage.stage(source, 2 * 1024 * 1024)).rejects.toBeInstanceOf(TooLargeError);
    expect(leftovers()).toEqual([]);
  });

  it("stages an empty file as empty", async () => {
    const staged = await storage.stage(Readable.from([]), 10);
    expect(staged.size).toBe(0);
    expect(staged.head.length).toBe(0);
    expect(staged.sha256).toBe(createHash("sha256").digest("hex"));
    await storage.discard(staged);
    expect(leftovers()).toEqual([]);
  });
});

describe("staging a finished file already on this disk", () => {
  let dir: string;
  let storage: LocalStorage;
  let source: string;
  const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3 * 1024 * 1024 + 5, 7)]);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "matang-storage-"));
    storage = new LocalStorage(join(dir, "evidence"));
    source = join(dir, "upload");
    writeFileSync(source, bytes);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores it byte for byte with its checksum and head, and leaves the original as it was", async () => {
    const staged = await storage.stageFile(source, bytes.length);
    expect(staged).toMatchObject({
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(staged.head.equals(bytes.subarray(0, 4100))).toBe(true);
    const key = await storage.commit(staged);
    // The upload it came from is removed once recorded; the evidence file stays whole.
    rmSync(source);
    expect(readFileSync(storage.pathOf(key)).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, "evidence", "tmp"))).toEqual([]);
  });

  it("refuses it over the limit, and a discarded one leaves the original to be staged again", async () => {
    await expect(storage.stageFile(source, bytes.length - 1)).rejects.toBeInstanceOf(TooLargeError);
    const staged = await storage.stageFile(source, bytes.length);
    await storage.discard(staged);
    expect(readdirSync(join(dir, "evidence", "tmp"))).toEqual([]);
    expect(readFileSync(source).equals(bytes)).toBe(true);
  });
});

describe("the checksum, computed from what is on disk", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "matang-hash-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

  it("gives each of several files arriving at once its own checksum", async () => {
    const storage = new LocalStorage(dir);
    const files = [5, 7, 11].map((seed) => {
      const bytes = Buffer.alloc(3 * 1024 * 1024 + seed);
      for (let i = 0; i < bytes.length; i += 512) bytes[i] = (i * seed) % 251;
      return bytes;
    });
    const staged = await Promise.all(files.map((f) => storage.stage(Readable.from(pieces(f)), f.length)));
    expect(staged.map((s) => s.sha256)).toEqual(files.map(sha256));
  });

  it("refuses a file that is not on disk as it was written", async () => {
    const path = join(dir, "cut");
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024, 9));
    const hash = new FileHash(path);
    truncateSync(path, 1024 * 1024);
    hash.written(3 * 1024 * 1024);
    await expect(hash.finish(3 * 1024 * 1024)).rejects.toThrow("shorter");
  });

  it("refuses the checksum of a file the thread cannot read", async () => {
    const hash = new FileHash(join(dir, "gone"));
    await expect(hash.finish(0)).rejects.toThrow("ENOENT");
  });

  it("refuses the checksum of a file given up", async () => {
    const path = join(dir, "given-up");
    writeFileSync(path, "x");
    const hash = new FileHash(path);
    hash.abandon();
    await expect(hash.finish(1)).rejects.toThrow("abandoned");
  });

  it("does not keep a command running once its files are hashed", () => {
    // The checksum thread would otherwise hold a CLI process (import, restore) open forever.
    const script = `import { Readable } from "node:stream";
      import { LocalStorage } from "./packages/server/dist/evidence/storage.js";
      const s = await new LocalStorage(process.argv[1]).stage(Readable.from([Buffer.from("abc")]), 10);
      console.log(s.sha256);`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, dir], {
      timeout: 20_000,
      encoding: "utf8",
    });
    expect(out.trim()).toBe(sha256(Buffer.from("abc")));
  });
});

describe("a short write", () => {
  const buffers = [Buffer.from("abc"), Buffer.from("de"), Buffer.from("fghi")];
  const text = (bs: Buffer[]) => Buffer.concat(bs).toString();

  it("continues exactly where the disk stopped", () => {
    for (let written = 0; written <= 9; written++) {
      expect(text(remainder(buffers, written))).toBe("abcdefghi".slice(written));
    }
    expect(remainder(buffers, 9)).toEqual([]);
  });
});
