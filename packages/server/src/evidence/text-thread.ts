// Reading evidence text on a thread of its own, at a lower priority than requests.
//
// pdf.js parses a PDF synchronously: under the deadline bench (docs/BENCHMARKS.md) a 10 MB scan
// whose cross-reference table had to be rebuilt held an instance's event loop for up to 0.7 s at a
// time, and the page calls of everyone on that instance waited. On its own thread the reading
// takes the same CPU, but the operating system shares it out with the requests (on Linux a
// thread's priority is its own; the OCR programs it starts inherit it). A file that would need
// more memory than `MEMORY_MB` ends the thread, not the server: the file is reported unreadable
// and the next one gets a new thread.
import { Worker } from "node:worker_threads";
import type { ReadLimits, ReadText } from "./text.js";

/**
 * How much lower than requests the reading runs: the lowest (19, about a seventieth of a request
 * thread's share when both want the CPU). At 10 the deadline bench's page calls had p99 544 ms
 * against 414 ms at 19 (120-s runs on one dataset).
 */
const NICE = 19;
/** The reading thread's heap: a 64 MB PDF (the largest read) parses in well under this. */
const MEMORY_MB = 1024;
/** A file still being read after this long is given up (OCR of 20 pages takes a few minutes). */
const TIMEOUT_MS = 20 * 60_000;
/**
 * Files read before the thread is replaced by a fresh one: whatever a parser keeps by mistake is
 * let go with the thread (pdf.js kept every file it could not open, 6 GB per instance after the
 * deadline bench's 10 minutes).
 */
const RENEW_AFTER = 50;

const WORKER = `
const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
const { setPriority } = process.getBuiltinModule("node:os");
try { setPriority(0, workerData.nice); } catch {}
const loaded = (async () => {
  // Tests run the TypeScript sources: tsx reads them for this thread too.
  if (workerData.tsx) (await import(workerData.tsx)).register();
  return import(workerData.module);
})();
parentPort.on("message", async ({ id, path, mediaType, limits }) => {
  try {
    const { readText } = await loaded;
    parentPort.postMessage({ id, read: await readText(path, mediaType, limits) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Job {
  resolve(read: ReadText): void;
  timer: NodeJS.Timeout;
}

/** What a file that could not be read is recorded as. */
const failed = (why: string): ReadText => ({
  status: "failed",
  text: "",
  pages: null,
  ocrPages: 0,
  error: `The file could not be read: ${why}`.slice(0, 500),
});

/** The module the thread reads with: text.js beside this file (text.ts when running the sources). */
function readerModule(): { module: string; tsx: string | null } {
  const source = import.meta.url.endsWith(".ts");
  return {
    module: new URL(source ? "./text.ts" : "./text.js", import.meta.url).href,
    tsx: source ? import.meta.resolve("tsx/esm/api") : null,
  };
}

/** A thread that reads texts one request at a time; replaced when it ends. */
export class TextThread {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  /** Files the current thread has read. */
  private reads = 0;

  constructor(
    private readonly code: { module: string; tsx: string | null } = readerModule(),
    private readonly memoryMb = MEMORY_MB,
    private readonly timeoutMs = TIMEOUT_MS,
    private readonly renewAfter = RENEW_AFTER,
  ) {}

  /** What the file says (see text.ts's readText); never throws. */
  read(path: string, mediaType: string, limits: ReadLimits): Promise<ReadText> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<ReadText>((resolve) => {
      const timer = setTimeout(() => {
        // The thread is stuck on this file: end it (and with it the file's reading).
        this.end(worker, `reading took longer than ${Math.round(this.timeoutMs / 60_000)} minutes`);
      }, this.timeoutMs);
      this.jobs.set(id, { resolve, timer });
      worker.ref();
      worker.postMessage({ id, path, mediaType, limits });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { ...this.code, nice: NICE },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
    });
    worker.on("message", (reply: { id: number; read?: ReadText; error?: string }) => {
      this.settle(reply.id, reply.read ?? failed(reply.error ?? "unknown error"));
      this.reads++;
      if (this.jobs.size > 0) return;
      worker.unref();
      // Idle after its share of files: the next file starts a fresh thread.
      if (this.reads >= this.renewAfter && this.worker === worker) {
        this.worker = null;
        void worker.terminate();
      }
    });
    worker.on("error", (error: Error & { code?: string }) =>
      this.end(
        worker,
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `reading it needs more than ${this.memoryMb} MB of memory`
          : error.message,
      ),
    );
    worker.on("exit", (code) => this.end(worker, `the reading thread stopped (${code})`));
    this.worker = worker;
    this.reads = 0;
    return worker;
  }

  private settle(id: number, read: ReadText): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    clearTimeout(job.timer);
    job.resolve(read);
  }

  private end(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const id of [...this.jobs.keys()]) this.settle(id, failed(why));
    void worker.terminate();
  }
}
