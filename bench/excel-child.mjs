// The national Excel export alone in a process, so its peak memory (VmHWM) is its own. It runs
// the compiled server, as production does: TypeScript compiled on the fly (tsx) would add about
// 75 MB of its own.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { builtinFrameworks } from "@matang/core/node";
import { openDatabase, tuneHeapForServing } from "@matang/server";
import { cycleWorkbook } from "../packages/server/dist/reports/excel.js";

// The heap as the server sizes it: the export runs in the server process.
tuneHeapForServing();
const [url, cycle] = process.argv.slice(2);
const handle = await openDatabase({ url });
// A national administrator as the service sees one (the export is theirs).
const ctx = {
  principal: {
    userId: "bench",
    label: "bench",
    grants: [{ role: "admin", organizationId: null, organizationPath: null }],
  },
  requestId: null,
  address: null,
};
const start = performance.now();
const { stream } = await cycleWorkbook(handle.db, builtinFrameworks(), ctx, cycle);
let bytes = 0;
await pipeline(
  stream,
  new Writable({
    write(chunk, _e, done) {
      bytes += chunk.length;
      done();
    },
  }),
);
const ms = performance.now() - start;
const peakMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
await handle.close();
console.log(JSON.stringify({ ms, peakMb, bytes }));
