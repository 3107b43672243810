// The national Excel export alone in a process, so its peak memory (VmHWM) is its own.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { builtinFrameworks } from "@matang/core/node";
import { openDatabase } from "@matang/server";
import { cycleWorkbook } from "../packages/server/src/reports/excel.js";
import { ADMIN_CONTEXT } from "./dataset.js";

const [url, cycle] = process.argv.slice(2);
const handle = await openDatabase({ url });
const ctx = ADMIN_CONTEXT;
const start = performance.now();
const { stream } = await cycleWorkbook(handle.db, builtinFrameworks(), ctx, cycle as string);
let bytes = 0;
await pipeline(
  stream,
  new Writable({
    write(chunk: Buffer, _e, done) {
      bytes += chunk.length;
      done();
    },
  }),
);
const ms = performance.now() - start;
const peakMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
await handle.close();
console.log(JSON.stringify({ ms, peakMb, bytes }));
