// The background reader: each instance takes files waiting for their text, one at a time, reads
// them (evidence/text.ts, on a thread of its own: text-thread.ts) and stores the text with its
// search document. An upload never waits for it; several instances share the queue through the
// database.
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

/** Read up to `max` waiting files; how many were read. */
export async function readPendingTexts(
  db: Db,
  storage: EvidenceStorage,
  max = 10,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<number> {
  let done = 0;
  while (done < max) {
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
  function tick() {
    timer = null;
    running = readPendingTexts(db, storage, 5)
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
      await running;
    },
  };
}
