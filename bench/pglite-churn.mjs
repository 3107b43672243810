#!/usr/bin/env node
import { parseArgs } from "node:util";
// Opens and closes embedded databases again and again, as the backup tests and `matang restore`
// do, with real work in each (migrations, the demo's 621 instansi, a backup-sized read), so
// WebAssembly code is compiled, tiered up and freed all the time. Issue 17: Node 24 aborted in
// V8 while freeing WebAssembly code under this kind of churn. A clean exit is the result.
//
//   node bench/pglite-churn.mjs [--seconds 120] [--together 2]
//
// Runs the compiled server (`npm run build` first). Prints one JSON line at the end.
import { builtinFrameworks } from "@matang/core/node";
import { sql } from "drizzle-orm";
import { bootstrap } from "../packages/server/dist/bootstrap.js";
import { openDatabase } from "../packages/server/dist/db/client.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "120" },
    together: { type: "string", default: "2" },
  },
});
const seconds = Number(values.seconds);
const together = Number(values.together);
const frameworks = builtinFrameworks();
const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);

let opened = 0;
const rssAfter = [];
const deadline = Date.now() + seconds * 1000;
const started = performance.now();

async function cycle(demo) {
  const handle = await openDatabase({ dataDir: "memory://" });
  try {
    await handle.migrate();
    if (demo) {
      await bootstrap(handle.db, {
        frameworks,
        demo: true,
        adminEmail: "admin@uji.id",
        adminPassword: "sandi-admin-uji",
      });
      // What a backup reads: every row of the big tables, as JSON.
      await handle.db.execute(sql`select row_to_json(o)::text from organizations o`);
      await handle.db.execute(sql`select row_to_json(a)::text from audit_log a`);
    } else {
      await handle.db.execute(sql`select count(*) from organizations`);
    }
  } finally {
    await handle.close();
  }
  opened++;
}

async function lane(index) {
  // One lane does the full demo each time; the others open, migrate and close quickly.
  while (Date.now() < deadline) {
    await cycle(index === 0);
    if (index === 0) rssAfter.push(rss());
    // Let V8 collect the closed instances and free their code, which is where it aborted.
    globalThis.gc?.();
  }
}

await Promise.all(Array.from({ length: together }, (_, i) => lane(i)));
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    node: process.version,
    databases_opened: opened,
    ms_per_database: Math.round(ms / opened),
    rss_first_mb: rssAfter[0] ?? rss(),
    rss_last_mb: rssAfter.at(-1) ?? rss(),
  }),
);
