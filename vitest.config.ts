import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources in tests (the "source" export condition).
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    // Setting up a database with the 621 instansi can take a while on a busy machine.
    hookTimeout: 60_000,
    // In CI a JSON report lets .ci/run print a plain "N passed, N failed" line for each Node.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: process.env.MATANG_TEST_REPORT ?? ".vitest-results.json" }]]
      : ["default"],
  },
});
