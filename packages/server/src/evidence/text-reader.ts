// The background reader: each instance takes files waiting for their text, one at a time, reads
// them (evidence/text.ts, on a thread of its own: text-thread.ts) and stores the text with its
// search document. An upload never waits for it; several instances share the queue through the
// database.
import { performance } from "node:perf_hooks";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/client.js";
import * as repo from "./repository.js";
import type { EvidenceStorage } from "./storage.js";
import { DEFAULT_READ_LIMITS, notRead, type ReadLimits } from "./text.js";
import { TextThread } from "./text-thread.js";

/** One reading thread per process, started at the first file (it does not keep the process alive). */
let thread: TextThread | null = null;
const reader = () => {
  thread ??= new TextThread();
  return thread;
};

/**
 * When the background reader may take the next file. Reading a file takes a core for seconds (a
 * scan's OCR for minutes), however low its priority, and on the last day before a deadline that
 * is the CPU people's saves and uploads need: at the deadline bench's load the page calls' p99
 * was 414 ms with reading going on and 238 ms without (120-s runs on one dataset). So while the
 * thread answering requests is busy, reading waits for a quiet moment, and at most `maxWaitMs`
 * between files, so a day that is never quiet still reads.
 */
export interface ReadingPace {
  /** Busy share of the request thread (0–1) above which reading waits. */
  readonly busyAbove: number;
  /** How often it looks again while waiting. */
  readonly stepMs: number;
  readonly maxWaitMs: number;
}

export const READING_PACE: ReadingPace = { busyAbove: 0.1, stepMs: 1000, maxWaitMs: 30_000 };

/** How busy this thread's event loop was since the previous call (0–1). */
export function loopBusyness(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

/**
 * Wait while `busy()` says the requests' thread is busy (see {@link ReadingPace}); false when
 * `wait` says the reader stopped meanwhile.
 */
export async function quietMoment(
  busy: () => number,
  wait: (ms: number) => Promise<boolean>,
  pace: ReadingPace = READING_PACE,
): Promise<boolean> {
  for (let waited = 0; waited < pace.maxWaitMs && busy() > pace.busyAbove; waited += pace.stepMs)
    if (!(await wait(pace.stepMs))) return false;
  return true;
}

/**
 * Read up to `max` waiting files; how many were read. `ready`, asked before each file, may make
 * it wait (false: stop).
 */
export async function readPendingTexts(
  db: Db,
  storage: EvidenceStorage,
  max = 10,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  ready: () => Promise<boolean> = async () => true,
): Promise<number> {
  let done = 0;
  while (done < max) {
    if (!(await ready())) return done;
    const job = await repo.claimText(db);
    if (!job) break;
    const read =
      job.attempts > repo.TEXT_ATTEMPTS
        ? {
            status: "failed" as const,
            text: "",
            pages: null,
            ocrPages: 0,
            error: `Reading was given up after ${repo.TEXT_ATTEMPTS} attempts`,
          }
        : await storage.withFile(
            job.storageKey,
            // What is not read at all (too large, a type without text) needs no thread; a file
            // that cannot even be looked at is reported by the reading itself.
            async (path) =>
              (await notRead(path, job.mediaType, limits).catch(() => null)) ??
              reader().read(path, job.mediaType, limits),
          );
    await repo.saveText(db, job.fileId, job.title, read);
    done++;
  }
  // Texts read before Matang read their facts get them when nothing else waits.
  if (done < max) done += await repo.readMissingFacts(db, max - done);
  return done;
}

/**
 * Keep reading in the background: at once while files wait, then every `idleMs`. `stop` waits
 * for the file being read.
 */
export function startTextReader(
  db: Db,
  storage: EvidenceStorage,
  log: FastifyBaseLogger,
  idleMs = 2000,
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  // Never what keeps the process alive.
  const later = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  // A wait for a quiet moment ends at once when the reader stops.
  let wake: (() => void) | null = null;
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(!stopped), ms);
      t.unref();
      wake = () => {
        clearTimeout(t);
        resolve(false);
      };
    });
  const busy = loopBusyness();
  function tick() {
    timer = null;
    running = readPendingTexts(db, storage, 5, DEFAULT_READ_LIMITS, () => quietMoment(busy, wait))
      .then((n) => later(n > 0 ? 0 : idleMs))
      .catch((error: unknown) => {
        log.warn({ err: error }, "reading evidence text failed; trying again later");
        later(idleMs * 5);
      });
  }
  later(idleMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      (wake as (() => void) | null)?.();
      await running;
    },
  };
}
