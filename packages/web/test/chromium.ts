// Debian's Chromium and a demo Matang to point it at: shared by the browser tests and the web
// benchmark (bench/web.ts).
import { builtinFrameworks } from "@matang/core/node";
import { bootstrap, buildApp, DEFAULT_AUTH, openDatabase } from "@matang/server";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, and quiet: without these flags Chromium keeps reaching for Google's servers. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** The real server on a fresh embedded database with the demo content, listening on a free port. */
export async function demoServer(admin: { email: string; password: string }) {
  const database = await openDatabase({ dataDir: "memory://" });
  await database.migrate();
  const frameworks = builtinFrameworks();
  await bootstrap(database.db, {
    frameworks,
    demo: true,
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  // The browser tests log in from one address some 30 times, in under a minute on a fast run:
  // the per-address login limit (its own test is in server/test/api.test.ts) must not answer 429.
  const app = await buildApp({
    db: database.db,
    frameworks,
    auth: { ...DEFAULT_AUTH, loginsPerMinute: 1000 },
  });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    app,
    base,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
