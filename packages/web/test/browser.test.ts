// The web app in a real browser (Debian's Chromium driven by playwright-core), served by the
// real server on a fresh embedded database with the demo content.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseResultsFile } from "@matang/core";
import { DEMO_PASSWORD } from "@matang/server";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoServer, launchChromium, untranslated } from "./chromium.js";

const required = process.env.MATANG_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`browser tests are required but ${CHROMIUM} is missing (apt-get install chromium)`);

export const screenshots = join(tmpdir(), "matang-screenshots");
const RESULTS = parseResultsFile(
  readFileSync(new URL("../../../reference/results-2023.csv", import.meta.url), "utf8"),
  "results-2023.csv",
);

describe.skipIf(!available)("web app in Chromium", () => {
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const server = await demoServer({ email: "admin@uji.id", password: "sandi-admin-uji" });
    ({ app, base, close } = server);
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
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
    // Browse as a tree: from the city to its units, and back.
    page.setDefaultTimeout(8000);
    await page.getByLabel("Cari nama").fill("");
    await page.getByRole("button", { name: "Pemerintah Kota Bandung (6 di bawahnya)" }).click();
    await page.getByText("6 organisasi").waitFor();
    await page.getByRole("button", { name: "Semua organisasi" }).click();
    await page.getByText("7 organisasi").waitFor();

    await page.getByRole("link", { name: "Beranda", exact: true }).click();
    await page.getByRole("heading", { name: "Selamat datang, Rina Koordinator" }).waitFor();
    await page.getByText("Koordinator SPBE").waitFor();
    await page.getByText("Pemerintah Kota Bandung").first().waitFor();
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
    await page.getByText("631 organizations").waitFor();
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

  it("lets an operator answer an indicator and upload evidence with progress", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await logIn(page, "operator@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Penilaian", exact: true }).click();
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page.getByRole("heading", { name: "Indikator saya" }).waitFor();
    // Diskominfo answers indicators 1–10 and most services, never Bappeda's 11–14.
    await expect.poll(() => page.getByRole("link", { name: /Peta Rencana SPBE Instansi/ }).count()).toBe(1);
    await page.getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ }).click();
    await page
      .getByRole("heading", { name: /^1\. Tingkat Kematangan Kebijakan Internal Arsitektur/ })
      .waitFor();
    await page.getByRole("button", { name: "Pilih tingkat 3" }).click();
    await expect
      .poll(() => page.getByRole("button", { name: "Pilih tingkat 3" }).getAttribute("aria-pressed"))
      .toBe("true");
    await page
      .getByLabel("Penjelasan")
      .first()
      .fill("Fakta: Perwal 12/2024.\nAnalisis: mengatur semua domain.\nJustifikasi: pasal 3–5.");
    await page.getByRole("button", { name: "Tandai siap" }).click();
    await page.getByText("Tersimpan.").waitFor();
    const pdf = Buffer.concat([
      Buffer.from("%PDF-1.4\n"),
      Buffer.alloc(200_000, 32),
      Buffer.from("\n%%EOF\n"),
    ]);
    await page.getByLabel("Judul dokumen").fill("Perwal 12/2024 tentang Arsitektur SPBE");
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "perwal-12-2024.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByText("Berkas perwal-12-2024.pdf terunggah.").waitFor();
    await page.getByText("Perwal 12/2024 tentang Arsitektur SPBE").waitFor();
    await page.getByText("Menunggu reviu").waitFor();
    // Why the level evidence supports is not yet 3: each level up to the claim needs its own.
    await expect
      .poll(() => page.getByTestId("evidence-gap").textContent())
      .toMatch(
        /^Bukti tingkat [123] belum (ada|direviu)\. .*Klaim tingkat 3 hanya dihitung bila setiap tingkat di bawahnya/,
      );
    // Each document says what it is; "Lihat" shows a PDF in the page.
    const entry = page.getByTestId("evidence-file").filter({ hasText: "perwal-12-2024.pdf" });
    await expect
      .poll(() => entry.textContent())
      .toMatch(
        /^perwal-12-2024\.pdf · PDF · \d+ KB · diunggah Budi Operator, .* · versi 1 · (teks sedang dibaca untuk pencarian|tidak ada teks yang dapat dibaca.*|teks berkas tidak dapat dibaca)$/,
      );
    await page.getByRole("button", { name: "Lihat", exact: true }).first().click();
    await page.getByRole("dialog").locator("iframe").waitFor();
    // Closed by its button: once the PDF viewer has the focus, Escape goes to it, not the dialog.
    await page.getByRole("button", { name: "Tutup pratinjau" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    // A corrected file replaces it as version 2 (its review starts again).
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Ganti file" }).first().click();
    await (await chooser).setFiles({
      name: "perwal-12-2024-ttd.pdf",
      mimeType: "application/pdf",
      buffer: pdf,
    });
    await page.getByText("Versi baru perwal-12-2024-ttd.pdf diunggah; reviunya dimulai lagi.").waitFor();
    await page
      .getByTestId("evidence-file")
      .filter({ hasText: /^perwal-12-2024-ttd\.pdf .* versi 2( · .*)?$/ })
      .waitFor();
    // A document uploaded by mistake is withdrawn before anyone reviews it.
    await page.getByLabel("Judul dokumen").fill("Draf yang salah unggah");
    await page
      .locator('input[type="file"]')
      .last()
      .setInputFiles({ name: "draf.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByText("Berkas draf.pdf terunggah.").waitFor();
    const row = page
      .locator(".mantine-Stack-root")
      .filter({ has: page.getByTestId("evidence-file").filter({ hasText: "draf.pdf" }) })
      .last();
    await row.getByRole("button", { name: "Tarik bukti" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Tarik bukti" }).click();
    await page.getByText("Bukti “Draf yang salah unggah” ditarik.").waitFor();
    await expect
      .poll(() => page.getByTestId("evidence-file").filter({ hasText: "draf.pdf" }).count())
      .toBe(0);
    await page.screenshot({ path: join(screenshots, "indikator-operator.png"), fullPage: true });
    expect(await untranslated(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("goes on with an upload after a regional connection drops, and the file arrives whole", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/login`);
    await logIn(page, "operator@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Penilaian", exact: true }).click();
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page.getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ }).click();
    await page.getByLabel("Judul dokumen").waitFor();
    // A 3G upload (1.6 Mbit/s, 300 ms) of a 4 MB scan, cut off a third of the way in (past 1 MB:
    // what the server has by then is what the bar shows, and resuming must go on from there).
    const scan = Buffer.concat([
      Buffer.from("%PDF-1.4\n"),
      randomBytes(4 * 1024 * 1024),
      Buffer.from("\n%%EOF\n"),
    ]);
    const cdp = await page.context().newCDPSession(page);
    const network = (offline: boolean, throughput: number) =>
      cdp.send("Network.emulateNetworkConditions", {
        offline,
        latency: throughput > 0 ? 300 : 0,
        downloadThroughput: throughput,
        uploadThroughput: throughput,
      });
    await cdp.send("Network.enable");
    await network(false, 200_000);
    await page.getByLabel("Judul dokumen").fill("Pindaian SK Tim SPBE");
    // The drop zone's input (a document already listed has its own, to replace it).
    await page
      .locator('.mantine-Dropzone-root input[type="file"]')
      .setInputFiles({ name: "pindaian-sk.pdf", mimeType: "application/pdf", buffer: scan });
    const bar = page.getByRole("progressbar").first();
    await expect
      .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000 })
      .toBeGreaterThan(33);
    // The network goes: no new request gets through, and the one under way is cut.
    await network(true, -1);
    app.server.closeAllConnections();
    const resuming = page.getByText("Koneksi terputus — melanjutkan unggahan pindaian-sk.pdf");
    await resuming.waitFor();
    await resuming.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, "unggahan-dilanjutkan.png") });
    // Back online: it goes on from where the server stopped receiving, not from zero.
    const resumed = page.waitForRequest(
      (r) => r.method() === "PATCH" && r.headers()["upload-offset"] !== "0",
    );
    await network(false, -1);
    expect(Number((await resumed).headers()["upload-offset"])).toBeGreaterThan(1024 * 1024);
    await page.getByText("Berkas pindaian-sk.pdf terunggah.").waitFor();
    // The stored file is the file sent, byte for byte.
    const assessmentId = /\/penilaian\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    const rows = await (await page.request.get(`${base}/api/assessments/${assessmentId}/indicators`)).json();
    const evidence = rows.items
      .flatMap((i: { evidence: { evidenceId: string; title: string }[] }) => i.evidence)
      .find((e: { title: string }) => e.title === "Pindaian SK Tim SPBE");
    const stored = await page.request.get(
      `${base}/api/evidence/${evidence.evidenceId}/content?download=true`,
    );
    expect(
      createHash("sha256")
        .update(await stored.body())
        .digest("hex"),
    ).toBe(createHash("sha256").update(scan).digest("hex"));
    // Only the dropped connection's own failures were logged.
    expect(errors.filter((e) => !/net::ERR_|Failed to load resource/.test(e))).toEqual([]);
    await page.close();
  });

  it("shows the coordinator the board and the unit's proposal, and explains a conflicting save", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/login`);
    await logIn(page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Penilaian", exact: true }).click();
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page.getByText("Kemajuan unit kerja").waitFor();
    // The headline figure, labelled as core labels it (the demo's self-assessment is half done).
    await expect
      .poll(() => page.getByTestId("headline-label").textContent())
      .toMatch(/^(Indeks sementara — penilaian mandiri|Rentang indeks — belum lengkap)$/);
    await page.screenshot({ path: join(screenshots, "papan-koordinator.png"), fullPage: true });
    await page.getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ }).click();
    await page.getByText("Usulan unit").waitFor();
    await page.getByText(/Siap · Tingkat 3/).waitFor();
    await page.getByRole("button", { name: "Pilih tingkat 3" }).click();
    const editor = page.getByLabel("Penjelasan");
    await editor.fill("Fakta: Perwal 12/2024. Analisis dan justifikasi lengkap.");
    // Meanwhile someone else saves the instansi's answer first.
    const other = await browser.newPage();
    await other.goto(`${base}/login`);
    await logIn(other, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await other.waitForURL(`${base}/`);
    const assessments = await other.evaluate(async () => (await fetch("/api/assessments")).json());
    const bandung = assessments.items.find(
      (x: { organizationName: string }) => x.organizationName === "Pemerintah Kota Bandung",
    );
    const csrf = await other.evaluate(
      async () => (await (await fetch("/api/auth/session")).json()).session.csrfToken,
    );
    await other.evaluate(
      async ([id, token]) =>
        fetch(`/api/assessments/${id}/indicators/1/answer`, {
          method: "PUT",
          headers: { "content-type": "application/json", "x-csrf-token": token },
          body: JSON.stringify({ level: 2, explanation: "Versi rekan kerja.", version: 0 }),
        }),
      [bandung.id, csrf],
    );
    await other.close();
    await page.getByRole("button", { name: "Simpan jawaban instansi" }).click();
    await page.getByText("Data ini sudah diubah orang lain").waitFor();
    await page.getByText("Versi rekan kerja.").waitFor();
    await page.screenshot({ path: join(screenshots, "konflik.png"), fullPage: true });
    await page.getByRole("button", { name: "Simpan isian saya di atas versi terbaru" }).click();
    await page.getByText("Tersimpan.").waitFor();
    await page.getByRole("tab", { name: "Riwayat" }).click();
    await page
      .getByText(/menyimpan jawaban instansi/)
      .first()
      .waitFor();
    // An indicator not yet answered takes last year's answer and evidence on its own.
    const assessmentUrl = page.url().replace(/\/indikator\/.*$/, "");
    const empty = await page.evaluate(async (url) => {
      const rows = (
        await (
          await fetch(
            `/api${url.slice(url.indexOf("/penilaian")).replace("/penilaian", "/assessments")}/indicators`,
          )
        ).json()
      ).items;
      return rows.find(
        (r: { stages: { self?: { level: number | null } } }) => (r.stages.self?.level ?? null) === null,
      )?.code as string;
    }, assessmentUrl);
    await page.goto(`${assessmentUrl}/indikator/${empty}`);
    const last = page.getByTestId("last-year");
    const level = (await last.locator("b").first().textContent())?.trim() ?? "";
    await last.getByRole("button", { name: "Salin ke tahun ini" }).click();
    await page.getByText("Jawaban dan bukti tahun lalu disalin; buktinya perlu direviu lagi.").waitFor();
    await expect
      .poll(() => page.getByRole("button", { name: `Pilih tingkat ${level}` }).getAttribute("aria-pressed"))
      .toBe("true");
    // Once answered, there is nothing to copy over it.
    expect(await last.getByRole("button", { name: "Salin ke tahun ini" }).count()).toBe(0);
    expect(errors.filter((e) => !e.includes("409"))).toEqual([]);
    await page.close();
  });

  it("lets the coordinator assign several indicators to a unit at once", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await logIn(page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Penilaian", exact: true }).click();
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page.getByLabel("Pilih indikator 15").check();
    await page.getByLabel("Pilih indikator 16").check();
    await page.getByText("Tugaskan indikator terpilih").waitFor();
    await page.getByLabel("Unit penanggung jawab").first().click();
    await page.getByRole("option", { name: "Badan Pengelolaan Keuangan dan Aset Daerah" }).click();
    await page.keyboard.press("Escape");
    // A date already passed is refused before anything is sent.
    await page.getByLabel("Batas waktu").fill("2020-01-31");
    await page.getByText("Batas waktu tidak boleh sebelum hari ini.").waitFor();
    expect(await page.getByRole("button", { name: "Tugaskan 2 indikator" }).isDisabled()).toBe(true);
    await page.getByLabel("Batas waktu").fill("2030-06-30");
    // The editor says whether it adds units or replaces them: here it replaces.
    await page.getByTestId("bulk-bar").getByText("Ganti semua unit").click();
    await page.getByRole("button", { name: "Tugaskan 2 indikator" }).click();
    await page.getByText("Penugasan 2 indikator tersimpan.").waitFor();
    const row = page.getByRole("row", { name: /Tingkat Kematangan Pembangunan Aplikasi SPBE/ });
    await row.getByText("Badan Pengelolaan Keuangan dan Aset Daerah").waitFor();
    await row.getByText("30 Jun 2030").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  // Before the assessor's test below moves Kota Bandung past its self-assessment.
  it("lets the coordinator read the board and the operator answer an indicator on a phone", async () => {
    const sideways = (page: Page) =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const coordinator = await newPage(390, 844);
    await coordinator.page.goto(`${base}/login`);
    await logIn(coordinator.page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await coordinator.page.getByRole("link", { name: "Penilaian", exact: true }).first().waitFor();
    await coordinator.page.goto(`${base}/penilaian`);
    await coordinator.page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    // Indicators are cards there, the status filter a list: nothing runs off the side.
    await coordinator.page.getByTestId("indicator-cards").locator(".mantine-Card-root").first().waitFor();
    expect(await sideways(coordinator.page)).toBeLessThanOrEqual(0);
    await coordinator.page.screenshot({ path: join(screenshots, "ponsel-papan.png"), fullPage: true });
    expect(coordinator.errors).toEqual([]);
    await coordinator.page.close();

    const operator = await newPage(390, 844);
    await operator.page.goto(`${base}/login`);
    await logIn(operator.page, "operator@demo.matang.id", DEMO_PASSWORD);
    await operator.page.getByRole("link", { name: "Penilaian", exact: true }).first().waitFor();
    await operator.page.goto(`${base}/penilaian`);
    await operator.page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await operator.page.getByTestId("indicator-cards").getByRole("link").first().click();
    // The main action is reachable without scrolling sideways.
    const save = operator.page.getByRole("button", { name: "Simpan draf" });
    await save.scrollIntoViewIfNeeded();
    const box = await save.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    expect(await sideways(operator.page)).toBeLessThanOrEqual(0);
    await operator.page.screenshot({ path: join(screenshots, "ponsel-indikator.png"), fullPage: true });
    expect(operator.errors).toEqual([]);
    await operator.page.close();
    // Two logins (deliberately slow hashes) and two pages on a busy machine.
  }, 60_000);

  it("lets an assigned assessor move the assessment on, review evidence, score and go to the next indicator", async () => {
    // The coordinator completes and submits the self-assessment through the API.
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "koordinator@demo.matang.id", password: DEMO_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === "matang_session")?.value ?? "";
    const csrf = login.json().csrfToken as string;
    const call = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        payload,
        cookies: { matang_session: cookie },
        headers: method === "GET" ? {} : { "x-csrf-token": csrf },
      });
    const bandung = (await call("GET", "/api/assessments"))
      .json()
      .items.find((x: { organizationName: string }) => x.organizationName === "Pemerintah Kota Bandung");
    const rows = (await call("GET", `/api/assessments/${bandung.id}/indicators`)).json().items;
    for (const row of rows) {
      const res = await call("PUT", `/api/assessments/${bandung.id}/indicators/${row.code}/answer`, {
        level: 3,
        explanation: `Fakta, analisis dan justifikasi ${row.code}.`,
        version: row.stages.self?.version ?? 0,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(
      (await call("POST", `/api/assessments/${bandung.id}/transitions`, { to: "submitted" })).statusCode,
    ).toBe(200);

    const { page, errors } = await newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${base}/login`);
    await logIn(page, "asesor@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Penilaian", exact: true }).click();
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page.getByRole("button", { name: "Lanjutkan ke Penilaian dokumen" }).click();
    // Every move is confirmed (nothing is scored before the document review: nothing to list).
    await page.getByRole("dialog").getByRole("button", { name: "Ya, lanjutkan" }).click();
    await page.getByText("Penilaian dipindahkan ke tahap Penilaian dokumen.").waitFor();
    await page.getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ }).click();
    await page.getByRole("button", { name: "Terima" }).first().click();
    await page.getByText("Diterima").first().waitFor();
    await page.getByRole("button", { name: "Pilih tingkat 2" }).click();
    await page
      .getByLabel("Penjelasan")
      .fill("Fakta: Perwal ada. Analisis: integrasi belum diatur. Justifikasi: tingkat 2.");
    await page.getByRole("button", { name: "Simpan nilai" }).click();
    await page.getByText("Tersimpan.").waitFor();
    // The stage table shows the difference from the self-assessment.
    await page.getByTitle("Selisih dari mandiri").getByText("-1").waitFor();
    await page.screenshot({ path: join(screenshots, "asesor.png"), fullPage: true });
    await page.keyboard.press("Alt+ArrowRight");
    await page
      .getByRole("heading", { name: /^2\. Tingkat Kematangan Kebijakan Internal Peta Rencana/ })
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows leadership the dashboard: gauge, domains, aspects, gaps and the cheapest path to a target", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/login`);
    page.setDefaultTimeout(8000);
    await logIn(page, "pimpinan@demo.matang.id", DEMO_PASSWORD);
    await page.getByText("Penilaian Anda").waitFor();
    await page.getByRole("link", { name: "Dasbor" }).first().click();
    await page.getByRole("heading", { name: "Dasbor Pemerintah Kota Bandung" }).waitFor();
    // Every indicator was answered at level 3: the self-assessment index is 3,00, Baik.
    await page.getByText("3,00").first().waitFor();
    await page.getByText("Baik", { exact: true }).first().waitFor();
    await page.getByText("Nilai domain").waitFor();
    await page.getByText("Nilai aspek").waitFor();
    // The radar's spokes are codes; their names stand under it. A stage without a bar says why.
    await page.getByTestId("aspect-names").getByText("A1", { exact: true }).waitFor();
    await page
      .getByTestId("absent-stages")
      .getByText(/^Final: tahap ini belum dimulai$/)
      .waitFor();
    // The gauge marks the index on its arc, and its bands read as a legend with the one reached.
    const gauge = page.locator(".mantine-GaugeChart-root");
    expect(await gauge.getAttribute("aria-label")).toBe("3,00 · Baik");
    expect(await gauge.locator(".mantine-GaugeChart-needle").count()).toBe(1);
    const reached = page.getByTestId("gauge-band").filter({ hasText: /^Baik/ });
    expect(
      await reached
        .locator("p")
        .first()
        .evaluate((e) => getComputedStyle(e).fontWeight),
    ).toBe("700");
    // The trend's points say their values: Bandung's official 2023 index, 3,98.
    await page.getByText("Tren indeks dari tahun ke tahun").waitFor();
    await page.locator(".recharts-label-list, .recharts-label").filter({ hasText: "3,98" }).first().waitFor();
    // Claims of 3 backed by no accepted evidence: the heaviest indicators (42–47, weight 3) first.
    const gaps = page.locator("table").filter({ hasText: "Potensi turun" });
    await expect.poll(() => gaps.locator("tbody tr").first().locator("td").first().textContent()).toBe("42");
    await gaps.getByText("−0,060").first().waitFor();
    // And why: the first level whose evidence is not accepted, and what to upload for it.
    await expect
      .poll(() => page.getByTestId("why-42").textContent())
      .toMatch(/^Bukti tingkat \d (belum ada|belum direviu|dikembalikan)Yang diunggah untuk tingkat \d: \S/);
    // The planner aims at the next predicate band (Sangat Baik from 3,50).
    await page.getByLabel("Target indeks").waitFor();
    await page.getByText(/kenaikan tingkat \(total upaya \d+\) membawa indeks ke 3,5/).waitFor();
    // Readiness: the claimed index beside the one accepted evidence supports.
    await page.getByText("Kesiapan bukti dukung").waitFor();
    await expect.poll(() => page.getByTestId("claimed-index").textContent()).toBe("3,00");
    // Leadership reads the plan; only coordinators store targets, or weigh the effort of a step.
    expect(await page.getByRole("button", { name: "Simpan target dan rencana" }).count()).toBe(0);
    expect(await page.getByLabel(/^Upaya per tingkat indikator/).count()).toBe(0);
    // The API's documentation is for administrators, not in leadership's menu.
    expect(await page.getByRole("link", { name: "Dokumentasi API" }).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, "dasbor.png"), fullPage: true });
    expect(await untranslated(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets the coordinator weigh the effort of each step, re-plan, and store the target and plan", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/login`);
    page.setDefaultTimeout(8000);
    await logIn(page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await page.getByText("Penilaian Anda").waitFor();
    await page.goto(`${base}/penilaian`);
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page.getByRole("link", { name: "Dasbor", exact: true }).click();
    await page.getByRole("heading", { name: "Dasbor Pemerintah Kota Bandung" }).waitFor();
    const planner = page.getByRole("table", { name: "Peta jalan ke target" });
    const firstStep = () => planner.locator("tbody tr").first().locator("td").first().textContent();
    await expect.poll(firstStep).not.toBeNull();
    const before = await firstStep();
    const summary = page.getByTestId("plan-summary");
    const summaryBefore = await summary.textContent();
    // Make the first step very costly: the cheapest path no longer starts with it.
    const effort = page.getByLabel(`Upaya per tingkat indikator ${before}`);
    // Typing re-plans at once: the row may leave the table as soon as the value lands.
    await effort.fill("50");
    await expect.poll(firstStep).not.toBe(before);
    await expect.poll(() => summary.textContent()).not.toBe(summaryBefore);
    // Typed (or pasted) with a point in Indonesian: 3.6, never 36.
    await page.getByLabel("Target indeks").fill("3.6");
    await page.getByText(/membawa indeks ke 3,6/).waitFor();
    await page.getByRole("button", { name: "Simpan target dan rencana" }).click();
    await page.getByText("Target dan rencana disimpan.").waitFor();
    // After a reload the stored target and efforts are back.
    await page.reload();
    await expect.poll(() => page.getByLabel("Target indeks").inputValue()).toBe("3,60");
    await expect.poll(firstStep).not.toBe(before);
    await page.getByText("Kembalikan upaya ke 1").waitFor();
    await page.screenshot({ path: join(screenshots, "perencana.png"), fullPage: true });
    // The plan's level for an indicator shows on that indicator's page.
    const planned = await firstStep();
    const to = await planner.locator("tbody tr").first().locator("td").nth(2).textContent();
    await page.goto(page.url().replace(/\/dasbor$/, `/indikator/${planned}`));
    await page
      .getByText(`Target rencana ${new Date().getFullYear()}: tingkat ${to?.split("→")[1]?.trim()}`)
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows everyone the published results without a login: ranking, filters, charts and downloads", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${base}/login`);
    await page.getByRole("link", { name: "Lihat hasil evaluasi yang telah dipublikasikan" }).click();
    await page.getByRole("heading", { name: "Hasil Evaluasi SPBE dan Pemerintah Digital" }).waitFor();
    await page
      .getByTestId("national-index")
      .filter({ hasText: "Indeks SPBE nasional 2023 (resmi): 2,79; rata-rata 621 instansi yang tercantum:" })
      .waitFor();
    const table = page.getByRole("table", { name: "Peringkat 2023" });
    const first = table.locator("tbody tr").first().locator("td");
    await expect.poll(() => first.first().textContent()).toBe("1");
    // First place holds the highest published index of 2023.
    const best = Math.max(...RESULTS.map((r) => Number(r.index)));
    await expect.poll(() => first.nth(5).textContent()).toBe(best.toFixed(2).replace(".", ","));
    await page.getByText("Sebaran indeks").waitFor();
    await page.getByText("Rata-rata indeks per jenis").waitFor();
    await page
      .getByText("50 dari 621 instansi")
      .waitFor({ state: "detached" })
      .catch(() => {});
    await page.getByText("621 dari 621 instansi").waitFor();
    await page.getByLabel("Cari instansi").fill("bandung");
    await page.getByRole("cell", { name: "Pemerintah Kota Bandung" }).waitFor();
    await page.getByLabel("Jenis", { exact: true }).first().click();
    await page.getByRole("option", { name: "Kota" }).click();
    await page.getByText("1 dari 621 instansi").waitFor();
    // The summary line follows the filters: one body now, not 621.
    await expect.poll(() => page.getByTestId("results-summary").textContent()).toMatch(/^1 instansi/);
    const xlsx = await page.getByRole("link", { name: "Unduh Excel" }).getAttribute("href");
    expect(xlsx).toContain("type=kota");
    const csv = await page.getByRole("link", { name: "Unduh CSV" }).getAttribute("href");
    expect(csv).toContain("year=2023");
    expect(csv).toContain("type=kota");
    const download = await page.request.get(`${base}${csv}`);
    expect((await download.text()).split("\r\n")[1]).toContain("Pemerintah Kota Bandung");
    await page.screenshot({ path: join(screenshots, "hasil-publik.png"), fullPage: true });
    expect(await untranslated(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a province its kabupaten/kota side by side and lets it publish a model answer they see", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await logIn(page, "provinsi@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Provinsi saya" }).click();
    await page.getByRole("heading", { name: "Pemerintah Provinsi Jawa Barat: kabupaten/kota" }).waitFor();
    const table = page.getByRole("table", { name: "Kabupaten/kota berdampingan" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(27);
    await table.getByRole("link", { name: "Pemerintah Kota Bandung" }).waitFor();
    await page.getByText("Simpangan baku", { exact: true }).waitFor();
    await page.getByText(/Hasil resmi 2023: rata-rata/).waitFor();
    // A province target: those below it are counted and marked.
    await page.getByLabel(/^Target provinsi/).fill("3,50");
    await page.getByRole("button", { name: "Simpan target" }).click();
    await page.getByText("Target disimpan.").waitFor();
    await expect.poll(() => table.getByText("di bawah", { exact: true }).count()).toBeGreaterThan(0);
    // Sorted by the published index, highest first: the province's best of 2023 leads.
    const jabar = RESULTS.filter((r) => r.region === "Jawa Barat" && r.kind !== "provinsi");
    const best = jabar.reduce((a, b) => (Number(b.index) > Number(a.index) ? b : a));
    await table.getByRole("button", { name: /^Hasil resmi 2023/ }).click();
    await expect
      .poll(() => table.locator("th[aria-sort=descending]").textContent())
      .toMatch(/^Hasil resmi 2023/);
    await expect
      .poll(() => table.locator("tbody tr").first().textContent())
      .toContain(best.index.replace(".", ","));
    // The same table as an Excel workbook for the coordination meeting.
    const href = await page.getByRole("link", { name: "Unduh Excel" }).getAttribute("href");
    const excel = await page.request.get(`${base}${href}`);
    expect(excel.headers()["content-type"]).toContain("spreadsheetml");
    expect((await excel.body()).subarray(0, 2).toString()).toBe("PK");
    await page.screenshot({ path: join(screenshots, "provinsi.png"), fullPage: true });
    // A model answer for indicator 1.
    await page.getByLabel("Indikator", { exact: true }).first().click();
    await page.getByRole("option", { name: /^1\. / }).click();
    await page
      .getByLabel("Contoh penjelasan")
      .fill("Peraturan Wali Kota tentang SPBE memuat arsitektur dan peta rencana.");
    const kinds = page.getByLabel("Bukti dukung yang diharapkan").first();
    await kinds.fill("Peraturan kepala daerah");
    await kinds.press("Enter");
    await page.getByRole("button", { name: "Publikasikan" }).click();
    await page.getByText("Contoh jawaban dipublikasikan.").waitFor();
    // The province reads a city's assessment but is offered nothing that writes it.
    await page.goto(`${base}/penilaian`);
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page
      .getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ })
      .first()
      .waitFor();
    const abilities = (page: Page) =>
      page.evaluate(async () => {
        const id = window.location.pathname.split("/")[2];
        const a = (await (await fetch(`/api/assessments/${id}`)).json()) as {
          can: Record<string, boolean>;
          blocked: Record<string, unknown>;
        };
        // Permitted: possible now, or once what `blocked` names (state, schedule, answers) allows.
        const permitted = (action: string) => a.can[action] === true || a.blocked[action] !== undefined;
        return {
          edit: permitted("edit"),
          submit: permitted("submit"),
          uploadEvidence: permitted("uploadEvidence"),
        };
      });
    expect(await abilities(page)).toEqual({ edit: false, submit: false, uploadEvidence: false });
    expect(await page.getByRole("button", { name: "Sampaikan penilaian mandiri" }).count()).toBe(0);
    await page
      .getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ })
      .first()
      .click();
    await page.getByText("Contoh jawaban dari Pemerintah Provinsi Jawa Barat").waitFor();
    expect(await page.getByRole("button", { name: "Simpan jawaban instansi" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();

    // The city's operator sees it beside the criteria of indicator 1.
    const city = await newPage();
    await city.page.goto(`${base}/login`);
    city.page.setDefaultTimeout(10_000);
    await logIn(city.page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await city.page.getByText("Penilaian Anda").waitFor();
    await city.page.goto(`${base}/penilaian`);
    await city.page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await city.page
      .getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ })
      .first()
      .click();
    await city.page.getByText("Contoh jawaban dari Pemerintah Provinsi Jawa Barat").waitFor();
    await city.page
      .getByText("Peraturan Wali Kota tentang SPBE memuat arsitektur dan peta rencana.")
      .waitFor();
    await city.page.getByText("Peraturan kepala daerah").waitFor();
    // The city's own coordinator may.
    expect(await abilities(city.page)).toEqual({ edit: true, submit: true, uploadEvidence: true });
    expect(city.errors).toEqual([]);
    await city.page.close();
  });

  it("lets an administrator create accounts with roles, open a cycle, enrol participants and import the registry", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await logIn(page, "admin@uji.id", "sandi-admin-uji");
    await page.getByRole("link", { name: "Pengguna", exact: true }).click();
    await page.getByLabel(/^Email/).fill("opd-baru@bandung.go.id");
    await page.getByLabel(/^Nama/).first().fill("Operator Baru");
    // No role is preselected: the administrator chooses one.
    expect(await page.getByRole("button", { name: "Buat akun" }).isDisabled()).toBe(true);
    await page.getByLabel("Peran", { exact: true }).first().click();
    await page.getByRole("option", { name: "Operator OPD" }).click();
    const picker = page.getByLabel("Organisasi", { exact: true }).first();
    await picker.fill("Kota Bandung");
    await page.getByRole("option", { name: "Pemerintah Kota Bandung" }).click();
    await page.getByRole("button", { name: "Buat akun" }).click();
    await page.getByText("Kata sandi awal").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("cell", { name: "opd-baru@bandung.go.id" }).waitFor();

    await page.getByRole("link", { name: "Periode", exact: true }).click();
    await page.getByLabel("Nama periode").fill("Pemantauan SPBE uji");
    await page.getByLabel("Kerangka", { exact: true }).first().click();
    await page.getByRole("option", { name: /PermenPANRB No. 59/ }).click();
    await page.getByRole("button", { name: "Buat periode" }).click();
    await page.getByText("Periode dibuat.").waitFor();
    await page
      .getByRole("row", { name: /Pemantauan SPBE uji/ })
      .getByRole("button", { name: "Peserta dan asesor" })
      .click();
    await page.getByRole("button", { name: "Daftarkan", exact: true }).click();
    await page.getByText(/instansi didaftarkan/).waitFor();
    // The schedule is set (or changed) after the cycle is opened, and shows in the list.
    const editor = page.getByRole("row").filter({ has: page.getByRole("button", { name: "Simpan jadwal" }) });
    await editor.getByLabel("Penilaian mandiri · mulai").fill("2026-12-01");
    await editor.getByLabel("selesai").first().fill("2026-12-31");
    await editor.getByRole("button", { name: "Simpan jadwal" }).click();
    await page.getByText("Jadwal periode disimpan.").waitFor();
    await page
      .getByRole("row", { name: /Pemantauan SPBE uji/ })
      .getByText("Penilaian mandiri: 1 Des 2026 – 31 Des 2026")
      .waitFor();
    // The administrator finds the API's documentation in the menu.
    await page.getByRole("link", { name: "Dokumentasi API" }).waitFor();

    await page.getByRole("link", { name: "Organisasi", exact: true }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "registri.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "instansi,type,region\nPemerintah Kota Uji Coba,kota,Jawa Barat\nKota Salah,desa,Jawa Barat\n",
      ),
    });
    await page.getByRole("button", { name: "Impor", exact: true }).click();
    await page.getByText("1 masalah; tidak ada yang diubah").waitFor();
    await page
      .getByText(
        'Baris 3, kolom type: "desa" bukan jenis instansi (kementerian, lembaga, provinsi, kabupaten, kota)',
      )
      .waitFor();
    await page.screenshot({ path: join(screenshots, "admin.png"), fullPage: true });
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await page.close();
  });

  it("shows frameworks as a tree and explains a broken framework file path by path", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await logIn(page, "admin@uji.id", "sandi-admin-uji");
    await page.getByRole("link", { name: "Kerangka", exact: true }).click();
    await page
      .getByRole("row", { name: /^permenpanrb-59-2020/ })
      .getByRole("button", { name: "Lihat pohon" })
      .click();
    await page.getByRole("button", { name: /D4 · Layanan SPBE/ }).click();
    await page.getByText("Tingkat Kematangan Layanan Publik Sektor 3", { exact: true }).waitFor();
    const broken = {
      format: "matang.framework/v1",
      id: "rusak",
      title: { id: "Rusak" },
      years: [2026],
      scales: [],
      predicates: [],
      domains: [],
    };
    await page.locator('input[type="file"]').setInputFiles({
      name: "rusak.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.getByRole("button", { name: "Impor kerangka" }).click();
    await page.getByText(/masalah; kerangka tidak diimpor/).waitFor();
    await page.getByRole("cell", { name: "scales" }).waitFor();
    await page.getByText("Bentuk isian tidak sesuai format kerangka").first().waitFor();
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await page.close();
  });

  it("shows markup typed into names, comments and explanations as plain text, never running it", async () => {
    const { page, errors } = await newPage();
    page.setDefaultTimeout(10_000);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const nasty = `<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>`;
    await page.goto(`${base}/login`);
    await logIn(page, "koordinator@demo.matang.id", DEMO_PASSWORD);
    await page.getByText("Penilaian Anda").waitFor();
    // A unit whose name is markup.
    const me = await page.request.get(`${base}/api/auth/session`);
    const csrf = (await me.json()).session.csrfToken as string;
    const orgs = await (await page.request.get(`${base}/api/organizations?q=Bandung&kind=kota`)).json();
    const city = orgs.items[0].id as string;
    const unit = await page.request.post(`${base}/api/organizations`, {
      headers: { "x-csrf-token": csrf },
      data: { kind: "unit", name: `Dinas ${nasty}`, parentId: city },
    });
    expect(unit.status()).toBe(201);
    await page.goto(`${base}/organisasi?q=Dinas%20%3Cimg`);
    await page.getByText(`Dinas ${nasty}`).waitFor();
    // A comment that is markup, on an indicator.
    await page.goto(`${base}/penilaian`);
    await page.getByRole("link", { name: "Pemerintah Kota Bandung" }).first().click();
    await page
      .getByRole("link", { name: /Kebijakan Internal Arsitektur SPBE/ })
      .first()
      .click();
    await page.getByPlaceholder("Tulis komentar…").fill(`Lihat ${nasty}`);
    await page.getByRole("button", { name: "Kirim komentar" }).click();
    await page.getByText(`Lihat ${nasty}`).waitFor();
    await page.reload();
    await page.getByText(`Lihat ${nasty}`).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The broken <img> would have failed to load had it been rendered; nothing else may go wrong.
    expect(errors).toEqual([]);
    await page.close();

    // An explanation and a file name that are markup, in an instansi still answering (Cimahi).
    const admin = await newPage();
    admin.page.setDefaultTimeout(10_000);
    admin.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await admin.page.goto(`${base}/login`);
    await logIn(admin.page, "admin@uji.id", "sandi-admin-uji");
    await admin.page.getByRole("heading", { name: /Selamat datang/ }).waitFor();
    const adminCsrf = (await (await admin.page.request.get(`${base}/api/auth/session`)).json()).session
      .csrfToken;
    const cimahi = (
      await (await admin.page.request.get(`${base}/api/organizations?q=Cimahi&kind=kota`)).json()
    ).items[0].id as string;
    const created = await admin.page.request.post(`${base}/api/users`, {
      headers: { "x-csrf-token": adminCsrf },
      data: {
        email: "koordinator@cimahikota.go.id",
        name: "Koordinator Cimahi",
        password: "sandi-cimahi-2026",
        grants: [{ role: "coordinator", organizationId: cimahi }],
      },
    });
    expect(created.status()).toBe(201);
    await admin.page.close();
    const c = await newPage();
    c.page.setDefaultTimeout(10_000);
    c.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await c.page.goto(`${base}/login`);
    await logIn(c.page, "koordinator@cimahikota.go.id", "sandi-cimahi-2026");
    await c.page.getByText("Penilaian Anda").waitFor();
    const cCsrf = (await (await c.page.request.get(`${base}/api/auth/session`)).json()).session.csrfToken;
    // Its SPBE assessment (indicator "1"), not its Pemdi one.
    const assessment = (
      (await (await c.page.request.get(`${base}/api/assessments`)).json()).items as {
        id: string;
        cycleName: string;
      }[]
    ).find((a) => a.cycleName.includes("SPBE"))?.id as string;
    const answer = await c.page.request.put(`${base}/api/assessments/${assessment}/indicators/1/answer`, {
      headers: { "x-csrf-token": cCsrf },
      data: { level: 2, explanation: `Penjelasan ${nasty}`, version: 1 },
    });
    expect(answer.status()).toBe(200);
    const upload = await c.page.request.post(`${base}/api/assessments/${assessment}/evidence`, {
      headers: { "x-csrf-token": cCsrf },
      multipart: {
        indicator: "1",
        level: "1",
        title: `Judul ${nasty}`,
        file: { name: `${nasty}.pdf`, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") },
      },
    });
    expect(upload.status()).toBe(201);
    await c.page.goto(`${base}/penilaian/${assessment}/indikator/1`);
    await c.page.getByText(`Judul ${nasty}`).first().waitFor();
    await c.page.getByText(`Penjelasan ${nasty}`).first().waitFor();
    expect(await c.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(c.errors).toEqual([]);
    await c.page.close();
  });

  it("lets a user make an API token, shows its secret once with a copy button, and revoke it", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/login`);
    await logIn(page, "pimpinan@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Akun saya" }).click();
    await page.getByRole("heading", { name: "Token API" }).waitFor();
    await page.getByText("Belum ada token.").waitFor();
    await page.getByLabel("Nama token").fill("Sinkronisasi dasbor");
    await page.getByRole("button", { name: "Buat token" }).click();
    const secret = (await page.getByTestId("new-token").textContent()) ?? "";
    expect(secret).toMatch(/^mtg_/);
    await page.getByRole("button", { name: "Salin" }).waitFor();
    // The token works as a bearer token.
    const me = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.statusCode).toBe(200);
    await page.getByRole("cell", { name: "Sinkronisasi dasbor", exact: true }).waitFor();
    await page.screenshot({ path: join(screenshots, "token-api.png"), fullPage: true });
    // Once dismissed, the secret is gone for good.
    await page.getByRole("button", { name: "Sudah saya simpan" }).click();
    expect(await page.getByTestId("new-token").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Cabut token Sinkronisasi dasbor" }).click();
    await page.getByText("Dicabut", { exact: true }).waitFor();
    const after = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.statusCode).toBe(401);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("tells a locked-out user so, and lets an administrator unlock the account", async () => {
    const wrong = () =>
      fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "reviu@demo.matang.id", password: "bukan-sandinya-sama-sekali" }),
      });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const user = await newPage();
    await user.page.goto(`${base}/login`);
    await logIn(user.page, "reviu@demo.matang.id", DEMO_PASSWORD);
    await user.page.getByRole("alert").filter({ hasText: "Akun dikunci sementara" }).waitFor();

    const admin = await newPage();
    await admin.page.goto(`${base}/login`);
    await logIn(admin.page, "admin@uji.id", "sandi-admin-uji");
    await admin.page.getByRole("link", { name: "Pengguna", exact: true }).click();
    await admin.page.getByLabel("Cari").fill("reviu@demo");
    const row = admin.page.getByRole("row", { name: /reviu@demo\.matang\.id/ });
    await row.getByText("Terkunci karena gagal masuk berulang").waitFor();
    await admin.page.screenshot({ path: join(screenshots, "buka-kunci.png"), fullPage: true });
    await row.getByRole("button", { name: "Buka kunci" }).click();
    await admin.page.getByText("Kunci akun dibuka.").waitFor();
    await expect.poll(() => row.getByText("Terkunci karena gagal masuk berulang").count()).toBe(0);

    await logIn(user.page, "reviu@demo.matang.id", DEMO_PASSWORD);
    await user.page.getByRole("heading", { name: /Selamat datang/ }).waitFor();
    expect(admin.errors).toEqual([]);
    await user.page.close();
    await admin.page.close();
    // Eight password checks (deliberately slow hashes) and two browsers on a busy 2-core machine.
  }, 60_000);

  it("is readable on a phone", async () => {
    const { page, errors } = await newPage(390, 844);
    await page.goto(`${base}/login`);
    await logIn(page, "pimpinan@demo.matang.id", DEMO_PASSWORD);
    await page.getByRole("heading", { name: "Selamat datang, Pak Wali Kota" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshots, "ponsel.png") });
    expect(await untranslated(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
