// A Pemdi 2026 assessment through every stage in Chromium, as its people do it: the coordinator
// assigns an item and records an external index, the unit uploads evidence by item with a note,
// the coordinator types decimal values, the assessor returns an item (the level-2 item above it is
// then rejected automatically) and scores in decimals, and the published figure shows it all.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { todayWib } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { DEMO_PASSWORD } from "@matang/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText, unzip, zipOf } from "../../server/test/documents.js";
import { apiClient, CHROMIUM, cimahiCycle, demoServer, launchChromium } from "./chromium.js";

const required = process.env.MATANG_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`browser tests are required but ${CHROMIUM} is missing (apt-get install chromium)`);

const screenshots = join(tmpdir(), "matang-screenshots");
const pemdi = builtinFrameworks().get("pemdi-2026");
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };
/** A month ago: an IKASANDI value that still counts, whatever day the test runs. */
const MEASURED = todayWib(new Date(Date.now() - 30 * 86_400_000));
const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n"),
  Buffer.alloc(3000, 32),
  Buffer.from("\n%%EOF\n"),
]);

describe.skipIf(!available)("a Pemdi 2026 assessment in Chromium", () => {
  let close: () => Promise<void>;
  let browser: Browser;
  let base: string;
  let id: string;
  const file = join(tmpdir(), "sk-tim-koordinasi.pdf");

  const apiAs = (email: string, password = DEMO_PASSWORD) => apiClient(base)(email, password);

  beforeAll(async () => {
    ({ base, close } = await demoServer(ADMIN));
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(file, PDF);
    // A fresh Pemdi cycle for the demo's Kota Cimahi, in its self-assessment.
    const admin = await apiAs(ADMIN.email, ADMIN.password);
    id = (await cimahiCycle(admin, "pemdi-2026", "Evaluasi Pemdi uji")).id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function signedIn(email: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // A step that cannot be done fails naming what it looked for, well before the test's limit.
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/login`);
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Kata sandi/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.getByRole("link", { name: "Penilaian" }).first().waitFor();
    return { page, errors };
  }

  it("the demo's Pemdi assessment shows the portal's interim results apart, with the items it returned", async () => {
    const coordinator = await apiAs("koordinator.cimahi@demo.matang.id");
    // Kota Cimahi's demo assessment on Pemdi is the one already in document review.
    const list = (await coordinator("GET", "/api/assessments")).items as { id: string; state: string }[];
    const demo = list.find((x) => x.state === "document_review");
    if (!demo) throw new Error("the demo Pemdi assessment is missing");
    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${demo.id}`);
    const panel = page.getByTestId("official-panel");
    await panel.getByTestId("official-interim").getByText("1,74", { exact: true }).waitFor();
    await panel.getByText("3 butir dikembalikan portal").waitFor();
    await panel.getByText("Berkas tidak dapat dibuka di portal.").waitFor();
    // The clarification is under way: three indicators below the claim, I4's answer being drafted.
    await panel.getByRole("link", { name: "Klarifikasi (interviu)" }).click();
    await page
      .getByTestId("clarification-summary")
      .filter({ hasText: "3 indikator dinilai di bawah klaim" })
      .waitFor();
    await page
      .getByTestId("clarify-I4")
      .getByLabel("Jawaban (sanggahan)")
      .filter({ hasText: "lampiran Renja Bagian Organisasi" })
      .waitFor();
    // The leadership's dashboard leads with Matang's figure and names the official one apart.
    await page.goto(`${base}/penilaian/${demo.id}/dasbor`);
    await page
      .getByTestId("official-strip")
      .getByText(/Indeks resmi sementara dari portal 1,74/)
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the coordinator assigns an item to a unit and records IKASANDI: I10 follows it, with what a change would do", async () => {
    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByTestId("provisional-note").waitFor();
    const overview = page.getByTestId("items-overview");
    await overview.getByText("Butir bukti dukung per unit").waitFor();
    // I4-L1-01 goes to the unit that keeps the coordination team's decree.
    await page.getByRole("combobox", { name: "Unit penanggung jawab I1-L1-01", exact: true }).waitFor();
    const units = await (await apiAs("koordinator.cimahi@demo.matang.id"))(
      "GET",
      `/api/assessments/${id}/items`,
    );
    expect(units.items).toHaveLength(232);
    await page.getByLabel("Cari kode atau butir").fill("I4-L");
    for (const item of ["I4-L1-01", "I4-L2-01"]) {
      const select = page.getByRole("combobox", { name: `Unit penanggung jawab ${item}`, exact: true });
      await select.scrollIntoViewIfNeeded();
      await select.click();
      await page.getByRole("option", { name: "Bagian Organisasi Setda Kota Cimahi" }).click();
      await expect.poll(() => select.inputValue()).toBe("Bagian Organisasi Setda Kota Cimahi");
    }
    const external = page.getByTestId("external-IKASANDI-KS");
    await external.scrollIntoViewIfNeeded();
    await external.getByLabel("Nilai IKASANDI-KS").fill("2,5");
    await external.getByLabel("Tanggal pengukuran").fill(MEASURED);
    await external.getByTestId("external-effect").filter({ hasText: "I10 1 → 3" }).waitFor();
    await external.getByRole("button", { name: "Catat" }).click();
    await external.getByText("Tercatat").waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-coordinator.png"), fullPage: true });
    await page.getByTestId("external-indices").screenshot({ path: join(screenshots, "pemdi-external.png") });
    // Last year's folder, zipped: files named by item code go to their items, the rest is listed.
    const zip = join(tmpdir(), "bukti-2025.zip");
    writeFileSync(zip, zipOf({ "I4-L3-01_Rencana kolaborasi.pdf": PDF, "catatan rapat.pdf": PDF }));
    const importer = page.getByTestId("zip-import");
    await importer.locator("input[type=file][accept*=zip]").setInputFiles(zip);
    const report = page.getByTestId("zip-report");
    await report.getByText("1 dari 2 berkas diimpor; 1 tidak diimpor.").waitFor();
    await report.getByText("Tidak ada kode butir di nama berkas atau lembar pemetaan").waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-zip-import.png"), fullPage: true });
    await page.goto(`${base}/penilaian/${id}/indikator/I10`);
    await page
      .getByTestId("external-notice")
      .filter({ hasText: `IKASANDI area keamanan siber 2,5 (diukur ${MEASURED}): tingkat 3` })
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the coordinator carries last year's SPBE evidence to the likely Pemdi items, unreviewed, and reads the mapping", async () => {
    // Kota Cimahi's SPBE 2025 assessment kept its complaints-service evidence (indicator 42).
    const admin = await apiAs(ADMIN.email, ADMIN.password);
    const year = new Date().getFullYear() - 1;
    const cycle = await admin("POST", "/api/cycles", {
      year,
      name: `Evaluasi SPBE ${year} uji`,
      frameworkId: "permenpanrb-59-2020",
      kind: "evaluation",
      schedule: Object.fromEntries(
        ["self_assessment", "document_review", "interview", "visit", "consolidation", "validation"].map(
          (s) => [s, { start: `${year}-01-01`, end: `${year + 2}-12-31` }],
        ),
      ),
    });
    const coordinator = await apiAs("koordinator.cimahi@demo.matang.id");
    const mine = await coordinator("GET", `/api/assessments/${id}`);
    await admin("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [mine.organization.id] });
    const old = (await admin("GET", `/api/assessments?cycle=${cycle.id}`)).items[0].id;
    await coordinator("POST", `/api/assessments/${old}/evidence-links`, {
      indicator: "42",
      level: 3,
      url: "https://cimahikota.go.id/lapor",
      title: "SP4N-LAPOR! Kota Cimahi",
    });

    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByRole("button", { name: "Salin dari penilaian sebelumnya" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("tidak dihitung sebelum diterima").waitFor();
    await dialog.getByRole("combobox", { name: "Salin dari" }).click();
    await page.getByRole("option", { name: `Evaluasi SPBE ${year} uji` }).click();
    await dialog.getByRole("button", { name: "Salin sekarang" }).click();
    const report = page.getByTestId("copy-report");
    await report.getByText(/2 tautan bukti ditambahkan ke 2 butir/).waitFor();
    await report.getByRole("cell", { name: "I19-L2-01", exact: true }).waitFor();
    await report.getByRole("cell", { name: "I20-L3-02", exact: true }).waitFor();
    await report.getByRole("button", { name: "Lihat pemetaan lengkap" }).click();
    await report.getByText("Layanan pengaduan adalah fasilitas dukungan pengguna").first().waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-copy-forward.png"), fullPage: true });
    await dialog.getByRole("button", { name: "Selesai" }).click();
    // On I19 the carried document waits for review; the value is not touched.
    await page.goto(`${base}/penilaian/${id}/indikator/I19`);
    await page.getByText("SP4N-LAPOR! Kota Cimahi").first().waitFor();
    const i19 = (await coordinator("GET", `/api/assessments/${id}/indicators`)).items.find(
      (i: { code: string }) => i.code === "I19",
    );
    expect(i19.evidence.map((e: { item: string; review: string }) => [e.item, e.review])).toEqual([
      ["I19-L2-01", "pending"],
    ]);
    expect(i19.claimedLevel).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the unit sees only its items and uploads evidence for one with a note", async () => {
    const { page, errors } = await signedIn("operator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}/indikator/I4`);
    const panel = page.getByTestId("items-panel");
    await panel.waitFor();
    await expect.poll(() => panel.locator("[data-testid^=item-I4-]").count()).toBe(2);
    for (const item of ["I4-L1-01", "I4-L2-01"]) {
      const card = page.getByTestId(`item-${item}`);
      await card.getByLabel("Catatan unggahan").fill(`SK halaman 2 (${item})`);
      await card.locator("input[type=file]").setInputFiles(file);
      await card.getByText(`Catatan unggahan: SK halaman 2 (${item})`).waitFor();
    }
    // Level 1 awaits review; level 2's item is rejected automatically until level 1 is accepted.
    await page
      .getByTestId("item-I4-L1-01")
      .getByText("Menunggu penilaian", { exact: true })
      .first()
      .waitFor();
    await page.getByTestId("item-I4-L2-01").getByText("Ditolak otomatis", { exact: true }).waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-operator-upload.png"), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  });

  it("the coordinator types a decimal value with a comma; a third decimal is refused in place", async () => {
    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}/indikator/I1`);
    const value = page.getByLabel("Nilai", { exact: true });
    await value.fill("3,255");
    await page.getByText("Nilai harus 1,00–5,00 dengan paling banyak 2 desimal").waitFor();
    await value.fill("3,25");
    await page
      .getByLabel("Penjelasan")
      .fill("Fakta: Renstra memuat substansi RAN. Analisis: sebagian. Justifikasi: tingkat 3.");
    await page.getByRole("button", { name: "Simpan jawaban" }).click();
    await page.getByText("Tersimpan").first().waitFor();
    await expect
      .poll(async () =>
        page
          .getByRole("row", { name: /Mandiri/ })
          .first()
          .textContent(),
      )
      .toContain("3,25");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the coordinator checks the portal package, downloads it, and marks an item uploaded to the portal", async () => {
    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}`);
    const card = page.getByTestId("portal-package");
    await card.scrollIntoViewIfNeeded();
    // Three files uploaded so far go in; the two web addresses carried from 2025 are held back.
    await card.getByTestId("portal-totals").filter({ hasText: "3 berkas siap" }).waitFor();
    await card.getByTestId("portal-totals").filter({ hasText: "2 tertahan" }).waitFor();
    const held = card.getByRole("table", { name: "Bukti yang tertahan" });
    await held.getByRole("cell", { name: "I19-L2-01", exact: true }).waitFor();
    await held.getByText("tempel alamatnya di catatan unggah").first().waitFor();
    await card.screenshot({ path: join(screenshots, "pemdi-portal-package.png") });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: "Unduh paket ZIP" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^paket-portal-.*\.zip$/);
    const files = await unzip(readFileSync(await download.path()));
    expect(Object.keys(files).sort()).toEqual([
      "I4/I4-L1-01_sk-tim-koordinasi.pdf",
      "I4/I4-L2-01_sk-tim-koordinasi.pdf",
      "I4/I4-L3-01_Rencana kolaborasi.pdf",
      "catatan-unggah.txt",
      "indeks-paket-portal.xlsx",
    ]);
    expect(files["catatan-unggah.txt"]?.toString("utf8")).toContain("I4-L1-01\r\nSK halaman 2 (I4-L1-01)");
    // The coordinator uploads I4-L1-01 to the portal and ticks it; the filter shows what is left.
    const overview = page.getByTestId("items-overview");
    await overview.getByRole("combobox", { name: "Portal" }).click();
    await page.getByRole("option", { name: "Belum diunggah ke portal" }).click();
    await overview.getByLabel("Cari kode atau butir").fill("I4-L1");
    const tick = overview.getByRole("checkbox", { name: "I4-L1-01 sudah diunggah ke portal" });
    await tick.click();
    // Marked, it leaves the "not uploaded" list; shown again under "uploaded", with who marked it.
    await expect.poll(() => tick.count()).toBe(0);
    await overview.getByRole("combobox", { name: "Portal" }).click();
    await page.getByRole("option", { name: "Sudah diunggah ke portal" }).click();
    await overview.getByRole("checkbox", { name: "I4-L1-01 sudah diunggah ke portal" }).waitFor();
    await overview.getByText(/^Asep Koordinator Pemdi, /).waitFor();
    await overview.screenshot({ path: join(screenshots, "pemdi-portal-marks.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the coordinator pastes the portal's interim table: every line checked, returns sent to units, figures apart", async () => {
    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}`);
    const panel = page.getByTestId("official-panel");
    await panel.scrollIntoViewIfNeeded();
    await panel.getByText("Belum ada hasil resmi dari portal").waitFor();
    await panel.getByLabel("Tanggal di portal").fill("2026-09-20");
    await panel.getByLabel("Tenggat perbaikan butir dikembalikan").fill("2026-09-25");
    const paste = panel.getByLabel("Tempel tabel dari portal");
    // A typo in a status is found first, by line; nothing is stored.
    await paste.fill("Kode Butir\tStatus\tCatatan Asesor\nI4-L1-01\tDiterimaa\t");
    await panel.getByRole("button", { name: "Periksa tabel" }).click();
    await panel.getByText(/Baris 2, kolom status: "Diterimaa" bukan status portal/).waitFor();
    await paste.fill(
      [
        "Kode Butir\tStatus\tCatatan Asesor",
        "I4-L1-01\tDiterima\t",
        "I4-L2-01\tRevisi: ditolak otomatis\t",
        "I4-L3-01\tRevisi: tidak tepat\tRencana kolaborasi belum ditandatangani.",
        "Indikator\tNilai",
        "I1\t2,10",
        "I4\t1,50",
        "Indeks\t1,62",
      ].join("\n"),
    );
    await panel.getByRole("button", { name: "Periksa tabel" }).click();
    const preview = panel.getByTestId("official-preview");
    await preview.getByText("3 butir (1 diterima, 2 dikembalikan) dan 3 nilai siap diimpor.").waitFor();
    await preview.getByText("I4-L2-01 → Bagian Organisasi Setda Kota Cimahi").waitFor();
    await preview.getByRole("button", { name: "Impor hasil sementara" }).click();
    await panel.getByTestId("official-done").waitFor();
    const interim = panel.getByTestId("official-interim");
    await interim.getByText("Indeks resmi sementara · 2026-09-20").waitFor();
    await interim.getByText("1,62", { exact: true }).waitFor();
    await interim.getByText("dicetak portal").waitFor();
    const returned = panel.getByRole("table", { name: "Butir yang dikembalikan portal" });
    await returned.getByText("Rencana kolaborasi belum ditandatangani.").waitFor();
    await returned.getByText("tenggat 2026-09-25").waitFor();
    await panel.screenshot({ path: join(screenshots, "pemdi-official.png") });
    // Matang's own headline stays its own stage's figure.
    const own = await (await apiAs("koordinator.cimahi@demo.matang.id"))("GET", `/api/assessments/${id}`);
    expect(own.headline.source).toBe("stage");
    // The refused table answered 422, which the browser logs; nothing else went wrong.
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await page.close();

    // The unit is told, and sees the portal's verdict on its item beside Matang's.
    const unit = await signedIn("operator.cimahi@demo.matang.id");
    await unit.page.goto(`${base}/penilaian/${id}`);
    await unit.page.getByText("Portal: Revisi: ditolak otomatis").first().waitFor();
    const told = await (await apiAs("operator.cimahi@demo.matang.id"))("GET", "/api/notifications");
    expect(told.items.some((n: { payload: { item?: string } }) => n.payload.item === "I4-L2-01")).toBe(true);
    expect(unit.errors).toEqual([]);
    await unit.page.close();
  });

  it("the coordinator prepares the clarification from the interim results and prints the interview brief", async () => {
    const coordinator = await apiAs("koordinator.cimahi@demo.matang.id");
    // The instansi claimed 2,75 on I4 (and 3,25 on I1, typed earlier); the portal gave 1,50 and 2,10.
    await coordinator("PUT", `/api/assessments/${id}/indicators/I4/answer`, {
      level: 2.75,
      explanation: "Kolaborasi antarinstansi berjalan dengan PKS.",
      version: 0,
    });
    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByTestId("official-panel").getByRole("link", { name: "Klarifikasi (interviu)" }).click();
    await page
      .getByTestId("clarification-summary")
      .filter({ hasText: "2 indikator dinilai di bawah klaim" })
      .waitFor();
    // Largest loss first: I4 (5 × 1,25 / 100) before I1 (5 × 1,15 / 100).
    const cards = page.locator("[data-testid^=clarify-]");
    await expect
      .poll(() => cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid"))))
      .toEqual(["clarify-I4", "clarify-I1"]);
    const i4 = page.getByTestId("clarify-I4");
    await i4.getByText("(-0,0625 pada indeks)").waitFor();
    await i4.getByText("Rencana kolaborasi belum ditandatangani.").waitFor();
    await i4
      .getByRole("textbox", { name: "Unit penjawab" })
      .or(i4.getByRole("combobox", { name: "Unit penjawab" }))
      .first()
      .click();
    await page.getByRole("option", { name: "Bagian Organisasi Setda Kota Cimahi" }).click();
    await i4.getByLabel("Penjawab", { exact: true }).fill("Dedi (Bagian Organisasi)");
    await i4.getByLabel("Yang hadir").fill("Sekretaris Daerah, Dedi");
    await i4.getByLabel("Pukul").fill("09:30");
    await i4
      .getByLabel("Jawaban (sanggahan)")
      .fill("Rencana kolaborasi sudah ditandatangani Sekda pada 12 Agustus; lihat halaman terakhir dokumen.");
    await i4.getByLabel("Dokumen yang ditunjukkan").click();
    await page.getByRole("option", { name: "I4-L3-01 — I4-L3-01_Rencana kolaborasi.pdf" }).click();
    await page.keyboard.press("Escape");
    await i4.getByText("Siap", { exact: true }).click();
    await i4.getByRole("button", { name: "Simpan I4" }).click();
    await page.getByText("Klarifikasi I4 tersimpan.").waitFor();
    await page.getByLabel("Tanggal", { exact: true }).fill("2026-09-23");
    await page.getByLabel("Tempat atau tautan rapat").fill("Ruang Rapat Setda / Zoom");
    await page.getByRole("button", { name: "Simpan sesi" }).click();
    await page.getByText("Sesi tersimpan.").waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-clarification.png"), fullPage: true });
    // The brief, as printed: the session, the order, the note, our answer, the document.
    const response = await page.request.get(`${base}/api/assessments/${id}/clarification/brief.pdf`);
    expect(response.status()).toBe(200);
    const pdf = Buffer.from(await response.body());
    writeFileSync(join(screenshots, "bahan-interviu.pdf"), pdf);
    const text = await pdfText(pdf);
    for (const expected of [
      "BAHAN KLARIFIKASI (INTERVIU)",
      "23 September 2026",
      "Ruang Rapat Setda / Zoom",
      "09:30",
      "Sekretaris Daerah, Dedi",
      "Rencana kolaborasi belum ditandatangani.",
      "Rencana kolaborasi sudah ditandatangani Sekda",
      "I4-L3-01 — I4-L3-01_Rencana kolaborasi.pdf",
    ])
      expect(text).toContain(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the assessor returns an item, sees the level-2 item rejected automatically, and scores in decimals", async () => {
    // The rest of the self-assessment and the move to document review, through the API.
    const coordinator = await apiAs("koordinator.cimahi@demo.matang.id");
    const rows = (await coordinator("GET", `/api/assessments/${id}/indicators`)).items as any[];
    for (const r of rows)
      if (r.can.consolidate && r.code !== "I1")
        await coordinator("PUT", `/api/assessments/${id}/indicators/${r.code}/answer`, {
          level: 2.5,
          explanation: "Penjelasan.",
          version: r.stages.self?.version ?? 0,
        });
    await coordinator("POST", `/api/assessments/${id}/transitions`, { to: "submitted" });
    const assessorApi = await apiAs("asesor@demo.matang.id");
    await assessorApi("POST", `/api/assessments/${id}/transitions`, { to: "document_review" });

    const { page, errors } = await signedIn("asesor@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}/indikator/I4`);
    const low = page.getByTestId("item-I4-L1-01");
    await low.getByRole("button", { name: "Kembalikan" }).click();
    await low.getByLabel("Catatan").last().fill("Bukan SK tim koordinasi Pemdi.");
    await low.getByRole("button", { name: "Kirim" }).click();
    await low
      .getByText("Dikembalikan · Objek/dokumen tidak tepat")
      .waitFor({ timeout: 10_000 })
      .catch(async () => {
        await low
          .getByText(/Dikembalikan/)
          .first()
          .waitFor();
      });
    const high = page.getByTestId("item-I4-L2-01");
    await high.getByRole("button", { name: "Terima" }).click();
    await page.getByTestId("auto-rejected-I4-L2-01").filter({ hasText: "I4-L1-01" }).waitFor();
    await high.getByText("Ditolak otomatis", { exact: true }).waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-assessor-review.png"), fullPage: true });

    await page.goto(`${base}/penilaian/${id}/indikator/I1`);
    await page.getByLabel("Nilai", { exact: true }).fill("2,37");
    await page.getByLabel("Penjelasan").fill("Fakta → analisis → justifikasi.");
    await page.getByRole("button", { name: "Simpan nilai" }).click();
    await page.getByText("Tersimpan").first().waitFor();
    await expect
      .poll(async () =>
        page
          .getByRole("row", { name: /Dokumen/ })
          .first()
          .textContent(),
      )
      .toContain("2,37");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("after interview, consolidation, validation and publication the headline is the final Pemdi index", async () => {
    const assessorApi = await apiAs("asesor@demo.matang.id");
    const rows = (await assessorApi("GET", `/api/assessments/${id}/indicators`)).items as any[];
    for (const r of rows)
      if (r.can.score && !r.stages.document)
        await assessorApi("PUT", `/api/assessments/${id}/indicators/${r.code}/stages/document`, {
          level: 2.2,
          note: "Dokumen.",
          version: 0,
        });
    for (const to of ["interview", "consolidation", "validation"])
      await assessorApi("POST", `/api/assessments/${id}/transitions`, { to, confirm: true });
    const admin = await apiAs(ADMIN.email, ADMIN.password);
    await admin("POST", `/api/assessments/${id}/transitions`, { to: "published" });
    const view = await admin("GET", `/api/assessments/${id}`);
    expect(view.headline).toMatchObject({ stage: "final", complete: true });
    expect(pemdi?.predicates.map((p) => p.name.id)).toContain(view.headline.predicate);

    const { page, errors } = await signedIn("koordinator.cimahi@demo.matang.id");
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByTestId("headline-label").filter({ hasText: "Indeks akhir" }).waitFor();
    await page.getByText(view.headline.indexDisplay.replace(".", ",")).first().waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-published.png"), fullPage: true });
    // The assessors' document scores against the portal's interim values: I4 2,20 here, 1,50 there.
    const comparison = page.getByTestId("comparison-interim");
    await comparison.getByRole("row", { name: /^I4 2,20 1,50 0,70 Terlalu longgar$/ }).waitFor();
    await page
      .getByTestId("official-panel")
      .screenshot({ path: join(screenshots, "pemdi-official-comparison.png") });
    await page.goto(`${base}/penilaian/${id}/dasbor`);
    await page.getByText("Nilai aspek").first().waitFor();
    await page.screenshot({ path: join(screenshots, "pemdi-dashboard.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
