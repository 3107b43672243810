// Reading what an evidence file says, for search and pre-checks: a PDF's text layer with pdf.js
// page by page; office documents through their XML; and pages or pictures without text through
// OCR (Tesseract with its Indonesian model, from Debian's tesseract-ocr-ind, with pdftoppm to
// draw a PDF page) when the machine has them. Nothing is downloaded at run time.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import yauzl from "yauzl";

const run = promisify(execFile);

export interface ReadText {
  readonly status: "done" | "no_text" | "skipped" | "failed";
  readonly text: string;
  readonly pages: number | null;
  readonly ocrPages: number;
  /** Why nothing (or not everything) was read, in English. */
  readonly error: string | null;
}

export interface ReadLimits {
  /** Larger files are not read (their text would not fit the search document anyway). */
  readonly maxBytes: number;
  /** Text kept per file: PostgreSQL's search document holds about 1 MB. */
  readonly maxChars: number;
  /** Pages of one PDF sent to OCR at most (each takes seconds). */
  readonly maxOcrPages: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxChars: 400_000,
  maxOcrPages: 20,
};

/** Control characters (NUL cannot be stored in PostgreSQL text) and runs of spaces, tidied. */
export function cleanText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g, " ")
      .replace(/[ \t]+/g, " ")
      .replace(/\s*\n\s*/g, "\n")
      .trim()
  );
}

/** The OCR tools this machine has (checked once): Tesseract with a language model, and pdftoppm. */
export interface Ocr {
  readonly languages: string;
  readonly pdftoppm: boolean;
}

let ocrProbe: Promise<Ocr | null> | null = null;

/** Tesseract with Indonesian (and English) where installed; null when there is no Tesseract. */
export function findOcr(): Promise<Ocr | null> {
  ocrProbe ??= (async () => {
    try {
      const { stdout, stderr } = await run("tesseract", ["--list-langs"], { timeout: 10_000 });
      const langs = new Set(`${stdout}\n${stderr}`.split(/\s+/));
      const wanted = ["ind", "eng"].filter((l) => langs.has(l));
      if (wanted.length === 0) return null;
      const pdftoppm = await run("pdftoppm", ["-v"], { timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      return { languages: wanted.join("+"), pdftoppm };
    } catch {
      return null;
    }
  })();
  return ocrProbe;
}

async function ocrImage(ocr: Ocr, path: string): Promise<string> {
  const { stdout } = await run("tesseract", [path, "-", "-l", ocr.languages], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Draw one PDF page as an image (200 dpi, grey) and read it. */
async function ocrPdfPage(ocr: Ocr, path: string, page: number, work: string): Promise<string> {
  const prefix = join(work, `p${page}`);
  await run(
    "pdftoppm",
    ["-f", String(page), "-l", String(page), "-r", "200", "-gray", "-png", "-singlefile", path, prefix],
    {
      timeout: 120_000,
    },
  );
  return ocrImage(ocr, `${prefix}.png`);
}

// pdf.js reads the 14 standard PDF fonts' metrics from its own package.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** A page has "no text" when its text layer holds fewer letters than this (a stamp, a page number). */
const MIN_PAGE_LETTERS = 20;

async function readPdf(path: string, limits: ReadLimits, ocr: Ocr | null): Promise<ReadText> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(await readFile(path)),
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl,
    isEvalSupported: false,
    verbosity: 0,
  });
  // The loading task, not the document, is what is destroyed: a file pdf.js could not open has
  // no document, and its whole content stayed in memory (some 10 MB per broken upload).
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    const empty: number[] = [];
    let length = 0;
    for (let p = 1; p <= doc.numPages && length < limits.maxChars; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const text = content.items.map((i) => ("str" in i ? i.str + (i.hasEOL ? "\n" : " ") : "")).join("");
      page.cleanup();
      if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_PAGE_LETTERS) empty.push(p);
      pages[p - 1] = text;
      length += text.length;
      // Let requests in between pages: a long PDF must not hold the server up.
      await new Promise((resolve) => setImmediate(resolve));
    }
    let ocrPages = 0;
    let note: string | null = null;
    if (empty.length > 0) {
      if (ocr?.pdftoppm) {
        const work = await mkdtemp(join(tmpdir(), "matang-ocr-"));
        try {
          for (const p of empty.slice(0, limits.maxOcrPages)) {
            pages[p - 1] = `${pages[p - 1] ?? ""}\n${await ocrPdfPage(ocr, path, p, work)}`;
            ocrPages++;
          }
        } finally {
          await rm(work, { recursive: true, force: true });
        }
        if (empty.length > limits.maxOcrPages)
          note = `OCR read the first ${limits.maxOcrPages} of ${empty.length} pages without text`;
      } else note = `${empty.length} of ${doc.numPages} pages have no text layer and OCR is not installed`;
    }
    const text = cleanText(pages.join("\n")).slice(0, limits.maxChars);
    const letters = text.match(/\p{L}/gu)?.length ?? 0;
    return {
      status: letters >= MIN_PAGE_LETTERS ? "done" : "no_text",
      text,
      pages: doc.numPages,
      ocrPages,
      error: letters >= MIN_PAGE_LETTERS ? note : (note ?? "No text was found in the file"),
    };
  } finally {
    await task.destroy();
  }
}

/** The text of the XML parts of an office file (a ZIP) whose names match. */
async function zipXmlText(path: string, part: RegExp, element: RegExp): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))),
  );
  const texts: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!part.test(entry.fileName) || entry.uncompressedSize > 32 * 1024 * 1024) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", reject);
        stream.on("end", () => {
          const xml = Buffer.concat(chunks).toString("utf8");
          // Paragraph ends become line ends; the text runs are joined.
          const paragraphs = xml.split(/<\/(?:w:p|a:p|text:p|text:h)>/);
          for (const p of paragraphs) {
            const runs = [...p.matchAll(element)].map((m) => m[1] ?? "");
            if (runs.length) texts.push(runs.join(""));
          }
          zip.readEntry();
        });
      });
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  zip.close();
  return decodeXml(texts.join("\n"));
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

async function readSpreadsheet(path: string): Promise<string> {
  // Loaded when a workbook comes: the reading thread starts lighter without it.
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const lines: string[] = [];
  book.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => cells.push(cell.text));
      lines.push(cells.join(" "));
    });
  });
  return lines.join("\n");
}

const ofText = (text: string, limits: ReadLimits, pages: number | null = null): ReadText => {
  const clean = cleanText(text).slice(0, limits.maxChars);
  return clean
    ? { status: "done", text: clean, pages, ocrPages: 0, error: null }
    : { status: "no_text", text: "", pages, ocrPages: 0, error: "No text was found in the file" };
};

const skipped = (error: string): ReadText => ({
  status: "skipped",
  text: "",
  pages: null,
  ocrPages: 0,
  error,
});

/** Types whose text is read (pictures too, by OCR). */
const READ_TYPES = new Set([
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.presentation",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);

/**
 * Why the file's text will not be read, known without reading it (too large, a type without
 * text), or null. Asked before a file is handed to the reading thread.
 */
export async function notRead(path: string, mediaType: string, limits: ReadLimits): Promise<ReadText | null> {
  const { size } = await stat(path);
  if (size > limits.maxBytes)
    return skipped(
      `The file is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB; its text is not read`,
    );
  if (!READ_TYPES.has(mediaType) && !mediaType.startsWith("image/"))
    return skipped(`Text is not read from ${mediaType} files`);
  return null;
}

/** What the file at `path` (of the given type, as found in its bytes) says. Never throws. */
export async function readText(
  path: string,
  mediaType: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  ocr?: Ocr | null,
): Promise<ReadText> {
  try {
    const before = await notRead(path, mediaType, limits);
    if (before) return before;
    const tools = ocr === undefined ? await findOcr() : ocr;
    switch (mediaType) {
      case "application/pdf":
        return await readPdf(path, limits, tools);
      case "text/plain":
      case "text/csv":
        return ofText(await readFile(path, "utf8"), limits);
      case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
        return ofText(
          await zipXmlText(
            path,
            /^word\/(document|header\d*|footer\d*)\.xml$/,
            /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g,
          ),
          limits,
        );
      case "application/vnd.openxmlformats-officedocument.presentationml.presentation":
        return ofText(await zipXmlText(path, /^ppt\/slides\/slide\d+\.xml$/, /<a:t>([^<]*)<\/a:t>/g), limits);
      case "application/vnd.oasis.opendocument.text":
      case "application/vnd.oasis.opendocument.presentation":
        return ofText(
          await zipXmlText(path, /^content\.xml$/, /<text:(?:p|h|span)(?:\s[^>]*)?>([^<]*)/g),
          limits,
        );
      case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
        return ofText(await readSpreadsheet(path), limits);
      default:
        if (mediaType.startsWith("image/")) {
          if (!tools) return skipped("A picture is read by OCR, which is not installed");
          const read = ofText(await ocrImage(tools, path), limits, 1);
          return { ...read, ocrPages: 1 };
        }
        return skipped(`Text is not read from ${mediaType} files`);
    }
  } catch (error) {
    return {
      status: "failed",
      text: "",
      pages: null,
      ocrPages: 0,
      error: `The file could not be read: ${error instanceof Error ? error.message : String(error)}`.slice(
        0,
        500,
      ),
    };
  }
}
