// Every page of the web app, as each role that uses it, in Chromium on the demo: it reads in
// Bahasa Indonesia throughout (no translation key, no English phrase), shows no "undefined" or
// "NaN", and throws no script error. A route of the app without a visit here fails the test.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "@matang/server";
import PDFDocument from "pdfkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, CHROMIUM, cutText, demoServer, launchChromium, untranslated } from "./chromium.js";

const required = process.env.MATANG_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`browser tests are required but ${CHROMIUM} is missing (apt-get install chromium)`);

const screenshots = join(tmpdir(), "matang-screenshots", "halaman");
const FULL_PAGE = process.env.MATANG_FULL_SCREENSHOTS === "1";
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };

/** Pages of their own beside the app (a document with its own script, not a route of the router). */
const OWN_PAGES = ["/login"];

/** The routes the app declares, as written in its router ("/" for the index route), and its own pages. */
function declaredRoutes(): string[] {
  const source = readFileSync(new URL("../src/app/App.tsx", import.meta.url), "utf8");
  const paths = [...source.matchAll(/path: "([^"]+)"/g)].map((m) => m[1] ?? "");
  return [
    ...OWN_PAGES,
    ...(source.includes("index: true") ? ["/"] : []),
    ...paths.map((p) => (p.startsWith("/") || p === "*" ? p : `/${p}`)),
  ];
}

type Who =
  | "anonymous"
  | "admin"
  | "coordinator"
  | "operator"
  | "assessor"
  | "reviewer"
  | "leader"
  | "province"
  | "cimahi";

const ACCOUNTS: Record<Exclude<Who, "anonymous">, { email: string; password: string }> = {
  admin: ADMIN,
  coordinator: { email: "koordinator@demo.matang.id", password: DEMO_PASSWORD },
  operator: { email: "operator@demo.matang.id", password: DEMO_PASSWORD },
  assessor: { email: "asesor@demo.matang.id", password: DEMO_PASSWORD },
  reviewer: { email: "reviu@demo.matang.id", password: DEMO_PASSWORD },
  leader: { email: "pimpinan@demo.matang.id", password: DEMO_PASSWORD },
  province: { email: "provinsi@demo.matang.id", password: DEMO_PASSWORD },
  cimahi: { email: "koordinator.cimahi@demo.matang.id", password: DEMO_PASSWORD },
};

interface Ids {
  bandung: string;
  bandungOrg: string;
  cimahi: string;
  province: string;
  operatorCode: string;
  cycle: string;
  /** The demo's previous cycle, where Kota Bandung has the assessors' final values. */
  lastCycle: string;
}

interface Visit {
  /** The router's pattern this visit covers. */
  route: string;
  who: Who;
  url: (ids: Ids) => string;
  /** Failed requests the page makes on purpose (e.g. an unknown link's 404). */
  expectedErrors?: RegExp;
  /** The page is expected to say it cannot be shown, with the way back. */
  errorPage?: boolean;
}

const VISITS: Visit[] = [
  { route: "/login", who: "anonymous", url: () => "/login" },
  { route: "/hasil", who: "anonymous", url: () => "/hasil" },
  {
    route: "/undangan/:token",
    who: "anonymous",
    url: () => `/undangan/${"x".repeat(43)}`,
    expectedErrors: /404/,
  },
  ...(
    ["coordinator", "operator", "assessor", "reviewer", "leader", "province", "admin", "cimahi"] as const
  ).map((who): Visit => ({ route: "/", who, url: () => "/" })),
  { route: "/organisasi", who: "coordinator", url: () => "/organisasi" },
  { route: "/organisasi", who: "admin", url: () => "/organisasi" },
  { route: "/penilaian", who: "coordinator", url: () => "/penilaian" },
  { route: "/penilaian", who: "admin", url: () => "/penilaian" },
  ...(["coordinator", "operator", "assessor", "reviewer", "leader", "admin"] as const).map(
    (who): Visit => ({ route: "/penilaian/:id", who, url: (ids) => `/penilaian/${ids.bandung}` }),
  ),
  { route: "/penilaian/:id", who: "cimahi", url: (ids) => `/penilaian/${ids.cimahi}` },
  ...(["coordinator", "assessor", "reviewer", "leader", "province"] as const).map(
    (who): Visit => ({
      route: "/penilaian/:id/indikator/:code",
      who,
      url: (ids) => `/penilaian/${ids.bandung}/indikator/1`,
    }),
  ),
  {
    route: "/penilaian/:id/indikator/:code",
    who: "operator",
    url: (ids) => `/penilaian/${ids.bandung}/indikator/${ids.operatorCode}`,
  },
  {
    route: "/penilaian/:id/indikator/:code",
    who: "cimahi",
    url: (ids) => `/penilaian/${ids.cimahi}/indikator/I1`,
  },
  ...(["coordinator", "leader", "province"] as const).map(
    (who): Visit => ({
      route: "/penilaian/:id/dasbor",
      who,
      url: (ids) => `/penilaian/${ids.bandung}/dasbor`,
    }),
  ),
  { route: "/penilaian/:id/dasbor", who: "cimahi", url: (ids) => `/penilaian/${ids.cimahi}/dasbor` },
  {
    route: "/penilaian/:id/klarifikasi",
    who: "cimahi",
    url: (ids) => `/penilaian/${ids.cimahi}/klarifikasi`,
  },
  {
    route: "/penilaian/:id/klarifikasi",
    who: "coordinator",
    url: (ids) => `/penilaian/${ids.bandung}/klarifikasi`,
  },
  {
    route: "/penilaian/:id/perbaikan",
    who: "coordinator",
    url: (ids) => `/penilaian/${ids.bandung}/perbaikan`,
  },
  { route: "/penilaian/:id/perbaikan", who: "operator", url: (ids) => `/penilaian/${ids.bandung}/perbaikan` },
  { route: "/akun", who: "operator", url: () => "/akun" },
  { route: "/kata-sandi", who: "operator", url: () => "/kata-sandi" },
  { route: "/kotak-masuk", who: "coordinator", url: () => "/kotak-masuk" },
  { route: "/bukti", who: "coordinator", url: () => "/bukti?q=peraturan" },
  { route: "/bukti", who: "operator", url: () => "/bukti" },
  { route: "/kotak-masuk", who: "assessor", url: () => "/kotak-masuk" },
  { route: "/admin/pengguna", who: "admin", url: () => "/admin/pengguna" },
  { route: "/admin/pengguna", who: "coordinator", url: () => "/admin/pengguna" },
  { route: "/admin/periode", who: "admin", url: () => "/admin/periode" },
  { route: "/admin/kerangka", who: "admin", url: () => "/admin/kerangka" },
  { route: "/admin/hasil", who: "admin", url: () => "/admin/hasil" },
  {
    route: "/organisasi/:id/riwayat",
    who: "coordinator",
    url: (ids) => `/organisasi/${ids.bandungOrg}/riwayat`,
  },
  { route: "/organisasi/:id/riwayat", who: "leader", url: (ids) => `/organisasi/${ids.bandungOrg}/riwayat` },
  { route: "/provinsi/:id", who: "province", url: (ids) => `/provinsi/${ids.province}` },
  { route: "/periode/:id/kalibrasi", who: "admin", url: (ids) => `/periode/${ids.lastCycle}/kalibrasi` },
  {
    route: "/periode/:id/kalibrasi",
    who: "province",
    url: (ids) => `/periode/${ids.cycle}/kalibrasi?province=${ids.province}`,
  },
  // Pages a user may reach by a stale or wrong link: each says so and offers a way back.
  { route: "*", who: "operator", url: () => "/tidak-ada-halaman-ini" },
  {
    route: "/penilaian/:id",
    who: "operator",
    url: () => "/penilaian/00000000-0000-4000-8000-000000000000",
    // Someone else's (or no) assessment: the operator is told it is not theirs to see.
    expectedErrors: /403/,
    errorPage: true,
  },
  {
    route: "/admin/pengguna",
    who: "operator",
    url: () => "/admin/pengguna",
    expectedErrors: /403/,
    errorPage: true,
  },
  {
    route: "/penilaian/:id/indikator/:code",
    who: "cimahi",
    url: (ids) => `/penilaian/${ids.cimahi}/indikator/99`,
    errorPage: true,
    expectedErrors: /404/,
  },
  // Cycles are no secret: anyone reads the list, and only an administrator is offered changes.
  { route: "/admin/periode", who: "operator", url: () => "/admin/periode" },
];

describe.skipIf(!available)("every page in Bahasa Indonesia, in Chromium", () => {
  let close: () => Promise<void>;
  let browser: Browser;
  let base: string;
  let ids: Ids;
  const contexts = new Map<Who, BrowserContext>();

  beforeAll(async () => {
    const server = await demoServer(ADMIN);
    ({ base, close } = server);
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
    const as = apiClient(base);
    const coordinator = await as(ACCOUNTS.coordinator.email, DEMO_PASSWORD);
    const cimahi = await as(ACCOUNTS.cimahi.email, DEMO_PASSWORD);
    const province = await as(ACCOUNTS.province.email, DEMO_PASSWORD);
    const operator = await as(ACCOUNTS.operator.email, DEMO_PASSWORD);
    const bandung = (await coordinator("GET", "/api/assessments")).items[0];
    const indicators = await operator("GET", `/api/assessments/${bandung.id}/indicators`);
    const me = await province("GET", "/api/auth/me");
    ids = {
      bandung: bandung.id,
      bandungOrg: bandung.organizationId,
      cimahi: (await cimahi("GET", "/api/assessments")).items[0].id,
      province: me.grants[0].organizationId,
      operatorCode: (indicators.items ?? indicators)[0].code,
      cycle: bandung.cycle?.id ?? bandung.cycleId,
      lastCycle: "",
    };
    // The cycle before the current one: the newest with an earlier year.
    const cycles = (await coordinator("GET", "/api/cycles")).items as { id: string; year: number }[];
    const current = cycles.find((c) => c.id === ids.cycle)?.year ?? 0;
    ids.lastCycle = cycles.filter((c) => c.year < current).sort((x, y) => y.year - x.year)[0]?.id ?? "";
    expect(ids.lastCycle).not.toBe("");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it("visits every route the app declares", () => {
    const visited = new Set(VISITS.map((v) => v.route));
    expect(declaredRoutes().filter((route) => !visited.has(route))).toEqual([]);
    expect([...visited].filter((route) => !declaredRoutes().includes(route))).toEqual([]);
  });

  /** A browser context per person, logged in once through the login page. */
  async function contextOf(who: Who): Promise<BrowserContext> {
    const known = contexts.get(who);
    if (known) return known;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "id-ID" });
    if (who !== "anonymous") {
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel(/^Email/).fill(ACCOUNTS[who].email);
      await page.getByLabel(/^Kata sandi/).fill(ACCOUNTS[who].password);
      await page.getByRole("button", { name: "Masuk" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.close();
    }
    contexts.set(who, context);
    return context;
  }

  it("shows every page to each of its users in Bahasa Indonesia, with nothing undefined and no script error", async () => {
    const problems: string[] = [];
    // One tab per person, moving inside the app as a click on a link does (no reload per page).
    const tabs = new Map<Who, { page: Page; errors: string[] }>();
    const tabOf = async (who: Who) => {
      const known = tabs.get(who);
      if (known) return known;
      const page = await (await contextOf(who)).newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}/hasil`);
      const tab = { page, errors };
      tabs.set(who, tab);
      return tab;
    };
    for (const [n, visit] of VISITS.entries()) {
      const url = visit.url(ids);
      const own = OWN_PAGES.includes(visit.route);
      // A page of its own is opened as a document; the app's routes inside the person's tab.
      const { page, errors } = own
        ? await (async () => {
            const alone = await (await contextOf(visit.who)).newPage();
            const seen: string[] = [];
            alone.on("pageerror", (e) => seen.push(e.message));
            await alone.goto(`${base}${url}`);
            return { page: alone, errors: seen };
          })()
        : await tabOf(visit.who);
      errors.length = 0;
      if (!own)
        await page.evaluate((to) => {
          window.history.pushState({}, "", to);
          window.dispatchEvent(new PopStateEvent("popstate"));
        }, url);
      await page.waitForURL((u) => u.pathname === url.split("?")[0] || visit.route === "/kata-sandi");
      // Lazy pages and queries settle; a loader still turning is a page not yet shown.
      const settled = () =>
        page.waitForFunction(
          () => !document.querySelector(".mantine-Loader-root, .mantine-Skeleton-root"),
          null,
          {
            timeout: 15_000,
          },
        );
      await settled();
      await page.waitForTimeout(250);
      await settled();
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point.
      const text = await page.evaluate(() => document.body.innerText);
      const where = `${visit.who} ${url}`;
      for (const found of await untranslated(page)) problems.push(`${where}: not Indonesian: "${found}"`);
      const broken = text.match(/\bundefined\b|\bNaN\b|\[object Object\]|\bInfinity\b/);
      if (broken) problems.push(`${where}: shows "${broken[0]}"`);
      if (text.trim().length < 20) problems.push(`${where}: nearly empty`);
      // A page that says it cannot be shown is right only where the visit asks for that.
      const refused = (await page.getByTestId("page-error").count()) > 0;
      if (refused !== (visit.errorPage === true || visit.route === "*"))
        problems.push(`${where}: ${refused ? "shows an error page" : "shows no error page"}`);
      if (refused && (await page.getByRole("link", { name: "Ke beranda" }).count()) === 0)
        problems.push(`${where}: an error page without the way home`);
      // Cut text ("BELU…", "MENUNGGU R…"): hidden with no title to read it whole.
      const cut = await cutText(page);
      for (const text of cut) problems.push(`${where}: cut off: "${text}"`);
      for (const error of errors)
        if (!visit.expectedErrors?.test(error)) problems.push(`${where}: script error: ${error}`);
      const name = `${String(n).padStart(2, "0")}-${visit.who}${visit.route.replace(/[^a-z0-9]+/gi, "-")}`;
      // The whole page on request (MATANG_FULL_SCREENSHOTS=1): drawing 56 long pages costs CI a minute.
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: FULL_PAGE });
      if (own) await page.close();
    }
    expect(problems).toEqual([]);

    // The checks themselves can fail: a badge cut short is caught, and so is the page in English.
    const { page: probe } = await tabOf("coordinator");
    await probe.evaluate(() => {
      const badge = document.createElement("span");
      badge.textContent = "MENUNGGU REVIU";
      badge.setAttribute(
        "style",
        "display:inline-block;width:40px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap",
      );
      document.body.append(badge);
    });
    expect(await cutText(probe)).toEqual(["MENUNGGU REVIU"]);
    const { page } = await tabOf("coordinator");
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: "Home" }).first().waitFor();
    expect((await untranslated(page)).length).toBeGreaterThan(0);
    await page.getByText("ID", { exact: true }).click();
  }, 600_000);

  /** Kota Bandung's operator uploads a PDF for one level of an indicator, through the API. */
  async function operatorUploads(fields: Record<string, string>, name: string, pdf: Buffer) {
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ACCOUNTS.operator),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("file", new Blob([pdf], { type: "application/pdf" }), name);
    const uploaded = await fetch(`${base}/api/assessments/${ids.bandung}/evidence`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf },
      body: form,
    });
    expect(uploaded.status).toBe(201);
  }

  it("finds an uploaded regulation by what it says, in Bahasa Indonesia's word forms, and opens its indicator", async () => {
    // Kota Bandung's operator uploads the Perwal (a real PDF with text) for indicator 1.
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ size: "A4" });
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.fontSize(12).text("PERATURAN WALI KOTA BANDUNG NOMOR 12 TAHUN 2019 TENTANG ARSITEKTUR SPBE");
      doc.end();
    });
    await operatorUploads(
      { indicator: "1", level: "1", title: "Perwal Arsitektur SPBE" },
      "perwal-12-2019.pdf",
      pdf,
    );

    const { page } = await (async () => {
      const p = await (await contextOf("coordinator")).newPage();
      return { page: p };
    })();
    await page.goto(`${base}/bukti`);
    // "pengaturan" and "peraturan" share their stem: the Perwal is found, its word marked.
    await page.getByLabel("Cari di semua bukti dukung").fill("pengaturan");
    const hit = page.getByTestId("search-results").getByRole("link", { name: "Perwal Arsitektur SPBE" });
    // The text is read in the background a moment after the upload.
    await expect
      .poll(
        async () => {
          if ((await hit.count()) === 0) {
            // Typed again as a person does: the box waits 300 ms for the typing to stop.
            await page.getByLabel("Cari di semua bukti dukung").fill("");
            await page.waitForTimeout(500);
            await page.getByLabel("Cari di semua bukti dukung").fill("pengaturan");
            await page.waitForTimeout(1000);
          }
          return hit.count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    expect(await page.getByTestId("search-snippet").first().locator("mark").first().textContent()).toBe(
      "PERATURAN",
    );
    await page.screenshot({ path: join(screenshots, "cari-bukti.png"), fullPage: true });
    expect(await untranslated(page)).toEqual([]);
    await hit.click();
    await page
      .getByRole("heading", { name: /^1\. Tingkat Kematangan Kebijakan Internal Arsitektur/ })
      .waitFor();
    await page.close();
  }, 120_000);

  it("tells the uploader and the assessor what reading a document found, and lists evidence by filters", async () => {
    // Kota Bandung's operator uploads, for indicator 5, a decree of the Bupati of Garut.
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ size: "A4" });
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.fontSize(12).text("BUPATI GARUT");
      doc.text("KEPUTUSAN BUPATI GARUT NOMOR 100/Kep.45-Diskominfo/2022 TENTANG TIM KOORDINASI SPBE");
      doc.text("Ditetapkan di Garut pada tanggal 3 Februari 2022");
      doc.end();
    });
    await operatorUploads({ indicator: "5", level: "2", title: "SK Tim Koordinasi SPBE" }, "sk-tim.pdf", pdf);
    for (const who of ["operator", "assessor"] as const) {
      const page = await (await contextOf(who)).newPage();
      await page.goto(`${base}/penilaian/${ids.bandung}/indikator/5`);
      // The page looks again while the text is being read: the finding arrives without a reload.
      const finding = page.getByTestId("finding-other_object");
      await finding.waitFor({ timeout: 60_000 });
      expect(await finding.textContent()).toContain(
        "Dokumen ini tampaknya milik Kabupaten GARUT, bukan Pemerintah Kota Bandung.«BUPATI GARUT»",
      );
      expect(await page.getByTestId("finding-metadata").first().textContent()).toBe(
        "Nomor dokumen: 100/Kep.45-Diskominfo/2022, tahun 2022 · Tanggal dokumen: 3 Februari 2022",
      );
      await finding.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, `temuan-${who}.png`) });
      expect(await untranslated(page)).toEqual([]);
      await page.close();
    }
    // The evidence page lists by filters without words: indicator 5, waiting for review.
    const page = await (await contextOf("coordinator")).newPage();
    await page.goto(`${base}/bukti?indicator=5&status=pending`);
    const results = page.getByTestId("search-results");
    await results.getByRole("link", { name: "SK Tim Koordinasi SPBE" }).waitFor();
    expect(await results.getByText("Menunggu reviu").count()).toBeGreaterThan(0);
    await page
      .getByRole("textbox", { name: "Status reviu" })
      .or(page.getByRole("combobox", { name: "Status reviu" }))
      .first()
      .click();
    await page.getByRole("option", { name: "Diterima" }).click();
    await results.getByText("0 bukti ditemukan").waitFor();
    expect(page.url()).toContain("status=accepted");
    await page.screenshot({ path: join(screenshots, "bukti-filter.png") });
    await page.close();
  }, 120_000);
});
