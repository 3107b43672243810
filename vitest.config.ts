import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources in tests (the "source" export condition).
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // A folder for the run's database archives (see packages/server/test/archives.ts).
    globalSetup: ["./vitest.setup.ts"],
    // Vitest's default is one worker fewer than the cores: one on CI's 2-core machine, which left
    // a core idle while most files wait on servers, browsers and databases. Two files at a time
    // took the suite from 16.5 to 11.5 minutes there (2026-12-06).
    maxWorkers: Number(process.env.MATANG_TEST_WORKERS) || Math.max(2, availableParallelism() - 1),
    // A limit for a test that hangs, not a speed check: with two files at once on two cores, a
    // test that logs in several times or starts servers takes well over its quiet time.
    testTimeout: 60_000,
    // Setting up a database with the 621 instansi can take a while on a busy machine.
    hookTimeout: 60_000,
    // expect.poll's own default (one second) is shorter than a busy CI machine takes to answer a
    // page's second query; pages still fail when what they show never comes.
    expect: { poll: { timeout: 10_000 } },
    // In CI a JSON report lets .ci/run print a plain "N passed, N failed" line for each Node.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: process.env.MATANG_TEST_REPORT ?? ".vitest-results.json" }]]
      : ["default"],
  },
});
