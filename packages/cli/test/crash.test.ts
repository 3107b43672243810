// The server killed with SIGKILL in the middle of an upload and of a burst of writes: after a
// restart the upload left nothing, every write happened wholly (with its audit entry) or not at
// all, and the storage check finds every file intact and no orphan.
import { type ChildProcess, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, logInTo, serveMatang } from "./processes.js";

const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

describe("the server killed mid-work", () => {
  const name = `matang_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "matang-crash-"));
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    MATANG_DATA_DIR: dataDir,
    MATANG_DEMO: "1",
    MATANG_UPLOAD_STALE_SECONDS: "1",
  };
  let child: ChildProcess | undefined;

  async function start() {
    const server = await serveMatang(env);
    child = server.child;
    return server.base;
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves no half upload and no half write behind", async () => {
    let base = await start();
    const { cookie, csrf } = await logInTo(base, "koordinator@demo.matang.id", "matang-demo-2026");
    const headers = { cookie, "x-csrf-token": csrf, "content-type": "application/json" };
    const list = (await (await fetch(`${base}/api/assessments`, { headers })).json()) as {
      items: { id: string; organizationName: string }[];
    };
    const id = list.items.find((a) => a.organizationName === "Pemerintah Kota Bandung")?.id;
    // One answer stored before the crash: it must survive it.
    const saved = await fetch(`${base}/api/assessments/${id}/indicators/1/answer`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ level: 3, explanation: "Perwal 12/2024", version: 0 }),
    });
    expect(saved.status).toBe(200);

    // An upload that is still streaming…
    const boundary = "----matangcrash";
    const upload = request(`${base}/api/assessments/${id}/evidence`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    upload.on("error", () => {});
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="indicator"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="level"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nSetengah\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="setengah.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    for (let i = 0; i < 8; i++) {
      upload.write(Buffer.alloc(128 * 1024, 65));
      await new Promise((r) => setTimeout(r, 50));
    }
    // …and keeps streaming until the crash: an upload nobody writes to for a second counts as
    // abandoned here (MATANG_UPLOAD_STALE_SECONDS=1) and is swept while the answers are saved.
    const trickle = setInterval(() => upload.write(Buffer.alloc(4096, 65)), 100);
    // Every indicator answered, so the self-assessment can be submitted…
    for (let code = 2; code <= 47; code++) {
      const res = await fetch(`${base}/api/assessments/${id}/indicators/${code}/answer`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ level: 2, explanation: `Penjelasan ${code}`, version: 0 }),
      });
      expect(res.status).toBe(200);
    }
    // The upload is being staged (a busy machine may take a moment to start writing it)…
    const staging = join(dataDir, "evidence", "tmp");
    for (let waited = 0; waited < 10_000; waited += 50) {
      if (existsSync(staging) && readdirSync(staging).some((f) => f.endsWith(".part"))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // …then the submission and a burst of writes are in flight when the server dies.
    const burst = [
      fetch(`${base}/api/assessments/${id}/transitions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ to: "submitted" }),
      }).catch(() => null),
      ...Array.from({ length: 30 }, (_, i) =>
        fetch(`${base}/api/assessments/${id}/indicators/${(i % 10) + 2}/answer`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ level: 3, explanation: `ledakan ${i}`, version: 1 }),
        }).catch(() => null),
      ),
    ];
    await new Promise((r) => setTimeout(r, 30));
    child?.kill("SIGKILL");
    clearInterval(trickle);
    await Promise.all(burst);
    upload.destroy();
    const tmp = join(dataDir, "evidence", "tmp");
    expect(readdirSync(tmp).filter((f) => f.endsWith(".part"))).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 1200));
    base = await start();
    await new Promise((r) => setTimeout(r, 300));
    // The unfinished upload is gone, nothing was recorded for it, and the storage is consistent.
    expect(readdirSync(tmp)).toEqual([]);
    const check = spawnSync(process.execPath, [bin, "storage", "check"], { env, encoding: "utf8" });
    expect(check.stdout).toContain(
      "0 evidence files checked: 0 missing, 0 not matching their checksum, 0 orphans, 0 unfinished uploads.",
    );
    expect(check.status).toBe(0);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      // The demo's own evidence is web addresses; the cut upload left no file evidence behind.
      expect((await db.query("select count(*)::int as n from evidence where kind = 'file'")).rows[0].n).toBe(
        0,
      );
      // Every stored answer has exactly as many audit entries as versions: no write landed half.
      const scores = await db.query(
        "select indicator_code as code, version from stage_scores where assessment_id = $1 and stage = 'self'",
        [id],
      );
      expect(scores.rows.length).toBeGreaterThanOrEqual(1);
      for (const row of scores.rows) {
        const audit = await db.query(
          "select count(*)::int as n from audit_log where action = 'indicator.stage.self' and entity_id = $1",
          [`${id}/${row.code}`],
        );
        expect(audit.rows[0].n, `indicator ${row.code}`).toBe(row.version);
      }
      expect(scores.rows.find((r) => r.code === "1")?.version).toBe(1);
      // The submission happened wholly (state, date and one audit entry) or not at all.
      const state = (await db.query("select state, submitted_at from assessments where id = $1", [id]))
        .rows[0];
      const moves = (
        await db.query(
          "select count(*)::int as n from audit_log where action = 'assessment.transition' and entity_id = $1",
          [id],
        )
      ).rows[0].n;
      expect(["self_assessment", "submitted"]).toContain(state.state);
      expect(moves).toBe(state.state === "submitted" ? 1 : 0);
      expect(state.submitted_at !== null).toBe(state.state === "submitted");
    } finally {
      await db.end();
    }
    // And the restarted server serves the answer stored before the crash.
    const after = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "koordinator@demo.matang.id", password: "matang-demo-2026" }),
    });
    expect(after.status).toBe(200);
  }, 180_000);
});
