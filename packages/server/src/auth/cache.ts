// Who a session or API token belongs to, kept for a few minutes so requests do not ask the
// database each time (on the last day, a person's every click; with two instances a few seconds
// kept almost nothing). The database announces every change that could alter an answer (logout,
// grants, deactivation, moved organizations: NOTIFY matang_auth from triggers, migration 0007), and
// every instance then forgets what it affects. Nothing is kept unless the listening connection is up
// and has carried one of our own notifications back.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, Db, Subscription } from "../db/client.js";

export const AUTH_CHANNEL = "matang_auth";
const SYNC = "sync:";
const PROBE_MS = 5000;

interface Entry<T> {
  readonly value: T;
  readonly until: number;
}

export class PrincipalCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly waiting = new Map<string, () => void>();
  /** The listening connection is up… */
  private connected = false;
  /** …and a NOTIFY of ours came back through it (a transaction-mode pooler would swallow them). */
  private heard = false;
  private probing: NodeJS.Timeout | undefined;
  /** Bumped by every invalidation: an answer read before one must not be kept after it. */
  private generation = 0;
  private subscription: Subscription | undefined;

  constructor(
    private readonly db: Db,
    /** Whose an entry is: a change to a user's grants or account drops every entry of theirs. */
    private readonly userOf: (value: T) => string,
    /** A backstop only: every change that matters is announced and forgotten at once. */
    private readonly ttlMs = 300_000,
    private readonly maxEntries = 20_000,
  ) {}

  async start(listen: DatabaseHandle["listen"]): Promise<void> {
    this.subscription = await listen(AUTH_CHANNEL, {
      onMessage: (payload) => this.heardOf(payload),
      onLive: (live) => {
        this.connected = live;
        this.heard = false;
        this.clear();
        if (live) void this.probe();
      },
    });
  }

  private get live(): boolean {
    return this.connected && this.heard;
  }

  /** Cache only once a round trip through the listening connection has worked. */
  private async probe(): Promise<void> {
    if (this.probing) clearTimeout(this.probing);
    this.probing = undefined;
    if (!this.connected) return;
    if (await this.roundTrip()) this.heard = true;
    else if (this.connected) {
      this.probing = setTimeout(() => void this.probe(), PROBE_MS);
      this.probing.unref();
    }
  }

  async stop(): Promise<void> {
    this.connected = false;
    if (this.probing) clearTimeout(this.probing);
    this.clear();
    await this.subscription?.close();
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** One announcement (migration 0007 names what it affects); anything unknown clears all. */
  private heardOf(payload: string): void {
    if (payload.startsWith(SYNC)) {
      this.waiting.get(payload)?.();
      return;
    }
    this.generation++;
    const [kind, id] = [payload.slice(0, 2), payload.slice(2)];
    if (kind === "s:" || kind === "t:") this.entries.delete(payload);
    else if (kind === "u:") {
      for (const [key, entry] of this.entries) if (this.userOf(entry.value) === id) this.entries.delete(key);
    } else this.entries.clear();
  }

  /** The generation to hand back to {@link set}: taken before reading the database. */
  mark(): number {
    return this.generation;
  }

  get(key: string, now = Date.now()): T | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Keep `value` until `expiresAt` at the latest, unless something changed since `mark`. */
  set(key: string, value: T, mark: number, expiresAt: number | null, now = Date.now()): void {
    if (!this.live || mark !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, {
      value,
      until: Math.min(now + this.ttlMs, expiresAt ?? Number.POSITIVE_INFINITY),
    });
  }

  /**
   * Wait until every change committed so far has been announced here: notifications arrive in
   * commit order, so once our own marker comes back, the ones before it have been handled. Called
   * before answering a write, so the writer's next request already sees what it changed.
   */
  async sync(): Promise<void> {
    if (!this.live) return;
    if (!(await this.roundTrip())) {
      // Not heard back: forget everything and stop caching until a probe gets through again.
      this.heard = false;
      this.clear();
      void this.probe();
    }
  }

  private async roundTrip(timeoutMs = 2000): Promise<boolean> {
    const token = `${SYNC}${randomBytes(9).toString("base64url")}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.waiting.set(token, () => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      await this.db.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${token})`);
      return await arrived;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(token);
    }
  }
}
