// Matang's HTTP API and the pieces the CLI drives (migrations, imports, accounts).

import { join } from "node:path";
import type { Framework } from "@matang/core";
import { builtinFrameworkDir, frameworksIn } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import nodemailer from "nodemailer";
import { buildApp } from "./app.js";
import { warmAssessments } from "./assessments/reading.js";
import { DEFAULT_AUTH } from "./auth/service.js";
import { type BootstrapReport, bootstrap } from "./bootstrap.js";
import { type Config, configFromEnv, databaseConfig } from "./config.js";
import { type DatabaseHandle, openDatabase } from "./db/client.js";
import { type ResumableUploads, resumableUploads } from "./evidence/resumable.js";
import { S3Storage } from "./evidence/s3-storage.js";
import { sweepUnrecordedFiles } from "./evidence/service.js";
import { type EvidenceStorage, LocalStorage } from "./evidence/storage.js";
import { expireExternalValues } from "./external-indices/service.js";
import { type FrameworkMap, refreshFrameworks } from "./frameworks/service.js";
import { tuneHeapForServing } from "./heap.js";
import { type Mail, remindDueDates, sendPendingEmails } from "./notifications/jobs.js";

export { type AppOptions, buildApp } from "./app.js";
export {
  checkPasswordPolicy,
  createUser,
  DEFAULT_AUTH,
  PasswordPolicyError,
  resetPassword,
  unlockAccount,
} from "./auth/service.js";
export { type BackupKey, type BackupUnlock, newBackupKeyPair } from "./backup/encryption.js";
export {
  BackupError,
  checkStorage,
  createBackup,
  type Manifest,
  type MigrationReport,
  migrateStorage,
  restoreBackup,
  type StorageReport,
} from "./backup/service.js";
export { type BootstrapReport, bootstrap, DEMO_PASSWORD } from "./bootstrap.js";
export type { Config } from "./config.js";
export { ConfigError, configFromEnv, databaseConfig } from "./config.js";
export { type DatabaseHandle, type Db, openDatabase } from "./db/client.js";
export { type S3Settings, S3Storage } from "./evidence/s3-storage.js";
export { type EvidenceStorage, LocalStorage } from "./evidence/storage.js";
export { tuneHeapForServing } from "./heap.js";
export { openApiDocument } from "./openapi.js";
export { type ImportSummary, importRegistry } from "./organizations/import.js";
export { ROLES, type Role } from "./policy/policy.js";
export { importResults, publishYearAs, type ResultsReport } from "./results/import.js";

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly frameworks?: ReadonlyMap<string, Framework>;
}

export interface Running {
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  readonly report: BootstrapReport;
  readonly storage: EvidenceStorage;
  stop(): Promise<void>;
}

/**
 * The built-in frameworks plus those in MATANG_FRAMEWORKS_DIR, which may add new ids or correct a
 * built-in one (a file there wins over the built-in file with its id), each with its file.
 */
export function configuredFrameworks(dir: string | undefined): {
  frameworks: Map<string, Framework>;
  files: Map<string, string>;
} {
  const found = [...frameworksIn(builtinFrameworkDir), ...(dir ? frameworksIn(dir) : [])];
  const frameworks = new Map<string, Framework>();
  const files = new Map<string, string>();
  for (const { framework, file } of found) {
    frameworks.set(framework.id, framework);
    files.set(framework.id, file);
  }
  return { frameworks, files };
}

/**
 * The evidence storage the configuration names: S3-compatible object storage when MATANG_S3_BUCKET
 * is set (then nothing is written under MATANG_DATA_DIR/evidence), else the local disk.
 */
export async function storageFromConfig(config: Config): Promise<EvidenceStorage> {
  if (config.s3) return S3Storage.create(config.s3, join(config.dataDir, "scratch"));
  return new LocalStorage(join(config.dataDir, "evidence"));
}

/** Open and migrate the database, start listening, and shut down gracefully on SIGTERM/SIGINT. */
export async function startServer(options: StartOptions): Promise<Running> {
  tuneHeapForServing();
  const config = configFromEnv();
  const database = await openDatabase(databaseConfig(config));
  await database.migrate();
  const { frameworks, files: frameworkFiles } = options.frameworks
    ? { frameworks: options.frameworks, files: undefined }
    : configuredFrameworks(config.frameworksDir);
  const report = await bootstrap(database.db, {
    frameworks,
    frameworkFiles,
    demo: config.demo,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
  }).catch(async (error: unknown) => {
    // Refused (e.g. a framework file that would re-score past cycles): nothing is left open.
    await database.close();
    throw error;
  });
  const storage = await storageFromConfig(config);
  // A storage that cannot be reached fails the start, not the first upload.
  await storage.ready().catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const resumable = await resumableUploads(storage, {
    expiryMs: config.resumableHours * 3600_000,
    maxBytes: config.maxUploadMb * 1024 * 1024,
  });
  const app = await buildApp({
    db: database.db,
    listen: database.listen,
    frameworks,
    storage,
    resumable,
    maxUploadBytes: config.maxUploadMb * 1024 * 1024,
    quotaBytes: config.quotaMb * 1024 * 1024,
    readTexts: config.readTexts,
    auth: { ...DEFAULT_AUTH, loginsPerMinute: config.loginsPerMinute },
    logger: true,
    trustProxy: process.env.MATANG_TRUST_PROXY === "1",
  });
  // Plus the frameworks administrators imported earlier (stored in the database).
  await refreshFrameworks(database.db, app.frameworks);
  // The assessments under way, read before the first request rather than by it.
  const warming = performance.now();
  const warmed = await warmAssessments(database.db, app.frameworks);
  app.log.info({ assessments: warmed, ms: Math.round(performance.now() - warming) }, "cache warmed");
  await app.listen({ port: options.port, host: options.host });
  const timers = startJobs(app, database, config, app.frameworks, storage, resumable);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // Stop the jobs and accepting, let in-flight requests finish, then close the database.
    for (const timer of timers) clearInterval(timer);
    stopping ??= app.close().then(() => database.close());
    return stopping;
  };
  const onSignal = (signal: string) => {
    app.log.info({ signal }, "shutting down");
    void stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  process.once("SIGINT", () => onSignal("SIGINT"));
  return { app, database, report, storage, stop };
}

/** Due-date reminders every 10 minutes, external index expiry hourly, framework refresh and stale-upload sweep every minute, e-mails every 30 s with SMTP. */
function startJobs(
  app: FastifyInstance,
  database: DatabaseHandle,
  config: Config,
  frameworks: FrameworkMap,
  storage: EvidenceStorage,
  resumable: ResumableUploads,
): NodeJS.Timeout[] {
  const run = (name: string, job: () => Promise<number>) => () => {
    job()
      .then((n) => n > 0 && app.log.info({ job: name, count: n }, "background job"))
      .catch((err) => app.log.warn({ job: name, err }, "background job failed; will retry"));
  };
  const reminders = run("due-date reminders", () => remindDueDates(database.db));
  reminders();
  // External index values past their age limit stop counting (checked at start and hourly).
  const expiry = run("expired external index values", () => expireExternalValues(database.db, frameworks));
  expiry();
  const sweep = run("unfinished uploads removed", async () => {
    const staged = await storage.sweep(config.uploadStaleSeconds * 1000);
    // Resumable uploads wait longer (MATANG_RESUMABLE_HOURS) for the rest of their bytes.
    return staged + (await resumable.sweep());
  });
  sweep();
  // Once, at start: files a killed process moved into place but never recorded.
  run("unrecorded evidence files removed", () =>
    sweepUnrecordedFiles(database.db, storage, config.uploadStaleSeconds * 1000),
  )();
  const timers = [
    setInterval(sweep, Math.min(60, config.uploadStaleSeconds) * 1000),
    setInterval(reminders, 10 * 60_000),
    setInterval(expiry, 60 * 60_000),
    // Frameworks imported on another instance become known here within a minute.
    setInterval(
      run("frameworks", () => refreshFrameworks(database.db, frameworks)),
      60_000,
    ),
  ];
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    const send = (mail: Mail) => transport.sendMail({ from: config.mailFrom, ...mail }).then(() => undefined);
    timers.push(
      setInterval(
        run("e-mail", () => sendPendingEmails(database.db, send)),
        30_000,
      ),
    );
  }
  for (const timer of timers) timer.unref();
  return timers;
}
