// The interview brief (bahan interviu) as a PDF in Bahasa Indonesia: the session, who attends
// what, and for each indicator in the order of the session the claim, the interim value, the
// assessors' notes, our answer and the documents to show.
import type { OFFICIAL_STATUSES } from "@matang/core";
import PDFDocument from "pdfkit";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { fileSafe } from "../http/files.js";
import { OFFICIAL_STATUS_NAMES } from "../reports/data.js";
import {
  collect,
  dateId,
  ensureRoom,
  finishPdf,
  fixed,
  heading,
  LEFT,
  TEAL,
  table,
  WIDTH,
} from "../reports/pdf-kit.js";
import { clarificationData, readableClarification } from "./service.js";

const STATUS_NAMES = {
  to_prepare: "Disiapkan",
  ready: "Siap",
  presented: "Sudah disampaikan",
  concluded: "Selesai",
} as const;

const sessionOrder = (a: { slot: string; loss: number | null }, b: { slot: string; loss: number | null }) =>
  (a.slot || "99:99").localeCompare(b.slot || "99:99") || (b.loss ?? 0) - (a.loss ?? 0);

export async function interviewBriefPdf(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await readableClarification(db, frameworks, ctx, id);
  const d = await clarificationData(db, c);
  const rows = d.indicators.map((i) => ({ ...i, slot: i.clarification.slot })).sort(sessionOrder);
  const doc = new PDFDocument({
    size: "A4",
    margin: LEFT,
    bufferPages: true,
    info: { Title: `Bahan Interviu — ${c.organization.name} (${c.cycle.year})`, Author: "Matang" },
  });
  const done = collect(doc);
  doc
    .font("Helvetica-Bold")
    .fontSize(18)
    .fillColor(TEAL)
    .text("BAHAN KLARIFIKASI (INTERVIU)", { align: "center" });
  doc.moveDown(0.3).fontSize(13).fillColor("black").text(c.organization.name, { align: "center" });
  doc.font("Helvetica").fontSize(10).text(`${c.cycle.name} (${c.cycle.year})`, { align: "center" });
  doc.moveDown(0.8).fontSize(9.5);
  doc.text(
    `Jadwal: ${d.session.date ? dateId(new Date(`${d.session.date}T00:00:00+07:00`)) : "belum ditetapkan"}`,
  );
  doc.text(`Tempat/tautan: ${d.session.place || "belum ditetapkan"}`);
  if (d.interim)
    doc.text(
      `Indeks resmi sementara: ${fixed(d.interim.index)} (portal, ${d.interim.asOf}); potensi kenaikan bila seluruh klaim diterima: ${fixed(d.totals.loss, 4)}`,
    );
  doc.text(`Dicetak oleh Matang pada ${dateId(new Date())}.`);

  heading(doc, "1. Susunan sesi");
  table(
    doc,
    [
      { label: "Waktu", width: 45 },
      { label: "Indikator", width: 160 },
      { label: "Penanggung jawab", width: 110 },
      { label: "Hadir", width: 120 },
      { label: "Status", width: 60 },
    ],
    rows.map((i) => [
      i.slot || "—",
      `${i.code} ${i.name.id}`,
      [i.clarification.responderUnitName, i.clarification.responderName].filter(Boolean).join(" — ") || "—",
      i.clarification.attendees || "—",
      STATUS_NAMES[i.clarification.status],
    ]),
  );

  heading(doc, "2. Rincian per indikator");
  for (const [n, i] of rows.entries()) {
    ensureRoom(doc, 120);
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(10.5).fillColor("black");
    doc.text(`${n + 1}. ${i.code} — ${i.name.id}`, LEFT, doc.y, { width: WIDTH });
    doc.font("Helvetica").fontSize(9);
    doc.text(
      `Klaim mandiri ${fixed(i.claim)} · nilai resmi sementara ${fixed(i.interim)}${
        i.loss !== null ? ` · pengaruh ke indeks ${fixed(-i.loss, 4)}` : ""
      }${i.slot ? ` · pukul ${i.slot}` : ""}`,
      { width: WIDTH },
    );
    if (i.returned.length > 0) {
      doc.moveDown(0.2).font("Helvetica-Bold").text("Catatan asesor:");
      doc.font("Helvetica");
      for (const r of i.returned)
        doc.text(
          `• ${r.item} (${OFFICIAL_STATUS_NAMES[r.status as (typeof OFFICIAL_STATUSES)[number]]}): ${r.note || "tanpa catatan"}`,
          { width: WIDTH, indent: 8 },
        );
    }
    doc.moveDown(0.2).font("Helvetica-Bold").text("Jawaban kami:");
    doc.font("Helvetica").text(i.clarification.rebuttal.trim() || "(belum disusun)", { width: WIDTH });
    const shown = i.evidence.filter((e) => i.clarification.evidenceIds.includes(e.id));
    doc.moveDown(0.2).font("Helvetica-Bold").text("Dokumen yang ditunjukkan:");
    doc.font("Helvetica");
    if (shown.length === 0) doc.text("(belum dipilih)");
    for (const e of shown)
      doc.text(`• ${e.item ? `${e.item} — ` : ""}${e.title}`, { width: WIDTH, indent: 8 });
    if (i.clarification.outcome.trim()) {
      doc.moveDown(0.2).font("Helvetica-Bold").text("Hasil:");
      doc.font("Helvetica").text(i.clarification.outcome, { width: WIDTH });
    }
  }
  if (rows.length === 0) doc.text("Belum ada indikator untuk diklarifikasi.");
  finishPdf(doc, `${c.organization.name} · Bahan interviu`);
  return {
    body: await done,
    fileName: `bahan-interviu-${fileSafe(c.organization.name)}-${c.cycle.year}.pdf`,
  };
}
