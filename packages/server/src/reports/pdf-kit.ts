// The small toolkit Matang's PDF documents share (report, interview brief): A4 geometry,
// Indonesian numbers and dates, headings, wrapped tables, page numbers.
import type PDFDocument from "pdfkit";

export const LEFT = 50;
export const WIDTH = 495;
export const BOTTOM = 780;
export const TEAL = "#0f766e";

export type Doc = PDFKit.PDFDocument;

export const dateId = (d: Date) =>
  new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "Asia/Jakarta" }).format(d);
/** Indonesian decimal comma. */
export const num = (s: string | null | undefined) => (s ? s.replace(".", ",") : "—");
export const fixed = (n: number | null | undefined, places = 2) =>
  n === null || n === undefined ? "—" : num(n.toFixed(places));

/** A cycle as a title: its name, with the year only when the name does not already say it. */
export const cycleTitle = (name: string, year: number) =>
  name.includes(String(year)) ? name : `${name} (${year})`;

/**
 * The block people sign at the end of a document: for each party its role, then room for a
 * signature and the name (a line to write it on when not known).
 */
export function signatures(doc: Doc, place: string, parties: { role: string; name: string | null }[]) {
  ensureRoom(doc, 150);
  doc.moveDown(2).font("Helvetica").fontSize(10).fillColor("black");
  doc.text(place, LEFT, doc.y, { width: WIDTH, align: "right" });
  doc.moveDown(1);
  const top = doc.y;
  const width = WIDTH / parties.length;
  parties.forEach((p, i) => {
    const x = LEFT + i * width;
    doc.font("Helvetica").text(p.role, x, top, { width: width - 10, align: "center" });
    doc.text(p.name ?? "(.................................................)", x, top + 80, {
      width: width - 10,
      align: "center",
      underline: p.name !== null,
    });
  });
  doc.x = LEFT;
  doc.y = top + 110;
}

export function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > BOTTOM) doc.addPage();
}

export function heading(doc: Doc, text: string) {
  ensureRoom(doc, 60);
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("black").text(text, LEFT);
  doc.moveDown(0.3).font("Helvetica").fontSize(9);
}

/** A simple table: fixed column widths, wrapped cells, a header row repeated on each new page. */
export function table(doc: Doc, columns: { label: string; width: number }[], rows: string[][]) {
  const drawHeader = () => {
    doc.font("Helvetica-Bold").fontSize(8.5);
    const y = doc.y;
    let x = LEFT;
    let bottom = y;
    for (const c of columns) {
      doc.text(c.label, x, y, { width: c.width - 4 });
      bottom = Math.max(bottom, doc.y);
      x += c.width;
    }
    doc
      .moveTo(LEFT, bottom + 1)
      .lineTo(LEFT + WIDTH, bottom + 1)
      .strokeColor("#999")
      .stroke();
    doc.y = bottom + 3;
    doc.font("Helvetica").fontSize(8.5);
  };
  drawHeader();
  for (const row of rows) {
    const heights = row.map((cell, i) => doc.heightOfString(cell, { width: (columns[i]?.width ?? 50) - 4 }));
    const h = Math.max(...heights, 10);
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = LEFT;
    row.forEach((cell, i) => {
      doc.text(cell, x, y, { width: (columns[i]?.width ?? 50) - 4 });
      x += columns[i]?.width ?? 50;
    });
    doc.y = y + h + 2;
  }
  doc.x = LEFT;
}

/** The bytes of a document once it ends. */
export function collect(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/** Page numbers in the footer (from the second page), once the page count is known; then end. */
export function finishPdf(doc: Doc, footer: string) {
  const range = doc.bufferedPageRange();
  for (let p = range.start + 1; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Writing below the bottom margin would start a new page; the footer lives there.
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor("#666")
      .text(`${footer} · halaman ${p + 1} dari ${range.count}`, LEFT, 810, {
        width: WIDTH,
        align: "center",
        lineBreak: false,
      });
  }
  doc.end();
}
