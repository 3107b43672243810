// Issue 16, item 4: the server killed with SIGKILL while 25 uploads are in flight, on both
// engines. After a restart the start-up sweep removes every file that was moved into place but
// never recorded, `matang storage check` is clean, and every upload that was answered 201 is
// stored intact.
import { type ChildProcess, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../server/test/harness.js";
import { bin, logInTo, serveMatang } from "./processes.js";

const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

describe.each(ENGINES)("uploads when the server is killed, on %s", (engine) => {
  const name = `matang_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "matang-crash-uploads-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MATANG_DATA_DIR: dataDir,
    MATANG_DEMO: "1",
    MATANG_UPLOAD_STALE_SECONDS: "1",
  };
  if (engine === "postgres") env.DATABASE_URL = url.toString();
  else delete env.DATABASE_URL;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill("SIGKILL");
    if (engine === "postgres") {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child?.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };

  it("keeps every acknowledged upload and leaves no unrecorded file", async () => {
    if (engine === "postgres") {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    }
    const acknowledged: { evidenceId: string; sha256: string }[] = [];
    const statuses: number[] = [];
    // Three kills, each at a random moment just after the first uploads were answered, when many
    // others are being received, moved into place or recorded.
    for (const delay of [0, 1, 2].map(() => Math.floor(Math.random() * 200))) {
      const server = await serveMatang(env);
      child = server.child;
      const base = server.base;
      const { cookie, csrf } = await logInTo(base, "koordinator@demo.matang.id", "matang-demo-2026");
      const list = (await (await fetch(`${base}/api/assessments`, { headers: { cookie } })).json()) as {
        items: { id: string; organizationName: string }[];
      };
      const id = list.items.find((a) => a.organizationName === "Pemerintah Kota Bandung")?.id;
      const uploads = Array.from({ length: 25 }, (_, i) => {
        const content = Buffer.concat([
          Buffer.from("%PDF-1.4\n"),
          randomBytes(256 * 1024),
          Buffer.from("\n%%EOF\n"),
        ]);
        const form = new FormData();
        form.set("indicator", String((i % 10) + 1));
        form.set("level", "1");
        form.set("title", `Bukti ${delay}-${i}`);
        form.set("file", new Blob([content], { type: "application/pdf" }), `bukti-${i}.pdf`);
        const sha256 = createHash("sha256").update(content).digest("hex");
        return fetch(`${base}/api/assessments/${id}/evidence`, {
          method: "POST",
          headers: { cookie, "x-csrf-token": csrf },
          body: form,
        })
          .then(async (res) => {
            statuses.push(res.status);
            if (res.status === 201)
              acknowledged.push({
                evidenceId: ((await res.json()) as { evidenceId: string }).evidenceId,
                sha256,
              });
          })
          .catch(() => undefined);
      });
      // Killed a little after the first answer: some uploads are done, others in every phase.
      const answered = acknowledged.length;
      for (let waited = 0; acknowledged.length === answered && waited < 20_000; waited += 10)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await Promise.all(uploads);
    }

    expect(acknowledged.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    // Past the stale window, a restart sweeps what the kills left.
    await new Promise((r) => setTimeout(r, 1200));
    const server = await serveMatang(env);
    child = server.child;
    const { cookie } = await logInTo(server.base, "koordinator@demo.matang.id", "matang-demo-2026");
    for (const upload of acknowledged) {
      const res = await fetch(`${server.base}/api/evidence/${upload.evidenceId}/content`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      expect(
        createHash("sha256")
          .update(Buffer.from(await res.arrayBuffer()))
          .digest("hex"),
      ).toBe(upload.sha256);
    }
    // The sweep runs beside serving: give it a moment, then check with the server stopped (an
    // embedded database has one user at a time).
    await new Promise((r) => setTimeout(r, 1500));
    await stop();
    const check = spawnSync(process.execPath, [bin, "storage", "check"], { env, encoding: "utf8" });
    const report = check.stdout + check.stderr;
    // Uploads recorded just before the kill but never answered are fine; nothing half is not.
    expect(report).toMatch(
      /(\d+) evidence files checked: 0 missing, 0 not matching their checksum, 0 orphans, 0 unfinished uploads\./,
    );
    expect(Number(/(\d+) evidence files checked/.exec(report)?.[1])).toBeGreaterThanOrEqual(
      acknowledged.length,
    );
    expect(check.status).toBe(0);
  }, 300_000);
});
