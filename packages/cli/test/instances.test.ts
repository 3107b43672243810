// Several instances on one PostgreSQL and one evidence volume: a coordinator's whole flow going
// back and forth between two instances, and the same flow through nginx with the example
// configuration from docs/deploy/matang.nginx.conf.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, serveMatang } from "./processes.js";

const here = dirname(fileURLToPath(import.meta.url));
const example = join(here, "../../../docs/deploy/matang.nginx.conf");
const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
if (process.env.MATANG_REQUIRE_NGINX === "1" && !NGINX)
  throw new Error("nginx is required for this test (apt-get install nginx-light)");

interface Session {
  cookie: string;
  csrf: string;
}

/** The coordinator's flow; `pick(step)` says which base address each step goes to. */
async function flow(pick: (step: number) => string) {
  let step = 0;
  const at = () => pick(step++);
  const json = { "content-type": "application/json" };
  const login = await fetch(`${at()}/api/auth/login`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email: "koordinator@demo.matang.id", password: "matang-demo-2026" }),
  });
  expect(login.status).toBe(200);
  const s: Session = {
    cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const headers = { cookie: s.cookie, "x-csrf-token": s.csrf };
  const list = (await (await fetch(`${at()}/api/assessments`, { headers })).json()) as {
    items: { id: string }[];
  };
  const id = list.items[0]?.id;
  const indicators = (await (
    await fetch(`${at()}/api/assessments/${id}/indicators`, { headers })
  ).json()) as {
    items: { code: string; stages: { self?: { version: number } } }[];
  };
  const version = indicators.items.find((i) => i.code === "5")?.stages.self?.version ?? 0;
  const answer = await fetch(`${at()}/api/assessments/${id}/indicators/5/answer`, {
    method: "PUT",
    headers: { ...headers, ...json },
    body: JSON.stringify({ level: 3, explanation: `Dijawab lewat ${step}`, version }),
  });
  expect(answer.status).toBe(200);
  // A stale write from the other instance is refused, whichever instance takes it.
  const stale = await fetch(`${at()}/api/assessments/${id}/indicators/5/answer`, {
    method: "PUT",
    headers: { ...headers, ...json },
    body: JSON.stringify({ level: 4, explanation: "basi", version }),
  });
  expect(stale.status).toBe(409);
  const content = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(200_000), Buffer.from("\n%%EOF\n")]);
  const form = new FormData();
  form.set("indicator", "5");
  form.set("level", "1");
  form.set("title", "Perwal");
  form.set("file", new Blob([content], { type: "application/pdf" }), "perwal.pdf");
  const upload = await fetch(`${at()}/api/assessments/${id}/evidence`, {
    method: "POST",
    headers,
    body: form,
  });
  expect(upload.status).toBe(201);
  const evidenceId = ((await upload.json()) as { evidenceId: string }).evidenceId;
  // Stored by one instance, served by the other: the evidence volume is shared.
  const download = await fetch(`${at()}/api/evidence/${evidenceId}/content`, { headers });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
  const after = (await (await fetch(`${at()}/api/assessments/${id}/indicators`, { headers })).json()) as {
    items: { code: string; stages: { self?: { level: number } } }[];
  };
  expect(after.items.find((i) => i.code === "5")?.stages.self?.level).toBe(3);
  // Logging out on one instance ends the session on all.
  expect((await fetch(`${at()}/api/auth/logout`, { method: "POST", headers })).status).toBe(200);
  expect((await fetch(`${at()}/api/auth/me`, { headers })).status).toBe(401);
}

describe("several instances", () => {
  const name = `matang_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "matang-instances-"));
  const procs: ChildProcess[] = [];
  const bases: string[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      MATANG_DATA_DIR: dataDir,
      MATANG_DEMO: "1",
      MATANG_TRUST_PROXY: "1",
      MATANG_LOGINS_PER_MINUTE: "1000",
    };
    // Started together, as a deployment would.
    const servers = await Promise.all([serveMatang(env), serveMatang(env)]);
    for (const server of servers) {
      procs.push(server.child);
      ports.push(server.port);
      bases.push(server.base);
    }
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves one coordinator's flow going back and forth between two instances", async () => {
    await flow((step) => bases[step % 2] as string);
  }, 60_000);

  it.skipIf(!NGINX)(
    "serves the same flow through nginx with the example configuration",
    async () => {
      const prefix = mkdtempSync(join(tmpdir(), "matang-nginx-"));
      mkdirSync(join(prefix, "logs"), { recursive: true });
      const port = await freePort();
      // The example as shipped, pointed at this test's instances and port.
      const site = readFileSync(example, "utf8")
        .replace("127.0.0.1:3001", `127.0.0.1:${ports[0]}`)
        .replace("127.0.0.1:3002", `127.0.0.1:${ports[1]}`)
        .replace("listen 80;", `listen 127.0.0.1:${port};`);
      expect(site).toContain(`127.0.0.1:${ports[1]}`);
      const conf = join(prefix, "nginx.conf");
      writeFileSync(
        conf,
        `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents {}\nhttp {\n  access_log ${prefix}/logs/access.log;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;\n${site}\n}\n`,
      );
      const nginx = spawn(NGINX as string, ["-p", prefix, "-c", conf, "-g", "daemon off;"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        for (let i = 0; i < 50; i++) {
          const ok = await fetch(`${base}/api/health`)
            .then((r) => r.ok)
            .catch(() => false);
          if (ok) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await flow(() => base);
        // Both instances served requests through nginx (round robin).
        const log = readFileSync(join(prefix, "logs", "access.log"), "utf8");
        expect(log.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(9);
      } finally {
        nginx.kill("SIGTERM");
        await new Promise((r) => nginx.once("exit", r));
        rmSync(prefix, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
