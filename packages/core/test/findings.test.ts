import { describe, expect, it } from "vitest";
import { evidenceFindings, type FindingContext, loadFramework, readDocument } from "../src/index.js";
import { definition, framework } from "./helpers.js";

const spbe = () => framework("permenpanrb-59-2020");
const pemdi = () => framework("pemdi-2026");

const PERBUP_GARUT = `BUPATI GARUT
PROVINSI JAWA BARAT
PERATURAN BUPATI GARUT
NOMOR 12 TAHUN 2019
TENTANG
SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK
DENGAN RAHMAT TUHAN YANG MAHA ESA
BUPATI GARUT,
Menimbang : a. bahwa untuk mewujudkan tata kelola pemerintahan yang bersih ...
Mengingat : 1. Undang-Undang Nomor 14 Tahun 1950 tentang Pembentukan Daerah Kabupaten di Jawa Barat;
Ditetapkan di Garut
pada tanggal 5 Maret 2019
BUPATI GARUT,`;

const REVIEW_2021 = `LAPORAN HASIL REVIU KEBIJAKAN SPBE
PEMERINTAH KABUPATEN BANDUNG
TAHUN 2021
Tim Koordinasi SPBE
Soreang, 14 Juni 2021
Reviu ini menilai Peraturan Bupati Bandung Nomor 3 Tahun 2019 ...`;

const NATIONAL = `PERATURAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI REPUBLIK INDONESIA
NOMOR 59 TAHUN 2020
TENTANG PEMANTAUAN DAN EVALUASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK
Lampiran: contoh penerapan di Kabupaten Garut, Kota Bandung dan Provinsi Jawa Barat ...`;

function context(overrides: Partial<FindingContext> & { text?: string }): FindingContext {
  const { text, ...rest } = overrides;
  return {
    framework: spbe(),
    indicator: "1",
    level: 2,
    item: null,
    organization: { name: "Pemerintah Kabupaten Bandung", kind: "kabupaten" },
    referenceDate: "2026-02-01",
    file: {
      size: 250_000,
      mediaType: "application/pdf",
      title: "Perbup SPBE",
      textStatus: "done",
      textChars: 5000,
      pages: 3,
    },
    facts: text === undefined ? null : readDocument(text),
    duplicates: [],
    ...rest,
  };
}

const codes = (c: FindingContext) => evidenceFindings(c).map((f) => f.code);

describe("reading a document's facts", () => {
  it("finds the number, year and signing date of a regional regulation, and whose it is", () => {
    const facts = readDocument(PERBUP_GARUT);
    expect(facts.number).toMatchObject({ number: "12", year: 2019 });
    expect(facts.number?.excerpt).toContain("NOMOR 12 TAHUN 2019");
    // The signing date, not the date of a law it cites.
    expect(facts.date).toMatchObject({ iso: "2019-03-05" });
    expect(facts.date?.excerpt).toMatch(/tanggal 5 Maret 2019/);
    expect(facts.subjects[0]).toMatchObject({ kind: "kabupaten", name: "GARUT" });
    expect(facts.subjects.some((s) => s.kind === "provinsi" && s.name === "JAWA BARAT")).toBe(true);
  });

  it("reads a decree's number with its year inside, and numeric dates", () => {
    const facts = readDocument(
      "KEPUTUSAN WALI KOTA CIMAHI\nNomor: 100.3.3.2/Kep.85-Diskominfo/2023\ntentang Tim Koordinasi SPBE\nCimahi, 02/10/2023",
    );
    expect(facts.number).toMatchObject({ number: "100.3.3.2/Kep.85-Diskominfo/2023", year: 2023 });
    expect(facts.date?.iso).toBe("2023-10-02");
    expect(facts.subjects[0]).toMatchObject({ kind: "kota", name: "CIMAHI" });
  });

  it("finds nothing where there is nothing, and never an impossible date", () => {
    expect(readDocument("")).toMatchObject({ number: null, date: null, subjects: [] });
    expect(readDocument("Laporan 31 Februari 2024 nomenklatur").date).toBeNull();
    expect(readDocument("di kota ini dan di provinsi lain").subjects).toEqual([]);
  });
});

describe("findings on evidence", () => {
  it("say whose a document is when its title names another regency, with the words that show it", () => {
    const found = evidenceFindings(context({ text: PERBUP_GARUT }));
    const other = found.find((f) => f.code === "other_object");
    expect(other?.message.id).toBe(
      "Dokumen ini tampaknya milik Kabupaten GARUT, bukan Pemerintah Kabupaten Bandung.",
    );
    expect(other?.message.en).toContain("Regency of GARUT");
    expect(other?.excerpt).toBe("BUPATI GARUT");
    // Number and date are shown as the document's metadata.
    expect(found.map((f) => f.code)).toEqual(["document_number", "document_date", "other_object"]);
    expect(found[1]?.message.id).toBe("Tanggal dokumen: 5 Maret 2019");
  });

  it("leave the instansi's own documents alone, and a national regulation naming many bodies", () => {
    const own = PERBUP_GARUT.replaceAll("GARUT", "BANDUNG");
    expect(codes(context({ text: own }))).not.toContain("other_object");
    expect(codes(context({ text: NATIONAL }))).not.toContain("other_object");
    // A city's document in a regency's evidence is another instansi's too.
    expect(codes(context({ text: own.replaceAll("BUPATI BANDUNG", "WALI KOTA BANDUNG") }))).toContain(
      "other_object",
    );
    // A ministry names regions in passing only.
    expect(
      codes(
        context({ text: PERBUP_GARUT, organization: { name: "Kementerian Kesehatan", kind: "kementerian" } }),
      ),
    ).not.toContain("other_object");
  });

  it("flag a review report older than the level allows, counted from the self-assessment's start", () => {
    // Level 4 of a policy indicator asks for a review younger than two years (framework data).
    const outdated = evidenceFindings(context({ level: 4, text: REVIEW_2021 }));
    const finding = outdated.find((f) => f.code === "review_outdated");
    expect(finding?.message.id).toContain("14 Juni 2021");
    expect(finding?.message.id).toContain("24 bulan");
    expect(finding?.excerpt).toContain("14 Juni 2021");
    // Recent enough, or a level that asks for no review: nothing.
    expect(codes(context({ level: 4, referenceDate: "2023-01-01", text: REVIEW_2021 }))).not.toContain(
      "review_outdated",
    );
    expect(codes(context({ level: 2, text: REVIEW_2021 }))).not.toContain("review_outdated");
  });

  it("flag a document of the wrong kind for what the level asks, naming both", () => {
    // Level 2 asks for a regulation, decree or circular; a review report is not one.
    const wrong = evidenceFindings(context({ level: 2, text: REVIEW_2021 })).find(
      (f) => f.code === "wrong_kind",
    );
    expect(wrong?.message.id).toBe(
      "Dokumen ini tampaknya laporan reviu/evaluasi, sedangkan yang diminta: peraturan, keputusan (SK), surat edaran.",
    );
    expect(wrong?.excerpt).toMatch(/LAPORAN HASIL REVIU/);
    expect(codes(context({ level: 2, text: PERBUP_GARUT }))).not.toContain("wrong_kind");
    // A service indicator's level 1 asks for screenshots: a decree is the wrong document, a picture is not.
    expect(codes(context({ indicator: "40", level: 1, text: PERBUP_GARUT }))).toContain("wrong_kind");
    const picture = context({ indicator: "40", level: 1 });
    expect(
      codes({ ...picture, file: { ...picture.file, mediaType: "image/png", textStatus: "no_text" } }),
    ).not.toContain("wrong_kind");
    // A document of no known kind is not judged.
    expect(codes(context({ level: 2, text: "Dokumen pendukung kegiatan" }))).not.toContain("wrong_kind");
  });

  it("flag an external index's result older than the index allows (Pemdi, IKASANDI: 12 months)", () => {
    const text = "HASIL PENGUKURAN IKASANDI\nBadan Siber dan Sandi Negara\nJakarta, 20 Desember 2024";
    const found = evidenceFindings(context({ framework: pemdi(), indicator: "I10", level: 3, text }));
    expect(found.map((f) => f.code)).toContain("instrument_outdated");
    expect(
      codes(context({ framework: pemdi(), indicator: "I10", level: 3, referenceDate: "2025-06-01", text })),
    ).not.toContain("instrument_outdated");
  });

  it("say when a scan has no text, a file is nearly empty, or the same file supports another indicator", () => {
    const base = context({});
    expect(codes({ ...base, file: { ...base.file, textStatus: "no_text", textChars: 0 } })).toEqual([
      "no_text",
    ]);
    expect(codes({ ...base, file: { ...base.file, size: 300 } })).toEqual(["empty_or_tiny"]);
    const thin = evidenceFindings({ ...base, file: { ...base.file, textChars: 40, pages: 2 } });
    expect(thin.map((f) => f.code)).toEqual(["empty_or_tiny"]);
    expect(thin[0]?.message.id).toBe("Dokumen ini hampir tanpa isi (40 karakter teks pada 2 halaman).");
    const twice = evidenceFindings({
      ...base,
      duplicates: [
        { title: "SK Tim SPBE", indicator: "2", level: 3, year: 2025 },
        { title: "SK Tim SPBE", indicator: "5", level: 2, year: 2026 },
      ],
    });
    expect(twice.map((f) => f.code)).toEqual(["duplicate"]);
    expect(twice[0]?.message.id).toBe(
      "Berkas yang sama sudah menjadi bukti 2 tingkat 3 (2025) dan 1 tempat lain: tautkan bukti itu daripada mengunggah ulang.",
    );
  });

  it("follow the framework's data: a framework without rules finds only what the text says", () => {
    // The shipped framework without its rules: no kinds, no ages, no thresholds.
    const bare = JSON.parse(
      JSON.stringify(definition("permenpanrb-59-2020"), (key, value) =>
        key === "evidenceChecks" || key === "check" ? undefined : value,
      ),
    );
    const loaded = loadFramework(bare);
    if (!loaded.ok) throw new Error("bare framework did not load");
    const found = codes(context({ framework: loaded.framework, level: 4, text: REVIEW_2021 }));
    expect(found).toEqual(["document_date"]);
  });
});

describe("framework validation of the rules", () => {
  it("refuses a pattern that is not a regular expression and a check naming an unknown kind", () => {
    const def = structuredClone(definition("permenpanrb-59-2020")) as {
      evidenceChecks: { documentKinds: { patterns?: string[] }[] };
      domains: { aspects: { indicators: { levels: { check?: { kinds?: string[] } }[] }[] }[] }[];
    };
    const first = def.evidenceChecks.documentKinds[0];
    if (first) first.patterns = ["laporan (reviu"];
    const level = def.domains[0]?.aspects[0]?.indicators[0]?.levels[2];
    if (level) level.check = { kinds: ["regulation", "poster"] };
    const result = loadFramework(def);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([
      ["evidenceChecks.documentKinds[0].patterns[0]", "invalid_pattern"],
      ["domains[0].aspects[0].indicators[0].levels[2].check.kinds[1]", "unknown_document_kind"],
    ]);
  });
});
