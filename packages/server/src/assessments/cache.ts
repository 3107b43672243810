// An assessment's context and the figures computed from it, kept per instance while its stamp is
// current. The stamp changes in the same transaction as anything the figures are computed from
// (triggers, migration 0007), so a cached figure is never older than what the database holds: one
// small query asks for the stamp, and only a changed assessment is loaded and computed again.
import type { Framework } from "@matang/core";
import type { Db } from "../db/client.js";
import { type AssessmentContext, stampsOf } from "./repository.js";

/** Exact weighted total and answered count at one stage (what a ranking needs). */
export interface StageTotal {
  readonly units: string;
  readonly answered: number;
}

interface Totals {
  readonly stamp: string;
  readonly framework: Framework;
  readonly byStage: Map<string, StageTotal>;
}

export interface CachedAssessment {
  readonly stamp: string;
  readonly context: AssessmentContext;
  readonly framework: Framework;
  /** What reading the assessment shows, apart from what depends on the clock. */
  read?: unknown;
}

interface Slot {
  readonly entry: CachedAssessment;
  size: number;
}

/** Roughly what an entry holds in memory, in bytes: enough to bound the cache. */
const sizeOf = (entry: CachedAssessment) =>
  1024 + entry.context.assignments.length * 256 + (entry.read === undefined ? 0 : 4096);

export class AssessmentCache {
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;
  /** Rankings' totals, apart: a national ranking touches every participant but needs only these. */
  private readonly totals = new Map<string, Totals>();
  /** Cycles and stages ("cycle/stage") whose every participant's total was summed here. */
  private readonly summedRankings = new Set<string>();
  private batch: { ids: Set<string>; result: Promise<Map<string, string>> } | undefined;

  constructor(
    private readonly stampsOf: (ids: readonly string[]) => Promise<Map<string, string>>,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /**
   * The assessment's current stamp (undefined: it does not exist). Requests asking at the same
   * moment share one query, sent after all of them arrived: each still sees every write that was
   * committed before it asked.
   */
  stamp(id: string): Promise<string | undefined> {
    id = id.toLowerCase();
    if (!this.batch) {
      const ids = new Set<string>();
      const result = new Promise<Map<string, string>>((resolve, reject) => {
        setImmediate(() => {
          this.batch = undefined;
          this.stampsOf([...ids]).then(resolve, reject);
        });
      });
      this.batch = { ids, result };
    }
    this.batch.ids.add(id);
    return this.batch.result.then((stamps) => stamps.get(id));
  }

  has(id: string): boolean {
    return this.slots.has(id.toLowerCase());
  }

  /** The entry for `id` if it was computed at `stamp`, as the most recently used. */
  get(id: string, stamp: string): CachedAssessment | undefined {
    id = id.toLowerCase();
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    this.slots.delete(id);
    if (slot.entry.stamp !== stamp) {
      this.bytes -= slot.size;
      return undefined;
    }
    this.slots.set(id, slot);
    return slot.entry;
  }

  put(id: string, entry: CachedAssessment): CachedAssessment {
    id = id.toLowerCase();
    this.drop(id);
    const slot = { entry, size: sizeOf(entry) };
    this.slots.set(id, slot);
    this.bytes += slot.size;
    this.evict();
    return entry;
  }

  /** After adding figures to an entry: account for them (it may push out the oldest). */
  grew(id: string): void {
    const slot = this.slots.get(id.toLowerCase());
    if (!slot) return;
    const size = sizeOf(slot.entry);
    this.bytes += size - slot.size;
    slot.size = size;
    this.evict();
  }

  /** Forget every entry, as a fresh instance starts. */
  clear(): void {
    this.slots.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.slots.size;
  }

  /** The assessment's total at `stage` if it was computed at `stamp` with `framework`. */
  total(id: string, stamp: string, framework: Framework, stage: string): StageTotal | undefined {
    const known = this.totals.get(id);
    if (!known || known.stamp !== stamp || known.framework !== framework) return undefined;
    return known.byStage.get(stage);
  }

  /** Whether every participant of `cycleId` was summed at `stage` here (and not forgotten since). */
  summedRanking(cycleId: string, stage: string): boolean {
    return this.summedRankings.has(`${cycleId}/${stage}`);
  }

  rankingSummed(cycleId: string, stage: string): void {
    this.summedRankings.add(`${cycleId}/${stage}`);
  }

  setTotal(id: string, stamp: string, framework: Framework, stage: string, total: StageTotal): void {
    let known = this.totals.get(id);
    if (!known || known.stamp !== stamp || known.framework !== framework) {
      if (!known && this.totals.size >= MAX_TOTALS) {
        this.totals.clear();
        this.summedRankings.clear();
      }
      known = { stamp, framework, byStage: new Map() };
      this.totals.set(id, known);
    }
    known.byStage.set(stage, total);
  }

  private drop(id: string): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.bytes -= slot.size;
    this.slots.delete(id);
  }

  private evict(): void {
    // A Map iterates in insertion order, and every use re-inserts: the first is the least recent.
    for (const [id] of this.slots) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(id);
    }
  }
}

/** About 40 MB at most; a national cycle has some 700 participants. */
const MAX_TOTALS = 200_000;

const caches = new WeakMap<Db, AssessmentCache>();

/** Cache assessments read through this database (an app's, not a transaction's). */
export function enableAssessmentCache(db: Db, maxBytes?: number): void {
  if (!caches.has(db)) caches.set(db, new AssessmentCache((ids) => stampsOf(db, ids), maxBytes));
}

export const assessmentCache = (db: Db): AssessmentCache | undefined => caches.get(db);
