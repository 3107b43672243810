import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { serveMatang } from "./processes.js";

const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
});

/** Start `matang serve` and wait for its banner; returns the base URL and what it printed. */
async function serve(env: Record<string, string>) {
  const server = await serveMatang({ ...process.env, DATABASE_URL: "", MATANG_DEMO: "", ...env });
  running.push(server.child);
  // Give the banner's last lines a moment to arrive.
  await new Promise((r) => setTimeout(r, 200));
  return server;
}

async function login(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe("matang serve", () => {
  it("starts from an empty data directory: health, login, 47 indicators, 621 instansi with provinces linked", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "matang-serve-"));
    const server = await serve({ MATANG_DATA_DIR: dataDir });
    const banner = server.output();
    const admin = /Administrator created: (\S+) with password (\S+)/.exec(banner);
    expect(admin).not.toBeNull();
    expect(banner).toContain("koordinator@demo.matang.id");

    expect(await (await fetch(`${server.base}/api/health`)).json()).toEqual({ status: "ok" });
    const session = await login(server.base, admin?.[1] ?? "", admin?.[2] ?? "");
    const framework = (await (await fetch(`${server.base}/api/frameworks/permenpanrb-59-2020`)).json()) as {
      domains: { aspects: { indicators: unknown[] }[] }[];
    };
    expect(framework.domains.flatMap((d) => d.aspects.flatMap((a) => a.indicators))).toHaveLength(47);
    const headers = { cookie: session.cookie };
    const instansi = (await (
      await fetch(
        `${server.base}/api/organizations?kind=kementerian&kind=lembaga&kind=provinsi&kind=kabupaten&kind=kota&pageSize=1`,
        { headers },
      )
    ).json()) as { total: number };
    expect(instansi.total).toBe(621);
    const regencies = (await (
      await fetch(`${server.base}/api/organizations?kind=kabupaten&kind=kota&pageSize=500`, { headers })
    ).json()) as {
      items: { parentId: string | null }[];
    };
    expect(regencies.items).toHaveLength(491);
    expect(regencies.items.every((r) => r.parentId)).toBe(true);

    // SIGTERM: graceful stop, exit code 0.
    const exited = new Promise<number | null>((resolve) => server.child.on("exit", resolve));
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);

    // A second start on the same directory keeps everything and creates no second administrator.
    const again = await serve({ MATANG_DATA_DIR: dataDir });
    expect(again.output()).not.toContain("Administrator created");
    expect(again.output()).toContain("Demo accounts");
    again.child.kill("SIGTERM");
    // Two starts with the demo built on an embedded database: longer than one request's limit.
  }, 120_000);

  it("runs two instances on one PostgreSQL: a session from one works on the other", async () => {
    const name = `matang_serve_${Date.now()}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    try {
      const env = {
        DATABASE_URL: url.toString(),
        MATANG_ADMIN_EMAIL: "admin@nasional.go.id",
        MATANG_ADMIN_PASSWORD: "sandi-admin-nasional",
      };
      // Started together: migrations and the first administrator must not collide.
      const [a, b] = await Promise.all([serve(env), serve(env)]);
      expect(a.output() + b.output()).not.toContain("Demo accounts");
      const session = await login(a.base, "admin@nasional.go.id", "sandi-admin-nasional");
      const me = await fetch(`${b.base}/api/auth/me`, { headers: { cookie: session.cookie } });
      expect(me.status).toBe(200);
      const created = await fetch(`${b.base}/api/organizations`, {
        method: "POST",
        headers: { cookie: session.cookie, "x-csrf-token": session.csrf, "content-type": "application/json" },
        body: JSON.stringify({ kind: "provinsi", name: "Provinsi Uji" }),
      });
      expect(created.status).toBe(201);
      const list = (await (
        await fetch(`${a.base}/api/organizations`, { headers: { cookie: session.cookie } })
      ).json()) as { total: number };
      expect(list.total).toBe(1);
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const { rows } = await check.query("SELECT count(*)::int AS n FROM users");
      await check.end();
      expect(rows[0].n).toBe(1);
      for (const s of [a, b]) s.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
