import { describe, expect, it } from "vitest";
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
