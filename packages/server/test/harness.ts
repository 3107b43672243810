import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../src/db/client.js";

/** Integration tests run on both engines. */
export const ENGINES = ["pglite", "postgres"] as const;
export type Engine = (typeof ENGINES)[number];

/** The PostgreSQL server tests use: DATABASE_URL, or the machine's local one. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase extends DatabaseHandle {
  /** Connection string (PostgreSQL only), e.g. to start a second server on the same database. */
  readonly url?: string;
  /** Close and, on PostgreSQL, drop the database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database of its own. */
export async function testDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    await handle.migrate();
    return { ...handle, destroy: () => handle.close() };
  }
  const name = `matang_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(POSTGRES_URL, name);
  const handle = await openDatabase({ url });
  await handle.migrate();
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
