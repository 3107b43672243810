// The checklist for a coordination meeting: an Excel workbook (items, progress per unit and per
// aspect) and a PDF in Bahasa Indonesia with the same content.
import type { ChecklistStatus, ProgressGroup } from "@matang/core";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { fileSafe } from "../http/files.js";
import { spreadsheetText } from "../reports/cells.js";
import { sheet } from "../reports/excel.js";
import { collect, dateId, finishPdf, heading, LEFT, TEAL, table } from "../reports/pdf-kit.js";
import { checklistOf } from "./service.js";

export const STATUS_NAMES: Record<ChecklistStatus, string> = {
  open: "Belum dikerjakan",
  in_progress: "Sedang dikerjakan",
  done: "Selesai (menunggu verifikasi)",
  verified: "Terverifikasi",
};

const SOURCE_NAMES: Record<string, string> = {
  framework: "Kriteria tingkat berikutnya",
  plan: "Peta jalan",
  assessor: "Catatan asesor",
  official: "Portal nasional (resmi)",
};

const dueText = (due: string | null) => (due ? dateId(new Date(`${due}T00:00:00+07:00`)) : "—");

export async function checklistWorkbook(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const d = await checklistOf(db, frameworks, ctx, id);
  const book = new ExcelJS.Workbook();
  book.creator = "Matang";
  book.created = new Date();
  const items = sheet(book, "Daftar perbaikan", [
    { header: "No", key: "no", width: 5 },
    { header: "Indikator", key: "indicator", width: 9 },
    { header: "Nama indikator", key: "name", width: 36 },
    { header: "Perbaikan", key: "title", width: 60 },
    { header: "Keterangan", key: "detail", width: 40 },
    { header: "Sumber", key: "source", width: 20 },
    { header: "Unit penanggung jawab", key: "unit", width: 28 },
    { header: "Tenggat", key: "due", width: 12 },
    { header: "Status", key: "status", width: 24 },
    { header: "Terlambat", key: "overdue", width: 10 },
    { header: "Catatan unit", key: "note", width: 36 },
    { header: "Sejak", key: "since", width: 8 },
  ]);
  for (const [n, i] of d.items.entries())
    items.addRow({
      no: n + 1,
      indicator: i.indicator,
      name: spreadsheetText(i.indicatorName.id),
      title: spreadsheetText(i.title.id),
      detail: spreadsheetText(i.detail),
      source: SOURCE_NAMES[i.source] ?? i.source,
      unit: spreadsheetText(i.ownerUnit?.name ?? "belum ditentukan"),
      due: i.dueDate ?? "",
      status: STATUS_NAMES[i.status],
      overdue: i.overdue ? "Ya" : "",
      note: spreadsheetText(i.note),
      since: i.firstYear,
    });
  items.getColumn("title").alignment = { wrapText: true, vertical: "top" };
  items.getColumn("detail").alignment = { wrapText: true, vertical: "top" };
  const progress = sheet(book, "Kemajuan", [
    { header: "Menurut", key: "by", width: 10 },
    { header: "Nama", key: "name", width: 40 },
    { header: "Jumlah", key: "total", width: 9 },
    ...(["open", "in_progress", "done", "verified"] as const).map((s) => ({
      header: STATUS_NAMES[s],
      key: s,
      width: 16,
    })),
    { header: "Terlambat", key: "overdue", width: 10 },
  ]);
  const row = (by: string, name: string, g: ProgressGroup) =>
    progress.addRow({ by, name: spreadsheetText(name), total: g.total, ...g.byStatus, overdue: g.overdue });
  row("Semua", d.organization.name, d.progress);
  for (const u of d.progress.units) row("Unit", u.name || "Belum ditentukan", u);
  for (const a of d.progress.aspects) row("Aspek", `${a.key} ${a.name}`, a);
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { body, fileName: `daftar-perbaikan-${fileSafe(d.organization.name)}-${d.year}.xlsx` };
}

export async function checklistPdf(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const d = await checklistOf(db, frameworks, ctx, id);
  const doc = new PDFDocument({
    size: "A4",
    margin: LEFT,
    bufferPages: true,
    info: { Title: `Daftar Perbaikan — ${d.organization.name}`, Author: "Matang" },
  });
  const done = collect(doc);
  doc.font("Helvetica-Bold").fontSize(18).fillColor(TEAL).text("DAFTAR PERBAIKAN", { align: "center" });
  doc.moveDown(0.3).fontSize(13).fillColor("black").text(d.organization.name, { align: "center" });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(`Hasil evaluasi ${d.year} dan sebelumnya · dicetak ${dateId(new Date())}`, { align: "center" });
  const p = d.progress;
  doc.moveDown(0.8).fontSize(9.5);
  doc.text(
    `${p.total} butir perbaikan: ${p.byStatus.open} belum dikerjakan, ${p.byStatus.in_progress} sedang dikerjakan, ${p.byStatus.done} selesai menunggu verifikasi, ${p.byStatus.verified} terverifikasi; ${p.overdue} melewati tenggat.`,
  );
  // One progress table per grouping: the same columns for units and aspects.
  const progressTable = (title: string, first: string, rows: [string, ProgressGroup][]) => {
    heading(doc, title);
    table(
      doc,
      [
        { label: first, width: 175 },
        { label: "Jumlah", width: 50 },
        { label: "Belum", width: 50 },
        { label: "Dikerjakan", width: 60 },
        { label: "Selesai", width: 50 },
        { label: "Terverifikasi", width: 60 },
        { label: "Terlambat", width: 50 },
      ],
      rows.map(([name, g]) => [
        name,
        ...[
          g.total,
          g.byStatus.open,
          g.byStatus.in_progress,
          g.byStatus.done,
          g.byStatus.verified,
          g.overdue,
        ].map(String),
      ]),
    );
  };
  progressTable(
    "Kemajuan per unit",
    "Unit",
    p.units.map((u) => [u.name || "Belum ditentukan", u]),
  );
  progressTable(
    "Kemajuan per aspek",
    "Aspek",
    p.aspects.map((a) => [`${a.key} ${a.name}`, a]),
  );
  heading(doc, "Butir perbaikan");
  table(
    doc,
    [
      { label: "Ind.", width: 30 },
      { label: "Perbaikan dan keterangan", width: 215 },
      { label: "Unit", width: 85 },
      { label: "Tenggat", width: 65 },
      { label: "Status", width: 100 },
    ],
    d.items.map((i) => [
      i.indicator,
      [i.title.id, i.detail, `Sumber: ${SOURCE_NAMES[i.source] ?? i.source}`].filter(Boolean).join("\n"),
      i.ownerUnit?.name ?? "belum ditentukan",
      `${dueText(i.dueDate)}${i.overdue ? " (terlambat)" : ""}`,
      [STATUS_NAMES[i.status], i.note].filter(Boolean).join("\n"),
    ]),
  );
  finishPdf(doc, `Daftar perbaikan ${d.organization.name}`);
  return { body: await done, fileName: `daftar-perbaikan-${fileSafe(d.organization.name)}-${d.year}.pdf` };
}
