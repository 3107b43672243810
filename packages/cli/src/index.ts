import { readFileSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type Framework,
  FrameworkError,
  InputFileError,
  type Levels,
  LevelsError,
  loadFramework,
  type PlanConstraint,
  PlanInputError,
  PlanTooLargeError,
  parseConstraintsFile,
  parseLevelsFile,
  parseRegistryFile,
  parseResultsFile,
  plan,
  planYears,
  type StepReason,
  score,
  type YearPlanStep,
} from "@matang/core";
import { builtinFrameworks, parseFrameworkText } from "@matang/core/node";
import { progressBar } from "./progress.js";
import { table } from "./table.js";

/** Who the audit log names for what the CLI does: the CLI itself and the operating-system user. */
const CLI_ACTOR = {
  id: null,
  label: `cli (${(() => {
    try {
      return userInfo().username;
    } catch {
      return process.env.USER ?? "unknown";
    }
  })()})`,
};

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** A problem the user can fix; printed without a stack trace. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const HELP = `matang — SPBE evaluation platform

Usage:
  matang frameworks list [--json]
  matang frameworks show ID [--indicator CODE] [--json]
  matang frameworks validate FILE [--json]
  matang score --framework ID --levels FILE [--json]
  matang plan --framework ID --levels FILE --target N [--constraints FILE] [--json]
              [--years 1-3 [--max-step N] [--from YEAR]]
  matang serve [--port N] [--host ADDR]
  matang migrate
  matang organizations import FILE [--year YYYY]
  matang results import FILE [--year YYYY] [--dry-run] [--publish] [--confirm LINE=ORGANIZATION_ID]…
  matang results publish YEAR
  matang backup FILE [--encrypt [--recipient AGE_PUBLIC_KEY]...]  (passphrase: MATANG_BACKUP_PASSPHRASE)
  matang backup keygen
  matang restore FILE [--identity KEY_FILE]
  matang storage check
  matang storage migrate --to s3|disk [--remove-source]
  matang admin create --email ADDRESS [--name NAME] [--password PASSWORD]
  matang admin reset-password --email ADDRESS [--password PASSWORD]
  matang admin unlock --email ADDRESS

The database is PostgreSQL when DATABASE_URL is set, else the embedded one under
MATANG_DATA_DIR (default ./data).

--framework takes a framework id (see "frameworks list") or the path of a framework file.
Level files are CSV with the header "indicator,level" (or "indicator,value" for decimal values such as 3,25;
indicators by code or alias) or JSON such as {"1": 3, "2": 4}.
Constraint files are JSON such as {"12": {"max": 3}, "40": {"cost": 2}}.
Exit codes: 0 success, 1 invalid input (every problem is listed), 2 wrong usage.`;

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "frameworks":
        return frameworksCommand(rest, io);
      case "score":
        return scoreCommand(rest, io);
      case "plan":
        return planCommand(rest, io);
      case "serve":
        return await serveCommand(rest, io);
      case "migrate":
        return await migrateCommand(rest, io);
      case "organizations":
        return await organizationsCommand(rest, io);
      case "admin":
        return await adminCommand(rest, io);
      case "results":
        return await resultsCommand(rest, io);
      case "backup":
        return await backupCommand(rest, io);
      case "restore":
        return await restoreCommand(rest, io);
      case "storage":
        return await storageCommand(rest, io);
      case "--version":
      case "-v":
        io.out("matang 0.1.0");
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.err(`matang: ${error.message}`);
    if (error.exitCode === 2) io.err('Run "matang help" for usage.');
    return error.exitCode;
  }
  if (error instanceof InputFileError || error instanceof FrameworkError) {
    io.err(error.message);
    return 1;
  }
  // Refused at start: a framework file would re-score cycles that used it (or a folder is wrong),
  // or a setting names something that cannot work (the message names the variable).
  if (
    error instanceof Error &&
    (error.name === "FrameworkChangeRefused" ||
      error.name === "FrameworkFolderError" ||
      error.name === "ConfigError")
  ) {
    io.err(`matang: ${error.message}`);
    return 1;
  }
  if (error instanceof LevelsError || error instanceof PlanInputError || error instanceof PlanTooLargeError) {
    io.err(`matang: ${error.message}`);
    return 1;
  }
  if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    io.err(`matang: ${error.message}`);
    return 2;
  }
  throw error;
}

function args<T extends Record<string, { type: "string" | "boolean"; multiple?: boolean }>>(
  argv: readonly string[],
  options: T,
) {
  return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
}

function readText(path: string): string {
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a directory, not a file`, 1);
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: cannot read the file (${code === "ENOENT" ? "no such file" : code})`, 1);
  }
}

function resolveFramework(idOrPath: string | undefined): Framework {
  if (!idOrPath)
    throw new UsageError('--framework is required (an id from "matang frameworks list" or a file)');
  const builtin = builtinFrameworks().get(idOrPath);
  if (builtin) return builtin;
  if (idOrPath.endsWith(".json") || idOrPath.includes("/")) {
    const text = readText(idOrPath);
    const result = loadFramework(parseFrameworkText(text, idOrPath));
    if (!result.ok) throw new FrameworkError(idOrPath, result.problems);
    return result.framework;
  }
  const known = [...builtinFrameworks().keys()].join(", ");
  throw new UsageError(`unknown framework "${idOrPath}" (available: ${known})`, 1);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`${flag} is required`);
  return value;
}

// ---------------------------------------------------------------------------------------------

function frameworksCommand(argv: readonly string[], io: Io): number {
  const { values, positionals } = args(argv, { json: { type: "boolean" }, indicator: { type: "string" } });
  const [sub, target] = positionals;
  if (sub === "list") {
    const list = [...builtinFrameworks().values()].map((f) => ({
      id: f.id,
      title: f.title.id,
      years: f.years,
      indicators: f.indicators.length,
      provisional: f.provisional !== null,
    }));
    if (values.json) io.out(JSON.stringify(list, null, 2));
    else
      io.out(
        table(
          ["ID", "Years", "Indicators", "Title"],
          list.map((f) => [
            f.id,
            yearsLabel(f.years),
            String(f.indicators),
            f.provisional ? `(sementara) ${f.title}` : f.title,
          ]),
        ),
      );
    return 0;
  }
  if (sub === "show") {
    const framework = resolveFramework(required(target, "a framework id"));
    if (values.indicator !== undefined)
      return showIndicator(framework, values.indicator, Boolean(values.json), io);
    if (values.json) io.out(JSON.stringify(framework.definition, null, 2));
    else showFramework(framework, io);
    return 0;
  }
  if (sub === "validate") {
    const file = required(target, "a framework file");
    const result = loadFramework(parseFrameworkText(readText(file), file));
    if (values.json) {
      io.out(JSON.stringify({ file, valid: result.ok, problems: result.problems }, null, 2));
      return result.ok ? 0 : 1;
    }
    if (!result.ok) throw new FrameworkError(file, result.problems);
    const f = result.framework;
    io.out(
      `${file}: valid — ${f.id}, ${f.domains.length} domains, ${f.aspects.length} aspects, ${f.indicators.length} indicators`,
    );
    return 0;
  }
  throw new UsageError(
    sub ? `unknown subcommand "frameworks ${sub}"` : "frameworks needs list, show or validate",
  );
}

function yearsLabel(years: readonly number[]): string {
  const min = Math.min(...years);
  const max = Math.max(...years);
  return min === max ? String(min) : `${min}–${max}`;
}

function showFramework(f: Framework, io: Io): void {
  io.out(`${f.title.id}\n${f.id} · ${yearsLabel(f.years)} · ${f.indicators.length} indicators\n`);
  if (f.provisional) io.out(`${f.provisional.note.id}\n`);
  const rows: string[][] = [];
  const aspectRows = (a: Framework["aspects"][number], indent: string) => {
    rows.push([`${indent}${a.code}`, a.name.id, String(a.weight), ""]);
    for (const i of a.indicators)
      rows.push([
        `${indent}  ${i.code}`,
        i.name.id,
        String(i.weight),
        i.external ? `${i.scale.id} ← ${i.external}` : i.scale.id,
      ]);
  };
  for (const d of f.domains) {
    rows.push([d.code, d.name.id, String(d.weight), ""]);
    for (const a of d.aspects) aspectRows(a, "  ");
  }
  // A framework without domains lists its aspects at the top.
  if (f.domains.length === 0) for (const a of f.aspects) aspectRows(a, "");
  io.out(table(["Code", "Name", "Weight", "Scale"], rows));
  io.out(
    `\nPredicates: ${[...f.predicates]
      .reverse()
      .map((p) => `${p.name.id} ${p.minInclusive ? "≥" : ">"} ${p.min}`)
      .join(" · ")}`,
  );
}

function showIndicator(f: Framework, code: string, json: boolean, io: Io): number {
  const indicator = f.indicatorByCode.get(code);
  if (!indicator) throw new UsageError(`framework ${f.id} has no indicator "${code}"`, 1);
  if (json) {
    io.out(JSON.stringify({ ...indicator, scale: indicator.scale.id }, null, 2));
    return 0;
  }
  io.out(
    `${indicator.code}. ${indicator.name.id} (weight ${indicator.weight}, scale ${indicator.scale.id})\n`,
  );
  for (const level of indicator.levels) {
    const name = indicator.scale.levels.find((l) => l.value === level.value)?.name.id ?? "";
    io.out(`Level ${level.value} — ${name}\n  ${level.criteria.id}`);
    if (level.evidence) io.out(`  Bukti dukung: ${level.evidence.id}`);
    for (const item of level.items ?? []) io.out(`  ${item.code}  ${item.text.id}`);
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------

function scoreCommand(argv: readonly string[], io: Io): number {
  const { values } = args(argv, {
    framework: { type: "string" },
    levels: { type: "string" },
    json: { type: "boolean" },
  });
  const framework = resolveFramework(values.framework);
  const file = required(values.levels, "--levels");
  const levels = parseLevelsFile(readText(file), file, framework);
  const result = score(framework, levels);
  if (values.json) {
    io.out(
      JSON.stringify({
        framework: result.framework,
        complete: result.complete,
        index: result.index,
        indexDisplay: result.indexDisplay,
        predicate: result.predicate,
        predicateLabels: result.predicateLabels,
        floor: result.floor,
        ceiling: result.ceiling,
        missing: result.missing,
        domains: result.domains.map(({ code, name, index }) => ({ code, name, index })),
        aspects: result.aspects.map(({ code, name, index }) => ({ code, name, index })),
      }),
    );
    return 0;
  }
  const rows: string[][] = [];
  for (const domain of result.domains) {
    rows.push([domain.code, domain.name, String(domain.weight), groupValue(domain)]);
    for (const aspect of result.aspects.filter(
      (a) => framework.aspects.find((x) => x.code === a.code)?.domainCode === domain.code,
    )) {
      rows.push([`  ${aspect.code}`, aspect.name, String(aspect.weight), groupValue(aspect)]);
    }
  }
  // A framework without domains lists its aspects directly.
  if (result.domains.length === 0)
    for (const aspect of result.aspects)
      rows.push([aspect.code, aspect.name, String(aspect.weight), groupValue(aspect)]);
  io.out(`${framework.title.id}\n`);
  if (framework.provisional) io.out(`${framework.provisional.note.id}\n`);
  io.out(table(["Code", result.domains.length > 0 ? "Domain / aspect" : "Aspect", "Weight", "Index"], rows));
  io.out("");
  if (result.complete) {
    const labels = Object.values(result.predicateLabels);
    io.out(
      `Index: ${result.indexDisplay} — ${result.predicate}${labels.length ? ` (${labels.join(", ")})` : ""}`,
    );
  } else {
    io.out(
      `Incomplete: ${result.missing.length} indicator${result.missing.length > 1 ? "s" : ""} not answered (${result.missing.join(", ")}).`,
    );
    io.out(`Index between ${result.floorDisplay} (floor) and ${result.ceilingDisplay} (ceiling).`);
  }
  return 0;
}

function groupValue(g: { indexDisplay: string | null; floor: number; ceiling: number }): string {
  return g.indexDisplay ?? `${g.floor.toFixed(2)}–${g.ceiling.toFixed(2)}`;
}

function planCommand(argv: readonly string[], io: Io): number {
  const { values } = args(argv, {
    framework: { type: "string" },
    levels: { type: "string" },
    target: { type: "string" },
    constraints: { type: "string" },
    json: { type: "boolean" },
    years: { type: "string" },
    "max-step": { type: "string" },
    from: { type: "string" },
  });
  const framework = resolveFramework(values.framework);
  const file = required(values.levels, "--levels");
  const targetText = required(values.target, "--target");
  const target = Number(targetText.replace(",", "."));
  if (!/^\d+([.,]\d+)?$/.test(targetText.trim()) || !Number.isFinite(target)) {
    throw new UsageError(`--target: "${targetText}" is not a number (e.g. 3.5)`, 1);
  }
  const levels = parseLevelsFile(readText(file), file, framework);
  const constraints = values.constraints
    ? parseConstraintsFile(readText(values.constraints), values.constraints)
    : undefined;
  if (values.years !== undefined) return yearPlanCommand(framework, levels, target, constraints, values, io);
  if (values["max-step"] !== undefined || values.from !== undefined)
    throw new UsageError("--max-step and --from plan over years: give --years too (1 to 3)", 1);
  const result = plan(framework, levels, target, constraints ? { constraints } : {});
  if (values.json) {
    io.out(
      JSON.stringify({
        reachable: result.reachable,
        target: result.target,
        maxIndex: result.maxIndex,
        totalCost: result.totalCost,
        resultIndex: result.resultIndex,
        steps: result.steps.map(({ indicator, from, to, cost, gain }) => ({
          indicator,
          from,
          to,
          cost,
          gain,
        })),
      }),
    );
    return 0;
  }
  const current = result.currentIndex.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  if (!result.reachable) {
    io.out(
      `Target ${target} is not reachable: the highest index these constraints allow is ${result.maxIndexDisplay} (${result.maxIndex}). Current index: ${current}.`,
    );
    return 0;
  }
  if (result.steps.length === 0) {
    io.out(`Target ${target} is already reached: the index is ${result.resultIndexDisplay} (${current}).`);
    return 0;
  }
  io.out(`Cheapest plan from ${current} to at least ${target}:\n`);
  io.out(
    table(
      ["Indicator", "Name", "Level", "Cost", "Gain", "Index after"],
      result.steps.map((s) => [
        s.indicator,
        s.name,
        `${s.from} → ${s.to}`,
        String(s.cost),
        `+${round4(s.gain)}`,
        String(round4(s.indexAfter)),
      ]),
    ),
  );
  io.out(
    `\nTotal cost: ${result.totalCost} · resulting index: ${result.resultIndexDisplay} (${round4(result.resultIndex)})`,
  );
  return 0;
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** A whole number option within bounds, or a usage error naming it. */
function wholeOption(text: string, name: string, min: number, max: number): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    throw new UsageError(`${name}: "${text}" must be a whole number from ${min} to ${max}`, 1);
  return n;
}

/** The evaluation year a plan starts with: this year until mid-year, then the next. */
function nextEvaluationYear(now = new Date()): number {
  return now.getMonth() < 6 ? now.getFullYear() : now.getFullYear() + 1;
}

function yearPlanCommand(
  framework: Framework,
  levels: Levels,
  target: number,
  constraints: Record<string, PlanConstraint> | undefined,
  values: { years?: string; "max-step"?: string; from?: string; json?: boolean },
  io: Io,
): number {
  const years = wholeOption(values.years ?? "", "--years", 1, 3);
  const maxStep = values["max-step"] === undefined ? 1 : wholeOption(values["max-step"], "--max-step", 1, 10);
  const startYear =
    values.from === undefined ? nextEvaluationYear() : wholeOption(values.from, "--from", 2000, 2200);
  const result = planYears(framework, levels, target, {
    startYear,
    years,
    maxStep,
    ...(constraints ? { constraints } : {}),
  });
  const stepJson = (s: YearPlanStep) => ({
    indicator: s.indicator,
    from: s.from,
    to: s.to,
    cost: s.cost,
    gain: s.gain,
    indexAfter: s.indexAfter,
    budgetYear: s.budgetYear,
    reasons: s.reasons.map((r) => r.kind),
  });
  if (values.json) {
    io.out(
      JSON.stringify({
        reachable: result.reachable,
        target: result.target,
        currentIndex: result.currentIndex,
        maxIndex: result.maxIndex,
        totalCost: result.totalCost,
        resultIndex: result.resultIndex,
        reachedIn: result.reachedIn,
        steps: result.steps.map(stepJson),
        years: result.years.map((y) => ({ year: y.year, steps: y.steps.map(stepJson), index: y.index })),
      }),
    );
    return 0;
  }
  const span = years === 1 ? String(startYear) : `${startYear}–${result.lastYear}`;
  const current = round4(result.currentIndex);
  if (!result.reachable) {
    io.out(
      `Target ${target} is not reachable by ${result.lastYear} at ${maxStep} level step(s) a year: the highest index ${span} allows is ${result.maxIndexDisplay} (${round4(result.maxIndex)}). Current index: ${current}.`,
    );
    return 0;
  }
  if (result.steps.length === 0) {
    io.out(`Target ${target} is already reached: the index is ${result.resultIndexDisplay} (${current}).`);
    return 0;
  }
  io.out(
    `Cheapest plan from ${current} to at least ${target} over ${span}, at most ${maxStep} level step(s) a year:`,
  );
  for (const y of result.years) {
    io.out(`\n${y.year}: index ${y.indexDisplay} after ${y.steps.length} step(s), effort ${y.cost}`);
    if (y.steps.length === 0) continue;
    io.out(
      table(
        ["Indicator", "Name", "Level", "Cost", "Index after", "Budget", "Why not earlier"],
        y.steps.map((s) => [
          s.indicator,
          s.name,
          `${s.from} → ${s.to}`,
          String(s.cost),
          String(round4(s.indexAfter)),
          s.budgetYear === null ? "" : `Renja/APBD ${s.budgetYear}`,
          s.reasons.map((r) => REASON_TEXT[r.kind]).join("; "),
        ]),
      ),
    );
  }
  io.out(
    `\nTotal cost: ${result.totalCost} · index ${result.resultIndexDisplay} (${round4(result.resultIndex)}) reached in ${result.reachedIn}`,
  );
  return 0;
}

const REASON_TEXT: Record<StepReason["kind"], string> = {
  earliest: "earliest year",
  after_previous: "after the level below",
  budget: "needs budget",
  max_step: "level steps per year",
};

async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = args(argv, { port: { type: "string" }, host: { type: "string" } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`invalid port "${values.port ?? process.env.PORT}"`);
  const host = values.host ?? process.env.HOST ?? "127.0.0.1";
  const { startServer, DEMO_PASSWORD } = await import("@matang/server");
  const { report, database, storage } = await startServer({ port, host });
  const base = `http://${host === "0.0.0.0" || host === "127.0.0.1" || host === "::" ? "localhost" : host}:${port}`;
  const lines = [
    "",
    `Matang is running at ${base}/ (${database.kind === "postgres" ? "PostgreSQL" : "embedded database"})`,
    `Evidence files: ${storage.describe()}`,
    `API documentation: ${base}/api/docs`,
    `Published results (no login): ${base}/hasil`,
  ];
  if (report.admin) {
    lines.push(
      report.admin.generated
        ? `Administrator created: ${report.admin.email} with password ${report.admin.password} (shown only this once; change it)`
        : `Administrator created: ${report.admin.email} (password from MATANG_ADMIN_PASSWORD)`,
    );
  }
  if (report.demoAccounts.length > 0) {
    lines.push(`Demo accounts, all with password ${DEMO_PASSWORD}:`);
    const width = Math.max(...report.demoAccounts.map((a) => a.email.length));
    for (const a of report.demoAccounts)
      lines.push(`  ${a.email.padEnd(width)} ${a.role.padEnd(18)} ${a.organization}`);
  }
  io.out(`${lines.join("\n")}\n`);
  // The server keeps the process alive; `main` returns once it is listening.
  return 0;
}

async function adminCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    email: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
  });
  const [sub] = positionals;
  const email = required(values.email, "--email");
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new UsageError(`--email: "${email}" is not an e-mail address`, 1);
  const { createUser, resetPassword, unlockAccount, PasswordPolicyError } = await import("@matang/server");
  // A generated password is printed once; a given one is never echoed.
  const password = values.password ?? (await import("node:crypto")).randomBytes(12).toString("base64url");
  const shown = values.password ? "" : ` Password: ${password} (shown only this once)`;
  const actor = CLI_ACTOR;
  try {
    if (sub === "create") {
      await withDatabase((h) =>
        createUser(h.db, actor, {
          email,
          name: values.name ?? email,
          password,
          grants: [{ role: "admin", organizationId: null }],
        }),
      );
      io.out(`Administrator ${email} created.${shown}`);
      return 0;
    }
    if (sub === "unlock") {
      const result = await withDatabase((h) => unlockAccount(h.db, actor, email));
      if (!result) throw new UsageError(`no user with e-mail ${email}`, 1);
      io.out(
        result.cleared
          ? `Login locks of ${email} lifted (${result.cleared} address counters cleared).`
          : `${email} had no login lock.`,
      );
      return 0;
    }
    if (sub === "reset-password") {
      const user = await withDatabase((h) => resetPassword(h.db, actor, email, password));
      if (!user) throw new UsageError(`no user with e-mail ${email}`, 1);
      io.out(`Password of ${email} reset; their sessions were ended.${shown}`);
      return 0;
    }
  } catch (error) {
    if (error instanceof PasswordPolicyError) throw new UsageError(`--password: ${error.message}`, 1);
    if (
      (error as { code?: string }).code === "23505" ||
      String((error as Error).cause ?? "").includes("users_email_unique")
    ) {
      throw new UsageError(`a user with e-mail ${email} already exists`, 1);
    }
    throw error;
  }
  throw new UsageError(
    sub ? `unknown subcommand "admin ${sub}"` : "admin needs create, reset-password or unlock",
  );
}

/** The evidence storage of this instance: S3 when MATANG_S3_BUCKET is set, else MATANG_DATA_DIR/evidence. */
async function evidenceStorage() {
  const { configFromEnv, storageFromConfig } = await import("@matang/server");
  return storageFromConfig(configFromEnv());
}

const STEP_LABELS: Record<string, string> = {
  tables: "Tables",
  files: "Evidence files",
  removed: "Removed from the old storage",
};

/** A progress bar per step ("tables", "files", "removed") on standard error. */
function stepProgress(io: Io) {
  const bars = new Map<string, ReturnType<typeof progressBar>>();
  return (step: string, done: number, total: number) => {
    let bar = bars.get(step);
    if (!bar) {
      bar = progressBar(STEP_LABELS[step] ?? step, io === processIo ? undefined : (t) => io.err(t.trimEnd()));
      bars.set(step, bar);
    }
    bar.update(done, total);
  };
}

async function backupFailure<T>(work: () => Promise<T>): Promise<T> {
  const { BackupError } = await import("@matang/server");
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new UsageError(error.message, 1);
    throw error;
  }
}

/** The passphrase for encrypted backups: from the environment only, never a command-line word. */
const backupPassphrase = () => process.env.MATANG_BACKUP_PASSPHRASE || undefined;

async function backupCommand(argv: readonly string[], io: Io): Promise<number> {
  const { positionals, values } = args(argv, {
    encrypt: { type: "boolean" },
    recipient: { type: "string", multiple: true },
  });
  if (positionals[0] === "keygen") {
    const { newBackupKeyPair } = await import("@matang/server");
    const pair = await newBackupKeyPair();
    io.out(`# Public key (give to "matang backup --encrypt --recipient"): ${pair.recipient}`);
    io.out("# Secret key: keep it off the server, e.g. in a password manager; restore needs it.");
    io.out(pair.identity);
    return 0;
  }
  const file = required(positionals[0], "the backup file to write (e.g. matang-2026-11-22.tar.gz.age)");
  const recipients = values.recipient ?? [];
  const passphrase = backupPassphrase();
  if (recipients.length && !values.encrypt) throw new UsageError("--recipient goes with --encrypt", 1);
  if (values.encrypt && !recipients.length && !passphrase)
    throw new UsageError(
      "--encrypt needs --recipient age1… (see `matang backup keygen`) or MATANG_BACKUP_PASSPHRASE",
      1,
    );
  for (const r of recipients)
    if (!/^age1[0-9a-z]+$/.test(r))
      throw new UsageError(`--recipient: "${r}" is not an age public key (age1…)`, 1);
  const encrypt = values.encrypt
    ? recipients.length
      ? { recipients }
      : { passphrase: passphrase ?? "" }
    : undefined;
  const { createBackup } = await import("@matang/server");
  const storage = await evidenceStorage();
  const manifest = await backupFailure(() =>
    withDatabase((h) =>
      createBackup(h.db, storage, resolve(file), { source: h.kind, onProgress: stepProgress(io), encrypt }),
    ),
  );
  const rowsTotal = manifest.tables.reduce((n, t) => n + t.rows, 0);
  io.out(
    `Backup written to ${file}${encrypt ? " (encrypted)" : ""}: ${manifest.tables.length} tables (${rowsTotal} rows), ${manifest.files.length} evidence files, every one with its SHA-256 in the manifest.`,
  );
  return 0;
}

async function restoreCommand(argv: readonly string[], io: Io): Promise<number> {
  const { positionals, values } = args(argv, { identity: { type: "string" } });
  const file = required(positionals[0], "the backup file to restore");
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${file}: no such file`, 1);
  // An identity file as age-keygen or `matang backup keygen` writes it: comments, then the key.
  const identities = values.identity
    ? readText(values.identity)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#"))
    : [];
  if (values.identity && identities.length === 0)
    throw new UsageError(`${values.identity}: no secret key (AGE-SECRET-KEY-1…) in the file`, 1);
  const { restoreBackup } = await import("@matang/server");
  const storage = await evidenceStorage();
  const manifest = await backupFailure(() =>
    withDatabase((h) =>
      restoreBackup(h.db, storage, resolve(file), {
        onProgress: stepProgress(io),
        decrypt: { identities, passphrase: backupPassphrase() },
      }),
    ),
  );
  const rowsTotal = manifest.tables.reduce((n, t) => n + t.rows, 0);
  io.out(
    `Restored ${file} (made ${manifest.createdAt} on ${manifest.source}): ${rowsTotal} rows, ${manifest.files.length} evidence files, all checksums verified.`,
  );
  return 0;
}

async function storageCommand(argv: readonly string[], io: Io): Promise<number> {
  const { positionals, values } = args(argv, {
    to: { type: "string" },
    "remove-source": { type: "boolean" },
  });
  if (positionals[0] === "migrate") return storageMigrate(values, io);
  if (positionals[0] !== "check")
    throw new UsageError(
      positionals[0] ? `unknown subcommand "storage ${positionals[0]}"` : "storage needs check or migrate",
    );
  const { checkStorage } = await import("@matang/server");
  const storage = await evidenceStorage();
  await storageReady(storage);
  const report = await withDatabase((h) => checkStorage(h.db, storage, stepProgress(io)));
  const problems =
    report.missing.length + report.mismatched.length + report.orphans.length + report.temporary.length;
  io.out(
    `${report.checked} evidence files checked: ${report.missing.length} missing, ${report.mismatched.length} not matching their checksum, ${report.orphans.length} orphans, ${report.temporary.length} unfinished uploads.`,
  );
  for (const k of report.missing) io.out(`  missing: ${k}`);
  for (const k of report.mismatched) io.out(`  checksum mismatch: ${k}`);
  for (const k of report.orphans) io.out(`  orphan (no record): ${k}`);
  for (const k of report.temporary) io.out(`  unfinished upload: tmp/${k}`);
  return problems === 0 ? 0 : 1;
}

/** An unreachable storage is a setting to fix, said in one line. */
async function storageReady(storage: import("@matang/server").EvidenceStorage): Promise<void> {
  try {
    await storage.ready();
  } catch (error) {
    throw new UsageError(`storage: ${(error as Error).message}`, 1);
  }
}

/** Move an instance's evidence between the disk and object storage, verified file by file. */
async function storageMigrate(values: { to?: string; "remove-source"?: boolean }, io: Io): Promise<number> {
  if (values.to !== "s3" && values.to !== "disk")
    throw new UsageError(
      values.to
        ? `--to must be s3 or disk, not "${values.to}"`
        : "storage migrate needs --to s3 or --to disk",
    );
  const { configFromEnv, LocalStorage, migrateStorage, S3Storage } = await import("@matang/server");
  const settings = configFromEnv();
  if (!settings.s3)
    throw new UsageError(
      "storage migrate needs the object storage configured: set MATANG_S3_BUCKET (and MATANG_S3_ENDPOINT, the keys…) as the servers will have them",
      1,
    );
  const disk = new LocalStorage(join(settings.dataDir, "evidence"));
  const s3 = await S3Storage.create(settings.s3, join(settings.dataDir, "scratch"));
  const [from, to] = values.to === "s3" ? [disk, s3] : [s3, disk];
  await storageReady(to);
  const report = await backupFailure(() =>
    withDatabase((h) =>
      migrateStorage(h.db, from, to, { removeSource: values["remove-source"], onProgress: stepProgress(io) }),
    ),
  );
  io.out(
    `${report.total} evidence files in ${to.describe()}: ${report.copied} copied and verified, ${report.present} already there intact${report.removed ? `, ${report.removed} removed from ${from.describe()}` : ""}.`,
  );
  if (!values["remove-source"] && report.total > 0)
    io.out(
      `The files stay in ${from.describe()} until every instance runs with the new storage; then run this again with --remove-source.`,
    );
  return 0;
}

async function withDatabase<T>(
  fn: (handle: import("@matang/server").DatabaseHandle) => Promise<T>,
): Promise<T> {
  const { configFromEnv, databaseConfig, openDatabase } = await import("@matang/server");
  const handle = await openDatabase(databaseConfig(configFromEnv()));
  try {
    await handle.migrate();
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function migrateCommand(argv: readonly string[], io: Io): Promise<number> {
  args(argv, {});
  const kind = await withDatabase(async (handle) => handle.kind);
  io.out(`Database migrated (${kind === "postgres" ? "PostgreSQL" : "embedded PGlite"}).`);
  return 0;
}

async function organizationsCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { year: { type: "string" } });
  const [sub, file] = positionals;
  if (sub !== "import")
    throw new UsageError(sub ? `unknown subcommand "organizations ${sub}"` : "organizations needs import");
  const path = required(file, "a registry file (CSV)");
  const year = values.year === undefined ? null : Number(values.year);
  if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2200)) {
    throw new UsageError(`--year: "${values.year}" is not a year`, 1);
  }
  // Parse and check the whole file before touching the database.
  const rows = parseRegistryFile(readText(path), path);
  const { importRegistry } = await import("@matang/server");
  // On the real terminal the bar redraws in place; captured output gets whole lines.
  const bar = progressBar("Importing", io === processIo ? undefined : (t) => io.err(t.trimEnd()));
  const summary = await withDatabase((handle) =>
    importRegistry(handle.db, rows, {
      actor: CLI_ACTOR,
      source: path,
      year,
      onProgress: (done, total) => bar.update(done, total),
    }),
  );
  io.out(
    `${summary.total} instansi: ${summary.created} created, ${summary.matched} already known; ${summary.linked} kabupaten/kota linked to their province.`,
  );
  io.out(
    Object.entries(summary.byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(" · "),
  );
  return 0;
}

/** `matang results publish YEAR`: make an imported (draft) year public. */
async function publishResults(value: string | undefined, io: Io): Promise<number> {
  const year = Number(required(value, "a year"));
  if (!Number.isInteger(year) || year < 2000 || year > 2200)
    throw new UsageError(`results publish: "${value}" is not a year`, 1);
  const { publishYearAs } = await import("@matang/server");
  const published = await withDatabase((handle) => publishYearAs(handle.db, CLI_ACTOR, year)).catch(
    (e: unknown) => {
      if (e instanceof Error && "statusCode" in e && e.statusCode === 404)
        throw new UsageError(`results publish: no results were imported for ${year}`, 1);
      throw e;
    },
  );
  io.out(`${year}: ${published.count} results published.`);
  return 0;
}

async function resultsCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    year: { type: "string" },
    "dry-run": { type: "boolean" },
    publish: { type: "boolean" },
    confirm: { type: "string", multiple: true },
  });
  const [sub, file] = positionals;
  if (sub === "publish") return publishResults(file, io);
  if (sub !== "import")
    throw new UsageError(sub ? `unknown subcommand "results ${sub}"` : "results needs import or publish");
  const path = required(file, "a results file (CSV)");
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2200)) {
    throw new UsageError(`--year: "${values.year}" is not a year`, 1);
  }
  // A person's confirmation of an uncertain name: the line of the file and the organization's id.
  const confirmations = new Map<number, string>();
  for (const c of (values.confirm as string[] | undefined) ?? []) {
    const m = /^(\d+)=([0-9a-f-]{36})$/i.exec(c.trim());
    if (!m) throw new UsageError(`--confirm: "${c}" is not LINE=ORGANIZATION_ID`, 1);
    confirmations.set(Number(m[1]), m[2] as string);
  }
  // Parse and check the whole file before touching the database.
  const rows = parseResultsFile(readText(path), path, year);
  for (const line of confirmations.keys()) {
    if (!rows.some((r) => r.line === line))
      throw new UsageError(`--confirm: ${path}:${line} holds no result`, 1);
  }
  const { importResults } = await import("@matang/server");
  const bar = progressBar("Importing", io === processIo ? undefined : (t) => io.err(t.trimEnd()));
  const report = await withDatabase((handle) =>
    importResults(handle.db, rows, {
      actor: CLI_ACTOR,
      source: path,
      dryRun: values["dry-run"] === true,
      publish: values.publish === true,
      confirmations,
      onProgress: (done, total) => bar.update(done, total),
    }),
  );
  io.out(
    `${report.dryRun ? "Dry run, nothing stored: " : ""}${report.total} rows: ${report.imported} matched (${report.created} new, ${report.updated} changed, ${report.unchanged} already stored${report.confirmed ? `, ${report.confirmed} confirmed` : ""}), ${report.unmatched.length} left out.`,
  );
  if (!report.dryRun && values.publish !== true)
    io.out(
      `The years imported stay drafts (not on the public page) until published: matang results publish ${[...new Set(rows.map((r) => r.year))].join(", ")}`,
    );
  for (const m of report.matchedBy)
    io.out(`  ${path}:${m.line}: "${m.name}" matched ${m.organization} by rule ${m.rule} (${m.detail})`);
  for (const u of report.unmatched) {
    io.out(
      `  ${path}:${u.line}: "${u.name}" (${u.kind}${u.region ? `, ${u.region}` : ""}) matches no known instansi${u.candidates.length ? "; candidates:" : ""}`,
    );
    for (const c of u.candidates)
      io.out(`      --confirm ${u.line}=${c.id}   ${c.name} (${Math.round(c.similarity * 100)}% alike)`);
  }
  return 0;
}
