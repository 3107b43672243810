import { spawnSync } from "node:child_process";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFor, type TestDatabase, testDatabase } from "./harness.js";

describe("security headers", () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await testDatabase("pglite");
    app = await appFor(database);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("sends a strict content security policy and the usual protections on every answer", async () => {
    for (const url of ["/api/health", "/api/public/results/years", "/api/nowhere"]) {
      const res = await app.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(res.headers["x-powered-by"]).toBeUndefined();
      expect(res.headers["x-request-id"]).toBeTruthy();
    }
  });
});

describe("dependencies", () => {
  it("have no known high or critical vulnerability in what is shipped (npm audit --omit=dev)", (ctx) => {
    const result = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    const out = result.stdout || "{}";
    let report: { error?: { summary?: string }; metadata?: { vulnerabilities?: Record<string, number> } };
    try {
      report = JSON.parse(out);
    } catch {
      report = {};
    }
    // Some registries (mirrors) do not offer the advisory service: then there is nothing to judge.
    if (!report.metadata) {
      ctx.skip(
        `the registry's audit service is not available: ${report.error?.summary ?? result.stderr.slice(0, 200)}`,
      );
      return;
    }
    const v = report.metadata.vulnerabilities ?? {};
    expect({ high: v.high ?? 0, critical: v.critical ?? 0 }).toEqual({ high: 0, critical: 0 });
  }, 90_000);
});
