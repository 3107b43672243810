import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.js";
import { guardWasmCodeGc } from "./wasm-code-gc.js";

/** The database as the repositories see it, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly kind: "pglite" | "postgres";
  /** Apply pending migrations (safe to call from several instances at once on PostgreSQL). */
  migrate(): Promise<void>;
  /** Follow NOTIFY on `channel` (see {@link Subscription}). */
  listen(channel: string, handlers: SubscriptionHandlers): Promise<Subscription>;
  /** PGlite only: its data directory as an archive, to start another database from (`loadDataDir`). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface SubscriptionHandlers {
  onMessage(payload: string): void;
  /**
   * Called with false when the listening connection is lost and with true once it listens
   * (again): messages sent in between are lost, so anything built on them must start over.
   */
  onLive(live: boolean): void;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  readonly url?: string;
  /** Where PGlite keeps its files; "memory://" for a throw-away database. */
  readonly dataDir?: string;
  /**
   * PGlite only: start from this archive of a data directory (another handle's `dump`) instead of
   * an empty database. Tests start each database from one migrated copy (seconds each otherwise).
   */
  readonly loadDataDir?: Blob;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");
/** Arbitrary but fixed: serialises migrations across instances sharing one PostgreSQL. */
const MIGRATION_LOCK = 741_852_963;

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.url) {
    // JIT compiling pays off for analytics, not for the short queries Matang runs. A connection
    // opened for a burst stays for 5 minutes (pg's default is 10 s): a new one costs PostgreSQL a
    // process and its caches, and its first plans took several times as long (the deadline bench
    // opened and closed connections all through its steady load).
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      idleTimeoutMillis: 300_000,
      options: "-c jit=off",
    });
    // An idle client losing its connection (database restarted) must not crash the process.
    pool.on("error", () => {});
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    const subscriptions = new Set<Subscription>();
    return {
      db,
      kind: "postgres",
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
          await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
          client.release();
        }
      },
      async listen(channel, handlers) {
        const subscription = await listenPostgres(config.url as string, channel, handlers);
        subscriptions.add(subscription);
        return subscription;
      },
      async close() {
        await Promise.all([...subscriptions].map((s) => s.close()));
        await pool.end();
      },
    };
  }
  const dataDir = config.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // Node 24's V8 can abort while freeing PGlite's WebAssembly code (see wasm-code-gc.ts).
  guardWasmCodeGc();
  const client = new PGlite(dataDir, config.loadDataDir ? { loadDataDir: config.loadDataDir } : {});
  await client.waitReady;
  yieldBetweenQueries(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    async listen(channel, handlers) {
      // One embedded session: its own NOTIFYs come back to it, and it never loses the connection.
      const unlisten = await client.listen(channel, handlers.onMessage);
      handlers.onLive(true);
      // Closing after the database itself is fine: there is nothing left to stop listening to.
      return { close: () => unlisten().catch(() => {}) };
    },
    dump: () => client.dumpDataDir("none") as Promise<Blob>,
    close: () => client.close(),
  };
}

/**
 * PGlite runs each query on this thread, and a finished query hands the database straight to the
 * next one waiting: under load, dozens ran back to back in one turn of the event loop, which
 * accepts one new connection per turn. 64 clients connecting to a fresh instance then waited up
 * to 5 s to be accepted while the first requests' queries ran. Queries outside transactions now
 * take turns here, and once they have kept the thread for {@link SLICE_MS} the event loop turns
 * before the next, so connections are accepted and requests read in between. A turn before every
 * query cost 10–20% of the cached reads' throughput.
 */
function yieldBetweenQueries(client: PGlite): void {
  const query = client.query.bind(client);
  let previous: Promise<unknown> = Promise.resolve();
  /** When the current run of queries without a turn of the event loop began. */
  let runningSince: number | undefined;
  const startRun = () => {
    runningSince = performance.now();
    setImmediate(() => {
      runningSince = undefined;
    });
  };
  client.query = ((...args: Parameters<PGlite["query"]>) => {
    const result = previous.then(async () => {
      if (runningSince !== undefined && performance.now() - runningSince > SLICE_MS)
        await new Promise<void>((resolve) => setImmediate(resolve));
      if (runningSince === undefined) startRun();
      return query(...args);
    });
    previous = result.catch(() => {});
    return result;
  }) as PGlite["query"];
}

/** How long PGlite's queries may keep the thread before the event loop turns. */
const SLICE_MS = 25;

const RECONNECT_MS = 1000;

/** A connection of its own that LISTENs, reconnecting (and saying so) when it is lost. */
async function listenPostgres(
  url: string,
  channel: string,
  handlers: SubscriptionHandlers,
): Promise<Subscription> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let current: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let connecting = false;
  const lost = (client: pg.Client) => {
    if (current === client) {
      current = undefined;
      handlers.onLive(false);
    } else if (current !== undefined) return;
    client.end().catch(() => {});
    if (!closed && !retry && !connecting) {
      retry = setTimeout(connect, RECONNECT_MS);
      retry.unref();
    }
  };
  async function connect(): Promise<void> {
    retry = undefined;
    if (closed) return;
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => lost(client));
    client.on("end", () => lost(client));
    client.on("notification", (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? "");
    });
    connecting = true;
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch {
      connecting = false;
      lost(client);
      return;
    } finally {
      connecting = false;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    current = client;
    handlers.onLive(true);
  }
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    },
  };
}

/** Where the embedded database lives inside Matang's data directory. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, "db");
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** Run `fn` in a transaction (a savepoint when already inside one), typed as the plain database. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A uuid[] parameter (drizzle spreads a JS array into a list); a malformed id cannot match anyway. */
export const uuidArray = (ids: readonly string[]) =>
  sql`${`{${ids
    .map((id) => id.toLowerCase())
    .filter((id) => UUID.test(id))
    .join(",")}}`}::uuid[]`;

/** Rows of a raw SQL query; both drivers (node-postgres and PGlite) return them as `rows`. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
