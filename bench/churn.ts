// `npm run bench -- churn`: embedded databases opened and closed for minutes on Node 24, the
// runtime whose V8 aborted while freeing PGlite's WebAssembly code (issue 17). Two arms of the
// same length, one after the other: Matang as shipped (wasm code GC off on V8 13, see
// packages/server/src/db/wasm-code-gc.ts), and the same with `--wasm-code-gc`, V8's default, as
// the baseline for what the workaround costs in memory. The shipped arm must never abort.
import { execFileSync, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Arm {
  exit: number | null;
  signal: string | null;
  fatal: string | null;
  databases: number;
  rssFirst: number;
  rssLast: number;
}

function arm(node: string, flags: string[], seconds: number): Promise<Arm> {
  return new Promise((resolve) => {
    const child = spawn(
      node,
      ["--expose-gc", ...flags, join(root, "bench/pglite-churn.mjs"), "--seconds", String(seconds)],
      { cwd: root },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (exit, signal) => {
      const line = output.split("\n").find((l) => l.startsWith("{"));
      const result = line ? JSON.parse(line) : {};
      const fatal = output.split("\n").find((l) => /Fatal error|Check failed/.test(l)) ?? null;
      resolve({
        exit,
        signal,
        fatal,
        databases: result.databases_opened ?? 0,
        rssFirst: result.rss_first_mb ?? 0,
        rssLast: result.rss_last_mb ?? 0,
      });
    });
  });
}

export async function churn(log: (line: string) => void): Promise<Record<string, number>> {
  const seconds = Number(process.env.CHURN_SECONDS ?? 240);
  const bin = execFileSync(join(root, ".ci/install-node"), ["24"], { encoding: "utf8" }).trim();
  const node = join(bin, "node");
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  log(`churn on Node ${version}: ${seconds} s per arm`);
  const shipped = await arm(node, [], seconds);
  log(`  as shipped: ${JSON.stringify(shipped)}`);
  const codeGc = await arm(node, ["--wasm-code-gc"], seconds);
  log(`  with V8's wasm code GC: ${JSON.stringify(codeGc)}`);
  const aborted = (a: Arm) => (a.exit !== 0 || a.signal || a.fatal ? 1 : 0);
  return {
    churn_databases_node24: shipped.databases,
    churn_aborts_node24: aborted(shipped),
    churn_rss_last_mb_node24: shipped.rssLast,
    churn_rss_growth_mb_node24: shipped.rssLast - shipped.rssFirst,
    churn_baseline_databases_node24_code_gc: codeGc.databases,
    churn_baseline_aborts_node24_code_gc: aborted(codeGc),
    churn_baseline_rss_last_mb_node24_code_gc: codeGc.rssLast,
    churn_rss_ratio_vs_code_gc: codeGc.rssLast ? Number((shipped.rssLast / codeGc.rssLast).toFixed(2)) : 0,
  };
}
