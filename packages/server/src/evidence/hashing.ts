import { Worker } from "node:worker_threads";

/**
 * SHA-256 of files being written, computed on a worker thread from what is already on disk.
 *
 * Hashing takes about as much CPU as receiving the upload. Done on the thread that receives, it
 * made a 200 MB upload slower (636 against 553 ms under the national benchmark's conditions,
 * docs/BENCHMARKS.md). The worker reads back from the page cache what has
 * been written, one range at a time, while the upload goes on. The checksum recorded is also the
 * checksum of the bytes as stored, not of the bytes as they came off the network.
 */
const WORKER = `
// Evaluated as a script or as a module, depending on how node was started: either way, this works.
const { parentPort } = process.getBuiltinModule("node:worker_threads");
const { createHash } = process.getBuiltinModule("node:crypto");
const { openSync, readSync, closeSync } = process.getBuiltinModule("node:fs");
const jobs = new Map();
const buffer = Buffer.allocUnsafe(1024 * 1024);
function drop(id) {
  const job = jobs.get(id);
  jobs.delete(id);
  if (job) closeSync(job.fd);
}
parentPort.on("message", ({ op, id, path, size }) => {
  try {
    if (op === "open") {
      jobs.set(id, { fd: openSync(path, "r"), hash: createHash("sha256"), done: 0 });
      return;
    }
    if (op === "drop") return drop(id);
    const job = jobs.get(id);
    if (!job) return;
    while (job.done < size) {
      const n = readSync(job.fd, buffer, 0, Math.min(buffer.length, size - job.done), job.done);
      if (n === 0) throw new Error("the file is shorter than what was written to it");
      job.hash.update(buffer.subarray(0, n));
      job.done += n;
    }
    if (op === "end") {
      drop(id);
      parentPort.postMessage({ id, sha256: job.hash.digest("hex") });
    }
  } catch (error) {
    try { drop(id); } catch {}
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Reply = { id: number; sha256: string; error?: undefined } | { id: number; error: string };

interface Pending {
  /** Set once the end is asked for. */
  waiter: { resolve(sha256: string): void; reject(error: Error): void } | null;
  /** A failure reported before the end was asked for: reported at the end. */
  failure: Error | null;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function settle(id: number, outcome: { sha256: string } | { error: Error }): void {
  const job = pending.get(id);
  if (!job) return;
  if ("error" in outcome) job.failure ??= outcome.error;
  if (!job.waiter) return;
  pending.delete(id);
  if (job.failure) job.waiter.reject(job.failure);
  else job.waiter.resolve((outcome as { sha256: string }).sha256);
  idle();
}

/** The worker keeps the process alive only while a file is being hashed. */
function idle(): void {
  if (pending.size === 0) worker?.unref();
}

function hashWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER, { eval: true });
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const id of [...pending.keys()]) settle(id, { error });
  };
  started.on("message", (reply: Reply) =>
    settle(
      reply.id,
      reply.error === undefined ? { sha256: reply.sha256 } : { error: new Error(reply.error) },
    ),
  );
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`the hashing thread stopped (${code})`)));
  worker = started;
  return started;
}

/** The checksum of one file as it is written: say how far it is written, then that it is done. */
export class FileHash {
  private readonly id = nextId++;
  private readonly worker: Worker;
  private told = 0;

  /** `path` must exist: the worker opens it at once. */
  constructor(path: string) {
    this.worker = hashWorker();
    this.worker.ref();
    pending.set(this.id, { waiter: null, failure: null });
    this.worker.postMessage({ op: "open", id: this.id, path });
  }

  /** The first `size` bytes are written: the worker may read them. */
  written(size: number): void {
    // A message per megabyte keeps the worker busy without flooding it.
    if (size - this.told < 1024 * 1024) return;
    this.told = size;
    this.worker.postMessage({ op: "upto", id: this.id, size });
  }

  /** All `size` bytes are written: their SHA-256, in hex. */
  finish(size: number): Promise<string> {
    const job = pending.get(this.id);
    if (!job) return Promise.reject(new Error("this file's checksum was abandoned"));
    return new Promise<string>((resolve, reject) => {
      job.waiter = { resolve, reject };
      if (job.failure) settle(this.id, { error: job.failure });
      else this.worker.postMessage({ op: "end", id: this.id, size });
    });
  }

  /** The file is abandoned: the worker forgets it. */
  abandon(): void {
    if (!pending.delete(this.id)) return;
    this.worker.postMessage({ op: "drop", id: this.id });
    idle();
  }
}
