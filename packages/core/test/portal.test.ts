import { describe, expect, it } from "vitest";
import type { InputFileError } from "../src/input-files.js";
import { builtinFrameworks } from "../src/node.js";
import { parseOfficialTables, pastedRows } from "../src/official.js";
import {
  changedSinceUpload,
  packageEntries,
  portalProblems,
  safeTitle,
  titleForName,
} from "../src/portal.js";

const profile = {
  name: "eval.spbe.go.id",
  acceptedTypes: ["pdf", "jpg", "jpeg", "png"],
  maxFileMb: 10,
  fileName: "{code}_{title}",
};
const file = (code: string, title: string, name = "x.pdf", size = 1000) => ({
  code,
  level: 1,
  title,
  kind: "file" as const,
  originalName: name,
  mediaType: "application/pdf",
  size,
});

describe("portal file names", () => {
  it("names each file {code}_{title}.ext, safe on every system, once per package", () => {
    const entries = packageEntries(profile, [
      file("I9-L1-01", "SK Tim Audit: 2026/I"),
      file("I9-L1-01", "SK Tim Audit: 2026/I"),
      file("I9-L1-02", "i9-l1-02_Rencana audit.pdf"),
      file("I9-L1-03", "I9-L1-03"),
      file("I9-L2-01", "Laporan\u0000audit\u202e\tinternal\uFFFD", "laporan.PNG"),
    ]);
    expect(entries.map((e) => e.fileName)).toEqual([
      "I9-L1-01_SK Tim Audit 2026 I.pdf",
      "I9-L1-01_SK Tim Audit 2026 I (2).pdf",
      "I9-L1-02_Rencana audit.pdf",
      "I9-L1-03_dokumen.pdf",
      "I9-L2-01_Laporan audit internal.png",
    ]);
    expect(entries.every((e) => e.included)).toBe(true);
  });

  it("keeps an indicator code that only starts the title's number, and cuts long titles", () => {
    expect(titleForName("1", "10 SK Wali Kota", "pdf")).toBe("10 SK Wali Kota");
    expect(titleForName("1", "1 - SK Wali Kota.pdf", "pdf")).toBe("SK Wali Kota");
    expect([...safeTitle("a".repeat(200))]).toHaveLength(80);
    expect(safeTitle(" ... ")).toBe("dokumen");
  });
});

describe("what the portal would refuse", () => {
  it("says what is wrong and what to do, in both languages", () => {
    expect(portalProblems(profile, file("I1-L1-01", "x", "renstra.docx")).map((p) => p.code)).toEqual([
      "wrong_type",
    ]);
    const big = portalProblems(profile, file("I1-L1-01", "x", "scan.pdf", 12 * 1024 * 1024));
    expect(big).toMatchObject([{ code: "too_large" }]);
    expect(big[0]?.message.id).toBe(
      "Berkas 12,0 MB melebihi batas portal 10 MB: kompres PDF-nya atau pecah menjadi beberapa berkas, lalu unggah versi barunya.",
    );
    // Exactly the limit is still taken.
    expect(portalProblems(profile, file("I1-L1-01", "x", "a.pdf", 10 * 1024 * 1024))).toEqual([]);
    expect(
      portalProblems(profile, { code: "I1-L2-01", level: 2, title: "Laman", kind: "link" }).map(
        (p) => p.code,
      ),
    ).toEqual(["not_a_file"]);
    expect(
      portalProblems(profile, { ...file("I1-L2-02", "x"), review: "revision" }).map((p) => p.code),
    ).toEqual(["returned"]);
    const [link] = packageEntries(profile, [{ code: "I1-L2-01", level: 2, title: "Laman", kind: "link" }]);
    expect(link).toMatchObject({ fileName: null, included: false });
  });

  it("notices another file version, an added or a removed document since the mark", () => {
    expect(changedSinceUpload(["b", "a"], ["a", "b"])).toBe(false);
    expect(changedSinceUpload(["a"], ["a2"])).toBe(true);
    expect(changedSinceUpload(["a"], ["a", "b"])).toBe(true);
    expect(changedSinceUpload(["a", "b"], ["b"])).toBe(true);
  });
});

describe("reading the portal's tables", () => {
  const pemdi = builtinFrameworks().get("pemdi-2026");
  if (!pemdi) throw new Error("pemdi-2026 missing");
  const read = (text: string) => parseOfficialTables([{ file: "tempel", rows: pastedRows(text) }], pemdi);
  const problems = (text: string) => {
    try {
      read(text);
      return [];
    } catch (e) {
      return (e as InputFileError).problems.map((p) => `${p.line} ${p.field} ${p.code}`);
    }
  };

  it("reads the portal's words for each status, comma decimals, aliases and the index, skipping headers", () => {
    const table = read(
      [
        "Kode Butir\tStatus\tCatatan Asesor",
        "i9-l1-01\tDiterima\t",
        "I9-L1-02\tREVISI : Tidak Tepat\tBukan rencana audit.",
        "I9-L2-01\tRevisi: belum diunggah",
        "I10-L2-01\tRevisi: Ditolak otomatis\t",
        "I9-L3-01\t\t(belum dinilai)",
        "Indikator\tNilai",
        "4.1\t2,37",
        "Indeks\t1.87",
      ].join("\r\n"),
    );
    expect(table.verdicts.map((v) => [v.item, v.status])).toEqual([
      ["I9-L1-01", "accepted"],
      ["I9-L1-02", "wrong_object"],
      ["I9-L2-01", "not_uploaded"],
      ["I10-L2-01", "auto_rejected"],
    ]);
    expect(table.values).toEqual([
      { line: 8, indicator: "I9", value: 2.37 },
      { line: 9, indicator: null, value: 1.87 },
    ]);
  });

  it("names every problem by line and stops listing after 200", () => {
    expect(problems("I9-L1-01\tTolak\nI9\t5,5\nX1\t2\nI9\t2\nI9\t3")).toEqual([
      "1 status unknown_status",
      "2 value out_of_range",
      "3 code unknown_code",
      "4 code duplicate",
      "5 code duplicate",
    ]);
    expect(problems("")).toEqual(["1 file empty"]);
    expect(problems(Array.from({ length: 5000 }, (_, i) => `Z${i}\t1`).join("\n"))).toHaveLength(200);
  });
});
