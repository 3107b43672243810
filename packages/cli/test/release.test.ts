// Issue 24 (part 4): installing where the data centre has no internet. The release archive is
// built (scripts/release.mjs, as CI does), checked against its SHA-256, unpacked into an empty
// folder and started with Node alone inside a network namespace that has nothing but loopback:
// no registry, no npm, no cache, no network. It must serve the web app and a demo login.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** A namespace without network needs unshare (util-linux) and the right to use it (root in CI). */
const isolated = spawnSync("unshare", ["-n", "true"]).status === 0;
if (process.env.MATANG_REQUIRE_OFFLINE === "1" && !isolated)
  throw new Error("the offline release test is required but `unshare -n` is not available here");

// Inside the namespace: start the release, then act as a browser would over loopback.
const CHECK = `
const base = "http://127.0.0.1:3999";
const out = { registry: "reachable" };
await fetch("https://registry.npmjs.org/", { signal: AbortSignal.timeout(3000) }).catch(() => { out.registry = "unreachable"; });
for (let i = 0; i < 240 && !out.health; i++) {
  out.health = await fetch(base + "/api/health").then((r) => r.status, () => 0) || undefined;
  if (!out.health) await new Promise((r) => setTimeout(r, 500));
}
out.page =
  (await (await fetch(base + "/login")).text()).includes('<form id="login"') &&
  (await (await fetch(base + "/")).text()).includes('<div id="root"');
const login = await fetch(base + "/api/auth/login", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: "koordinator@demo.matang.id", password: "matang-demo-2026" }),
});
out.login = login.status;
const cookie = (login.headers.get("set-cookie") || "").split(";")[0];
out.assessments = (await (await fetch(base + "/api/assessments", { headers: { cookie } })).json()).items.length;
console.log(JSON.stringify(out));
`;

describe.skipIf(!isolated)("the release archive", () => {
  const work = mkdtempSync(join(tmpdir(), "matang-release-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("is built with its checksum, and starts from an empty folder with Node alone and no network", () => {
    const out = join(work, "out");
    execFileSync(process.execPath, [join(root, "scripts/release.mjs"), "--out", out], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const files = readdirSync(out).sort();
    const archive = files.find((f) => /^matang-.*-linux-x64\.tar\.gz$/.test(f)) ?? "";
    expect(files).toEqual([archive, `${archive}.sha256`]);
    expect(execFileSync("sha256sum", ["-c", `${archive}.sha256`], { cwd: out, encoding: "utf8" })).toContain(
      `${archive}: OK`,
    );

    const empty = join(work, "pdn");
    const home = join(work, "home");
    mkdirSync(empty);
    mkdirSync(home);
    execFileSync("tar", ["-xzf", join(out, archive), "-C", empty]);
    const [folder] = readdirSync(empty);
    const script = join(work, "offline.sh");
    writeFileSync(join(work, "check.mjs"), CHECK);
    // Nothing of this machine's environment: no npm configuration, no cache, no registry.
    writeFileSync(
      script,
      `set -e
ip link set lo up
cd "${join(empty, folder as string)}"
env -i HOME="${home}" PATH="${dirname(process.execPath)}:/usr/bin:/bin" MATANG_DATA_DIR="${join(work, "data")}" \\
  ./matang serve --port 3999 > "${join(work, "server.log")}" 2>&1 &
server=$!
env -i HOME="${home}" "${process.execPath}" "${join(work, "check.mjs")}"
kill $server
wait $server || true
`,
    );
    const run = spawnSync("unshare", ["-n", "sh", script], { encoding: "utf8", timeout: 150_000 });
    const log = () => {
      try {
        return execFileSync("cat", [join(work, "server.log")], { encoding: "utf8" });
      } catch {
        return "";
      }
    };
    expect(run.status, `${run.stderr}\n${log()}`).toBe(0);
    const seen = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}");
    expect(seen).toEqual({
      registry: "unreachable",
      health: 200,
      page: true,
      login: 200,
      assessments: expect.any(Number),
    });
    expect(seen.assessments).toBeGreaterThan(0);
    expect(log()).toContain("Matang is running at");
  }, 240_000);
});
