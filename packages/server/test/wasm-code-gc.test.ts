import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { wasmCodeGcIsUnsafe } from "../src/db/wasm-code-gc.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");

/** Runs the churn fixture on this Node with V8 tracing every wasm code GC it starts. */
function churn(mode: "raw" | "matang"): Promise<{ code: number | null; gcs: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        // A code GC as soon as any code becomes unused, so one would surely show up here.
        "--stress-wasm-code-gc",
        "--trace-wasm-code-gc",
        "--conditions=source",
        "--import",
        "tsx",
        join(here, "fixtures/churn-embedded.ts"),
        mode,
      ],
      { cwd: root },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (code) => {
      const gcs = output.split("\n").filter((line) => line.includes("[wasm-gc] Starting GC")).length;
      resolve({ code, gcs, output });
    });
  });
}

describe("WebAssembly code GC and the embedded database (issue 17)", () => {
  it("is turned off by opening an embedded database where V8 would abort while freeing code", async () => {
    const raw = await churn("raw");
    // The check can see a code GC: PGlite on its own, closed and collected, starts some.
    expect(raw.code, raw.output.slice(-2000)).toBe(0);
    expect(raw.gcs).toBeGreaterThan(0);

    const matang = await churn("matang");
    expect(matang.code, matang.output.slice(-2000)).toBe(0);
    if (wasmCodeGcIsUnsafe()) expect(matang.gcs).toBe(0);
    else expect(matang.gcs).toBeGreaterThan(0);
  }, 120_000);

  it("is unsafe on V8 13 (Node 24) only", () => {
    expect(wasmCodeGcIsUnsafe("13.6.233.17-node.63")).toBe(true);
    expect(wasmCodeGcIsUnsafe("11.3.244.8-node.33")).toBe(false);
    expect(wasmCodeGcIsUnsafe("12.4.254.21-node.33")).toBe(false);
    expect(wasmCodeGcIsUnsafe("14.6.202.9-node.12")).toBe(false);
  });
});
