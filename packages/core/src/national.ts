// The official national index of each year, as KemenPANRB's evaluation reports print it. A
// published fact, not something Matang computes: the national index is not the plain mean of the
// listed instansi, and the two are shown side by side, each named for what it is.

export interface NationalIndex {
  readonly year: number;
  /** As printed (two decimals). */
  readonly index: string;
  readonly source: string;
}

export const NATIONAL_INDEX: readonly NationalIndex[] = [
  { year: 2018, index: "1.98", source: "Laporan Hasil Evaluasi SPBE 2018, KemenPANRB" },
  { year: 2019, index: "2.18", source: "Laporan Hasil Evaluasi SPBE 2019, KemenPANRB" },
  { year: 2020, index: "2.26", source: "Laporan Hasil Evaluasi SPBE 2020, KemenPANRB" },
  { year: 2021, index: "2.24", source: "Laporan Hasil Evaluasi SPBE 2021, KemenPANRB" },
  { year: 2022, index: "2.34", source: "Laporan Hasil Evaluasi SPBE 2022, KemenPANRB" },
  { year: 2023, index: "2.79", source: "Laporan Hasil Evaluasi SPBE 2023, KemenPANRB" },
  { year: 2024, index: "3.12", source: "Laporan Hasil Evaluasi SPBE 2024, KemenPANRB" },
];

export const nationalIndexOf = (year: number): NationalIndex | null =>
  NATIONAL_INDEX.find((n) => n.year === year) ?? null;
