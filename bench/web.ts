// The web app's weight and speed in Debian's Chromium, on a regency's connection. Chromium's own
// network emulation gives each page a regional 4G link (9 Mbit/s, 170 ms round trip) or 3G
// (1.6 Mbit/s, 300 ms), in a fresh browser context each time (nothing cached), and measures the
// time from navigation until the page can be used:
// - login: the form is there and its button answers;
// - indicator: the operator's indicator page shows its levels and "Simpan draf";
// - dashboard: the leader's dashboard shows its heading and the gauge.
// Beside each profile, the same run's floor: the server's smallest answer (GET /api/health) over
// the same link, what no page can beat. Also the gzip size of the JavaScript the login page and
// the dashboard load. Each figure is the median of three loads.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { DEMO_PASSWORD } from "@matang/server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CHROMIUM, demoServer, launchChromium } from "../packages/web/test/chromium.js";

interface Profile {
  readonly name: "4g" | "3g";
  /** Bytes per second each way (the uplink is a quarter of the downlink on both). */
  readonly down: number;
  readonly up: number;
  readonly latencyMs: number;
}

const PROFILES: readonly Profile[] = [
  { name: "4g", down: (9_000_000 / 8) | 0, up: (2_250_000 / 8) | 0, latencyMs: 170 },
  { name: "3g", down: (1_600_000 / 8) | 0, up: (400_000 / 8) | 0, latencyMs: 300 },
];
const RUNS = 3;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** One cold load of `url` until `ready`: the time, and the gzip size of the scripts it took. */
async function load(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  options: { profile?: Profile; state?: StorageState } = {},
) {
  const context = await browser.newContext(options.state ? { storageState: options.state } : {});
  const page = await context.newPage();
  if (options.profile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: options.profile.latencyMs,
      downloadThroughput: options.profile.down,
      uploadThroughput: options.profile.up,
    });
  }
  const bodies: Promise<number>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script")
      bodies.push(
        res.body().then(
          (b) => gzipSync(b).length,
          () => 0,
        ),
      );
  });
  const start = performance.now();
  await page.goto(url);
  await ready(page);
  const ms = performance.now() - start;
  const sizes = await Promise.all(bodies);
  await context.close();
  return { ms, gzipKb: sizes.reduce((a, b) => a + b, 0) / 1024, scripts: sizes.length };
}

async function median(runs: () => Promise<{ ms: number; gzipKb: number; scripts: number }>) {
  const all: { ms: number; gzipKb: number; scripts: number }[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await runs());
  all.sort((a, b) => a.ms - b.ms);
  return all[Math.floor(all.length / 2)] as (typeof all)[number];
}

/** Log in as `email` once and go to a page: its address and the session to open it cold with. */
async function sessionAt(browser: Browser, base: string, email: string, go: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Kata sandi/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByText("Penilaian Anda").waitFor();
  await go(page);
  const url = page.url();
  const state = await context.storageState();
  await context.close();
  return { url, state };
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
    const loginReady = async (p: Page) => {
      await p.getByLabel(/^Email/).waitFor();
      await p.getByRole("button", { name: "Masuk" }).waitFor();
    };
    const operator = await sessionAt(browser, base, "operator@demo.matang.id", async (page) => {
      await page.getByRole("link", { name: "Penilaian", exact: true }).click();
      await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
      await page.getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ }).click();
      await page.getByRole("button", { name: "Simpan draf" }).waitFor();
    });
    const indicatorReady = async (p: Page) => {
      await p.getByRole("heading", { name: /^1\. Tingkat Kematangan Kebijakan Internal/ }).waitFor();
      await p.getByRole("button", { name: "Simpan draf" }).waitFor();
    };
    const leader = await sessionAt(browser, base, "pimpinan@demo.matang.id", async (page) => {
      await page.getByRole("link", { name: "Dasbor" }).first().click();
      await page.getByRole("heading", { name: /^Dasbor / }).waitFor();
    });
    const dashboardReady = async (p: Page) => {
      await p.getByRole("heading", { name: /^Dasbor / }).waitFor();
      await p.locator(".mantine-GaugeChart-root, .recharts-surface").first().waitFor();
    };

    const login = await median(() => load(browser, `${base}/login`, loginReady));
    const dashboard = await median(() => load(browser, leader.url, dashboardReady, { state: leader.state }));
    log(
      `  login page: ${login.scripts} scripts, ${login.gzipKb.toFixed(1)} kB gzip, usable in ${login.ms.toFixed(0)} ms`,
    );
    log(
      `  dashboard: ${dashboard.scripts} scripts, ${dashboard.gzipKb.toFixed(1)} kB gzip, usable in ${dashboard.ms.toFixed(0)} ms`,
    );
    const out: Record<string, number> = {
      web_initial_js_gzip_kb: Number(login.gzipKb.toFixed(1)),
      web_dashboard_js_gzip_kb: Number(dashboard.gzipKb.toFixed(1)),
      dashboard_render_ms: Number(dashboard.ms.toFixed(0)),
    };
    for (const profile of PROFILES) {
      const floor = await median(() =>
        load(browser, `${base}/api/health`, async () => undefined, { profile }),
      );
      const pages = {
        login: await median(() => load(browser, `${base}/login`, loginReady, { profile })),
        indicator: await median(() =>
          load(browser, operator.url, indicatorReady, { profile, state: operator.state }),
        ),
        dashboard: await median(() =>
          load(browser, leader.url, dashboardReady, { profile, state: leader.state }),
        ),
      };
      out[`web_floor_${profile.name}_ms`] = Math.round(floor.ms);
      for (const [name, figure] of Object.entries(pages))
        out[`web_${name}_${profile.name}_ms`] = Math.round(figure.ms);
      log(
        `  ${profile.name} (${((profile.down * 8) / 1e6).toFixed(1)} Mbit/s, ${profile.latencyMs} ms): ` +
          Object.entries(pages)
            .map(([name, f]) => `${name} ${f.ms.toFixed(0)} ms`)
            .join(", ") +
          `; floor (one small answer) ${floor.ms.toFixed(0)} ms`,
      );
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}
