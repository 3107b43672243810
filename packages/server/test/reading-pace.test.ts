// Reading evidence text waits for a quiet moment while the thread answering requests is busy (the
// last day before a deadline), and at most so long between files, so a day never quiet still reads.
import { describe, expect, it } from "vitest";
import { loopBusyness, quietMoment } from "../src/evidence/text-reader.js";

const pace = { busyAbove: 0.1, stepMs: 1000, maxWaitMs: 30_000 };

/** A request thread whose busy share is read from `loads`, one value per look; the waits taken. */
function thread(loads: number[]) {
  const waits: number[] = [];
  let stopAfter = Number.POSITIVE_INFINITY;
  return {
    waits,
    stopAfterWaits(n: number) {
      stopAfter = n;
    },
    busy: () => loads.shift() ?? 0,
    wait: async (ms: number) => {
      waits.push(ms);
      return waits.length < stopAfter;
    },
  };
}

describe("when the background reader takes the next file", () => {
  it("takes it at once while requests leave the thread mostly idle", async () => {
    const t = thread([0.02]);
    expect(await quietMoment(t.busy, t.wait, pace)).toBe(true);
    expect(t.waits).toEqual([]);
  });

  it("waits while the thread is busy, and goes on at the first quiet second", async () => {
    const t = thread([0.6, 0.45, 0.3, 0.05]);
    expect(await quietMoment(t.busy, t.wait, pace)).toBe(true);
    expect(t.waits).toEqual([1000, 1000, 1000]);
  });

  it("reads anyway after the longest wait when the thread is never quiet", async () => {
    const t = thread(Array(100).fill(0.9));
    expect(await quietMoment(t.busy, t.wait, pace)).toBe(true);
    expect(t.waits.reduce((a, b) => a + b, 0)).toBe(30_000);
  });

  it("stops waiting when the reader is stopped", async () => {
    const t = thread(Array(100).fill(0.9));
    t.stopAfterWaits(2);
    expect(await quietMoment(t.busy, t.wait, pace)).toBe(false);
    expect(t.waits).toHaveLength(2);
  });

  it("measures the thread's busy share between looks", async () => {
    const busy = loopBusyness();
    busy();
    const until = performance.now() + 200;
    while (performance.now() < until) {
      // The thread is held, as a burst of requests would hold it.
    }
    expect(busy()).toBeGreaterThan(0.5);
    await new Promise((r) => setTimeout(r, 300));
    expect(busy()).toBeLessThan(0.5);
  });
});
