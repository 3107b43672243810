import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRegistryFile } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { desc, eq } from "drizzle-orm";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { createUser, DEFAULT_AUTH } from "../src/auth/service.js";
import { bootstrap } from "../src/bootstrap.js";
import { type DatabaseHandle, openDatabase } from "../src/db/client.js";
import { assessments, cycles, organizations } from "../src/db/schema.js";
import { importRegistry } from "../src/organizations/import.js";
import type { Role } from "../src/policy/policy.js";
import { archivedPglite } from "./archives.js";

/** A national administrator as services see one, for calling them directly. */
export const ADMIN_CONTEXT = {
  principal: {
    userId: "admin",
    label: "admin",
    grants: [{ role: "admin" as const, organizationId: null, organizationPath: null }],
  },
  requestId: null,
  address: null,
};

/** `bytes` cut into uneven pieces, as a network delivers them. */
export function pieces(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = [1, 4099, 65_536, 700_001, 3][i % 5] as number;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** An organization's assessment in the newest cycle (the demo's current one, open for work). */
export async function currentAssessmentOf(database: DatabaseHandle, organization: string): Promise<string> {
  const [found] = await database.db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(eq(organizations.name, organization))
    .orderBy(desc(cycles.year))
    .limit(1);
  if (!found) throw new Error(`no assessment of ${organization}`);
  return found.id;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const ALL_ENGINES = ["pglite", "postgres"] as const;
export type Engine = (typeof ALL_ENGINES)[number];

/**
 * Integration tests run on both engines. MATANG_TEST_ENGINES=pglite (a comma-separated list)
 * narrows a run: CI's second Node runs the embedded engine only, the part that is WebAssembly.
 */
export const ENGINES: readonly Engine[] = (() => {
  const wanted = process.env.MATANG_TEST_ENGINES;
  if (!wanted) return ALL_ENGINES;
  const chosen = wanted.split(",").map((e) => e.trim());
  const unknown = chosen.filter((e) => !(ALL_ENGINES as readonly string[]).includes(e));
  if (unknown.length > 0 || chosen.length === 0)
    throw new Error(
      `MATANG_TEST_ENGINES: unknown engine ${unknown.join(", ")}; use ${ALL_ENGINES.join(", ")}`,
    );
  return ALL_ENGINES.filter((e) => chosen.includes(e));
})();

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
    const handle = await archivedPglite("migrated");
    return { ...handle, destroy: () => handle.close().catch(() => {}) };
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
      // Already closed by the test (e.g. "the database goes away") is fine: drop it anyway.
      await handle.close().catch(() => {});
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export const registryFile = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../reference/results-2023.csv",
);

/** Load the 621 instansi of 2023 into a test database. */
export async function loadRegistry(database: TestDatabase) {
  const rows = parseRegistryFile(readFileSync(registryFile, "utf8"), "results-2023.csv");
  await importRegistry(database.db, rows, {
    actor: { id: null, label: "test" },
    source: "results-2023.csv",
    year: 2023,
  });
}

/** The national administrator {@link seeded} creates. */
export const TEST_ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" } as const;

/**
 * A fresh database already {@link seeded}: on PGlite started from the run's archive of that state.
 */
export async function seededDatabase(engine: Engine, { registry = true } = {}): Promise<TestDatabase> {
  if (engine === "postgres") {
    const database = await testDatabase(engine);
    await seeded(database, { registry });
    return database;
  }
  const handle = await archivedPglite(registry ? "seeded-registry" : "seeded", (h) =>
    seeded({ ...h, destroy: async () => {} }, { registry }),
  );
  return { ...handle, destroy: () => handle.close().catch(() => {}) };
}

/** A fresh database with the demo content and this administrator (on PGlite, from the run's archive). */
export async function demoDatabase(
  engine: Engine,
  admin: { email: string; password: string },
): Promise<TestDatabase> {
  const prepare = async (h: DatabaseHandle) => {
    await bootstrap(h.db, {
      frameworks: builtinFrameworks(),
      demo: true,
      adminEmail: admin.email,
      adminPassword: admin.password,
    });
  };
  if (engine === "postgres") {
    const database = await testDatabase(engine);
    await prepare(database);
    return database;
  }
  const key = `demo-${createHash("sha256").update(`${admin.email}\n${admin.password}`).digest("hex").slice(0, 16)}`;
  const handle = await archivedPglite(key, prepare);
  return { ...handle, destroy: () => handle.close().catch(() => {}) };
}

/** A national administrator and (unless `registry: false`) the 621 instansi, without demo data. */
export async function seeded(database: TestDatabase, { registry = true } = {}) {
  if (registry) await loadRegistry(database);
  await bootstrap(database.db, {
    frameworks: builtinFrameworks(),
    demo: false,
    adminEmail: TEST_ADMIN.email,
    adminPassword: TEST_ADMIN.password,
  });
}

export const PASSWORD = "kata-sandi-uji-1";

export async function addUser(
  database: TestDatabase,
  email: string,
  role: Role | null,
  organizationId: string | null,
) {
  return createUser(
    database.db,
    { id: null, label: "test" },
    {
      email,
      name: email.split("@")[0] ?? email,
      password: PASSWORD,
      grants: role ? [{ role, organizationId }] : [],
    },
  );
}

/** The app on a test database; logins are not rate-limited unless a test asks for a limit. */
export function appFor(database: TestDatabase, loginsPerMinute = 10_000): Promise<FastifyInstance> {
  return buildApp({
    db: database.db,
    listen: database.listen,
    frameworks: builtinFrameworks(),
    auth: { ...DEFAULT_AUTH, loginsPerMinute },
  });
}

/** A logged-in client: keeps the session cookie and sends the CSRF header on writes. */
export async function client(app: FastifyInstance, email: string, password = PASSWORD) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "matang_session");
  const csrf = res.json().csrfToken as string;
  const call = (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      cookies: { matang_session: cookie?.value ?? "" },
      headers: method === "GET" ? {} : { "x-csrf-token": csrf },
    });
  return { call, cookie: cookie?.value ?? "", csrf, login: res };
}

/** A multipart body with fields and one file, as a browser would send it. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; content: Buffer },
) {
  const boundary = `----matang${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
