import { setFlagsFromString } from "node:v8";

/**
 * Whether this V8 can free a WebAssembly import wrapper twice and abort the process with
 * "Check failed: jit_page_->allocations_.erase(addr) == 1" in
 * `ThreadIsolation::UnregisterWasmAllocation`.
 *
 * V8 13.x (Node.js 24) looks a wrapper up in its process-wide cache and takes a reference to it
 * even when wasm code GC has already marked it dying; the wrapper is then freed by the code GC and
 * again when the reference is dropped. It happens when a PGlite instance is garbage collected
 * while another one tiers up its calls into JavaScript: the backup tests and `matang restore`
 * open and close embedded databases like that. V8 fixed the lookup in 13.7 ("[wasm] Fix lookup
 * of wrappers marked is_dying", crbug.com/409379692); Node 22 (V8 12.4) has no process-wide
 * wrapper cache and Node 26 (V8 14) has the fix. Upstream report:
 * https://github.com/nodejs/node/issues/64500 (PGlite's: electric-sql/pglite#1053).
 */
export function wasmCodeGcIsUnsafe(v8Version: string = process.versions.v8): boolean {
  const [major] = v8Version.split(".").map(Number);
  return major === 13;
}

let guarded = false;

/**
 * Turns off the garbage collection of WebAssembly code on an affected V8, before the first
 * embedded database is opened. What it costs: code that is no longer used (baseline code replaced
 * by optimised code, wrappers of closed databases) stays in memory instead of being freed; no
 * difference showed in `npm run bench -- churn` (docs/BENCHMARKS.md).
 * Node keeps V8's flags writable after start-up for `v8.setFlagsFromString`, and V8 reads this
 * one each time code becomes unused, so setting it here is enough. An operator who passes node
 * `--wasm-code-gc` or `--no-wasm-code-gc` keeps their choice.
 */
export function guardWasmCodeGc(
  v8Version: string = process.versions.v8,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  if (guarded || !wasmCodeGcIsUnsafe(v8Version)) return guarded;
  if (execArgv.some((a) => /^--(no-)?wasm[-_]code[-_]gc$/.test(a))) return false;
  setFlagsFromString("--no-wasm-code-gc");
  guarded = true;
  return true;
}
