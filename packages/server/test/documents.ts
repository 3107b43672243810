// Reading back the documents Matang writes, as their readers would: PDF text with pdf.js, Excel
// workbooks with ExcelJS.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdf.js reads the 14 standard PDF fonts' metrics from its own package.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** The text of every page of a PDF, read back with pdf.js. */
export async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(body),
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl,
  }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ("str" in i ? i.str : "")).join(" "));
  }
  return pages.join("\n");
}

export async function workbook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  return book;
}
