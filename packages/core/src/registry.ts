// The instansi registry file: a CSV shaped like the official results tables
// (…, instansi, type, group, region, …). Pure: text in, rows or located problems out.
import { type FileProblem, InputFileError, readCsv } from "./input-files.js";
import { normalizeName } from "./names.js";

/** The kinds of instansi in the national evaluation. */
export const INSTANSI_KINDS = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"] as const;
export type InstansiKind = (typeof INSTANSI_KINDS)[number];
/** Kinds that belong to a province. */
export const REGIONAL_KINDS: readonly InstansiKind[] = ["kabupaten", "kota"];

export interface RegistryRow {
  readonly line: number;
  readonly name: string;
  readonly normalizedName: string;
  readonly kind: InstansiKind;
  /** The published group ("Kementerian", "Lembaga Non Struktural (LNS)", …), if given. */
  readonly category: string | null;
  /** Province short name: a kabupaten/kota's province, or a province's own. */
  readonly region: string | null;
}

const COLUMNS = {
  name: ["instansi", "name", "nama"],
  kind: ["type", "kind", "jenis"],
  region: ["region", "province", "provinsi"],
  category: ["group", "category", "kelompok"],
} as const;

export function parseRegistryFile(text: string, file: string): RegistryRow[] {
  const records = readCsv(text, file);
  const [header, ...data] = records;
  const names = (header?.record ?? []).map((h) => h.trim().toLowerCase());
  const column = (aliases: readonly string[]) => names.findIndex((n) => aliases.includes(n));
  const idx = {
    name: column(COLUMNS.name),
    kind: column(COLUMNS.kind),
    region: column(COLUMNS.region),
    category: column(COLUMNS.category),
  };
  const missing = (["name", "kind"] as const).filter((k) => idx[k] < 0).map((k) => COLUMNS[k][0]);
  if (missing.length > 0) {
    throw new InputFileError([
      {
        file,
        line: 1,
        field: "header",
        message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${names.join(", ")})`,
        code: "missing_column",
        params: { columns: missing.join(", ") },
      },
    ]);
  }
  const problems: FileProblem[] = [];
  const rows: RegistryRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of data) {
    const cell = (i: number) => (i >= 0 ? (record[i] ?? "").trim() : "");
    const name = cell(idx.name);
    const kindText = cell(idx.kind).toLowerCase();
    const region = cell(idx.region) || null;
    const at = (field: string, message: string, code: string, params: Record<string, string | number> = {}) =>
      problems.push({ file, line, field, message, code, params });
    if (name === "") {
      at(COLUMNS.name[0], "the name is empty", "empty_name");
      continue;
    }
    if (!(INSTANSI_KINDS as readonly string[]).includes(kindText)) {
      at(
        COLUMNS.kind[0],
        `"${cell(idx.kind)}" is not a type of instansi (${INSTANSI_KINDS.join(", ")})`,
        "unknown_type",
        {
          value: cell(idx.kind),
          kinds: INSTANSI_KINDS.join(", "),
        },
      );
      continue;
    }
    const kind = kindText as InstansiKind;
    if (REGIONAL_KINDS.includes(kind) && !region) {
      at(COLUMNS.region[0], `a ${kind} needs its province in the region column`, "region_required", { kind });
      continue;
    }
    const normalizedName = normalizeName(name);
    const key = `${kind}|${normalizedName}|${REGIONAL_KINDS.includes(kind) ? normalizeName(region ?? "") : ""}`;
    const first = seen.get(key);
    if (first !== undefined) {
      at(COLUMNS.name[0], `"${name}" is already listed on line ${first}`, "duplicate_row", { name, first });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, name, normalizedName, kind, category: cell(idx.category) || null, region });
  }
  if (problems.length > 0) throw new InputFileError(problems);
  return rows;
}
