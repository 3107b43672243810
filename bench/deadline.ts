// The last day before the upload deadline (issue 24, part 2). On the national dataset, on
// PostgreSQL, two Matang instances behind the shipped nginx configuration take the mix of that
// day: 50 instansi, each with its coordinator and nine operators (one per unit), 450 operators
// opening their indicators (the page's three API calls), saving their unit's proposal with its
// version and uploading 1–10 MB PDFs the way the web app does (tus: create, 8 MB pieces, record),
// coordinators reading the board and saving the consolidated answer, and 20 assessors reading.
// Each person waits 3–12 s between actions. Twice: everyone arriving within 5 s of two fresh
// instances (the main figures), then, on two fresh instances again, arriving over a minute (people
// coming to work; `deadline_ramp_*`, for three minutes). Beside each, in the same run, the same mix
// against two bare Node servers behind the same nginx: the ceiling of the machine for that traffic.
//
// DEADLINE_SECONDS (default 600) sets how long the main load runs. To look into a figure:
// DEADLINE_KEEP=1 keeps the database (its address is printed) and DEADLINE_DATABASE_URL runs
// again on a kept one (its people already made); DEADLINE_ONLY=matang skips the baseline;
// DEADLINE_PROFILE=<folder> has each Matang instance write a CPU profile there.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@matang/server";
import { sql } from "drizzle-orm";
import pg from "pg";
import { freePort } from "../packages/cli/test/processes.js";
import { hashPassword } from "../packages/server/src/auth/service.js";
import { ADMIN, benchDatabase, type Dataset, generate } from "./dataset.js";
import { child, cpuMs, stop } from "./national.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "../packages/cli/bin/matang.js");
const SECONDS = Number(process.env.DEADLINE_SECONDS) || 600;
const INSTANSI = 50;
const OPERATORS_PER_INSTANSI = 9;
const ASSESSORS = 20;
const PASSWORD = "sandi-tenggat-bench";
const PIECE = 8 * 1024 * 1024;

type Kind = "read" | "save" | "upload";
interface Person {
  role: "operator" | "coordinator" | "assessor";
  email: string;
  assessment: string;
  unit: string | null;
  codes: string[];
  cookie: string;
  csrf: string;
  versions: Map<string, number>;
}

interface Tally {
  /** When each action began (ms since the load began) and how long it took. */
  latencies: Record<Kind, { at: number; ms: number }[]>;
  errors: number;
  conflicts: number;
  requests: number;
  uploads: number;
  firstErrors: string[];
}

const round = (n: number, places = 1) => Number(n.toFixed(places));
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
};

/** The shipped nginx example in front of `ports`, listening on its own port; how to stop it. */
async function nginx(ports: number[]): Promise<{ base: string; stop(): Promise<void> }> {
  const prefix = mkdtempSync(join(tmpdir(), "matang-deadline-nginx-"));
  mkdirSync(join(prefix, "logs"));
  const port = await freePort();
  const site = readFileSync(join(here, "../docs/deploy/matang.nginx.conf"), "utf8")
    .replace("127.0.0.1:3001", `127.0.0.1:${ports[0]}`)
    .replace("127.0.0.1:3002", `127.0.0.1:${ports[1]}`)
    .replace("listen 80;", `listen 127.0.0.1:${port};`);
  // The site file as shipped; around it, what a server's nginx.conf has (enough connections).
  writeFileSync(
    join(prefix, "nginx.conf"),
    `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nworker_processes auto;\nevents { worker_connections 4096; }\nhttp {\n  access_log off;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;\n${site}\n}\n`,
  );
  const proc = spawn("nginx", ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-g", "daemon off;"], {
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${base}/`).then(
        () => true,
        () => false,
      )
    )
      break;
    await pause(100);
  }
  return {
    base,
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** 500 people of 50 instansi of the cycle under way, and 20 assessors, written straight into the database. */
async function people(url: string, data: Dataset): Promise<Person[]> {
  const handle = await openDatabase({ url });
  const db = handle.db;
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const hash = await hashPassword(PASSWORD);
  const chosen = data.assessments.slice(0, INSTANSI);
  const out: Person[] = [];
  const codes = Array.from({ length: 47 }, (_, i) => String(i + 1));
  for (const [n, assessment] of chosen.entries()) {
    const [a] = await rows<{ org: string }>(
      sql`select organization_id as org from assessments where id = ${assessment}`,
    );
    const units = (
      await rows<{ id: string }>(
        sql`select id from organizations where parent_id = ${a?.org} order by name limit ${OPERATORS_PER_INSTANSI}`,
      )
    ).map((u) => u.id);
    // Each indicator to one unit, due tomorrow, as a coordinator assigns them.
    for (const [i, code] of codes.entries())
      await db.execute(
        sql`insert into indicator_assignments (assessment_id, indicator_code, unit_id, due_date)
            values (${assessment}, ${code}, ${units[i % units.length]}, to_char(now() + interval '1 day', 'YYYY-MM-DD'))`,
      );
    const add = async (email: string, role: string, organization: string) => {
      const [user] = await rows<{ id: string }>(
        sql`insert into users (email, name, password_hash) values (${email}, ${email}, ${hash}) returning id`,
      );
      await db.execute(
        sql`insert into role_grants (user_id, role, organization_id) values (${user?.id}, ${role}, ${organization})`,
      );
      return user?.id as string;
    };
    await add(`koordinator${n}@tenggat.id`, "coordinator", a?.org as string);
    out.push(person("coordinator", `koordinator${n}@tenggat.id`, assessment, null, codes));
    for (const [u, unit] of units.entries()) {
      await add(`operator${n}-${u}@tenggat.id`, "operator", unit);
      out.push(
        person(
          "operator",
          `operator${n}-${u}@tenggat.id`,
          assessment,
          unit,
          codes.filter((_, i) => i % units.length === u),
        ),
      );
    }
  }
  for (let k = 0; k < ASSESSORS; k++) {
    const email = `asesor${k}@tenggat.id`;
    const [user] = await rows<{ id: string }>(
      sql`insert into users (email, name, password_hash) values (${email}, ${email}, ${hash}) returning id`,
    );
    await db.execute(
      sql`insert into role_grants (user_id, role, organization_id) values (${user?.id}, 'external_assessor', null)`,
    );
    const mine = chosen.filter((_, i) => i % ASSESSORS === k);
    for (const assessment of mine)
      await db.execute(
        sql`insert into cycle_assessors (cycle_id, user_id, organization_id)
            select cycle_id, ${user?.id}, organization_id from assessments where id = ${assessment}`,
      );
    out.push(person("assessor", email, mine[0] as string, null, codes));
  }
  await handle.close();
  return out;
}

/** The dataset and its people, made in a new database. */
async function made(url: string, log: (line: string) => void): Promise<Person[]> {
  const handle = await openDatabase({ url });
  await handle.migrate();
  const t = performance.now();
  const data = await generate(handle.db, (step) =>
    log(`  dataset: ${step} (${round((performance.now() - t) / 1000)} s)`),
  );
  await handle.close();
  return people(url, data);
}

/** The people a kept database already has (DEADLINE_DATABASE_URL), found again. */
async function keptPeople(url: string): Promise<Person[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select u.email, g.role, coalesce(a.id, a2.id)::text as assessment,
         case when g.role = 'operator' then g.organization_id::text end as unit,
         (select coalesce(array_agg(ia.indicator_code), '{}') from indicator_assignments ia
           where ia.unit_id = g.organization_id and g.role = 'operator') as codes
       from users u join role_grants g on g.user_id = u.id
       left join organizations o on o.id = g.organization_id
       left join assessments a on g.role <> 'external_assessor' and a.state = 'self_assessment'
         and a.organization_id = case when g.role = 'operator' then o.parent_id else o.id end
       left join lateral (select a3.id from cycle_assessors c
         join assessments a3 on a3.organization_id = c.organization_id and a3.cycle_id = c.cycle_id
         where c.user_id = u.id limit 1) a2 on g.role = 'external_assessor'
       where u.email like '%@tenggat.id' order by u.email`,
    );
    const all = Array.from({ length: 47 }, (_, i) => String(i + 1));
    return rows.map((r) =>
      person(
        r.role === "operator" ? "operator" : r.role === "coordinator" ? "coordinator" : "assessor",
        r.email,
        r.assessment,
        r.unit,
        r.role === "operator" ? r.codes : all,
      ),
    );
  } finally {
    await client.end();
  }
}

function person(
  role: Person["role"],
  email: string,
  assessment: string,
  unit: string | null,
  codes: string[],
): Person {
  return { role, email, assessment, unit, codes, cookie: "", csrf: "", versions: new Map() };
}

async function logIn(base: string, p: Person): Promise<void> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: p.email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${p.email}: ${res.status} ${await res.text()}`);
  p.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  p.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
}

/**
 * Everyone acting for `seconds` against `base`, the first arriving at once and the last after
 * `arrivalSeconds`; what they saw.
 */
async function run(
  base: string,
  everyone: Person[],
  seconds: number,
  pdf: Buffer,
  arrivalSeconds: number,
): Promise<Tally> {
  const tally: Tally = {
    latencies: { read: [], save: [], upload: [] },
    errors: 0,
    conflicts: 0,
    requests: 0,
    uploads: 0,
    firstErrors: [],
  };
  const fail = (what: string) => {
    tally.errors++;
    if (tally.firstErrors.length < 10) tally.firstErrors.push(what);
  };
  const call = async (
    p: Person,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    tally.requests++;
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie: p.cookie,
          ...(method === "GET" ? {} : { "x-csrf-token": p.csrf }),
          ...(body !== undefined && !(body instanceof Uint8Array)
            ? { "content-type": "application/json" }
            : {}),
          ...headers,
        },
        body:
          body === undefined
            ? undefined
            : body instanceof Uint8Array
              ? (body as BodyInit)
              : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 409) tally.conflicts++;
      else if (res.status >= 400)
        fail(`${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")} ${res.status} ${text.slice(0, 120)}`);
      return { status: res.status, json: () => (text ? JSON.parse(text) : null), headers: res.headers };
    } catch (error) {
      fail(`${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")} ${(error as Error).message}`);
      return { status: 0, json: () => null, headers: new Headers() };
    }
  };
  const began = performance.now();
  const timed = async (kind: Kind, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    tally.latencies[kind].push({ at: t - began, ms: performance.now() - t });
  };
  /** The indicator page's three calls at once; keeps the person's versions. */
  const openIndicator = (p: Person, code: string) =>
    timed("read", async () => {
      const [, list] = await Promise.all([
        call(p, "GET", `/api/assessments/${p.assessment}`),
        call(p, "GET", `/api/assessments/${p.assessment}/indicators`),
        call(p, "GET", `/api/assessments/${p.assessment}/indicators/${code}/thread`),
      ]);
      const items = (list.json()?.items ?? []) as {
        code: string;
        unitAnswers?: { unitId: string; version: number }[];
        stages?: { self?: { version: number } };
      }[];
      for (const item of items) {
        const own = p.unit
          ? item.unitAnswers?.find((u) => u.unitId === p.unit)?.version
          : item.stages?.self?.version;
        if (own !== undefined) p.versions.set(item.code, own);
      }
    });
  const save = (p: Person, code: string) =>
    timed("save", async () => {
      const version = p.versions.get(code) ?? 0;
      const level = 1 + Math.floor(Math.random() * 5);
      const res =
        p.role === "operator"
          ? await call(p, "PUT", `/api/assessments/${p.assessment}/indicators/${code}/units/${p.unit}`, {
              level,
              explanation: `Fakta: dokumen ${randomBytes(4).toString("hex")}. Analisis: sesuai. Justifikasi: pasal 3.`,
              status: "in_progress",
              version,
            })
          : await call(p, "PUT", `/api/assessments/${p.assessment}/indicators/${code}/answer`, {
              level,
              explanation: `Konsolidasi ${randomBytes(4).toString("hex")}`,
              version,
            });
      if (res.status === 200) p.versions.set(code, (res.json() as { version: number }).version);
    });
  const upload = (p: Person, code: string) =>
    timed("upload", async () => {
      const size = (1 + Math.floor(Math.random() * 10)) * 1024 * 1024 - 64;
      const name = `pindaian-${randomBytes(3).toString("hex")}.pdf`;
      const meta = `filename ${Buffer.from(name).toString("base64")},assessment ${Buffer.from(p.assessment).toString("base64")}`;
      const created = await call(p, "POST", "/api/uploads", undefined, {
        "tus-resumable": "1.0.0",
        "upload-length": String(size),
        "upload-metadata": meta,
      });
      const location = created.headers.get("location");
      if (created.status !== 201 || !location) return;
      // Each scan its own bytes, as real ones are: the same bytes uploaded in many places are
      // what the duplicate finding looks for, and would make every upload one.
      const first = Buffer.from(pdf.subarray(0, Math.min(size, PIECE)));
      randomBytes(16).copy(first, 9);
      for (let offset = 0; offset < size; offset += PIECE) {
        const piece = offset === 0 ? first : pdf.subarray(offset, Math.min(size, offset + PIECE));
        const sent = await call(p, "PATCH", location, piece, {
          "tus-resumable": "1.0.0",
          "upload-offset": String(offset),
          "content-type": "application/offset+octet-stream",
        });
        if (sent.status !== 204) return;
      }
      const recorded = await call(p, "POST", `/api/assessments/${p.assessment}/evidence/resumable`, {
        upload: location.split("/").pop(),
        indicator: code,
        level: 1,
        title: name,
      });
      if (recorded.status === 201) tally.uploads++;
    });

  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    everyone.map(async (p, i) => {
      await pause((i / everyone.length) * arrivalSeconds * 1000);
      // Open an indicator, then (as its page invites) save it with the version it showed, or
      // upload a document for it, or move on to the next.
      let code = pick(p.codes);
      let opened = false;
      while (performance.now() < deadline) {
        const roll = Math.random();
        if (!opened || p.role === "assessor" || roll < 0.35) {
          code = pick(p.codes);
          await openIndicator(p, code);
          opened = true;
        } else if (p.role === "coordinator" || roll < 0.94) await save(p, code);
        else await upload(p, code);
        // Reading the criteria, writing the explanation, finding the file: 3–12 s between clicks
        // is a busy last day (a real explanation takes minutes).
        await pause(3000 + Math.random() * 9000);
      }
    }),
  );
  return tally;
}

/** The main load: everyone arrives within 5 s, on instances that have served nothing yet. */
const BURST_SECONDS = 5;
/** What the `_steady_` figures leave out: the burst and the queue it leaves. */
const ARRIVAL_MS = 30_000;
/**
 * The second load: arrivals spread over the first minute (people coming to work), on two fresh
 * instances, for that minute and two more.
 */
const RAMP_SECONDS = 60;
const RAMP_RUN_SECONDS = Math.min(SECONDS, RAMP_SECONDS + 120);

/** What a load did, its figures under `prefix`; `_steady_` ones leave out the first 30 s. */
function figures(prefix: string, t: Tally, seconds: number): Record<string, number> {
  const all = (kind: Kind) => t.latencies[kind].map((l) => l.ms);
  const steady = (kind: Kind) => t.latencies[kind].filter((l) => l.at >= ARRIVAL_MS).map((l) => l.ms);
  return {
    [`${prefix}_steady_read_p99_ms`]: round(quantile(steady("read"), 0.99)),
    [`${prefix}_steady_save_p99_ms`]: round(quantile(steady("save"), 0.99)),
    [`${prefix}_steady_upload_p99_ms`]: round(quantile(steady("upload"), 0.99)),
    [`${prefix}_rps`]: round(t.requests / seconds),
    [`${prefix}_uploads_per_s`]: round(t.uploads / seconds, 2),
    [`${prefix}_errors`]: t.errors,
    [`${prefix}_conflicts`]: t.conflicts,
    [`${prefix}_read_p50_ms`]: round(quantile(all("read"), 0.5)),
    [`${prefix}_read_p99_ms`]: round(quantile(all("read"), 0.99)),
    [`${prefix}_save_p50_ms`]: round(quantile(all("save"), 0.5)),
    [`${prefix}_save_p99_ms`]: round(quantile(all("save"), 0.99)),
    [`${prefix}_upload_p50_ms`]: round(quantile(all("upload"), 0.5)),
    [`${prefix}_upload_p99_ms`]: round(quantile(all("upload"), 0.99)),
  };
}

/** Reads and saves in each 10 s of a load (when they began): where the arrival ends. */
function timeline(
  t: Tally,
): { from_s: number; reads: number; read_p50_ms: number; read_p99_ms: number; save_p99_ms: number }[] {
  const slices = new Map<number, { read: number[]; save: number[] }>();
  for (const kind of ["read", "save"] as const)
    for (const l of t.latencies[kind]) {
      const from = Math.floor(l.at / 10_000) * 10;
      const slice = slices.get(from) ?? { read: [], save: [] };
      slice[kind].push(l.ms);
      slices.set(from, slice);
    }
  return [...slices.entries()]
    .sort(([a], [b]) => a - b)
    .map(([from, s]) => ({
      from_s: from,
      reads: s.read.length,
      read_p50_ms: round(quantile(s.read, 0.5)),
      read_p99_ms: round(quantile(s.read, 0.99)),
      save_p99_ms: round(quantile(s.save, 0.99)),
    }));
}

/** Sample each process's CPU and memory, and the database's connections, every second. */
function sampler(pids: number[], url: string | null) {
  // A process that ended has no CPU figure (NaN in the notes); its end shows in the errors.
  const cpu = (pid: number) => {
    try {
      return cpuMs(pid);
    } catch {
      return Number.NaN;
    }
  };
  // A process that ended reads as nothing (its end is reported by the load's errors).
  const rss = (pid: number) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  const startCpu = pids.map(cpu);
  const started = performance.now();
  const peakRss = pids.map(rss);
  let connections = 0;
  const client = url ? new pg.Client({ connectionString: url }) : null;
  const ready = client?.connect();
  const timer = setInterval(() => {
    pids.forEach((pid, i) => {
      peakRss[i] = Math.max(peakRss[i] as number, rss(pid));
    });
    void ready
      ?.then(() =>
        client?.query("select count(*)::int as n from pg_stat_activity where datname = current_database()"),
      )
      .then((r) => {
        connections = Math.max(connections, (r?.rows[0]?.n as number) ?? 0);
      })
      .catch(() => undefined);
  }, 1000);
  return async () => {
    clearInterval(timer);
    await ready;
    await client?.end();
    const wall = performance.now() - started;
    return {
      cpuShare: pids.map((pid, i) => round((cpu(pid) - (startCpu[i] as number)) / wall, 2)),
      peakRssMb: peakRss.map((m) => round(m)),
      connections,
    };
  };
}

export async function deadline(
  log: (line: string) => void,
): Promise<{ metrics: Record<string, number>; notes: Record<string, unknown> }> {
  const kept = process.env.DEADLINE_DATABASE_URL;
  const database = kept ? { url: kept, drop: async () => {} } : await benchDatabase();
  const work = mkdtempSync(join(tmpdir(), "matang-deadline-"));
  const procs: ChildProcess[] = [];
  const stops: (() => Promise<void>)[] = [];
  const notes: Record<string, unknown> = { seconds: SECONDS };
  try {
    const everyone = kept ? await keptPeople(database.url) : await made(database.url, log);
    log(`  ${everyone.length} people: ${everyone.filter((p) => p.role === "operator").length} operators`);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(10 * 1024 * 1024)]);

    // Matang: two instances on one PostgreSQL and one evidence folder, behind nginx.
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      MATANG_DATA_DIR: work,
      MATANG_DEMO: "0",
      MATANG_ADMIN_EMAIL: ADMIN.email,
      MATANG_ADMIN_PASSWORD: ADMIN.password,
      MATANG_LOGINS_PER_MINUTE: "1000000",
      MATANG_TRUST_PROXY: "1",
    };
    // DEADLINE_PROFILE=<folder>: each instance writes a CPU profile there when it stops.
    const profile = process.env.DEADLINE_PROFILE;
    const profiled = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
    /** Two fresh Matang instances behind nginx, `seconds` of the load, then stopped: what it saw. */
    const matangLoad = async (seconds: number, arrivalSeconds: number, logIns: boolean) => {
      const ports = [await freePort(), await freePort()];
      const instances = await Promise.all(
        ports.map((port) =>
          child([...profiled, bin, "serve", "--port", String(port)], env, "API documentation:"),
        ),
      );
      procs.push(...instances);
      // What an instance says while under load (kept: an instance that stops is the finding).
      for (const [i, p] of instances.entries()) {
        const logFile = join(tmpdir(), `matang-deadline-instance-${i + 1}.log`);
        writeFileSync(logFile, "");
        p.stdout?.on("data", (c: Buffer) => appendFileSync(logFile, c));
        p.stderr?.on("data", (c: Buffer) => appendFileSync(logFile, c));
        p.once("exit", (code, signal) => appendFileSync(logFile, `\n[exit ${code} ${signal}]\n`));
      }
      const proxy = await nginx(ports);
      stops.push(proxy.stop);
      if (logIns)
        for (let i = 0; i < everyone.length; i += 25)
          await Promise.all(everyone.slice(i, i + 25).map((p) => logIn(proxy.base, p)));
      log(`  Matang: ${seconds} s of the last day, everyone arriving within ${arrivalSeconds} s…`);
      const sample = sampler(
        instances.map((p) => p.pid as number),
        database.url,
      );
      const tally = await run(proxy.base, everyone, seconds, pdf, arrivalSeconds);
      const used = await sample();
      await proxy.stop();
      stops.pop();
      // Stopped as a service manager does (a profile asked for by NODE_OPTIONS is written on exit).
      await Promise.all(instances.map((p) => stop(p)));
      return { tally, used };
    };
    /** The same people and mix against two bare servers behind the same nginx: the ceiling. */
    const bareLoad = async (seconds: number, arrivalSeconds: number) => {
      const bareDir = join(work, `bare-${arrivalSeconds}`);
      mkdirSync(bareDir);
      const barePorts = [await freePort(), await freePort()];
      const bares = await Promise.all(
        barePorts.map((port) =>
          child([join(here, "bare-deadline.mjs"), String(port), bareDir], process.env, "listening"),
        ),
      );
      procs.push(...bares);
      const bareProxy = await nginx(barePorts);
      stops.push(bareProxy.stop);
      log(`  bare: ${seconds} s, everyone arriving within ${arrivalSeconds} s…`);
      const sample = sampler(
        bares.map((p) => p.pid as number),
        null,
      );
      const tally = await run(bareProxy.base, everyone, seconds, pdf, arrivalSeconds);
      const used = await sample();
      await bareProxy.stop();
      stops.pop();
      for (const p of bares) p.kill("SIGTERM");
      return { tally, used };
    };
    /** The texts of the files uploaded since `since`, by status once the load stopped: how far behind reading fell. */
    const textBacklog = async (since: Date) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: string; n: number }>(
          `select t.status, count(*)::int as n from evidence_texts t
             join evidence_files f on f.id = t.file_id where f.created_at >= $1 group by t.status`,
          [since],
        );
        return Object.fromEntries(rows.map((r) => [r.status, r.n]));
      } finally {
        await client.end();
      }
    };
    const ramped = (t: Tally, prefix: string, seconds: number) =>
      Object.fromEntries(
        Object.entries(figures(prefix, t, seconds)).filter(([k]) => !k.includes("_steady_")),
      );

    const began = new Date();
    const { tally: matang, used } = await matangLoad(SECONDS, BURST_SECONDS, true);
    const backlog = await textBacklog(began);
    notes.text_backlog = backlog;
    const main = figures("deadline", matang, SECONDS);
    log(
      `  Matang (after the first 30 s: p99 read ${main.deadline_steady_read_p99_ms} ms, save ${main.deadline_steady_save_p99_ms} ms, upload ${main.deadline_steady_upload_p99_ms} ms): ${main.deadline_rps} requests/s (${main.deadline_uploads_per_s} uploads/s), ${matang.errors} errors, ${matang.conflicts} conflicts (409); p50/p99 read ${main.deadline_read_p50_ms}/${main.deadline_read_p99_ms} ms, save ${main.deadline_save_p50_ms}/${main.deadline_save_p99_ms} ms, upload ${main.deadline_upload_p50_ms}/${main.deadline_upload_p99_ms} ms; instances CPU ${used.cpuShare.join(" + ")} cores, peak RSS ${used.peakRssMb.join(" / ")} MB; PostgreSQL connections ${used.connections}; evidence texts at the end ${JSON.stringify(backlog)}`,
    );
    if (matang.firstErrors.length) log(`  first errors: ${matang.firstErrors.join(" | ")}`);
    for (const slice of timeline(matang).slice(0, 4)) log(`    ${JSON.stringify(slice)}`);

    // The same people coming to work over a minute, on two fresh instances (sessions kept).
    const { tally: ramp, used: rampUsed } = await matangLoad(RAMP_RUN_SECONDS, RAMP_SECONDS, false);
    const rampFigures = ramped(ramp, "deadline_ramp", RAMP_RUN_SECONDS);
    log(
      `  Matang, arrivals over ${RAMP_SECONDS} s: ${JSON.stringify(rampFigures)}; CPU ${rampUsed.cpuShare.join(" + ")}`,
    );
    if (ramp.firstErrors.length) log(`  first errors: ${ramp.firstErrors.join(" | ")}`);
    for (const slice of timeline(ramp).slice(0, 8)) log(`    ${JSON.stringify(slice)}`);
    // DEADLINE_ONLY=matang: no ceiling, so no figures kept (they would stand without their baseline).
    if (process.env.DEADLINE_ONLY === "matang") return { metrics: {}, notes };

    const { tally: bare, used: bareUsed } = await bareLoad(SECONDS, BURST_SECONDS);
    const { tally: bareRamp } = await bareLoad(RAMP_RUN_SECONDS, RAMP_SECONDS);
    const metrics: Record<string, number> = {
      ...main,
      ...figures("deadline_bare", bare, SECONDS),
      deadline_rps_vs_bare: round(matang.requests / Math.max(1, bare.requests), 3),
      deadline_pg_connections: used.connections,
      ...rampFigures,
      ...ramped(bareRamp, "deadline_ramp_bare", RAMP_RUN_SECONDS),
    };
    notes.people = everyone.length;
    notes.arrival_seconds = { main: BURST_SECONDS, ramp: RAMP_SECONDS, ramp_run_seconds: RAMP_RUN_SECONDS };
    notes.instances = { cpu_share: used.cpuShare, peak_rss_mb: used.peakRssMb };
    notes.ramp_instances = { cpu_share: rampUsed.cpuShare, peak_rss_mb: rampUsed.peakRssMb };
    notes.bare_instances = { cpu_share: bareUsed.cpuShare, peak_rss_mb: bareUsed.peakRssMb };
    notes.first_errors = [...matang.firstErrors, ...ramp.firstErrors];
    notes.timeline = timeline(matang);
    notes.ramp_timeline = timeline(ramp);
    notes.bare_timeline = timeline(bare);
    log(
      `  bare: ${metrics.deadline_bare_rps} requests/s, ${bare.errors} errors; p99 read ${metrics.deadline_bare_read_p99_ms} ms, save ${metrics.deadline_bare_save_p99_ms} ms, upload ${metrics.deadline_bare_upload_p99_ms} ms; CPU ${bareUsed.cpuShare.join(" + ")} cores; arrivals over ${RAMP_SECONDS} s: p99 read ${metrics.deadline_ramp_bare_read_p99_ms} ms`,
    );
    return { metrics, notes };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
    if (process.env.DEADLINE_KEEP === "1" && !kept) log(`  kept: DEADLINE_DATABASE_URL=${database.url}`);
    else if (!kept) await database.drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
