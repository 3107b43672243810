import { score, stageLevels } from "@matang/core";
import PDFDocument from "pdfkit";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { assessmentTarget, NO_ASSESSMENT } from "./access.js";
import * as repo from "./repository.js";

const dateId = (d: Date) =>
  new Intl.DateTimeFormat("id-ID", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(d);

/** The berita acara of a submitted self-assessment: instansi, date, every indicator's level, signatory. */
export async function minutesPdf(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await repo.loadContext(db, id);
  authorize(ctx.principal, "assessment.read", c ? assessmentTarget(c) : NO_ASSESSMENT);
  if (!c) throw notFound("Assessment");
  if (!c.assessment.submittedAt)
    throw new ApiError(409, "not_submitted", "The self-assessment has not been submitted yet");
  const framework = frameworks.get(c.cycle.frameworkId);
  if (!framework) throw new ApiError(500, "framework_missing", "The cycle's framework is not loaded");
  // Whoever made the latest move into "submitted" signs.
  const submission = await repo.lastMoveInto(db, id, "submitted");
  const signer = submission?.user;
  const self = stageLevels(await repo.stageScoresOf(db, id)).self;
  const result = score(framework, self);

  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `Berita Acara Penilaian Mandiri SPBE — ${c.organization.name}`, Author: "Matang" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc.font("Helvetica-Bold").fontSize(14).text("BERITA ACARA PENILAIAN MANDIRI SPBE", { align: "center" });
  doc
    .moveDown(0.3)
    .font("Helvetica")
    .fontSize(10)
    .text(`${c.cycle.name} (${c.cycle.year})`, { align: "center" });
  doc.moveDown();
  const field = (label: string, value: string) => {
    doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);
  };
  field("Instansi", c.organization.name);
  field("Kerangka", framework.title.id);
  field("Tanggal penyampaian", dateId(c.assessment.submittedAt));
  field(
    "Indeks penilaian mandiri",
    result.complete
      ? `${result.indexDisplay} (${result.predicate})`
      : `${result.floorDisplay}–${result.ceilingDisplay}`,
  );
  doc.moveDown();
  doc.font("Helvetica-Bold").text("No.", 50, doc.y, { width: 40, continued: false });
  const headerY = doc.y - doc.currentLineHeight();
  doc.text("Indikator", 90, headerY, { width: 360 });
  doc.text("Tingkat", 460, headerY, { width: 80 });
  doc.font("Helvetica").fontSize(9);
  for (const indicator of framework.indicators) {
    const level = self[indicator.code];
    const levelName = indicator.scale.levels.find((l) => l.value === level)?.name.id ?? "";
    if (doc.y > 760) doc.addPage();
    const y = doc.y + 2;
    doc.text(indicator.code, 50, y, { width: 40 });
    doc.text(indicator.name.id, 90, y, { width: 360 });
    const after = doc.y;
    doc.text(level === undefined ? "—" : `${level} ${levelName}`, 460, y, { width: 90 });
    doc.y = Math.max(after, doc.y);
  }
  doc.moveDown(2).fontSize(10);
  if (doc.y > 700) doc.addPage();
  doc.text(`Disampaikan oleh Koordinator SPBE, ${dateId(c.assessment.submittedAt)}`, 50);
  doc.moveDown(3);
  doc.font("Helvetica-Bold").text(signer?.name ?? submission?.actor ?? "—");
  doc.font("Helvetica").text(signer?.email ?? "");
  doc.end();
  const body = await done;
  const safe = c.organization.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return { body, fileName: `berita-acara-${safe}-${c.cycle.year}.pdf` };
}
