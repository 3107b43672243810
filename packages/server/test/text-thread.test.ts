// Evidence text is read on a thread of its own (evidence/text-thread.ts): at a lower priority
// than requests, and a file that kills, exhausts or hangs the reading leaves the server running
// and the next file read.
import { mkdtempSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_READ_LIMITS, notRead, readText } from "../src/evidence/text.js";
import { TextThread } from "../src/evidence/text-thread.js";
import { pdfOf } from "./documents.js";

const probe = {
  module: new URL("./fixtures/text-probe.ts", import.meta.url).href,
  tsx: import.meta.resolve("tsx/esm/api"),
};

describe("reading evidence text on its own thread", () => {
  it("reads a PDF as reading it in place does", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "matang-thread-")), "perwal.pdf");
    writeFileSync(path, await pdfOf(["PERATURAN WALI KOTA NOMOR 12 TAHUN 2019 tentang Arsitektur SPBE"]));
    const apart = await new TextThread().read(path, "application/pdf", DEFAULT_READ_LIMITS);
    expect(apart.status).toBe("done");
    expect(apart.text).toContain("NOMOR 12 TAHUN 2019");
    expect(apart).toEqual(await readText(path, "application/pdf", DEFAULT_READ_LIMITS));
  });

  it("knows without a thread which files it will not read: too large, or a type without text", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "matang-thread-")), "surat.pdf");
    writeFileSync(path, await pdfOf(["Surat Keputusan Tim Koordinasi SPBE"]));
    expect(await notRead(path, "application/pdf", { ...DEFAULT_READ_LIMITS, maxBytes: 100 })).toMatchObject({
      status: "skipped",
      error: expect.stringContaining("larger than"),
    });
    expect(await notRead(path, "application/zip", DEFAULT_READ_LIMITS)).toMatchObject({
      status: "skipped",
      error: "Text is not read from application/zip files",
    });
    expect(await notRead(path, "application/pdf", DEFAULT_READ_LIMITS)).toBeNull();
    expect(await notRead(path, "image/png", DEFAULT_READ_LIMITS)).toBeNull();
  });

  it("runs below the requests' priority, leaving the server's own as it was", async () => {
    const before = getPriority(0);
    const read = await new TextThread(probe).read("x", "probe/priority", DEFAULT_READ_LIMITS);
    expect(Number(read.text)).toBe(19);
    expect(getPriority(0)).toBe(before);
  });

  it("replaces its thread with a fresh one after its share of files", async () => {
    const thread = new TextThread(probe, 64, 60_000, 2);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await thread.read("x", "probe/thread", DEFAULT_READ_LIMITS)).text);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[4]).not.toBe(ids[3]);
  });

  it("reports a file that ends the thread, exhausts its memory or never finishes as unreadable, then reads the next", async () => {
    const thread = new TextThread(probe, 64, 3000);
    expect(await thread.read("a", "probe/exit", DEFAULT_READ_LIMITS)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("stopped"),
    });
    expect((await thread.read("b", "text/plain", DEFAULT_READ_LIMITS)).text).toBe("read b");
    expect(await thread.read("c", "probe/memory", DEFAULT_READ_LIMITS)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("more than 64 MB of memory"),
    });
    expect((await thread.read("d", "text/plain", DEFAULT_READ_LIMITS)).text).toBe("read d");
    expect(await thread.read("e", "probe/hang", DEFAULT_READ_LIMITS)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("longer than"),
    });
    expect((await thread.read("f", "text/plain", DEFAULT_READ_LIMITS)).text).toBe("read f");
  });
});
