// Issue 22 in Chromium, on an SPBE 2020 assessment of the demo's Kota Cimahi run by Matang's own
// stages: what is not ready is shown before submitting, the unit's proposal is taken into the
// instansi's answer, a stage is not left half-scored without a confirmation, a final score the
// review team finds not valid goes back to the assessor and holds publication, the bell tells the
// assessor, going back needs a reason, and two stages compare side by side.
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "@matang/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, CHROMIUM, cimahiCycle, demoServer, launchChromium, untranslated } from "./chromium.js";

const required = process.env.MATANG_REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);
if (required && !available)
  throw new Error(`browser tests are required but ${CHROMIUM} is missing (apt-get install chromium)`);

const screenshots = join(tmpdir(), "matang-screenshots");
const ADMIN = { email: "admin@uji.id", password: "sandi-admin-uji" };
const COORDINATOR = "koordinator.cimahi@demo.matang.id";
const OPERATOR = "operator.cimahi@demo.matang.id";
const ASSESSOR = "asesor@demo.matang.id";
/** The demo's review team works on Kota Bandung; Kota Cimahi's gets its own. */
const REVIEWER = "reviu.cimahi@uji.id";
const REVIEWER_PASSWORD = "sandi-reviu-cimahi-uji";
const CODES = Array.from({ length: 47 }, (_, i) => String(i + 1));

// API answers are read loosely in this test.
type Json = any;

describe.skipIf(!available)("the evaluation's guards in Chromium", () => {
  let close: () => Promise<void>;
  let browser: Browser;
  let base: string;
  let id: string;
  let unitId: string;

  const apiAs = (email: string, password = DEMO_PASSWORD) => apiClient(base)(email, password);

  async function signedIn(
    email: string,
    password = DEMO_PASSWORD,
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("console", (m) => {
      // A refused request shows in the console; the test checks what the page says instead.
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/login`);
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Kata sandi/).fill(password);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.getByRole("link", { name: "Penilaian" }).first().waitFor();
    return { page, errors };
  }

  beforeAll(async () => {
    ({ base, close } = await demoServer(ADMIN));
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
    // Kota Cimahi's own mock evaluation on the 2020 framework, every stage open.
    const admin = await apiAs(ADMIN.email, ADMIN.password);
    const cycle = await cimahiCycle(admin, "permenpanrb-59-2020", "Evaluasi mandiri SPBE Cimahi");
    id = cycle.id;
    const cimahi = { id: cycle.cimahiId };
    await admin("POST", "/api/users", {
      email: REVIEWER,
      name: "Tim Reviu Cimahi",
      password: REVIEWER_PASSWORD,
      grants: [{ role: "reviewer", organizationId: cimahi.id }],
    });
    const units = await admin("GET", `/api/organizations?parent=${cimahi.id}&pageSize=50`);
    unitId = units.items.find((u: { name: string }) => u.name === "Bagian Organisasi Setda Kota Cimahi").id;
    // Indicator 1 goes to the operator's unit.
    const coordinator = await apiAs(COORDINATOR);
    await coordinator("PUT", `/api/assessments/${id}/indicators/1/assignments`, {
      units: [{ unitId, dueDate: null }],
      version: 0,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it("offers a fresh assessment last year's work, and lists the coordinator's work on the home page", async () => {
    const { page, errors } = await signedIn(COORDINATOR);
    // Home: what is the coordinator's to do, by assessment, with the stage's deadline.
    await page.getByRole("heading", { name: "Pekerjaan Anda" }).waitFor();
    await page
      .getByTestId("tasks-of")
      .filter({ hasText: "Evaluasi mandiri SPBE Cimahi" })
      .getByText("47 indikator belum dikonsolidasi")
      .waitFor();
    expect(await untranslated(page)).toEqual([]);
    // The new assessment's first screen offers to start from the previous one.
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByTestId("copy-offer").getByText("Mulai dari jawaban tahun lalu?").waitFor();
    // An indicator shows the previous assessment beside this one (here on another framework).
    await page.goto(`${base}/penilaian/${id}/indikator/5`);
    await page
      .getByTestId("last-year")
      .getByText(/^Penilaian sebelumnya: /)
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the coordinator what is not ready before submitting, and takes the unit's proposal into the answer", async () => {
    const coordinator = await apiAs(COORDINATOR);
    // Everything answered but indicators 1 and 2.
    for (const code of CODES.slice(2))
      await coordinator("PUT", `/api/assessments/${id}/indicators/${code}/answer`, {
        level: 2,
        explanation: "Penjelasan.",
        version: 0,
      });
    const operator = await apiAs(OPERATOR);
    await operator("PUT", `/api/assessments/${id}/indicators/1/units/${unitId}`, {
      level: 3,
      explanation: "Perwal Nomor 7 Tahun 2024 tentang SPBE sudah ditetapkan.",
      status: "ready",
      version: 0,
    });

    const { page, errors } = await signedIn(COORDINATOR);
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByTestId("submit-blocked").waitFor();
    expect(await untranslated(page)).toEqual([]);
    await page.getByRole("button", { name: /^Lihat yang belum siap/ }).click();
    const checklist = page.getByTestId("submission-checklist");
    // Names, units and what is missing, each with a link to the indicator.
    const two = checklist
      .getByRole("row")
      .filter({ hasText: "Tingkat belum dipilih" })
      .filter({ hasText: /^2\./ });
    await two.getByText("Penjelasan belum diisi").waitFor();
    const one = checklist.getByRole("row").filter({ has: page.getByRole("link", { name: /^1\. / }) });
    await one.getByText("Bagian Organisasi Setda Kota Cimahi").first().waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await page.screenshot({ path: join(screenshots, "kesiapan-penyampaian.png") });
    await one.getByRole("link", { name: /^1\. / }).click();

    // The instansi's answer starts from the only proposal; "Gunakan usulan ini" puts it in again.
    await page.getByText("Perwal Nomor 7 Tahun 2024 tentang SPBE sudah ditetapkan.").first().waitFor();
    const explanation = page.getByLabel("Penjelasan").last();
    await expect.poll(() => explanation.inputValue()).toContain("Perwal Nomor 7 Tahun 2024");
    await explanation.fill("");
    await page.getByRole("button", { name: "Gunakan usulan ini" }).click();
    await expect.poll(() => explanation.inputValue()).toContain("Perwal Nomor 7 Tahun 2024");
    // Returned with a note: confirmed, and the note stays in view.
    await page.getByRole("button", { name: "Kembalikan ke unit" }).click();
    await page.getByLabel("Catatan untuk unit").fill("Lampirkan salinan Perwal yang ditandatangani.");
    await page.getByRole("button", { name: "Kirim ke unit" }).click();
    await page
      .getByText("Usulan dikembalikan ke Bagian Organisasi Setda Kota Cimahi dengan catatan.")
      .waitFor();
    await page.getByTestId("return-note").filter({ hasText: "Lampirkan salinan Perwal" }).waitFor();
    expect(await untranslated(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, "konsolidasi.png"), fullPage: true });
    // The same in one click to the unit's WhatsApp group: what it owes, the note, the link.
    await page.goto(`${base}/penilaian/${id}`);
    const share = page
      .getByRole("row")
      .filter({ hasText: "Bagian Organisasi Setda Kota Cimahi" })
      .first()
      .getByTestId("whatsapp");
    const href = (await share.getAttribute("href")) ?? "";
    expect(href.startsWith("https://wa.me/?text=")).toBe(true);
    const message = decodeURIComponent(href.slice("https://wa.me/?text=".length));
    expect(message).toContain("Untuk: Bagian Organisasi Setda Kota Cimahi");
    expect(message).toContain("dikembalikan: Lampirkan salinan Perwal yang ditandatangani.");
    expect(message).toContain(`${base}/penilaian/${id}`);

    for (const code of ["1", "2"]) {
      const row = (await coordinator("GET", `/api/assessments/${id}/indicators`)).items.find(
        (r: Json) => r.code === code,
      );
      await coordinator("PUT", `/api/assessments/${id}/indicators/${code}/answer`, {
        level: 2,
        explanation: "Penjelasan.",
        version: row.stages.self?.version ?? 0,
      });
    }
    // The instansi's answer does not make the unit whose proposal went back "ready".
    await page.reload();
    const unitRow = page.getByRole("row").filter({ hasText: "Bagian Organisasi Setda Kota Cimahi" }).first();
    // Assigned 1, ready 0, not answered 0, overdue 0.
    await expect.poll(() => unitRow.textContent()).toBe("Bagian Organisasi Setda Kota Cimahi1000");
    expect(errors).toEqual([]);
    await page.close();
    await coordinator("POST", `/api/assessments/${id}/transitions`, { to: "submitted" });
  });

  it("asks the assessor to confirm moving on with unscored indicators, and compares the stages", async () => {
    const assessor = await apiAs(ASSESSOR);
    await assessor("POST", `/api/assessments/${id}/transitions`, { to: "document_review" });
    for (const [code, level] of [
      ["1", 1],
      ["2", 3],
      ["3", 2],
    ] as const)
      await assessor("PUT", `/api/assessments/${id}/indicators/${code}/stages/document`, {
        level,
        note: "Fakta, analisis, justifikasi.",
        version: 0,
      });

    const { page, errors } = await signedIn(ASSESSOR);
    await page.goto(`${base}/penilaian/${id}`);
    await page.getByTestId("stage-progress").getByText("3/47 dinilai pada tahap Dokumen").waitFor();
    await page.getByRole("button", { name: "Lanjutkan ke Interviu" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("44 indikator belum dinilai pada tahap ini").waitFor();
    await dialog.getByTestId("unscored").getByRole("link", { name: "47", exact: true }).waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await page.screenshot({ path: join(screenshots, "konfirmasi-pindah-tahap.png") });
    await dialog.getByRole("button", { name: "Ya, lanjutkan tanpa menilai" }).click();
    await page.getByText("Penilaian dipindahkan ke tahap Interviu.").waitFor();
    expect(await untranslated(page)).toEqual([]);

    // Mandiri against Dokumen: the three changed indicators, the largest effect first.
    const compare = page.getByTestId("stage-compare");
    await page.getByRole("combobox", { name: "Ke tahap" }).click();
    await page.getByRole("option", { name: "Dokumen" }).click();
    await expect.poll(() => compare.locator("tbody tr").count()).toBe(2);
    // Whole signed differences, never cut to "-..".
    expect(await compare.textContent()).toContain("−1");
    expect(await compare.textContent()).toContain("+1");
    await page.screenshot({ path: join(screenshots, "perbandingan-tahap.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("holds publication while the review team's 'not valid' waits for the assessor, and tells the assessor", {
    timeout: 90_000,
  }, async () => {
    const assessor = await apiAs(ASSESSOR);
    // Publishing needs a final score for every indicator: the interview scores the rest.
    const rows = (await assessor("GET", `/api/assessments/${id}/indicators`)).items as Json[];
    for (const r of rows)
      if (!r.stages.document)
        await assessor("PUT", `/api/assessments/${id}/indicators/${r.code}/stages/interview`, {
          level: 2,
          note: "Klarifikasi.",
          version: 0,
        });
    for (const to of ["consolidation", "validation"])
      await assessor("POST", `/api/assessments/${id}/transitions`, { to, confirm: true });

    // The review team looks at the final score (not the instansi's claim) and sends it back.
    const reviewer = await signedIn(REVIEWER, REVIEWER_PASSWORD);
    await reviewer.page.goto(`${base}/penilaian/${id}/indikator/2`);
    const underReview = reviewer.page
      .locator(".mantine-Card-root")
      .filter({ has: reviewer.page.getByText("Nilai akhir yang direviu") });
    await expect.poll(() => underReview.textContent()).toMatch(/^Tingkat 3/);
    const verdict = reviewer.page
      .locator(".mantine-Card-root")
      .filter({ has: reviewer.page.getByRole("heading", { name: "Validasi nilai final" }) });
    await verdict.getByText("Tidak valid", { exact: true }).click();
    await verdict.getByLabel("Catatan").fill("Bukti tingkat 3 tidak menunjukkan integrasi.");
    await verdict.getByRole("button", { name: "Simpan validasi" }).click();
    await reviewer.page.getByTestId("review-state").filter({ hasText: "Menunggu koreksi asesor" }).waitFor();
    expect(await untranslated(reviewer.page)).toEqual([]);
    await reviewer.page.screenshot({ path: join(screenshots, "reviu-tidak-valid.png"), fullPage: true });

    // The administrator cannot publish, and is told why.
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    await admin.page.goto(`${base}/penilaian/${id}`);
    await admin.page.getByTestId("move-blocked").filter({ hasText: "belum menyatakan valid" }).waitFor();
    expect(await admin.page.getByRole("button", { name: "Publikasikan" }).count()).toBe(0);
    expect(await untranslated(admin.page)).toEqual([]);

    // The assessor hears of it through the bell, and corrects from the inbox.
    const { page, errors } = await signedIn(ASSESSOR);
    await page.getByTestId("bell").click();
    await page.getByRole("heading", { name: "Kotak masuk" }).waitFor();
    await page.getByTestId("notification").first().waitFor();
    expect(await untranslated(page)).toEqual([]);
    await page
      .getByTestId("notification")
      .filter({ hasText: "Tim reviu mengembalikan nilai akhir indikator 2 untuk dikoreksi" })
      .filter({ hasText: "Bukti tingkat 3 tidak menunjukkan integrasi." })
      .click();
    await page.waitForURL(/\/indikator\/2$/);
    await page.getByTestId("review-state").filter({ hasText: "Menunggu koreksi asesor" }).waitFor();
    await page.getByRole("heading", { name: "Nilai tahap Final" }).waitFor();
    await page.getByRole("button", { name: /Pilih tingkat 2/ }).click();
    await page.getByLabel("Penjelasan").last().fill("Dikoreksi: bukti hanya mendukung tingkat 2.");
    await page.getByRole("button", { name: "Simpan nilai" }).click();
    await page.getByTestId("review-state").filter({ hasText: "Menunggu validasi tim reviu" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();

    // Validated again: the administrator publishes, after a confirmation.
    await reviewer.page.reload();
    await verdict.getByText("Valid", { exact: true }).click();
    await verdict.getByLabel("Catatan").fill("Sudah sesuai.");
    await verdict.getByRole("button", { name: "Simpan validasi" }).click();
    await reviewer.page
      .getByTestId("review-state")
      .filter({ hasText: /^Valid/ })
      .waitFor();
    await admin.page.reload();
    await admin.page.getByRole("button", { name: "Publikasikan" }).click();
    await admin.page.getByRole("dialog").getByRole("button", { name: "Ya, publikasikan" }).click();
    await admin.page.getByText("Penilaian dipindahkan ke tahap Dipublikasikan.").waitFor();

    // Going back needs a reason.
    await admin.page.getByRole("button", { name: "Kembalikan ke Reviu/validasi" }).click();
    const back = admin.page.getByRole("dialog");
    const confirm = back.getByRole("button", { name: "Ya, kembalikan" });
    expect(await confirm.isDisabled()).toBe(true);
    await back.getByLabel("Alasan dikembalikan").fill("Nilai indikator 2 perlu dibahas ulang.");
    await confirm.click();
    await admin.page.getByText("Penilaian dipindahkan ke tahap Reviu/validasi.").waitFor();
    expect([...reviewer.errors, ...admin.errors]).toEqual([]);
    await reviewer.page.close();
    await admin.page.close();
  });

  it("lets the coordinator invite a colleague with a one-time link, and hand a leaving operator's post over", async () => {
    const coordinator = await signedIn(COORDINATOR);
    const page = coordinator.page;
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Pengguna" }).click();
    const form = page.locator(".mantine-Card-root").filter({ hasText: "Tambah pengguna" });
    await form.getByLabel("Email").fill("dewi.cimahi@uji.id");
    await form.getByLabel("Nama").fill("Dewi Operator Baru");
    await form.getByText("Undang dengan tautan").click();
    await form.getByRole("combobox", { name: "Peran" }).click();
    // The coordinator gives its instansi's own roles; the review team and assessors are not its own.
    const offered = (await page.getByRole("option").allTextContents()).sort();
    expect(offered).toEqual(["Asesor internal", "Koordinator SPBE", "Operator OPD", "Pimpinan"].sort());
    await page.getByRole("option", { name: "Operator OPD" }).click();
    await form.getByRole("combobox", { name: "Organisasi" }).fill("Setda Kota Cimahi");
    await page.getByRole("option", { name: /Bagian Organisasi Setda Kota Cimahi/ }).click();
    // A unit is named with its government: many cities have the same units.
    expect(await form.getByRole("combobox", { name: "Organisasi" }).inputValue()).toBe(
      "Bagian Organisasi Setda Kota Cimahi — Pemerintah Kota Cimahi",
    );
    await form.getByRole("button", { name: "Buat tautan undangan" }).click();
    const link = (await page.getByTestId("invite-link").textContent())?.trim() ?? "";
    expect(link).toMatch(new RegExp(`^${base}/undangan/[A-Za-z0-9_-]{40,}$`));
    await page.waitForTimeout(400); // the dialog's opening transition
    await page.screenshot({ path: join(screenshots, "tautan-undangan.png") });
    await page.keyboard.press("Escape");

    // The colleague opens the link without an account, chooses a password, and logs in.
    const fresh = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await fresh.goto(link);
    await fresh.getByText("Untuk Dewi Operator Baru (dewi.cimahi@uji.id)").waitFor();
    expect(await untranslated(fresh)).toEqual([]);
    await fresh.getByLabel("Kata sandi baru").fill("Dewi-memilih-sandinya-2026");
    await fresh.getByLabel("Ulangi kata sandi").fill("Dewi-memilih-sandinya-2026");
    await fresh.getByRole("button", { name: "Simpan kata sandi" }).click();
    await fresh.getByText("Kata sandi disimpan.", { exact: false }).waitFor();
    await fresh.close();
    const dewi = await signedIn("dewi.cimahi@uji.id", "Dewi-memilih-sandinya-2026");
    await dewi.page.close();

    // The demo's Cimahi operator leaves: her post goes to Dewi, her account is closed.
    await page.getByLabel("Cari nama atau email").fill("operator.cimahi");
    const row = page.getByRole("row").filter({ hasText: OPERATOR });
    await row.getByRole("button", { name: "Serah terima" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email pengganti").fill("dewi.cimahi@uji.id");
    await dialog.getByRole("button", { name: "Pindahkan ke pengganti" }).click();
    await page.getByText("1 peran dan 0 penugasan asesor dipindahkan kepada Dewi Operator Baru.").waitFor();
    // The leaver holds nothing in Cimahi any more, so leaves the coordinator's list; Dewi holds the post.
    await row.waitFor({ state: "detached" });
    await page.getByLabel("Cari nama atau email").fill("dewi.cimahi");
    // Her role names the unit with its government, as every unit shown outside its city does.
    await page
      .getByRole("row")
      .filter({ hasText: "dewi.cimahi@uji.id" })
      .getByText("Operator OPD · Bagian Organisasi Setda Kota Cimahi — Pemerintah Kota Cimahi")
      .waitFor();
    await page.screenshot({ path: join(screenshots, "serah-terima-koordinator.png") });
    expect(coordinator.errors).toEqual([]);
    await page.close();
  });
});
