// National-size benchmarks (issue: performance and scale). Each figure is measured beside a
// baseline from the same run: a bare Fastify endpoint for reads, a plain file copy for uploads,
// the smallest size for the ranking's growth.
import { type ChildProcess, execSync, spawn } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  createReadStream,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinFrameworks } from "@matang/core/node";
import { openDatabase } from "@matang/server";
import { sql } from "drizzle-orm";
import pg from "pg";
import { freePort, started } from "../packages/cli/test/processes.js";
import { enableAssessmentCache } from "../packages/server/src/assessments/cache.js";
import { ADMIN, ADMIN_CONTEXT, benchDatabase, counts, type Dataset, generate } from "./dataset.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "../packages/cli/bin/matang.js");
type Metrics = Record<string, number>;

/** CPU time a process has used (user + system, all threads), in ms. */
export const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
};

const status = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) /
  1024;

/** A child process serving HTTP; resolves once `ready` text appears on its output. */
export async function child(args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  await started(proc, ready, 180_000);
  // Its output is not needed any more; keep the pipes drained.
  proc.stdout?.removeAllListeners("data").resume();
  proc.stderr?.removeAllListeners("data").resume();
  return proc;
}

/** SIGTERM, then the process's own graceful exit (a CPU profile is written then); SIGKILL after 20 s. */
export async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

interface LoadResult {
  rps: number;
  p99: number;
  errors: number;
}

const rounded = (r: LoadResult): LoadResult => ({ rps: round(r.rps), p99: round(r.p99), errors: r.errors });

/** Requests answered per second since `started`, and their p99 latency. */
function summary(latencies: number[], started: number): { perSecond: number; p99: number } {
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

/**
 * `connections` clients asking GET paths for `seconds`: requests per second and p99, once the
 * server is warm. The same load first runs for `warmup` seconds, reported apart (`warmup`): a
 * fresh instance reads every assessment from the database once and V8 compiles the hot paths,
 * and whether those first reads landed above the p99 used to depend on how many requests the
 * machine managed in the measured seconds.
 */
export async function load(
  base: string,
  paths: readonly string[],
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  warmup = 5,
): Promise<LoadResult & { warmup: LoadResult }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(base);
  let n = 0;
  const phase = async (duration: number): Promise<LoadResult> => {
    const latencies: number[] = [];
    let errors = 0;
    const get = (path: string) =>
      new Promise<void>((resolve) => {
        const start = performance.now();
        const req = request({ host: url.hostname, port: url.port, path, agent, headers }, (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - start);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        });
        req.on("error", () => {
          errors++;
          resolve();
        });
        req.end();
      });
    const started = performance.now();
    const deadline = started + duration * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) await get(paths[n++ % paths.length] as string);
      }),
    );
    const { perSecond, p99 } = summary(latencies, started);
    return { rps: perSecond, p99, errors };
  };
  try {
    const warm = await phase(warmup);
    return { ...(await phase(seconds)), warmup: warm };
  } finally {
    agent.destroy();
  }
}

/**
 * 16 coordinators of 16 instansi saving consolidated answers as fast as they are answered, each
 * with the version it last got back: writes per second and p99 (a 409 would be an error here).
 */
export async function writes(
  base: string,
  adminCookie: string,
  assessments: readonly string[],
  seconds: number,
): Promise<{ wps: number; p99: number; errors: number }> {
  const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
  const adminSession = await json(
    await fetch(`${base}/api/auth/session`, { headers: { cookie: adminCookie } }),
  );
  const adminCsrf = (adminSession.session as { csrfToken: string }).csrfToken;
  const writers = await Promise.all(
    assessments.slice(0, 16).map(async (id, i) => {
      const read = await json(
        await fetch(`${base}/api/assessments/${id}`, { headers: { cookie: adminCookie } }),
      );
      const email = `penulis${i}@bench.id`;
      await fetch(`${base}/api/users`, {
        method: "POST",
        headers: { cookie: adminCookie, "x-csrf-token": adminCsrf, "content-type": "application/json" },
        body: JSON.stringify({
          email,
          name: `Penulis ${i}`,
          password: "sandi-penulis-bench",
          grants: [{ role: "coordinator", organizationId: (read.organization as { id: string }).id }],
        }),
      });
      const session = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "sandi-penulis-bench" }),
      });
      const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const csrf = (await json(session)).csrfToken as string;
      const list = (
        await json(await fetch(`${base}/api/assessments/${id}/indicators`, { headers: { cookie } }))
      ).items as { code: string; stages: { self?: { version: number } } }[];
      const versions = new Map(list.map((x) => [x.code, x.stages.self?.version ?? 0]));
      return { id, cookie, csrf, versions };
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    writers.map(async (w) => {
      const codes = [...w.versions.keys()];
      for (let k = 0; performance.now() < deadline; k++) {
        const code = codes[k % codes.length] as string;
        const t = performance.now();
        const res = await fetch(`${base}/api/assessments/${w.id}/indicators/${code}/answer`, {
          method: "PUT",
          headers: { cookie: w.cookie, "x-csrf-token": w.csrf, "content-type": "application/json" },
          body: JSON.stringify({
            level: (k % 5) + 1,
            explanation: `Putaran ${k}`,
            version: w.versions.get(code),
          }),
        });
        const body = await json(res);
        latencies.push(performance.now() - t);
        if (res.status === 200) w.versions.set(code, body.version as number);
        else errors++;
      }
    }),
  );
  const { perSecond, p99 } = summary(latencies, started);
  return { wps: perSecond, p99, errors };
}

export async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Median of `runs` timings of `fn`, in ms. */
async function median(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

const round = (n: number, places = 1) => Number(n.toFixed(places));

export async function national(
  log: (line: string) => void,
): Promise<{ metrics: Metrics; notes: Record<string, unknown> }> {
  const metrics: Metrics = {};
  const notes: Record<string, unknown> = {};
  const database = await benchDatabase();
  const url = database.url;
  const work = mkdtempSync(join(tmpdir(), "matang-national-"));
  const servers: ChildProcess[] = [];
  try {
    const handle = await openDatabase({ url });
    await handle.migrate();
    const t = performance.now();
    const data: Dataset = await generate(handle.db, (step) =>
      log(`  dataset: ${step} (${round((performance.now() - t) / 1000)} s)`),
    );
    notes.dataset = await counts(handle.db);
    notes.dataset_seconds = round((performance.now() - t) / 1000);
    log(`  dataset: ${JSON.stringify(notes.dataset)}`);

    // 2. The national ranking of a cycle from its indicator rows, at 100, 700 and 7,000.
    const { cycleRanking } = await import("../packages/server/src/cycles/ranking.js");
    const frameworks = builtinFrameworks();
    const ctx = ADMIN_CONTEXT;
    const sizes = [
      [100, data.cycle100],
      [700, data.cycle],
      [7000, data.cycle7000],
    ] as const;
    // Cold: every participant summed from its indicator rows, as on an instance's first request.
    for (const [size, cycle] of sizes) {
      const ms = await median(() => cycleRanking(handle.db, frameworks, ctx, cycle, "final"), 5);
      metrics[`ranking_cold_ms_${size}`] = round(ms);
      log(`  ranking of ${size}, cold: ${round(ms)} ms`);
    }
    // As a running instance answers: only participants whose stamp moved are summed again. Each
    // run first changes one participant's answer in every hundred, so the sum is never skipped.
    enableAssessmentCache(handle.db);
    for (const [size, cycle] of sizes) {
      let run = 0;
      const touch = () =>
        handle.db.execute(
          sql`update stage_scores s set level = level from assessments a
              where a.id = s.assessment_id and a.cycle_id = ${cycle} and s.indicator_code = '1'
                and s.stage = 'final' and abs(hashtext(a.id::text || ${String(run++)})) % 100 = 0`,
        );
      await cycleRanking(handle.db, frameworks, ctx, cycle, "final");
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        await touch();
        const t = performance.now();
        await cycleRanking(handle.db, frameworks, ctx, cycle, "final");
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      const ms = samples[Math.floor(samples.length / 2)] as number;
      metrics[`ranking_ms_${size}`] = round(ms);
      log(`  ranking of ${size}, 1% changed since the last: ${round(ms)} ms`);
    }
    metrics.ranking_cold_growth_7000_vs_700 = round(
      (metrics.ranking_cold_ms_7000 ?? 0) / (metrics.ranking_cold_ms_700 ?? 1),
      2,
    );
    metrics.ranking_growth_7000_vs_700 = round(
      (metrics.ranking_ms_7000 ?? 0) / (metrics.ranking_ms_700 ?? 1),
      2,
    );

    // 4. PDF report of one assessment; Excel of the whole national cycle (time and memory, in a child).
    const { assessmentReportPdf } = await import("../packages/server/src/reports/pdf.js");
    metrics.pdf_report_ms = round(
      await median(() => assessmentReportPdf(handle.db, frameworks, ctx, data.assessments[0] as string), 5),
    );
    log(`  PDF report: ${metrics.pdf_report_ms} ms`);
    await handle.close();

    const env = {
      ...process.env,
      DATABASE_URL: url,
      MATANG_DATA_DIR: work,
      MATANG_DEMO: "0",
      MATANG_ADMIN_EMAIL: ADMIN.email,
      MATANG_ADMIN_PASSWORD: ADMIN.password,
      MATANG_LOGINS_PER_MINUTE: "1000000",
      MATANG_MAX_UPLOAD_MB: "300",
    };
    // 1. Reading an assessment with its per-stage indices, 64 connections, beside a bare endpoint.
    const port = await freePort();
    const server = await child([bin, "serve", "--port", String(port)], env, "API documentation:");
    servers.push(server);
    const base = `http://127.0.0.1:${port}`;
    const cookie = await login(base);
    const paths = data.assessments.map((id) => `/api/assessments/${id}`);
    const read = await load(base, paths, { cookie }, 64, 15);
    const barePort = await freePort();
    const bare = await child([join(here, "bare-server.mjs"), String(barePort)], process.env, "listening");
    servers.push(bare);
    const baseline = await load(`http://127.0.0.1:${barePort}`, ["/"], {}, 64, 15);
    await stop(bare);
    metrics.read_rps = round(read.rps);
    metrics.read_p99_ms = round(read.p99);
    metrics.read_errors = read.errors;
    metrics.read_bare_rps = round(baseline.rps);
    metrics.read_ratio_vs_bare = round(read.rps / baseline.rps, 3);
    // The first seconds of a fresh instance (each assessment read from the database once).
    notes.read_warmup = { postgres: rounded(read.warmup), bare: rounded(baseline.warmup) };
    // A fresh instance's first 5 s (issue 24: under 250 ms), beside the bare endpoint's.
    metrics.read_warmup_p99_ms = round(read.warmup.p99);
    metrics.read_warmup_bare_p99_ms = round(baseline.warmup.p99);
    log(`  read: ${JSON.stringify(read)}; bare: ${JSON.stringify(baseline)}`);
    const written = await writes(base, cookie, data.assessments.slice(10), 10);
    metrics.write_rps = round(written.wps);
    metrics.write_p99_ms = round(written.p99);
    metrics.write_errors = written.errors;
    log(`  writes: ${JSON.stringify(written)}`);

    // 3. A 200 MB upload, against copying the same file on the same disk; the server's memory.
    const file = join(work, "besar.pdf");
    const size = 200 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 65);
    writeFileSync(
      file,
      Buffer.concat([Buffer.from("%PDF-1.4\n"), ...Array.from({ length: 200 }, () => chunk)]).subarray(
        0,
        size,
      ),
    );
    // Uploads are the instansi's own work: a coordinator of the instansi uploads.
    const adminCsrf = (
      (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as {
        session: { csrfToken: string };
      }
    ).session.csrfToken;
    const target = data.assessments[1] as string;
    const { organization } = (await (
      await fetch(`${base}/api/assessments/${target}`, { headers: { cookie } })
    ).json()) as {
      organization: { id: string };
    };
    const coordinator = { email: "koordinator@bench.id", password: "sandi-koordinator-bench" };
    await fetch(`${base}/api/users`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": adminCsrf, "content-type": "application/json" },
      body: JSON.stringify({
        ...coordinator,
        name: "Koordinator",
        grants: [{ role: "coordinator", organizationId: organization.id }],
      }),
    });
    const session = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(coordinator),
    });
    const coordinatorCookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const csrf = { session: { csrfToken: ((await session.json()) as { csrfToken: string }).csrfToken } };
    // Generating 2.3 million rows leaves PostgreSQL writing for minutes (autovacuum, the
    // checkpointer), which would time its disk work rather than the upload's: wait for it.
    notes.upload_settle_seconds = await settle(url);
    const rssBefore = status(server.pid as number, "VmRSS");
    // VmHWM would be the peak since the server started (the read load above): sample instead.
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, status(server.pid as number, "VmRSS"));
    }, 5);
    // The disk's state (dirty pages being written back) swings single timings by 2-5x: both are
    // timed from a flushed disk, alternately, five times each, and the medians compared; both
    // end with the file on disk (fsync). Every file made stays until the series ends, as uploads
    // do: on a VM that hands freed memory back to its host (free page reporting), writing into
    // memory just freed by a deleted file is several times cheaper than into memory the host
    // must supply again, so deleting the copy made whatever ran next faster (docs/BENCHMARKS.md).
    const barePort2 = await freePort();
    const bareUploads = await child(
      [join(here, "bare-upload.mjs"), String(barePort2), join(work, "bare")],
      process.env,
      "listening",
    );
    servers.push(bareUploads);
    const copies: number[] = [];
    const uploads: number[] = [];
    const bares: number[] = [];
    const serverCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      execSync("sync");
      bares.push(await upload(`http://127.0.0.1:${barePort2}`, "", "", "-", file));
      execSync("sync");
      let t = performance.now();
      const copy = join(work, `salinan-${i}.pdf`);
      copyFileSync(file, copy);
      // An upload is on disk before it is answered (fsync): so is the copy it is compared with.
      const copied = openSync(copy, "r+");
      fsyncSync(copied);
      closeSync(copied);
      copies.push(performance.now() - t);
      execSync("sync");
      const cpu = cpuMs(server.pid as number);
      t = performance.now();
      await upload(base, coordinatorCookie, csrf.session.csrfToken, target, file);
      uploads.push(performance.now() - t);
      serverCpu.push(cpuMs(server.pid as number) - cpu);
    }
    // Every run, in order: how much the disk and the machine swung.
    notes.upload_runs_ms = {
      upload: uploads.map((x) => round(x)),
      copy: copies.map((x) => round(x)),
      bare: bares.map((x) => round(x)),
      upload_server_cpu: serverCpu,
    };
    const middle = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    await stop(bareUploads);
    for (let i = 0; i < copies.length; i++) rmSync(join(work, `salinan-${i}.pdf`));
    rmSync(join(work, "bare"), { recursive: true, force: true });
    const copyMs = middle(copies);
    const uploadMs = middle(uploads);
    metrics.upload_bare_ms = round(middle(bares));
    metrics.upload_ratio_vs_bare = round(middle(bares) / uploadMs, 3);
    clearInterval(sampler);
    metrics.upload_ms = round(uploadMs);
    metrics.upload_copy_ms = round(copyMs);
    metrics.upload_ratio_vs_copy = round(copyMs / uploadMs, 3);
    metrics.upload_rss_growth_mb = round(Math.max(0, peak - rssBefore));
    log(
      `  upload 200 MB: ${round(uploadMs)} ms, copy ${round(copyMs)} ms, bare Node upload ${metrics.upload_bare_ms} ms, memory +${metrics.upload_rss_growth_mb} MB`,
    );
    await stop(server);

    // 4b. The national Excel export in a process of its own, for its peak memory.
    const excel = spawn(process.execPath, [join(here, "excel-child.mjs"), url, data.cycle], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    excel.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    await new Promise((r) => excel.once("exit", r));
    const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
      ms: number;
      peakMb: number;
      bytes: number;
    };
    metrics.excel_national_ms = round(result.ms);
    metrics.excel_national_rss_mb = round(result.peakMb);
    notes.excel_national_bytes = result.bytes;
    log(
      `  Excel of the national cycle: ${round(result.ms)} ms, peak ${round(result.peakMb)} MB, ${result.bytes} bytes`,
    );

    // 6. The same read on the embedded database, to say when to move to PostgreSQL.
    const liteDir = join(work, "lite");
    const lite = await openDatabase({ dataDir: join(liteDir, "db") });
    await lite.migrate();
    const liteStart = performance.now();
    const liteData = await generate(lite.db, (step) =>
      log(`  PGlite dataset: ${step} (${round((performance.now() - liteStart) / 1000)} s)`),
    );
    await lite.close();
    const litePort = await freePort();
    const liteServer = await child(
      [bin, "serve", "--port", String(litePort)],
      { ...env, DATABASE_URL: "", MATANG_DATA_DIR: liteDir },
      "API documentation:",
    );
    servers.push(liteServer);
    const liteBase = `http://127.0.0.1:${litePort}`;
    const liteCookie = await login(liteBase);
    const liteRead = await load(
      liteBase,
      liteData.assessments.map((id) => `/api/assessments/${id}`),
      { cookie: liteCookie },
      64,
      15,
    );
    const liteWritten = await writes(liteBase, liteCookie, liteData.assessments.slice(10), 10);
    log(`  writes on PGlite: ${JSON.stringify(liteWritten)}`);
    await stop(liteServer);
    metrics.write_rps_pglite = round(liteWritten.wps);
    metrics.write_p99_ms_pglite = round(liteWritten.p99);
    metrics.write_pglite_vs_postgres = round(liteWritten.wps / (metrics.write_rps ?? 1), 3);
    metrics.read_rps_pglite = round(liteRead.rps);
    metrics.read_p99_ms_pglite = round(liteRead.p99);
    metrics.read_pglite_vs_postgres = round(liteRead.rps / read.rps, 3);
    notes.read_warmup = { ...(notes.read_warmup as object), pglite: rounded(liteRead.warmup) };
    metrics.read_warmup_p99_ms_pglite = round(liteRead.warmup.p99);
    log(`  read on PGlite: ${JSON.stringify(liteRead)}`);
    return { metrics, notes };
  } finally {
    for (const s of servers) if (s.exitCode === null) s.kill("SIGKILL");
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Wait (at most two minutes) until no autovacuum runs, then have PostgreSQL write everything out;
 * returns the seconds it took.
 */
async function settle(url: string): Promise<number> {
  const start = performance.now();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const end = Date.now() + 120_000; Date.now() < end; ) {
      const { rows } = await admin.query(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'",
      );
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await admin.query("CHECKPOINT");
  } finally {
    await admin.end();
  }
  execSync("sync");
  return round((performance.now() - start) / 1000);
}

/** Stream a file as a multipart upload; resolves with the time it took, once the server answered. */
export function upload(
  base: string,
  cookie: string,
  csrf: string,
  assessment: string,
  file: string,
): Promise<number> {
  const boundary = "----matangbench";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="indicator"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="level"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBesar\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(file).size;
  const url = new URL(`${base}/api/assessments/${assessment}/evidence`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          cookie,
          "x-csrf-token": csrf,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": head.length + size + tail.length,
        },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () =>
          res.statusCode === 201
            ? resolve(performance.now() - start)
            : reject(new Error(`upload: ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on("error", reject);
    req.write(head);
    const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
    stream.on("end", () => req.end(tail));
    stream.pipe(req, { end: false });
  });
}
