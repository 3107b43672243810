// The web app in a real browser (Debian's Chromium driven by playwright-core), served by the
// real server on a fresh embedded database with the demo content.
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinFrameworks } from "@matang/core/node";
import { bootstrap, buildApp, DEMO_PASSWORD, openDatabase } from "@matang/server";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.MATANG_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`browser tests are required but ${CHROMIUM} is missing (apt-get install chromium)`);

export const screenshots = join(tmpdir(), "matang-screenshots");

describe.skipIf(!available)("web app in Chromium", () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    const frameworks = builtinFrameworks();
    await bootstrap(database.db, {
      frameworks,
      demo: true,
      adminEmail: "admin@uji.id",
      adminPassword: "sandi-admin-uji",
    });
    app = await buildApp({ db: database.db, frameworks });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    close = () => database.close();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await close?.();
  });

  async function newPage(width = 1366, height = 768): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    return { page, errors };
  }

  async function logIn(page: Page, email: string, password: string) {
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Kata sandi/).fill(password);
    await page.getByRole("button", { name: "Masuk" }).click();
  }

  it("sends a visitor to the login page in Bahasa Indonesia and explains a wrong password", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/organisasi`);
    await expect.poll(() => page.url()).toContain("/login?next=%2Forganisasi");
    await page.getByRole("heading", { name: "Masuk ke Matang" }).waitFor();
    await logIn(page, "koordinator@demo.matang.id", "bukan-sandinya");
    await page.getByRole("alert").filter({ hasText: "Email atau kata sandi salah." }).waitFor();
    // The failed login's own 401 is expected; nothing else may go wrong.
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
    await page.close();
  });

  it("logs a coordinator in, back to where they were going, and finds organizations", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/organisasi`);
    await logIn(page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("heading", { name: "Organisasi" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/organisasi");
    // A city coordinator sees the city and its units only.
    await page.getByText("7 organisasi").waitFor();
    await page.getByLabel("Cari nama").fill("informatika");
    await page.getByRole("cell", { name: "Dinas Komunikasi dan Informatika" }).waitFor();
    await page.getByText("1 organisasi").waitFor();
    await page.screenshot({ path: join(screenshots, "organisasi.png"), fullPage: true });

    await page.getByRole("link", { name: "Beranda", exact: true }).click();
    await page.getByRole("heading", { name: "Selamat datang, Rina Koordinator" }).waitFor();
    await page.getByText("Koordinator SPBE").waitFor();
    await page.getByText("Pemerintah Kota Bandung").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches to English and remembers it", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/login`);
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { name: "Log in to Matang" }).waitFor();
    await page.getByLabel(/^E-mail/).fill("admin@uji.id");
    await page.getByLabel(/^Password/).fill("sandi-admin-uji");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Welcome, Administrator" }).waitFor();
    await page.getByText("National").waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Welcome, Administrator" }).waitFor();
    await page.getByRole("link", { name: "Organizations", exact: true }).click();
    await page.getByText("627 organizations").waitFor();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { name: "Log in to Matang" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the API documentation under the content security policy", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/api/docs/`);
    await page.getByText("Matang API").first().waitFor();
    await page.getByText("/api/organizations").first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("is readable on a phone", async () => {
    const { page, errors } = await newPage(390, 844);
    await page.goto(`${base}/login`);
    await logIn(page, "pimpinan@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("heading", { name: "Selamat datang, Pak Wali Kota" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshots, "ponsel.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
