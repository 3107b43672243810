import { score, stageLevels } from "@matang/core";
import PDFDocument from "pdfkit";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { cycleTitle, finishPdf, LEFT, num, signatures, table } from "../reports/pdf-kit.js";
import { assessmentTarget, NO_ASSESSMENT } from "./access.js";
import * as repo from "./repository.js";

/** "6 Desember 2026 pukul 17.30 WIB": the moment of submission counts, in the schedule's zone. */
const dateId = (d: Date) =>
  `${new Intl.DateTimeFormat("id-ID", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(d)} WIB`;

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
    bufferPages: true,
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
    .text(cycleTitle(c.cycle.name, c.cycle.year), { align: "center" });
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
      ? `${num(result.indexDisplay)} (${result.predicate})`
      : `${num(result.floorDisplay)}–${num(result.ceilingDisplay)}`,
  );
  doc.moveDown();
  // The table's header comes back on every page it runs over.
  table(
    doc,
    [
      { label: "No.", width: 40 },
      { label: "Indikator", width: 330 },
      { label: "Tingkat", width: 125 },
    ],
    framework.indicators.map((indicator) => {
      const level = self[indicator.code];
      const levelName = indicator.scale.levels.find((l) => l.value === level)?.name.id ?? "";
      const value = level === undefined ? "—" : num(level.toFixed(indicator.scale.decimals));
      return [indicator.code, indicator.name.id, level === undefined ? "—" : `${value} ${levelName}`.trim()];
    }),
  );
  doc.x = LEFT;
  signatures(doc, `Disampaikan pada ${dateId(c.assessment.submittedAt)}`, [
    { role: "Koordinator SPBE,", name: signer?.name ?? submission?.actor ?? null },
    { role: "Mengetahui,\nPimpinan instansi", name: null },
  ]);
  finishPdf(doc, `Berita acara · ${c.organization.name}`);
  const body = await done;
  const safe = c.organization.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return { body, fileName: `berita-acara-${safe}-${c.cycle.year}.pdf` };
}
