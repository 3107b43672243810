import { setFlagsFromString } from "node:v8";

/** The old generation may grow to twice what survived the last full collection. */
const HEAP_GROWING_PERCENT = 100;

/**
 * How V8 sizes the heap of a serving process. Left to itself, V8 set the next full collection at
 * about 1.3× what survived the last one. For a heap like Matang's (about 40 MB live) that room is
 * smaller than the young generation, so V8 starts a new full marking almost at once. A streaming
 * upload counts its 64 kB network buffers as external memory and keeps the collector busy, so
 * during one 200 MB upload that meant 30–40 full collections of 20–30 ms each. The upload took
 * 1.5× as long (docs/BENCHMARKS.md). A fixed 2× leaves more room than the young generation needs.
 * V8 itself lets large heaps grow up to 4×.
 *
 * The flag is read each time V8 sets that limit, so it takes effect when set at start-up. An
 * operator who passes node a value of their own keeps it.
 */
export function tuneHeapForServing(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
