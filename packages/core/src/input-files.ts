// Parsing of user-supplied level files (CSV or JSON). Pure: text in, levels or located problems out,
// so the CLI and the server report the same errors the same way: file, line, field, message.
import { parse as parseCsv } from "csv-parse/sync";
import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { Framework } from "./framework/model.js";
import type { PlanConstraint } from "./planner.js";
import { describeValues, isValueOf } from "./scoring.js";

export interface FileProblem {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** The field (column or key) at fault, or "file" / "row" for the whole. */
  readonly field: string;
  readonly message: string;
  /** Machine-readable kind, with the values a translated message needs. */
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class InputFileError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(problems.map(formatFileProblem).join("\n"));
    this.name = "InputFileError";
  }
}

export function formatFileProblem(p: FileProblem): string {
  return `${p.file}:${p.line}: ${p.field}: ${p.message}`;
}

const BOM = "\uFEFF";

/** Which format a file is in: by its extension, else by its first character. */
export function detectFormat(text: string, file: string): "json" | "csv" {
  const lower = file.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".csv")) return "csv";
  return text.replace(BOM, "").trimStart().startsWith("{") ? "json" : "csv";
}

/**
 * Read indicator levels from a CSV file with header `indicator,level` or `indicator,value` (comma
 * or semicolon, as spreadsheets in Indonesian locales write) or a JSON object `{"1": 3, …}`.
 * Indicators may be named by code or alias; decimals may use a comma ("3,5") where the framework
 * takes decimals. An empty cell or a JSON null means "not answered yet". Throws `InputFileError`
 * with every problem found.
 */
export function parseLevelsFile(text: string, file: string, framework: Framework): Record<string, number> {
  if (text.replace(BOM, "").trim() === "") {
    throw new InputFileError([{ file, line: 1, field: "file", message: "the file is empty" }]);
  }
  const rows = detectFormat(text, file) === "json" ? jsonRows(text, file) : csvRows(text, file);
  const problems: FileProblem[] = [...rows.problems];
  const levels: Record<string, number> = {};
  const firstLine = new Map<string, number>();
  for (const row of rows.rows) {
    const at = (field: string, message: string) => problems.push({ file, line: row.line, field, message });
    const code = row.indicator.trim();
    if (code === "") {
      at("indicator", "the indicator code is empty");
      continue;
    }
    const canonical = framework.codeOfAlias.get(code);
    const indicator = canonical === undefined ? undefined : framework.indicatorByCode.get(canonical);
    if (!indicator) {
      at("indicator", `"${code}" is not an indicator of framework ${framework.id}`);
      continue;
    }
    const named = indicator.code === code ? code : `${indicator.code} ("${code}")`;
    const seen = firstLine.get(indicator.code);
    if (seen !== undefined) {
      at("indicator", `indicator ${named} is already given on line ${seen}`);
      continue;
    }
    firstLine.set(indicator.code, row.line);
    if (row.level === null) continue;
    const level =
      typeof row.level === "number" ? row.level : toNumberStrict(row.level, indicator.scale.decimals > 0);
    if (level === undefined) {
      at(rows.valueField, `${JSON.stringify(row.level)} is not a number`);
      continue;
    }
    if (!isValueOf(indicator, level)) {
      at(
        rows.valueField,
        indicator.scale.decimals > 0
          ? `${level} is not a value of indicator ${named} (${describeValues(indicator)})`
          : `${level} is not a level of indicator ${named} (levels ${describeValues(indicator)})`,
      );
      continue;
    }
    levels[indicator.code] = level;
  }
  if (problems.length > 0) throw new InputFileError(problems.sort((a, b) => a.line - b.line));
  return levels;
}

/** A plain decimal number; with `comma`, "3,5" reads as 3.5 too (the Indonesian decimal mark). */
export function toNumberStrict(s: string, comma = false): number | undefined {
  const t = comma ? s.trim().replace(/^([+-]?\d+),(\d+)$/, "$1.$2") : s.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

interface Row {
  readonly line: number;
  readonly indicator: string;
  /** null: not answered. A string is parsed as a number; anything else is reported. */
  readonly level: number | string | null;
}

interface Rows {
  readonly rows: Row[];
  readonly problems: FileProblem[];
  /** What the value column is called in this file ("level" or "value"). */
  readonly valueField: string;
}

const HEADERS = [
  ["indicator", "level"],
  ["indicator", "value"],
];

/** A CSV record with the line it ends on. */
export interface CsvRecord {
  readonly record: string[];
  readonly line: number;
}

/**
 * Read CSV text as spreadsheets write it: BOM or not, CRLF or LF, comma or (Indonesian-locale)
 * semicolon separated, blank lines skipped, cells trimmed. Throws `InputFileError` (with the
 * line) for broken quoting and for an empty file.
 */
export function readCsv(text: string, file: string): CsvRecord[] {
  // Files edited on several machines mix line endings; the parser would take the first one seen
  // as the only record separator and glue the other lines into cells.
  const body = text.replace(BOM, "").replace(/\r\n?/g, "\n");
  if (body.trim() === "")
    throw new InputFileError([{ file, line: 1, field: "file", message: "the file is empty" }]);
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  try {
    const records = parseCsv(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = error instanceof Error ? error.message.replace(/^Invalid[^:]*: /, "") : String(error);
    throw new InputFileError([
      { file, line, field: "file", message: `not valid CSV: ${message}`, code: "invalid_csv" },
    ]);
  }
}

function csvRows(text: string, file: string): Rows {
  let records: CsvRecord[];
  try {
    records = readCsv(text, file);
  } catch (error) {
    if (error instanceof InputFileError)
      return { rows: [], problems: [...error.problems], valueField: "level" };
    throw error;
  }
  const [header, ...data] = records;
  const problems: FileProblem[] = [];
  if (!header)
    return {
      rows: [],
      problems: [{ file, line: 1, field: "file", message: "the file is empty" }],
      valueField: "level",
    };
  const names = header.record.map((c) => c.trim().toLowerCase());
  const HEADER = HEADERS.find((h) => names.length === h.length && names.every((n, i) => n === h[i]));
  if (!HEADER) {
    problems.push({
      file,
      line: header.line,
      field: "header",
      message: `the first line must be the header "indicator,level" or "indicator,value" (found "${header.record.join(",")}")`,
    });
    return { rows: [], problems, valueField: "level" };
  }
  const rows: Row[] = [];
  for (const { record, line } of data) {
    if (record.length !== HEADER.length) {
      problems.push({
        file,
        line,
        field: "row",
        message: `expected 2 fields (indicator, ${HEADER[1]}), found ${record.length}`,
      });
      continue;
    }
    const [indicator = "", level = ""] = record;
    rows.push({ line, indicator, level: level === "" ? null : level });
  }
  return { rows, problems, valueField: HEADER[1] ?? "level" };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface JsonProperty {
  readonly line: number;
  readonly key: string;
  readonly value: Node | undefined;
}

/** The top-level properties of a JSON object, each with its line; syntax errors as problems. */
function jsonProperties(text: string, file: string): { properties: JsonProperty[]; problems: FileProblem[] } {
  // Keep offsets aligned with the original text: replace the BOM by a space rather than drop it.
  const body = text.startsWith(BOM) ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    return {
      properties: [],
      // Only the first syntax error: the ones after it are usually its echoes.
      problems: errors.slice(0, 1).map((e) => ({
        file,
        line: lineAt(body, e.offset),
        field: "file",
        message: `not valid JSON: ${printParseErrorCode(e.error)}`,
      })),
    };
  }
  if (root.type !== "object") {
    return {
      properties: [],
      problems: [{ file, line: lineAt(body, root.offset), field: "file", message: "expected a JSON object" }],
    };
  }
  const properties: JsonProperty[] = [];
  for (const property of root.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode) properties.push({ line: lineAt(body, keyNode.offset), key: String(keyNode.value), value });
  }
  return { properties, problems: [] };
}

function jsonRows(text: string, file: string): Rows {
  const { properties, problems } = jsonProperties(text, file);
  const rows = properties.map(({ line, key, value }) => ({
    line,
    indicator: key,
    level: jsonLevel(value, problems, file, line, key),
  }));
  return { rows, problems, valueField: "level" };
}

function jsonLevel(node: Node | undefined, problems: FileProblem[], file: string, line: number, key: string) {
  if (!node || node.type === "null") return null;
  if (node.type === "number") return node.value as number;
  // A string such as "3" is reported too: JSON numbers are what the format promises.
  problems.push({
    file,
    line,
    field: key,
    message: `the level must be a number, found ${node.type} ${JSON.stringify(node.value ?? null)}`,
  });
  return null;
}

/**
 * Read planner constraints: a JSON object `{"12": {"max": 3, "cost": 2}, "40": {"cost": {"5": 8}}}`.
 * Indicator codes are checked against the framework when the plan is made.
 */
export function parseConstraintsFile(text: string, file: string): Record<string, PlanConstraint> {
  if (text.replace(BOM, "").trim() === "") {
    throw new InputFileError([{ file, line: 1, field: "file", message: "the file is empty" }]);
  }
  const { properties, problems } = jsonProperties(text, file);
  if (problems.length > 0) throw new InputFileError(problems);
  const data = JSON.parse(text.replace(BOM, "")) as Record<string, unknown>;
  const out: Record<string, PlanConstraint> = {};
  for (const row of properties) {
    const code = row.key;
    const at = (field: string, message: string) => problems.push({ file, line: row.line, field, message });
    if (code in out) {
      at(code, `indicator ${code} is given twice`);
      continue;
    }
    const value = data[code];
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      at(code, 'expected an object such as {"max": 4, "cost": 2}');
      continue;
    }
    const entry = value as Record<string, unknown>;
    const constraint: {
      max?: number;
      cost?: number | Record<string, number>;
      maxStep?: number;
      earliest?: Record<string, number>;
      afterPrevious?: Record<string, number>;
      budgeted?: boolean;
    } = {};
    // {"level": whole number}: a level's earliest year or the years after the level below.
    const perLevelWhole = (key: "earliest" | "afterPrevious", v: unknown, example: string) => {
      if (typeof v !== "object" || v === null || Array.isArray(v)) {
        at(`${code}.${key}`, `must be an object such as ${example}`);
        return;
      }
      const out: Record<string, number> = {};
      for (const [level, x] of Object.entries(v)) {
        if (typeof x === "number" && Number.isInteger(x) && x >= 0) out[level] = x;
        else at(`${code}.${key}.${level}`, "must be a whole number");
      }
      constraint[key] = out;
    };
    for (const [key, v] of Object.entries(entry)) {
      if (key === "max") {
        if (typeof v === "number" && Number.isInteger(v)) constraint.max = v;
        else at(`${code}.max`, "must be a whole number (a level)");
      } else if (key === "cost") {
        if (typeof v === "number" && Number.isFinite(v) && v >= 0) constraint.cost = v;
        else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
          const perLevel: Record<string, number> = {};
          for (const [level, c] of Object.entries(v)) {
            if (typeof c === "number" && Number.isFinite(c) && c >= 0) perLevel[level] = c;
            else at(`${code}.cost.${level}`, "must be a number ≥ 0");
          }
          constraint.cost = perLevel;
        } else at(`${code}.cost`, 'must be a number ≥ 0 or an object {"level": cost}');
      } else if (key === "maxStep") {
        if (typeof v === "number" && Number.isInteger(v) && v >= 1) constraint.maxStep = v;
        else at(`${code}.maxStep`, "must be a whole number ≥ 1 (level steps per year)");
      } else if (key === "earliest") perLevelWhole("earliest", v, '{"2": 2028}');
      else if (key === "afterPrevious") perLevelWhole("afterPrevious", v, '{"5": 1}');
      else if (key === "budgeted") {
        if (typeof v === "boolean") constraint.budgeted = v;
        else at(`${code}.budgeted`, "must be true or false");
      } else
        at(
          `${code}.${key}`,
          'unknown field (use "max", "cost", "maxStep", "earliest", "afterPrevious" or "budgeted")',
        );
    }
    out[code] = constraint;
  }
  if (problems.length > 0) throw new InputFileError(problems);
  return out;
}
