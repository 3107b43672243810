// A bounded soak: the real server (`matang serve`) on PostgreSQL, 100 simulated users doing what
// coordinators do all day (log in, open their assessment, read indicators, save answers with
// version checks, comment, upload evidence, look at results), for five minutes by default
// (SOAK_SECONDS to change). Errors and the server's memory are sampled over time.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveMatang } from "../packages/cli/test/processes.js";
import { benchDatabase } from "./dataset.js";

const _here = dirname(fileURLToPath(import.meta.url));
const USERS = 100;

export interface SoakResult {
  metrics: Record<string, number>;
  timeline: { t: number; rss_mb: number; requests: number; errors: number }[];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const { child, base } = await serveMatang(env);
  // Server logs are not needed any more; keep the pipes drained.
  child.stdout?.removeAllListeners("data").resume();
  child.stderr?.removeAllListeners("data").resume();
  return { child, base };
}

interface Session {
  cookie: string;
  csrf: string;
}

export async function soak(): Promise<SoakResult> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 300);
  const database = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), "matang-soak-"));
  const { child, base } = await startServer({
    ...process.env,
    DATABASE_URL: database.url,
    MATANG_DATA_DIR: dataDir,
    MATANG_DEMO: "1",
    MATANG_ADMIN_EMAIL: "admin@soak.id",
    MATANG_ADMIN_PASSWORD: "sandi-admin-soak-2026",
    // Every simulated user comes from 127.0.0.1; real ones come from their own addresses.
    MATANG_LOGINS_PER_MINUTE: "1000000",
  });
  let requests = 0;
  let errors = 0;
  const failures = new Map<string, number>();
  const latencies: number[] = [];
  const call = async (
    session: Session | null,
    method: string,
    path: string,
    body?: unknown,
    raw?: Buffer,
    type?: string,
  ) => {
    const start = performance.now();
    requests++;
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(session ? { cookie: session.cookie } : {}),
          ...(session && method !== "GET" ? { "x-csrf-token": session.csrf } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(type ? { "content-type": type } : {}),
        },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await res.text();
      latencies.push(performance.now() - start);
      // A conflict is part of the flow (someone saved first); anything else unexpected is an error.
      if (!res.ok && res.status !== 409) {
        errors++;
        const key = `${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")} ${res.status}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
      return { status: res.status, json: () => JSON.parse(text), headers: res.headers };
    } catch {
      errors++;
      return { status: 0, json: () => ({}), headers: new Headers() };
    }
  };
  const login = async (email: string, password: string): Promise<Session> => {
    const res = await call(null, "POST", "/api/auth/login", { email, password });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    return { cookie, csrf: res.json().csrfToken };
  };

  // 100 coordinators, each of their own regency or city (all enrolled in the demo cycle).
  const root = await login("admin@soak.id", "sandi-admin-soak-2026");
  const orgs = (await call(root, "GET", "/api/organizations?kind=kabupaten&kind=kota&pageSize=100")).json()
    .items as {
    id: string;
  }[];
  const accounts: string[] = [];
  for (const [i, org] of orgs.slice(0, USERS).entries()) {
    const email = `koordinator${i}@soak.id`;
    await call(root, "POST", "/api/users", {
      email,
      name: `Koordinator ${i}`,
      password: "sandi-koordinator-2026",
      grants: [{ role: "coordinator", organizationId: org.id }],
    });
    accounts.push(email);
  }
  requests = 0;
  errors = 0;
  latencies.length = 0;

  const deadline = Date.now() + seconds * 1000;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(30_000, 70), Buffer.from("\n%%EOF\n")]);
  const user = async (email: string, n: number) => {
    await pause((n * 37) % 1000);
    while (Date.now() < deadline) {
      const s = await login(email, "sandi-koordinator-2026");
      const list = (await call(s, "GET", "/api/assessments")).json().items as { id: string }[] | undefined;
      const id = list?.[0]?.id;
      if (!id) {
        await pause(500);
        continue;
      }
      for (let round = 0; round < 5 && Date.now() < deadline; round++) {
        await call(s, "GET", `/api/assessments/${id}`);
        const indicators = (await call(s, "GET", `/api/assessments/${id}/indicators`)).json().items as
          | { code: string; stages: { self?: { version: number } } }[]
          | undefined;
        const pick = indicators?.[(n + round) % (indicators?.length || 1)];
        if (pick) {
          await call(s, "PUT", `/api/assessments/${id}/indicators/${pick.code}/answer`, {
            level: ((n + round) % 5) + 1,
            explanation: `Penjelasan putaran ${round} oleh ${email}`,
            version: pick.stages.self?.version ?? 0,
          });
          await call(s, "POST", `/api/assessments/${id}/indicators/${pick.code}/comments`, {
            body: `Catatan ${round}`,
          });
          if (round === 2) {
            const boundary = `----soak${n}${round}`;
            const head = `--${boundary}\r\nContent-Disposition: form-data; name="indicator"\r\n\r\n${pick.code}\r\n--${boundary}\r\nContent-Disposition: form-data; name="level"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nDokumen ${n}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="d.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
            await call(
              s,
              "POST",
              `/api/assessments/${id}/evidence`,
              undefined,
              Buffer.concat([Buffer.from(head), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]),
              `multipart/form-data; boundary=${boundary}`,
            );
          }
        }
        await call(null, "GET", "/api/public/results?year=2023&type=kota");
        await call(s, "GET", "/api/notifications");
        await pause(200 + ((n * 13 + round * 7) % 400));
      }
      await call(s, "POST", "/api/auth/logout");
    }
  };

  const timeline: SoakResult["timeline"] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    if (child.pid)
      timeline.push({
        t: Math.round((Date.now() - started) / 1000),
        rss_mb: Number(rssMb(child.pid).toFixed(1)),
        requests,
        errors,
      });
  }, 5000);
  await Promise.all(accounts.map((email, n) => user(email, n)));
  clearInterval(sampler);
  if (failures.size > 0) console.error("failed requests:", Object.fromEntries(failures));
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });

  // Growth: the last samples against those once warmed up (after the first fifth of the run).
  const warm = timeline.filter((s) => s.t >= seconds / 5);
  const head = warm.slice(0, 3);
  const tail = warm.slice(-3);
  const mean = (xs: typeof timeline) => xs.reduce((a, s) => a + s.rss_mb, 0) / Math.max(1, xs.length);
  latencies.sort((a, b) => a - b);
  return {
    metrics: {
      soak_seconds: seconds,
      soak_users: accounts.length,
      soak_requests: requests,
      soak_errors: errors,
      soak_rps: Number((requests / seconds).toFixed(1)),
      soak_p99_ms: Number((latencies[Math.floor(latencies.length * 0.99)] ?? 0).toFixed(1)),
      soak_rss_start_mb: Number(mean(head).toFixed(1)),
      soak_rss_end_mb: Number(mean(tail).toFixed(1)),
      soak_rss_growth_mb: Number((mean(tail) - mean(head)).toFixed(1)),
    },
    timeline,
  };
}
