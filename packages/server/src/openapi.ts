// The API's OpenAPI document without a database or a port: what `/api/openapi.json` serves, for
// the web's generated types (`npm run api-types -w @matang/web`) and the test that keeps them fresh.
import type { Framework } from "@matang/core";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { buildApp } from "./app.js";
import type { Db } from "./db/client.js";
import * as schema from "./db/schema.js";

export async function openApiDocument(): Promise<Record<string, unknown>> {
  // Building the routes runs no query; a pool that never connects stands in for the database.
  const pool = new pg.Pool({ connectionString: "postgres://openapi.invalid/none", max: 1 });
  const db = drizzle(pool, { schema }) as unknown as Db;
  const app = await buildApp({ db, frameworks: new Map<string, Framework>(), logger: false });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await pool.end();
  }
}
