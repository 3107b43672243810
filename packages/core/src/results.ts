// Official results tables (e.g. KemenPANRB's yearly report): one row per instansi with its
// published index, predicate and domain values. Pure: text in, rows or located problems out.
import { type FileProblem, InputFileError, readCsv } from "./input-files.js";
import { normalizeName } from "./names.js";
import { INSTANSI_KINDS, type InstansiKind } from "./registry.js";

export interface ResultRow {
  readonly line: number;
  readonly year: number;
  readonly name: string;
  readonly normalizedName: string;
  readonly kind: InstansiKind;
  readonly region: string | null;
  /** As published (two decimals): official figures are kept exactly as printed. */
  readonly index: string;
  readonly predicate: string;
  /**
   * Domain values (columns d1_…, keyed D1, D2, …) or, for a framework without domains such as
   * Pemdi, aspect values (columns a1_…, keyed A1, A2, …), as published, in column order.
   */
  readonly domains: Readonly<Record<string, string>>;
}

const DECIMAL = /^\d+([.,]\d+)?$/;

/**
 * Read a results table shaped like reference/results-2023.csv: year (or `year` given for the
 * whole file), instansi, type, region, index, predicate and domain columns d1_…, d2_…, … (or,
 * for the Indeks Pemerintah Digital, aspect columns a1_…, a2_…, …).
 */
export function parseResultsFile(text: string, file: string, year?: number): ResultRow[] {
  const records = readCsv(text, file);
  const [header, ...data] = records;
  const names = (header?.record ?? []).map((h) => h.trim().toLowerCase());
  const col = (n: string) => names.indexOf(n);
  const idx = {
    year: col("year"),
    name: col("instansi"),
    kind: col("type"),
    region: col("region"),
    index: col("index"),
    predicate: col("predicate"),
  };
  const domainCols = names.map((n, i) => [n, i] as const).filter(([n]) => /^d\d+(_|$)/.test(n));
  const aspectCols = names.map((n, i) => [n, i] as const).filter(([n]) => /^a\d+(_|$)/.test(n));
  const missing = (["name", "kind", "index", "predicate"] as const).filter((k) => idx[k] < 0);
  if (idx.year < 0 && year === undefined) missing.push("year" as never);
  if (missing.length > 0) {
    throw new InputFileError([
      {
        file,
        line: 1,
        field: "header",
        code: "missing_column",
        params: { columns: missing.join(", ") },
        message: `missing column ${missing.join(", ")}`,
      },
    ]);
  }
  const problems: FileProblem[] = [];
  const rows: ResultRow[] = [];
  for (const { record, line } of data) {
    const cell = (i: number) => (i >= 0 ? (record[i] ?? "").trim() : "");
    const at = (field: string, code: string, message: string) =>
      problems.push({ file, line, field, code, message });
    const rowYear = year ?? Number(cell(idx.year));
    if (!Number.isInteger(rowYear) || rowYear < 2000 || rowYear > 2200) {
      at("year", "invalid_year", `"${cell(idx.year)}" is not a year`);
      continue;
    }
    const name = cell(idx.name);
    if (!name) {
      at("instansi", "empty_name", "the name is empty");
      continue;
    }
    const kind = cell(idx.kind).toLowerCase();
    if (!(INSTANSI_KINDS as readonly string[]).includes(kind)) {
      at("type", "unknown_type", `"${cell(idx.kind)}" is not a type of instansi`);
      continue;
    }
    const index = cell(idx.index).replace(",", ".");
    if (!DECIMAL.test(index)) {
      at("index", "not_a_number", `"${cell(idx.index)}" is not a number`);
      continue;
    }
    const domains: Record<string, string> = {};
    let bad = false;
    const read = (columns: typeof domainCols, key: string) =>
      columns.forEach(([, i], k) => {
        const v = cell(i).replace(",", ".");
        if (v === "") return;
        if (!DECIMAL.test(v)) {
          at(names[i] ?? `${key.toLowerCase()}${k + 1}`, "not_a_number", `"${cell(i)}" is not a number`);
          bad = true;
        } else domains[`${key}${k + 1}`] = v;
      });
    read(domainCols, "D");
    read(aspectCols, "A");
    if (bad) continue;
    rows.push({
      line,
      year: rowYear,
      name,
      normalizedName: normalizeName(name),
      kind: kind as InstansiKind,
      region: cell(idx.region) || null,
      index,
      predicate: cell(idx.predicate),
      domains,
    });
  }
  if (problems.length > 0) throw new InputFileError(problems);
  return rows;
}

/**
 * The framework an evaluation year was run on: the one whose years include it (the most recent
 * such framework when several do). Official results of that year are on its index.
 */
export function frameworkOfYear<F extends { readonly years: readonly number[] }>(
  frameworks: Iterable<F>,
  year: number,
): F | undefined {
  let found: F | undefined;
  for (const f of frameworks) {
    if (!f.years.includes(year)) continue;
    if (!found || Math.min(...f.years) > Math.min(...found.years)) found = f;
  }
  return found;
}
