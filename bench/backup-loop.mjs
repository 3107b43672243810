#!/usr/bin/env node
// Runs the backup tests (PGlite and PostgreSQL, many embedded databases opened and closed) again
// and again, several at once, and counts runs that died: the V8 abort of issue 17
// ("Check failed: jit_page_->allocations_.erase(addr) == 1") showed up only under load.
//
//   node bench/backup-loop.mjs [--runs 20] [--parallel 3] [--node /path/to/node] [--file test]
//
// Every run uses the given Node binary (default: the one running this script). Exits 1 if any run
// failed; prints a Markdown summary for docs/BENCHMARKS.md.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    parallel: { type: "string", default: "3" },
    node: { type: "string", default: process.execPath },
    file: { type: "string", default: "packages/server/test/backup.test.ts" },
  },
});
const runs = Number(values.runs);
const parallel = Number(values.parallel);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(parallel) || parallel < 1) {
  console.error("--runs and --parallel take whole numbers ≥ 1");
  process.exit(2);
}
const vitest = join(root, "node_modules/vitest/vitest.mjs");
const version = await new Promise((resolve, reject) => {
  const child = spawn(values.node, ["--version"]);
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.on("error", reject);
  child.on("close", () => resolve(out.trim()));
});

/** Lines that say the process died inside V8 or by a signal, not that a test assertion failed. */
const FATAL =
  /Fatal error|Check failed|Segmentation fault|SIGSEGV|SIGABRT|SIGTRAP|core dumped|Worker exited unexpectedly|Channel closed/i;

const work = mkdtempSync(join(tmpdir(), "matang-backup-loop-"));
const results = [];
let next = 0;
const started = Date.now();

async function one(index) {
  const report = join(work, `run-${index}.json`);
  const t = Date.now();
  const { code, signal, output } = await new Promise((resolve) => {
    const child = spawn(
      values.node,
      [vitest, "run", values.file, "--reporter=json", `--outputFile=${report}`],
      { cwd: root, env: { ...process.env, CI: "", FORCE_COLOR: "0" } },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (code, signal) => resolve({ code, signal, output }));
  });
  let passed = 0;
  let failed = 0;
  try {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed = r.numPassedTests;
    failed = r.numFailedTests + (r.numFailedTestSuites ?? 0);
  } catch {
    // No report: the run itself died.
  }
  const fatal = output.split("\n").find((line) => FATAL.test(line));
  const ok = code === 0 && !fatal && passed > 0;
  const seconds = Math.round((Date.now() - t) / 1000);
  results.push({ index, ok, code, signal, passed, failed, fatal, seconds });
  console.log(
    `run ${index + 1}/${runs}: ${ok ? "ok" : "FAILED"} (${passed} passed, ${failed} failed, ${seconds} s)` +
      (fatal ? ` — ${fatal.trim()}` : "") +
      (ok ? "" : `\n${output.split("\n").slice(-40).join("\n")}`),
  );
}

async function lane() {
  while (next < runs) await one(next++);
}

console.log(`${runs} runs of ${values.file}, ${parallel} at a time, on Node ${version}`);
await Promise.all(Array.from({ length: parallel }, lane));
rmSync(work, { recursive: true, force: true });

const bad = results.filter((r) => !r.ok);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(
  `\n| Date | Node | Runs × parallel | Passed runs | Aborts | Minutes | Machine |\n|---|---|---|---|---|---|---|\n` +
    `| ${new Date().toISOString().slice(0, 10)} | ${version} | ${runs} × ${parallel} | ${runs - bad.length} | ` +
    `${bad.filter((r) => r.fatal || r.signal).length} | ${minutes} | ${cpus().length} × ${cpus()[0]?.model ?? "?"} |`,
);
process.exit(bad.length > 0 ? 1 : 0);
