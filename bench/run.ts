// `npm run bench`: performance figures, each beside a baseline measured in the same run so the
// ratio means something on a noisy machine. Results are merged into bench/results.json.
// Usage: npm run bench [-- NAME ...]   (names: scoring, planner, national, web, evidence, soak, churn,
// deadline; default all but soak, churn and deadline, which take five, eight and over twenty minutes
// and run only when named: npm run bench -- deadline)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Framework, plan, score } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { churn } from "./churn.js";
import { deadline } from "./deadline.js";
import { evidence } from "./evidence.js";
import { national } from "./national.js";
import { soak } from "./soak.js";
import { web } from "./web.js";

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, "results.json");

type Metrics = Record<string, number>;

/** Run `fn` repeatedly for about `ms` milliseconds; return operations per second. */
function throughput(fn: (i: number) => unknown, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 500; i++) sink += fn(ops++) ? 1 : 0;
    now = performance.now();
  }
  if (sink < 0) console.log(sink);
  return (ops / (now - start)) * 1000;
}

function randomLevels(f: Framework, count: number): Record<string, number>[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      f.indicators.map((i) => [i.code, i.scale.values[Math.floor(next() * i.scale.values.length)] as number]),
    ),
  );
}

function benchScoring(f: Framework): Metrics {
  const sets = randomLevels(f, 1024);
  const weights = f.indicators.map((i) => [i.code, i.weight] as const);
  // Baseline: the naive float sum Σ level × weight / 100 of the same level sets.
  const baseline = throughput((n) => {
    const levels = sets[n & 1023] as Record<string, number>;
    let sum = 0;
    for (const [code, w] of weights) sum += (levels[code] as number) * w;
    return sum / 100;
  });
  const full = throughput((n) => score(f, sets[n & 1023] as Record<string, number>));
  return {
    scoring_assessments_per_s: Math.round(full),
    scoring_baseline_naive_sum_per_s: Math.round(baseline),
    scoring_ratio_vs_naive_sum: Number((full / baseline).toFixed(4)),
  };
}

function benchPlanner(f: Framework): Metrics {
  const all1 = Object.fromEntries(f.indicators.map((i) => [i.code, i.scale.min]));
  const worst = () => plan(f, all1, 5.0);
  const easy = () => plan(f, all1, 1.01);
  const time = (fn: () => unknown, runs: number) => {
    fn();
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      fn();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] as number;
  };
  const worstMs = time(worst, 30);
  const easyMs = time(easy, 30);
  return {
    planner_worst_ms: Number(worstMs.toFixed(3)),
    planner_one_step_ms: Number(easyMs.toFixed(3)),
    planner_worst_ratio_vs_one_step: Number((worstMs / easyMs).toFixed(2)),
  };
}

const framework = builtinFrameworks().get("permenpanrb-59-2020");
if (!framework) throw new Error("framework permenpanrb-59-2020 is missing");
const wanted = process.argv.slice(2);
let soakTimeline: unknown = null;
let nationalNotes: unknown = null;
let deadlineNotes: unknown = null;
const suites: Record<string, () => Metrics | Promise<Metrics>> = {
  scoring: () => benchScoring(framework),
  planner: () => benchPlanner(framework),
  national: async () => {
    console.log();
    const result = await national((line) => console.log(line));
    nationalNotes = result.notes;
    return result.metrics;
  },
  web: async () => {
    console.log();
    return web((line) => console.log(line));
  },
  evidence: async () => {
    console.log();
    return evidence((line) => console.log(line));
  },
  soak: async () => {
    const result = await soak();
    soakTimeline = result.timeline;
    return result.metrics;
  },
  deadline: async () => {
    console.log();
    const result = await deadline((line) => console.log(line));
    deadlineNotes = result.notes;
    return result.metrics;
  },
  churn: async () => {
    console.log();
    return churn((line) => console.log(line));
  },
};
/** Suites that run only when asked for by name. */
const onRequest = new Set(["soak", "churn", "deadline"]);
const unknown = wanted.filter((w) => !(w in suites));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(suites).join(", ")}`);
  process.exit(2);
}

const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : { metrics: {} };
const metrics: Metrics = { ...previous.metrics };
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 ? !wanted.includes(name) : onRequest.has(name)) continue;
  process.stdout.write(`${name}… `);
  const result = await run();
  Object.assign(metrics, result);
  console.log(JSON.stringify(result));
}
/** Whether this VM hands freed memory back to its host, which makes writing into fresh memory slow. */
function freePageReporting(): boolean {
  const dir = "/sys/bus/virtio/drivers/virtio_balloon";
  if (!existsSync(dir)) return false;
  // VIRTIO_BALLOON_F_REPORTING is feature bit 5; `features` lists the bits from bit 0.
  return readdirSync(dir)
    .filter((name) => name.startsWith("virtio"))
    .some((name) => readFileSync(join(dir, name, "features"), "utf8")[5] === "1");
}

const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memory_gb: Math.round(totalmem() / 2 ** 30),
  free_page_reporting: freePageReporting(),
  date: new Date().toISOString(),
};
const soakRun = soakTimeline ? { timeline: soakTimeline } : previous.soak;
// The national dataset's row counts and generation time, beside the figures measured on it.
const nationalRun = nationalNotes ?? previous.national;
const deadlineRun = deadlineNotes ?? previous.deadline;
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      metrics,
      machine,
      ...(nationalRun ? { national: nationalRun } : {}),
      ...(soakRun ? { soak: soakRun } : {}),
      ...(deadlineRun ? { deadline: deadlineRun } : {}),
    },
    null,
    2,
  )}\n`,
);
console.log(`written to ${resultsFile}`);
