// What the national portal shows back, read from a table people copy out of it (pasted text,
// tab-separated) or fill in Matang's template: each item's verdict with the assessor's note, and
// the official values per indicator and the index. Pure: rows in, rows or located problems out.
import type { Framework } from "./framework/model.js";
import { type FileProblem, InputFileError, toNumberStrict } from "./input-files.js";

/** The portal's statuses for an item: accepted, or returned for one of three reasons. */
export const OFFICIAL_STATUSES = ["accepted", "wrong_object", "not_uploaded", "auto_rejected"] as const;
export type OfficialStatus = (typeof OFFICIAL_STATUSES)[number];
export const OFFICIAL_STAGES = ["interim", "final"] as const;
export type OfficialStage = (typeof OFFICIAL_STAGES)[number];

/** The portal's words (and ours, and English) for each status, compared without case or punctuation. */
const STATUS_WORDS: Readonly<Record<OfficialStatus, readonly string[]>> = {
  accepted: ["diterima", "terima", "accepted", "ok", "sesuai"],
  wrong_object: [
    "revisi tidak tepat",
    "tidak tepat",
    "revisi salah objek",
    "salah objek",
    "wrong object",
    "wrong document",
    "returned wrong object",
  ],
  not_uploaded: [
    "revisi belum diunggah",
    "belum diunggah",
    "belum upload",
    "tidak diunggah",
    "not uploaded",
    "returned not uploaded",
  ],
  auto_rejected: [
    "revisi ditolak otomatis",
    "ditolak otomatis",
    "otomatis ditolak",
    "automatically rejected",
    "auto rejected",
    "returned automatically rejected",
  ],
};

const folded = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const STATUS_OF = new Map(
  Object.entries(STATUS_WORDS).flatMap(([status, words]) =>
    words.map((w) => [folded(w), status as OfficialStatus]),
  ),
);

/** A status as people write it ("Revisi: tidak tepat", "Diterima"), or undefined. */
export function officialStatusOf(text: string): OfficialStatus | undefined {
  return STATUS_OF.get(folded(text));
}

/** The words that name the index itself in a values table. */
const INDEX_WORDS = new Set(["indeks", "index", "indeks pemdi", "indeks spbe", "indeks pemerintah digital"]);
/** First cells of header lines, skipped wherever they appear. */
const HEADER_WORDS = new Set(["kode", "butir", "kode butir", "indikator", "code", "item", "indicator", "no"]);

export interface OfficialVerdict {
  readonly line: number;
  readonly item: string;
  readonly indicator: string;
  readonly status: OfficialStatus;
  readonly note: string;
}

export interface OfficialValue {
  readonly line: number;
  /** null: the index itself. */
  readonly indicator: string | null;
  readonly value: number;
}

export interface OfficialTable {
  readonly verdicts: readonly OfficialVerdict[];
  readonly values: readonly OfficialValue[];
}

export interface TableRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Pasted text as rows: one per line, cells split on tabs (as a browser copies a table). */
export function pastedRows(text: string): TableRow[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ line: i + 1, cells: line.split("\t").map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ""));
}

const MAX_NOTE = 5000;
const MAX_PROBLEMS = 200;

/**
 * Read the rows of official tables (a paste, or each sheet of the template): an item code with a
 * status (and the assessor's note), or an indicator code (or alias) or "Indeks" with a value in
 * the framework's range. Header lines and rows with nothing in the second column are skipped; an
 * unknown code, an unknown status, a value out of range or a code twice is a problem with its
 * file and line. Nothing is returned while there is one (`InputFileError` lists them all).
 */
export function parseOfficialTables(
  tables: readonly { readonly file: string; readonly rows: readonly TableRow[] }[],
  framework: Framework,
): OfficialTable {
  const problems: FileProblem[] = [];
  const verdicts: OfficialVerdict[] = [];
  const values: OfficialValue[] = [];
  const seen = new Map<string, string>();
  const first = framework.indicators[0];
  const min = first?.scale.min ?? 0;
  const max = first?.scale.max ?? 5;
  for (const { file, rows } of tables)
    for (const { line, cells } of rows) {
      // A table that is not the portal's at all: the first problems say enough.
      if (problems.length >= MAX_PROBLEMS) break;
      const at = (field: string, code: string, message: string, params?: Record<string, string | number>) =>
        problems.push({ file, line, field, code, message, ...(params ? { params } : {}) });
      const [rawCode = "", second = "", third = ""] = cells;
      const code = rawCode.trim();
      if (code === "" || HEADER_WORDS.has(folded(code)) || second.trim() === "") continue;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.test(cells.join(""))) {
        at("row", "control_character", "the line holds control characters or broken text");
        continue;
      }
      const item = framework.itemByCode.get(code.toUpperCase());
      const indicatorCode = framework.codeOfAlias.get(code) ?? framework.codeOfAlias.get(code.toUpperCase());
      const isIndex = INDEX_WORDS.has(folded(code));
      const key = item?.code ?? indicatorCode ?? (isIndex ? "(index)" : code);
      const before = seen.get(key);
      if (before !== undefined) {
        at("code", "duplicate", `${code} is already at ${before}`, { code, at: before });
        continue;
      }
      seen.set(key, `${file}:${line}`);
      if (item) {
        const status = officialStatusOf(second);
        if (!status) {
          at(
            "status",
            "unknown_status",
            `"${second}" is not a portal status (Diterima, Revisi: tidak tepat, belum diunggah, ditolak otomatis)`,
            {
              status: second,
            },
          );
          continue;
        }
        verdicts.push({
          line,
          item: item.code,
          indicator: item.indicatorCode,
          status,
          note: third.slice(0, MAX_NOTE),
        });
        continue;
      }
      if (indicatorCode || isIndex) {
        const value = toNumberStrict(second, true);
        if (value === undefined) {
          at("value", "not_a_number", `"${second}" is not a number`, { value: second });
          continue;
        }
        const indicator = indicatorCode ? framework.indicatorByCode.get(indicatorCode) : undefined;
        const lo = indicator?.scale.min ?? min;
        const hi = indicator?.scale.max ?? max;
        if (value < lo || value > hi) {
          at("value", "out_of_range", `${second} is outside ${lo}–${hi}`, {
            value: second,
            min: lo,
            max: hi,
          });
          continue;
        }
        values.push({ line, indicator: indicatorCode ?? null, value });
        continue;
      }
      at(
        "code",
        "unknown_code",
        `"${code}" is neither an item, an indicator nor the index of ${framework.id}`,
        {
          code,
        },
      );
    }
  if (problems.length > 0) throw new InputFileError(problems);
  if (verdicts.length === 0 && values.length === 0)
    throw new InputFileError([
      {
        file: tables[0]?.file ?? "",
        line: 1,
        field: "file",
        code: "empty",
        message: "no item verdict or value was found",
      },
    ]);
  return { verdicts, values };
}

/** Returned by the portal: the item needs work again (accepted is the only other status). */
export const isReturned = (status: OfficialStatus) => status !== "accepted";

/** Where an indicator's clarification stands, from preparing the answer to its outcome. */
export const CLARIFICATION_STATUSES = ["to_prepare", "ready", "presented", "concluded"] as const;
export type ClarificationStatus = (typeof CLARIFICATION_STATUSES)[number];
export const ITEM_OUTCOMES = ["accepted", "still_returned"] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export interface ClarificationCandidate {
  readonly code: string;
  readonly claim: number;
  readonly official: number;
  /** Index points the difference costs: weight × (claim − official) / total weight. */
  readonly loss: number;
}

/** The index points one indicator moves when its value moves by `delta`. */
export function indexEffect(framework: Framework, code: string, delta: number): number {
  const total = framework.indicators.reduce((n, i) => n + i.weight, 0);
  const weight = framework.indicatorByCode.get(code)?.weight ?? 0;
  return total === 0 ? 0 : (weight * delta) / total;
}

/**
 * What is worth clarifying: every indicator whose official value is below the instansi's claim,
 * the largest loss of index first ("clarify the value of every indicator that could still go up").
 */
export function clarificationCandidates(
  framework: Framework,
  claims: Readonly<Record<string, number>>,
  official: Readonly<Record<string, number>>,
): ClarificationCandidate[] {
  return framework.indicators
    .flatMap((i) => {
      const claim = claims[i.code];
      const value = official[i.code];
      if (claim === undefined || value === undefined || value >= claim) return [];
      return [{ code: i.code, claim, official: value, loss: indexEffect(framework, i.code, claim - value) }];
    })
    .sort((a, b) => b.loss - a.loss || a.code.localeCompare(b.code, undefined, { numeric: true }));
}

/** How a mock (internal or province) score compares with the official value of the same indicator. */
export type Leniency = "lenient" | "strict" | "same";

export interface OfficialComparisonRow {
  readonly code: string;
  readonly mock: number;
  readonly official: number;
  /** mock − official: above zero the team was more lenient than the portal's assessors. */
  readonly difference: number;
  readonly verdict: Leniency;
  /** What the difference is worth on the index. */
  readonly effect: number;
}

/**
 * Where a mock evaluation was too lenient or too strict against the official values, indicator by
 * indicator, for the indicators both scored; with counts and the total effect on the index.
 * Differences below half the smallest step the scale shows (0.005 on two decimals) are "same".
 */
export function compareWithOfficial(
  framework: Framework,
  mock: Readonly<Record<string, number>>,
  official: Readonly<Record<string, number>>,
) {
  const tolerance = 0.5 / 10 ** framework.valuePlaces;
  const rows: OfficialComparisonRow[] = framework.indicators.flatMap((i) => {
    const m = mock[i.code];
    const o = official[i.code];
    if (m === undefined || o === undefined) return [];
    const difference = m - o;
    const verdict: Leniency =
      Math.abs(difference) < tolerance ? "same" : difference > 0 ? "lenient" : "strict";
    return [
      {
        code: i.code,
        mock: m,
        official: o,
        difference,
        verdict,
        effect: indexEffect(framework, i.code, difference),
      },
    ];
  });
  const count = (v: Leniency) => rows.filter((r) => r.verdict === v).length;
  return {
    rows,
    summary: {
      lenient: count("lenient"),
      strict: count("strict"),
      same: count("same"),
      effect: rows.reduce((n, r) => n + r.effect, 0),
    },
  };
}
