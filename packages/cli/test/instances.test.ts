// Several instances on one PostgreSQL and one evidence volume: a coordinator's whole flow going
// back and forth between two instances, and the same flow through nginx with the example
// configuration from docs/deploy/matang.nginx.conf. Then two instances with no shared disk at all,
// their evidence in one S3 bucket, and the storage commands against that bucket.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3, type TestS3 } from "../../server/test/s3.js";
import { bin, freePort, serveMatang } from "./processes.js";

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

/** A new PostgreSQL database for the instances; `drop` removes it with its connections. */
function instanceDatabase() {
  const name = `matang_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  return {
    url: url.toString(),
    create: () => admin(`CREATE DATABASE ${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Stop the servers a test started. */
function kill(procs: ChildProcess[]) {
  for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
}

describe("several instances", () => {
  const database = instanceDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), "matang-instances-"));
  const procs: ChildProcess[] = [];
  const bases: string[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    await database.create();
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
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
    kill(procs);
    await database.drop();
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

/** Run `matang …` as a process with `env`: its exit code and what it printed. */
function matang(
  env: NodeJS.ProcessEnv,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { env }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

describe("several instances on one bucket, with no shared disk", () => {
  const database = instanceDatabase();
  // Each instance has a data folder of its own: nothing is shared but the database and the bucket.
  const dataDirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "matang-instance-")));
  const procs: ChildProcess[] = [];
  const bases: string[] = [];
  let s3: TestS3;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    s3 = await startS3("matang/");
    await database.create();
    env = {
      ...process.env,
      ...s3.env,
      DATABASE_URL: database.url,
      MATANG_DEMO: "1",
      MATANG_LOGINS_PER_MINUTE: "1000",
    };
    const servers = await Promise.all(
      [0, 1].map((i) => serveMatang({ ...env, MATANG_DATA_DIR: dataDirs[i] as string })),
    );
    for (const server of servers) {
      procs.push(server.child);
      bases.push(server.base);
    }
  }, 120_000);

  afterAll(async () => {
    kill(procs);
    await database.drop();
    await s3.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("serves the flow across both, the file stored by one served by the other from the bucket", async () => {
    await flow((step) => bases[step % 2] as string);
    const objects = await s3.objects();
    expect(objects.filter((k) => k.startsWith("objects/"))).toHaveLength(1);
    expect(objects.filter((k) => k.startsWith("tmp/"))).toEqual([]);
    for (const dir of dataDirs.slice(0, 2)) expect(existsSync(join(dir, "evidence"))).toBe(false);

    // The commands work on the bucket: check it, move its files to a disk and back.
    const cli = { ...env, MATANG_DATA_DIR: dataDirs[2] as string };
    expect(await matang(cli, "storage", "check")).toMatchObject({
      code: 0,
      out: expect.stringContaining(
        "1 evidence files checked: 0 missing, 0 not matching their checksum, 0 orphans",
      ),
    });
    const toDisk = await matang(cli, "storage", "migrate", "--to", "disk");
    expect(toDisk).toMatchObject({ code: 0, out: expect.stringContaining("1 copied and verified") });
    expect(toDisk.err).toContain("Evidence files");
    expect(await matang(cli, "storage", "migrate", "--to", "s3")).toMatchObject({
      code: 0,
      out: expect.stringContaining("0 copied and verified, 1 already there intact"),
    });
    expect(await matang(cli, "storage", "migrate", "--to", "ftp")).toMatchObject({
      code: 2,
      err: expect.stringContaining('--to must be s3 or disk, not "ftp"'),
    });
    const { MATANG_S3_BUCKET: _, ...noBucket } = cli;
    expect(await matang(noBucket, "storage", "check")).toMatchObject({
      code: 1,
      err: expect.stringContaining("MATANG_S3_BUCKET is needed"),
    });
    expect(await matang({ ...cli, MATANG_S3_BUCKET: "tidak-ada" }, "storage", "check")).toMatchObject({
      code: 1,
      err: expect.stringContaining('the S3 bucket "tidak-ada"'),
    });
  }, 120_000);
});
