import { resolve } from "node:path";
import { type DatabaseConfig, pgliteDir } from "./db/client.js";

/** Settings from the environment (see the README's configuration table). */
export interface Config {
  readonly databaseUrl: string | undefined;
  /** Where the embedded database and the evidence files live. */
  readonly dataDir: string;
  /** Load demo content on first start: by default on the embedded database only. */
  readonly demo: boolean;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  /** Largest evidence upload, in MB. */
  readonly maxUploadMb: number;
  /** Login attempts per client address per minute. */
  readonly loginsPerMinute: number;
  /** Evidence one instansi may store in all, in MB. */
  readonly quotaMb: number;
  /** An unfinished upload nobody wrote to for this long is removed (a server killed mid-upload). */
  readonly uploadStaleSeconds: number;
  /** smtp(s)://user:pass@host:port — e-mail notifications are sent only when set. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** A folder of framework files loaded at start beside the built-in ones (MATANG_FRAMEWORKS_DIR). */
  readonly frameworksDir: string | undefined;
  /** Read evidence text in the background on this instance (MATANG_READ_TEXTS, default on). */
  readonly readTexts: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    databaseUrl,
    dataDir: resolve(env.MATANG_DATA_DIR || "data"),
    demo: env.MATANG_DEMO ? env.MATANG_DEMO === "1" : !databaseUrl,
    adminEmail: env.MATANG_ADMIN_EMAIL || undefined,
    adminPassword: env.MATANG_ADMIN_PASSWORD || undefined,
    maxUploadMb: positiveNumber(env.MATANG_MAX_UPLOAD_MB, 50),
    quotaMb: positiveNumber(env.MATANG_QUOTA_MB, 10_240),
    loginsPerMinute: positiveNumber(env.MATANG_LOGINS_PER_MINUTE, 20),
    uploadStaleSeconds: positiveNumber(env.MATANG_UPLOAD_STALE_SECONDS, 900),
    smtpUrl: env.MATANG_SMTP_URL || undefined,
    mailFrom: env.MATANG_MAIL_FROM || "Matang <no-reply@matang.local>",
    frameworksDir: env.MATANG_FRAMEWORKS_DIR ? resolve(env.MATANG_FRAMEWORKS_DIR) : undefined,
    readTexts: env.MATANG_READ_TEXTS !== "0",
  };
}

export function databaseConfig(config: Config): DatabaseConfig {
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: pgliteDir(config.dataDir) };
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}
