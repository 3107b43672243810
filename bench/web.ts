// The web app's weight and speed in Debian's Chromium: the gzip size of the JavaScript the login
// and dashboard pages load (each in a fresh browser context, nothing cached), and the time from
// navigation to the dashboard's first meaningful render (its heading and gauge), the median of runs.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { DEMO_PASSWORD } from "@matang/server";
import type { BrowserContext } from "playwright-core";
import { CHROMIUM, demoServer, launchChromium } from "../packages/web/test/chromium.js";

async function scriptsOf(
  context: BrowserContext,
  url: string,
  ready: (page: import("playwright-core").Page) => Promise<unknown>,
) {
  const page = await context.newPage();
  const bodies: Promise<number>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") bodies.push(res.body().then((b) => gzipSync(b).length));
  });
  const start = performance.now();
  await page.goto(url);
  await ready(page);
  const ms = performance.now() - start;
  const sizes = await Promise.all(bodies);
  await page.close();
  return { gzipKb: sizes.reduce((a, b) => a + b, 0) / 1024, scripts: sizes.length, ms };
}

export async function web(log: (line: string) => void): Promise<Record<string, number>> {
  if (!existsSync(CHROMIUM)) {
    log(`  ${CHROMIUM} is missing (apt-get install chromium): web figures skipped`);
    return {};
  }
  const server = await demoServer({ email: "admin@bench.id", password: "sandi-admin-bench" });
  const base = server.base;
  const browser = await launchChromium();
  try {
    const loginContext = await browser.newContext();
    const login = await scriptsOf(loginContext, `${base}/login`, (p) =>
      p.getByRole("button", { name: "Masuk" }).waitFor(),
    );
    log(`  login page: ${login.scripts} scripts, ${login.gzipKb.toFixed(1)} kB gzip`);
    // Log in once for the session cookie, then open the dashboard cold in fresh contexts.
    const page = await loginContext.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel(/^Email/).fill("pimpinan@demo.matang.id");
    await page.getByLabel(/^Kata sandi/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.getByText("Penilaian Anda").waitFor();
    await page.getByRole("link", { name: "Dasbor" }).first().click();
    await page.getByRole("heading", { name: /^Dasbor / }).waitFor();
    const dashboardUrl = page.url();
    const state = await loginContext.storageState();
    await loginContext.close();
    const runs: { gzipKb: number; scripts: number; ms: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ storageState: state });
      runs.push(
        await scriptsOf(context, dashboardUrl, async (p) => {
          await p.getByRole("heading", { name: /^Dasbor / }).waitFor();
          await p.locator(".recharts-surface").first().waitFor();
        }),
      );
      await context.close();
    }
    runs.sort((a, b) => a.ms - b.ms);
    const median = runs[Math.floor(runs.length / 2)] as (typeof runs)[number];
    log(
      `  dashboard: ${median.scripts} scripts, ${median.gzipKb.toFixed(1)} kB gzip, first render ${median.ms.toFixed(0)} ms`,
    );
    return {
      web_initial_js_gzip_kb: Number(login.gzipKb.toFixed(1)),
      web_dashboard_js_gzip_kb: Number(median.gzipKb.toFixed(1)),
      dashboard_render_ms: Number(median.ms.toFixed(0)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
