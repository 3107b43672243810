// The database going away and coming back: a PostgreSQL server of the test's own is stopped hard
// and started again while Matang keeps running.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { bootstrap } from "../src/bootstrap.js";
import { type DatabaseHandle, openDatabase } from "../src/db/client.js";
import { client, freePort } from "./harness.js";

const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort() : [];
const BIN = versions.length
  ? join("/usr/lib/postgresql", versions[versions.length - 1] as string, "bin")
  : "";
const available = BIN !== "" && existsSync(join(BIN, "pg_ctl"));
const asRoot = process.getuid?.() === 0;

/** Run a PostgreSQL tool; as root, as the postgres user (PostgreSQL refuses to run as root). */
function pg(tool: string, args: string[]) {
  const command = asRoot ? "runuser" : join(BIN, tool);
  const argv = asRoot ? ["-u", "postgres", "--", join(BIN, tool), ...args] : args;
  return execFileSync(command, argv, { stdio: "pipe", timeout: 60_000 });
}

describe.skipIf(!available)("PostgreSQL stopping and starting again under a running Matang", () => {
  let dir: string;
  let port: number;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  const start = () =>
    pg("pg_ctl", [
      "-D",
      dir,
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      "-l",
      join(dir, "log"),
      "-w",
      "start",
    ]);
  const stop = () => pg("pg_ctl", ["-D", dir, "-m", "immediate", "-w", "stop"]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "matang-pg-"));
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      chownSync(dir, uid, gid);
    }
    port = await freePort();
    pg("initdb", ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    start();
    handle = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await handle.migrate();
    await bootstrap(handle.db, {
      frameworks: builtinFrameworks(),
      demo: false,
      adminEmail: "admin@uji.id",
      adminPassword: "sandi-admin-uji",
    });
    app = await buildApp({
      db: handle.db,
      frameworks: builtinFrameworks(),
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await handle?.close().catch(() => {});
    try {
      stop();
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with a clear message while it is away, and recovers by itself when it returns", async () => {
    const admin = await client(app, "admin@uji.id", "sandi-admin-uji");
    expect((await admin.call("GET", "/api/organizations")).statusCode).toBe(200);
    stop();
    for (const res of [
      await admin.call("GET", "/api/organizations"),
      await admin.call("POST", "/api/organizations", { kind: "provinsi", name: "Provinsi Saat Padam" }),
    ]) {
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({
        code: "database_unavailable",
        message: expect.stringContaining("database"),
      });
    }
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(503);
    start();
    // No restart of Matang: the next requests simply work again.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.inject({ method: "GET", url: "/api/health" })).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    const created = await admin.call("POST", "/api/organizations", {
      kind: "provinsi",
      name: "Provinsi Sesudah Pulih",
    });
    expect(created.statusCode).toBe(201);
    // The write refused while the database was away never happened.
    const list = (await admin.call("GET", "/api/organizations?q=Padam")).json();
    expect(list.total).toBe(0);
  }, 120_000);
});
