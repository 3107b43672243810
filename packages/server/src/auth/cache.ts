// Who a session or API token belongs to, kept for a few seconds so reads do not ask the database
// on every request. The database announces every change that could alter an answer (logout,
// grants, deactivation, moved organizations: NOTIFY matang_auth from triggers, migration 0007), and
// every instance then forgets everything. Without a live listening connection nothing is kept.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, Db, Subscription } from "../db/client.js";

export const AUTH_CHANNEL = "matang_auth";
const SYNC = "sync:";

interface Entry<T> {
  readonly value: T;
  readonly until: number;
}

export class PrincipalCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly waiting = new Map<string, () => void>();
  private live = false;
  /** Bumped by every invalidation: an answer read before one must not be kept after it. */
  private generation = 0;
  private subscription: Subscription | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 20_000,
  ) {}

  async start(listen: DatabaseHandle["listen"]): Promise<void> {
    this.subscription = await listen(AUTH_CHANNEL, {
      onMessage: (payload) => {
        if (payload.startsWith(SYNC)) this.waiting.get(payload)?.();
        else this.clear();
      },
      onLive: (live) => {
        this.live = live;
        this.clear();
      },
    });
  }

  async stop(): Promise<void> {
    this.live = false;
    this.clear();
    await this.subscription?.close();
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
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
  async sync(timeoutMs = 2000): Promise<void> {
    if (!this.live) return;
    const token = `${SYNC}${randomBytes(9).toString("base64url")}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.waiting.set(token, () => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      await this.db.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${token})`);
      if (!(await arrived)) this.clear();
    } catch {
      this.clear();
    } finally {
      clearTimeout(timer);
      this.waiting.delete(token);
    }
  }
}
