import { resolve } from "node:path";
import { type DatabaseConfig, pgliteDir } from "./db/client.js";

/** Settings from the environment (see the README's configuration table). */
export interface Config {
  readonly databaseUrl: string | undefined;
  /** Where the embedded database and the evidence files live. */
  readonly dataDir: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MATANG_DATA_DIR || "data"),
  };
}

export function databaseConfig(config: Config): DatabaseConfig {
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: pgliteDir(config.dataDir) };
}
