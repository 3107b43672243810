// Pre-checks of an evidence document: what its text says about it (number, date, kind, whose it
// is) and what that means for the level it supports. The facts are read once from the text; the
// findings follow from them, the framework's rules (document kinds, the age a level accepts) and
// where the document is used. Findings inform the uploader and the assessor; they never block.

import type { Framework } from "./framework/model.js";
import type { EvidenceCheckDef, EvidenceChecksDef, LocalizedText } from "./framework/schema.js";
import { normalizeName } from "./names.js";

export const FINDING_CODES = [
  "document_number",
  "document_date",
  "wrong_kind",
  "other_object",
  "review_outdated",
  "instrument_outdated",
  "no_text",
  "duplicate",
  "empty_or_tiny",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  readonly code: FindingCode;
  readonly message: LocalizedText & { en: string };
  /** The text that triggered it (or what it is about), as the document has it. */
  readonly excerpt: string;
  /** duplicate: the evidence already holding the same file, to link instead of uploading again. */
  readonly evidenceId?: string;
}

/** Whose a document can be: a regional government its heading names, or the national government. */
export type RegionKind = "provinsi" | "kabupaten" | "kota" | "nasional";

/** What a document's text says about itself, read once when its text is read. */
export interface DocumentFacts {
  /** Its opening, where the kind and subject are named. */
  readonly head: string;
  readonly number: { readonly number: string; readonly year: number | null; readonly excerpt: string } | null;
  /** When it was set or signed (ISO date). */
  readonly date: { readonly iso: string; readonly excerpt: string } | null;
  /** The regional governments its heading names, in order. */
  readonly subjects: readonly {
    readonly kind: RegionKind;
    readonly name: string;
    readonly excerpt: string;
  }[];
}

/** Characters of the opening kept: a title page and a decree's heading fit. */
export const HEAD_CHARS = 1500;
/** Characters of the opening that hold its title: where its kind and its subject are named. */
export const TITLE_CHARS = 400;
/** Lines of the opening where its own number stands. */
const TITLE_LINES = 5;

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  pebruari: 2,
  feb: 2,
  maret: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  agus: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  nopember: 11,
  desember: 12,
  des: 12,
};
const MONTH_WORDS = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const DATE = new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_WORDS})\\.?\\s+(\\d{4})\\b`, "giu");
const NUMERIC_DATE = /\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})\b/g;
// "ditetapkan di Bandung pada tanggal 5 Maret 2019", "Bandung, 5 Maret 2019": the signing date.
const SIGNED = new RegExp(
  `(?:ditetapkan\\b[^\\n]{0,80}?tanggal|tanggal\\s+ditetapkan|disahkan\\b[^\\n]{0,80}?tanggal)\\s*:?\\s*(\\d{1,2}\\s+(?:${MONTH_WORDS})\\.?\\s+\\d{4})`,
  "iu",
);
const NUMBER = /\b(?:nomor|no\.?)\s*:?\s*([^\s,;]{1,60})(?:\s+tahun\s+((?:19|20)\d{2}))?/giu;
// A region word, then its name's words on the same line (checked for capitals in regionName).
const REGION =
  /\b(provinsi|kabupaten|kota|bupati|wali\s?kota|walikota|gubernur|menteri|presiden|kementerian)\s+(\p{L}[\p{L}'.-]*(?:[ \t]+\p{L}[\p{L}'.-]*){0,5})/giu;
// Words that end a region's name in a heading ("BUPATI GARUT NOMOR 12").
const NAME_ENDS = new Set([
  "nomor",
  "no",
  "tentang",
  "tahun",
  "dengan",
  "yang",
  "dan",
  "pada",
  "di",
  "keputusan",
  "peraturan",
  "provinsi",
  "kabupaten",
  "kota",
  "bupati",
  "gubernur",
  "wali",
  "walikota",
  "dinas",
  "badan",
  "sekretariat",
  "bab",
  "pasal",
  "menimbang",
  "mengingat",
  "memutuskan",
  "menetapkan",
  "laporan",
  "hasil",
  "rahmat",
]);

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1945 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** A short quotation around a match, on one line. */
function around(text: string, start: number, end: number, before = 60): string {
  let from = Math.max(0, start - before);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  if (lineStart > from) from = lineStart;
  else if (from > 0) from = text.indexOf(" ", from) + 1 || from;
  return text.slice(from, end).replace(/\s+/g, " ").trim();
}

/** The first valid date the text gives (written out, else numeric), where it stands. */
function firstDate(text: string): { index: number; iso: string; length: number } | null {
  const candidates: { index: number; iso: string; length: number }[] = [];
  for (const re of [DATE, NUMERIC_DATE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const iso =
        re === DATE
          ? validDate(Number(m[3]), MONTHS[(m[2] ?? "").toLowerCase()] ?? 0, Number(m[1]))
          : validDate(Number(m[3]), Number(m[2]), Number(m[1]));
      if (iso) {
        candidates.push({ index: m.index, iso, length: m[0].length });
        break;
      }
    }
  }
  return candidates.sort((a, b) => a.index - b.index)[0] ?? null;
}

/** The first date the text gives, preferring the date it was set or signed. */
function documentDate(text: string): DocumentFacts["date"] {
  const signed = SIGNED.exec(text);
  const iso = signed?.[1] ? firstDate(signed[1])?.iso : undefined;
  if (signed && iso) return { iso, excerpt: around(text, signed.index, signed.index + signed[0].length, 0) };
  const first = firstDate(text);
  return first
    ? { iso: first.iso, excerpt: around(text, first.index, first.index + first.length, 40) }
    : null;
}

function documentNumber(head: string): DocumentFacts["number"] {
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(head); m; m = NUMBER.exec(head)) {
    const number = (m[1] ?? "").replace(/[.:)]+$/, "");
    if (!/\d/.test(number)) continue;
    // "Nomor 12 Tahun 2019"; else a year written in the number ("100/Kep.12-Diskominfo/2021").
    const inNumber = /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(number)?.[1];
    const year = m[2] ? Number(m[2]) : inNumber ? Number(inNumber) : null;
    return { number, year, excerpt: around(head, m.index, m.index + m[0].length) };
  }
  return null;
}

function regionName(words: string): string {
  const kept: string[] = [];
  for (const w of words.split(/\s+/)) {
    // Names are written with capitals; "di kota ini" names nothing.
    if (!/^\p{Lu}/u.test(w) || NAME_ENDS.has(w.toLowerCase().replace(/[.']/g, ""))) break;
    kept.push(w.replace(/[.,]+$/, ""));
    if (kept.length === 4) break;
  }
  return kept.join(" ");
}

function subjectsOf(head: string): DocumentFacts["subjects"] {
  const found: { kind: RegionKind; name: string; excerpt: string }[] = [];
  REGION.lastIndex = 0;
  for (let m = REGION.exec(head); m; m = REGION.exec(head)) {
    const word = (m[1] ?? "").toLowerCase().replace(/\s+/g, "");
    const kind: RegionKind =
      word === "bupati" || word === "kabupaten"
        ? "kabupaten"
        : word === "gubernur" || word === "provinsi"
          ? "provinsi"
          : word === "menteri" || word === "presiden" || word === "kementerian"
            ? "nasional"
            : "kota";
    const name =
      kind === "nasional" ? (m[2] ?? "").split(/\s+/).slice(0, 3).join(" ") : regionName(m[2] ?? "");
    if (name) found.push({ kind, name, excerpt: `${m[1]} ${name}`.replace(/\s+/g, " ") });
    // A name that stopped early may be followed by another region ("BUPATI GARUT PROVINSI …").
    REGION.lastIndex = m.index + (m[1] ?? "").length + 1 + name.length;
  }
  return found;
}

/** Read a document's facts from its text (as read by the text reader). */
export function readDocument(text: string): DocumentFacts {
  const head = text.slice(0, HEAD_CHARS);
  return {
    head,
    // The document's own number is in its title lines; later ones are what it cites.
    number: documentNumber(head.slice(0, TITLE_CHARS).split("\n").slice(0, TITLE_LINES).join("\n")),
    date: documentDate(text),
    subjects: subjectsOf(head.slice(0, TITLE_CHARS)),
  };
}

/** Where a document is used and what is known of its file, for its findings. */
export interface FindingContext {
  readonly framework: Framework;
  readonly indicator: string;
  readonly level: number;
  /** The evidence item it answers, in a framework with items. */
  readonly item: string | null;
  /** The instansi whose evidence it is. */
  readonly organization: { readonly name: string; readonly kind: string };
  /** The day ages are measured from: the cycle's self-assessment start. */
  readonly referenceDate: string;
  readonly file: {
    readonly size: number;
    readonly mediaType: string;
    readonly title: string;
    /** The reader's status; null for a link or a file not yet queued. */
    readonly textStatus: "pending" | "done" | "no_text" | "skipped" | "failed" | null;
    readonly textChars: number;
    readonly pages: number | null;
  };
  /** null until its text is read. */
  readonly facts: DocumentFacts | null;
  /** Other evidence of the same instansi with the same bytes, where it is used. */
  readonly duplicates: readonly {
    readonly evidenceId?: string;
    readonly title: string;
    readonly indicator: string;
    readonly level: number;
    readonly year: number;
  }[];
}

/** The framework's rule for a level (or item): the item's own, else its level's. */
export function checkFor(
  framework: Framework,
  indicator: string,
  level: number,
  item: string | null,
): EvidenceCheckDef | null {
  const levelDef = framework.indicatorByCode.get(indicator)?.levels.find((l) => l.value === level);
  const itemDef = item ? levelDef?.items?.find((i) => i.code === item) : undefined;
  return itemDef?.check ?? levelDef?.check ?? null;
}

const patterns = new Map<string, RegExp>();
/** A framework's pattern, compiled once (validation made sure it compiles). */
function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern, "iu");
    patterns.set(pattern, re);
  }
  return re;
}

/** The kind of a document by the framework's document kinds, in their order: the first that fits. */
export function kindOf(
  rules: EvidenceChecksDef | undefined,
  mediaType: string,
  head: string,
): { id: string; name: LocalizedText; review: boolean; excerpt: string } | null {
  for (const kind of rules?.documentKinds ?? []) {
    const byType = kind.mediaTypes?.some((t) =>
      t.endsWith("/") ? mediaType.startsWith(t) : mediaType === t,
    );
    if (byType) return { id: kind.id, name: kind.name, review: kind.review ?? false, excerpt: mediaType };
    for (const pattern of kind.patterns ?? []) {
      const m = compiled(pattern).exec(head);
      if (m)
        return {
          id: kind.id,
          name: kind.name,
          review: kind.review ?? false,
          excerpt: around(head, m.index, m.index + m[0].length, 20),
        };
    }
  }
  return null;
}

const monthsBefore = (iso: string, months: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

const formatDate = (iso: string, lang: "id" | "en") =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString(lang === "en" ? "en-GB" : "id-ID", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

const both = (id: string, en: string) => ({ id, en });

/** A region's kind group: a kabupaten's evidence naming a kota is another regional government too. */
const groupOf = (kind: string) =>
  kind === "provinsi" ? "provinsi" : kind === "kabupaten" || kind === "kota" ? "kabkota" : null;

/** The findings on one evidence document where it is used, in a fixed order. */
export function evidenceFindings(c: FindingContext): Finding[] {
  const out: Finding[] = [];
  const rules = c.framework.definition.evidenceChecks;
  const check = checkFor(c.framework, c.indicator, c.level, c.item);
  const facts = c.facts;
  if (facts?.number)
    out.push({
      code: "document_number",
      message: both(
        `Nomor dokumen: ${facts.number.number}${facts.number.year ? `, tahun ${facts.number.year}` : ""}`,
        `Document number: ${facts.number.number}${facts.number.year ? `, year ${facts.number.year}` : ""}`,
      ),
      excerpt: facts.number.excerpt,
    });
  if (facts?.date)
    out.push({
      code: "document_date",
      message: both(
        `Tanggal dokumen: ${formatDate(facts.date.iso, "id")}`,
        `Document date: ${formatDate(facts.date.iso, "en")}`,
      ),
      excerpt: facts.date.excerpt,
    });
  const kind =
    facts || c.file.mediaType.startsWith("image/")
      ? kindOf(rules, c.file.mediaType, (facts?.head ?? "").slice(0, TITLE_CHARS))
      : null;
  if (kind && check?.kinds && !check.kinds.includes(kind.id)) {
    const wanted = check.kinds.map(
      (id) => rules?.documentKinds?.find((k) => k.id === id)?.name ?? { id, en: id },
    );
    out.push({
      code: "wrong_kind",
      message: both(
        `Dokumen ini tampaknya ${kind.name.id}, sedangkan yang diminta: ${wanted.map((w) => w.id).join(", ")}.`,
        `This document looks like ${kind.name.en ?? kind.name.id}, but what is asked for is: ${wanted.map((w) => w.en ?? w.id).join(", ")}.`,
      ),
      excerpt: kind.excerpt,
    });
  }
  // Whose document it is: the first government its title names, when that is a regional
  // government of the instansi's own level and not the instansi (a regency follows its province's
  // and the nation's rules; a national regulation names many regions).
  const own = groupOf(c.organization.kind);
  const issuer = facts?.subjects[0];
  if (facts && own && issuer && groupOf(issuer.kind) === own) {
    const ownName = normalizeName(c.organization.name);
    const isOwn = (s: DocumentFacts["subjects"][number]) => `${s.kind} ${normalizeName(s.name)}` === ownName;
    if (!facts.subjects.filter((s) => groupOf(s.kind) === own).some(isOwn))
      out.push({
        code: "other_object",
        message: both(
          `Dokumen ini tampaknya milik ${issuer.kind === "provinsi" ? "Provinsi" : issuer.kind === "kota" ? "Kota" : "Kabupaten"} ${issuer.name}, bukan ${c.organization.name}.`,
          `This document appears to belong to ${issuer.kind === "provinsi" ? "the Province of" : issuer.kind === "kota" ? "the City of" : "the Regency of"} ${issuer.name}, not ${c.organization.name}.`,
        ),
        excerpt: issuer.excerpt,
      });
  }
  const date = facts?.date;
  if (date && kind?.review && check?.reviewWithinMonths) {
    const oldest = monthsBefore(c.referenceDate, check.reviewWithinMonths);
    if (date.iso < oldest)
      out.push({
        code: "review_outdated",
        message: both(
          `Laporan reviu bertanggal ${formatDate(date.iso, "id")}, lebih dari ${check.reviewWithinMonths} bulan sebelum penilaian mandiri dimulai (${formatDate(c.referenceDate, "id")}); tingkat ini meminta reviu yang lebih baru.`,
          `The review report is dated ${formatDate(date.iso, "en")}, more than ${check.reviewWithinMonths} months before the self-assessment starts (${formatDate(c.referenceDate, "en")}); this level asks for a more recent review.`,
        ),
        excerpt: date.excerpt,
      });
  }
  if (date && check?.instrumentWithinMonths) {
    const oldest = monthsBefore(c.referenceDate, check.instrumentWithinMonths);
    if (date.iso < oldest)
      out.push({
        code: "instrument_outdated",
        message: both(
          `Dokumen bertanggal ${formatDate(date.iso, "id")}, lebih dari ${check.instrumentWithinMonths} bulan sebelum penilaian mandiri dimulai; yang diminta tidak boleh lebih tua dari itu.`,
          `The document is dated ${formatDate(date.iso, "en")}, more than ${check.instrumentWithinMonths} months before the self-assessment starts; what is asked for may not be older.`,
        ),
        excerpt: date.excerpt,
      });
  }
  if (c.file.textStatus === "no_text")
    out.push({
      code: "no_text",
      message: both(
        "Teks berkas ini tidak dapat dibaca (pindaian tanpa teks): pemeriksaan otomatis dan pencarian tidak mencakupnya, asesor tetap dapat membacanya.",
        "This file's text could not be read (a scan without text): automatic checks and search do not cover it; the assessor can still read it.",
      ),
      excerpt: c.file.title,
    });
  const first = c.duplicates[0];
  if (first)
    out.push({
      code: "duplicate",
      message: both(
        `Berkas yang sama sudah menjadi bukti ${first.indicator} tingkat ${first.level} (${first.year})${c.duplicates.length > 1 ? ` dan ${c.duplicates.length - 1} tempat lain` : ""}: tautkan bukti itu daripada mengunggah ulang.`,
        `The same file already supports ${first.indicator} level ${first.level} (${first.year})${c.duplicates.length > 1 ? ` and ${c.duplicates.length - 1} more` : ""}: link that evidence instead of uploading again.`,
      ),
      excerpt: first.title,
      ...(first.evidenceId ? { evidenceId: first.evidenceId } : {}),
    });
  const tinyFile = rules?.tinyBytes !== undefined && c.file.size < rules.tinyBytes;
  const pages = Math.max(1, c.file.pages ?? 1);
  const tinyText =
    rules?.minTextChars !== undefined &&
    c.file.textStatus === "done" &&
    c.file.textChars < rules.minTextChars * pages;
  if (tinyFile || tinyText)
    out.push({
      code: "empty_or_tiny",
      message: tinyFile
        ? both(
            `Berkas ini hampir kosong (${c.file.size} bita).`,
            `This file is nearly empty (${c.file.size} bytes).`,
          )
        : both(
            `Dokumen ini hampir tanpa isi (${c.file.textChars} karakter teks pada ${pages} halaman).`,
            `This document has almost no content (${c.file.textChars} characters of text on ${pages} pages).`,
          ),
      excerpt: c.file.title,
    });
  return out;
}
