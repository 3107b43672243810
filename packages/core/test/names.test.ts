import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  closestProvince,
  editDistance,
  institutionForms,
  normalizeName,
  relatedProvinces,
  renamedMinistry,
} from "../src/names.js";
import { parseResultsFile } from "../src/results.js";
import { repoRoot } from "./helpers.js";

// The provinces as the 2023 table names them (the region column): a closed set of 38.
const regions = [
  ...new Set(
    parseResultsFile(readFileSync(join(repoRoot, "reference/results-2023.csv"), "utf8"), "results-2023.csv")
      .map((r) => r.region)
      .filter((r): r is string => r !== null && r !== ""),
  ),
];
const known = new Map(regions.map((r) => [normalizeName(r), r]));

describe("province names as tables write them", () => {
  it("has the closed set to match against", () => {
    expect(regions.length).toBeGreaterThanOrEqual(34);
  });

  it("reads each province as itself, a prefixed or mistyped spelling as the one it can only be", () => {
    for (const r of regions) expect(closestProvince(r, known)).toBe(r);
    expect(closestProvince("Kepulauan Bangka Belitung", known)).toBe("Bangka Belitung");
    expect(closestProvince("Nusa Tenggara Tlmur", known)).toBe("Nusa Tenggara Timur");
    expect(closestProvince("Provinsi Sulawesi Utara", known)).toBe("Sulawesi Utara");
    expect(closestProvince("Papua", known)).toBe("Papua");
  });

  it("never reads one province as another: every single-letter change lands on itself or on nothing", () => {
    const letters = "abcdefghijklmnopqrstuvwxyz";
    for (const r of regions) {
      const n = normalizeName(r);
      for (let i = 0; i < n.length; i++)
        for (const c of letters) {
          const typo = n.slice(0, i) + c + n.slice(i + 1);
          const read = closestProvince(typo, known);
          if (read !== undefined && read !== r) {
            // Only when the typo is itself (closer to) another province's name.
            expect(editDistance(typo, normalizeName(read))).toBeLessThanOrEqual(editDistance(typo, n));
            expect(known.has(typo) || editDistance(typo, normalizeName(read)) <= 1).toBe(true);
          }
        }
    }
  });
});

describe("state institutions listed as their secretariat", () => {
  it("offers the institution behind a secretariat prefix, and nothing for other names", () => {
    expect(institutionForms(normalizeName("Sekretariat Jenderal Majelis Permusyawaratan Rakyat"))).toEqual([
      "majelis permusyawaratan rakyat",
    ]);
    expect(
      institutionForms(normalizeName("Kepaniteraan dan Sekretariat Jenderal Mahkamah Konstitusi")),
    ).toEqual(["mahkamah konstitusi"]);
    expect(institutionForms(normalizeName("Badan Pusat Statistik"))).toEqual([]);
  });
});

describe("bodies across province splits and ministry renames", () => {
  it("looks for a regency in the provinces split from (or into) the one a table names", () => {
    expect(relatedProvinces("Papua").map((m) => m.province)).toEqual([
      "Papua Selatan",
      "Papua Tengah",
      "Papua Pegunungan",
    ]);
    expect(relatedProvinces("Provinsi Papua Barat Daya")).toEqual([
      { province: "Papua Barat", from: "Papua Barat", to: "Papua Barat Daya", year: 2022 },
    ]);
    expect(relatedProvinces("Jawa Barat")).toEqual([]);
  });

  it("takes a ministry whose name gained a part or kept its head, only when exactly one answers", () => {
    const ministries = [
      "Kementerian Pariwisata dan Ekonomi Kreatif",
      "Kementerian Pendidikan dan Kebudayaan",
      "Kementerian Hukum dan Hak Asasi Manusia",
      "Kementerian Dalam Negeri",
      "Kementerian Luar Negeri",
      "Kementerian Koordinator Bidang Politik, Hukum dan Keamanan",
    ].map((name, i) => ({ id: String(i), names: [normalizeName(name)] }));
    const find = (name: string) => renamedMinistry(normalizeName(name), ministries);
    expect(find("Kementerian Pariwisata")).toBe("0");
    expect(find("Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi")).toBe("1");
    expect(find("Kementerian Hukum")).toBe("2");
    // Split off as its own ministry: not the head of the old name.
    expect(find("Kementerian Hak Asasi Manusia")).toBeUndefined();
    expect(find("Kementerian Negeri")).toBeUndefined();
    expect(find("Kementerian Komunikasi dan Digital")).toBeUndefined();
  });
});
