import { resolve } from "node:path";
import { type DatabaseConfig, pgliteDir } from "./db/client.js";
import type { S3Settings } from "./evidence/s3-storage.js";

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
  /** A resumable upload may wait this long for its next piece (MATANG_RESUMABLE_HOURS). */
  readonly resumableHours: number;
  /** smtp(s)://user:pass@host:port — e-mail notifications are sent only when set. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** A folder of framework files loaded at start beside the built-in ones (MATANG_FRAMEWORKS_DIR). */
  readonly frameworksDir: string | undefined;
  /** Read evidence text in the background on this instance (MATANG_READ_TEXTS, default on). */
  readonly readTexts: boolean;
  /** Evidence in S3-compatible object storage instead of MATANG_DATA_DIR/evidence (MATANG_S3_BUCKET set). */
  readonly s3: S3Settings | undefined;
}

/** A setting that cannot work; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
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
    resumableHours: positiveNumber(env.MATANG_RESUMABLE_HOURS, 24),
    smtpUrl: env.MATANG_SMTP_URL || undefined,
    mailFrom: env.MATANG_MAIL_FROM || "Matang <no-reply@matang.local>",
    frameworksDir: env.MATANG_FRAMEWORKS_DIR ? resolve(env.MATANG_FRAMEWORKS_DIR) : undefined,
    readTexts: env.MATANG_READ_TEXTS !== "0",
    s3: s3FromEnv(env),
  };
}

function s3FromEnv(env: NodeJS.ProcessEnv): S3Settings | undefined {
  const given = Object.keys(env).filter((k) => k.startsWith("MATANG_S3_") && env[k]);
  if (given.length === 0) return undefined;
  const bucket = env.MATANG_S3_BUCKET;
  if (!bucket) throw new ConfigError(`MATANG_S3_BUCKET is needed with ${given.join(", ")}`);
  const endpoint = env.MATANG_S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint))
    throw new ConfigError(`MATANG_S3_ENDPOINT must be an http(s) address, not "${endpoint}"`);
  const pathStyle = env.MATANG_S3_FORCE_PATH_STYLE;
  if (pathStyle && pathStyle !== "0" && pathStyle !== "1")
    throw new ConfigError(`MATANG_S3_FORCE_PATH_STYLE must be 1 or 0, not "${pathStyle}"`);
  const accessKeyId = env.MATANG_S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.MATANG_S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new ConfigError("MATANG_S3_ACCESS_KEY_ID and MATANG_S3_SECRET_ACCESS_KEY go together");
  const prefix = env.MATANG_S3_PREFIX ?? "";
  if (prefix && !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(prefix))
    throw new ConfigError(`MATANG_S3_PREFIX must be folder names ending in "/", not "${prefix}"`);
  return {
    endpoint,
    bucket,
    region: env.MATANG_S3_REGION || "us-east-1",
    accessKeyId,
    secretAccessKey,
    // MinIO, Garage and Ceph are addressed by path; cloud providers by bucket host name.
    forcePathStyle: pathStyle ? pathStyle === "1" : Boolean(endpoint),
    prefix,
  };
}

export function databaseConfig(config: Config): DatabaseConfig {
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: pgliteDir(config.dataDir) };
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}
