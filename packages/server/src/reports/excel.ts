import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { headline, STATE_LABELS, type State, score, stageLevels } from "@matang/core";
import ExcelJS from "exceljs";
import { findCycle } from "../cycles/repository.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { spreadsheetText } from "./cells.js";
import {
  fileSafe,
  OFFICIAL_STAGE_NAMES,
  OFFICIAL_STATUS_NAMES,
  REVIEW_NAMES,
  reportData,
  STAGE_NAMES,
  STAGES,
} from "./data.js";
import * as repo from "./repository.js";

const bold = { font: { bold: true } } as const;

const text = (s: string | null | undefined) => spreadsheetText(s ?? "");

type Book = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

/** A worksheet with its columns, a bold header row that stays in view. */
export function sheet(book: Book, name: string, columns: { header: string; key: string; width: number }[]) {
  const s = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  s.columns = columns;
  s.getRow(1).font = bold.font;
  return s;
}

/**
 * One assessment as a workbook: a summary (index per stage, domains, aspects), indicators ×
 * stages with explanations and notes, and the evidence list with review statuses.
 */
export async function assessmentWorkbook(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const d = await reportData(db, frameworks, ctx, id);
  const a = d.assessment;
  const book = new ExcelJS.Workbook();
  book.creator = "Matang";
  book.created = new Date();

  const summary = sheet(book, "Ringkasan", [
    { header: "Bagian", key: "part", width: 14 },
    { header: "Kode", key: "code", width: 8 },
    { header: "Nama", key: "name", width: 50 },
    ...STAGES.map((s) => ({ header: STAGE_NAMES[s], key: s, width: 12 })),
  ]);
  const at = (g: { index: number | null } | undefined) =>
    g?.index === null || g?.index === undefined ? null : Number(g.index.toFixed(4));
  summary.addRow({
    part: "Instansi",
    name: `${a.organization.name} — ${a.cycle.name} (${a.cycle.year})`,
  });
  summary.addRow({
    part: "Indeks utama",
    code: a.headline.complete
      ? a.headline.indexDisplay
      : `${a.headline.floorDisplay}–${a.headline.ceilingDisplay}`,
    name: a.headline.label.id,
  });
  summary.addRow({
    part: "Indeks",
    name: "Indeks SPBE",
    ...Object.fromEntries(STAGES.map((s) => [s, at(a.scores[s])])),
  });
  summary.addRow({
    part: "Predikat",
    name: "Predikat",
    ...Object.fromEntries(STAGES.map((s) => [s, a.scores[s]?.predicate ?? null])),
  });
  d.framework.domains.forEach((domain, i) => {
    summary.addRow({
      part: "Domain",
      code: domain.code,
      name: domain.name.id,
      ...Object.fromEntries(STAGES.map((s) => [s, at(a.scores[s]?.domains[i])])),
    });
  });
  d.framework.aspects.forEach((aspect, i) => {
    summary.addRow({
      part: "Aspek",
      code: aspect.code,
      name: aspect.name.id,
      ...Object.fromEntries(STAGES.map((s) => [s, at(a.scores[s]?.aspects[i])])),
    });
  });

  const indicators = sheet(book, "Indikator", [
    { header: "Kode", key: "code", width: 8 },
    { header: "Indikator", key: "name", width: 45 },
    { header: "Domain", key: "domain", width: 8 },
    { header: "Aspek", key: "aspect", width: 8 },
    { header: "Bobot (%)", key: "weight", width: 10 },
    ...STAGES.map((s) => ({ header: STAGE_NAMES[s], key: s, width: 11 })),
    { header: "Validasi", key: "validation", width: 12 },
    { header: "Didukung bukti", key: "supported", width: 14 },
    { header: "Penjelasan", key: "explanation", width: 60 },
    { header: "Catatan", key: "notes", width: 60 },
  ]);
  for (const i of d.items) {
    indicators.addRow({
      code: i.code,
      name: i.name,
      domain: i.domain,
      aspect: i.aspect,
      weight: i.weight,
      ...Object.fromEntries(STAGES.map((s) => [s, i.stages[s]?.level ?? null])),
      validation: i.stages.validation?.verdict ?? null,
      supported: i.supportedLevel,
      explanation: text(
        i.unitAnswers
          .filter((u) => u.explanation?.trim())
          .map(
            (u) =>
              `${i.assignments.find((x) => x.unitId === u.unitId)?.unitName ?? "unit"}: ${u.explanation}`,
          )
          .join("\n"),
      ),
      notes: text(
        [...STAGES, "validation" as const]
          .filter((s) => i.stages[s]?.note?.trim())
          .map((s) => `${STAGE_NAMES[s]}: ${i.stages[s]?.note}`)
          .join("\n"),
      ),
    });
  }

  const evidence = sheet(book, "Bukti dukung", [
    { header: "Indikator", key: "code", width: 10 },
    { header: "Tingkat", key: "level", width: 9 },
    { header: "Judul", key: "title", width: 50 },
    { header: "Jenis", key: "kind", width: 10 },
    { header: "Tautan", key: "url", width: 40 },
    { header: "Status", key: "status", width: 14 },
    { header: "Alasan", key: "reason", width: 20 },
    { header: "Catatan", key: "note", width: 40 },
  ]);
  for (const i of d.items) {
    for (const e of i.evidence) {
      evidence.addRow({
        code: i.code,
        level: e.level,
        title: text(e.title),
        kind: e.kind,
        url: text(e.url),
        status: REVIEW_NAMES[e.review] ?? e.review,
        reason: e.reason,
        note: text(e.note),
      });
    }
  }
  // The portal's figures on their own sheet: official, dated, never mixed into Matang's stages.
  if (d.official && (d.official.stages.length > 0 || d.official.verdicts.length > 0)) {
    const official = sheet(book, "Hasil resmi portal", [
      { header: "Tahap resmi", key: "stage", width: 14 },
      { header: "Tanggal", key: "asOf", width: 12 },
      { header: "Kode", key: "code", width: 12 },
      { header: "Nilai resmi", key: "value", width: 12 },
      { header: "Klaim mandiri", key: "claim", width: 14 },
      { header: "Status butir", key: "status", width: 26 },
      { header: "Catatan asesor", key: "note", width: 60 },
      { header: "Unit", key: "unit", width: 30 },
    ]);
    for (const st of d.official.stages) {
      official.addRow({
        stage: OFFICIAL_STAGE_NAMES[st.stage],
        asOf: st.asOf,
        code: "Indeks",
        value: st.index,
        status: st.predicate,
        note: st.indexSource === "computed" ? "dihitung dari nilai indikator resmi" : null,
      });
      for (const i of st.indicators)
        official.addRow({
          stage: OFFICIAL_STAGE_NAMES[st.stage],
          asOf: st.asOf,
          code: i.code,
          value: i.value,
          claim: i.claim,
        });
    }
    for (const v of d.official.verdicts)
      official.addRow({
        stage: OFFICIAL_STAGE_NAMES[v.stage],
        asOf: v.asOf,
        code: v.item,
        status: OFFICIAL_STATUS_NAMES[v.status],
        note: text(v.note),
        unit: text(v.unitName),
      });
  }
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { body, fileName: `penilaian-spbe-${fileSafe(a.organization.name)}-${a.cycle.year}.xlsx` };
}

/** Participants whose scores are read from the database at once (a national cycle has 700). */
const SCORES_BATCH = 50;

/**
 * A whole cycle as a workbook: every participant × indicator × stage, plus each participant's
 * index per stage. Streamed row by row, so a national cycle does not sit in memory as a workbook.
 */
export async function cycleWorkbook(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  cycleId: string,
  batchSize = SCORES_BATCH,
): Promise<{ stream: Readable; fileName: string }> {
  authorize(ctx.principal, "cycle.export", { path: "/" });
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound("Cycle");
  const framework = frameworks.get(cycle.frameworkId);
  if (!framework) throw new ApiError(500, "framework_missing", "The cycle's framework is not loaded");
  const people = await repo.participants(db, cycleId);
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = "Matang";
  const indices = sheet(book, "Indeks", [
    { header: "Instansi", key: "organization", width: 50 },
    { header: "Jenis", key: "kind", width: 12 },
    { header: "Provinsi", key: "province", width: 25 },
    { header: "Tahap", key: "state", width: 18 },
    { header: "Indeks utama", key: "headline", width: 12 },
    { header: "Keterangan indeks utama", key: "headlineLabel", width: 36 },
    { header: "Predikat", key: "predicate", width: 14 },
    ...STAGES.map((s) => ({ header: STAGE_NAMES[s], key: s, width: 11 })),
  ]);
  const detail = sheet(book, "Indikator", [
    { header: "Instansi", key: "organization", width: 50 },
    { header: "Jenis", key: "kind", width: 12 },
    { header: "Provinsi", key: "province", width: 25 },
    { header: "Kode", key: "code", width: 8 },
    { header: "Indikator", key: "name", width: 45 },
    ...STAGES.map((s) => ({ header: STAGE_NAMES[s], key: s, width: 11 })),
    { header: "Validasi", key: "validation", width: 12 },
  ]);
  const writeParticipants = (batch: typeof people, rows: Awaited<ReturnType<typeof repo.scoresOf>>) => {
    const byAssessment = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byAssessment.get(r.assessmentId);
      if (list) list.push(r);
      else byAssessment.set(r.assessmentId, [r]);
    }
    for (const p of batch) {
      const scoresOf = byAssessment.get(p.id) ?? [];
      const levels = stageLevels(scoresOf as never);
      const scored = Object.fromEntries(STAGES.map((s) => [s, score(framework, levels[s])]));
      const h = headline(framework, levels, p.state as State);
      indices
        .addRow({
          organization: text(p.organization),
          kind: p.kind,
          province: p.province === null ? null : text(p.province),
          state: STATE_LABELS[p.state as State].id,
          headline: h.complete ? Number(h.index?.toFixed(4)) : `${h.floorDisplay}–${h.ceilingDisplay}`,
          headlineLabel: h.label.id,
          predicate: h.predicate,
          ...Object.fromEntries(
            STAGES.map((s) => [s, scored[s]?.index === null ? null : Number(scored[s]?.index?.toFixed(4))]),
          ),
        })
        .commit();
      for (const indicator of framework.indicators) {
        const own = scoresOf.filter((r) => r.indicatorCode === indicator.code);
        detail
          .addRow({
            organization: text(p.organization),
            kind: p.kind,
            province: p.province === null ? null : text(p.province),
            code: indicator.code,
            name: indicator.name.id,
            ...Object.fromEntries(STAGES.map((s) => [s, own.find((r) => r.stage === s)?.level ?? null])),
            validation: own.find((r) => r.stage === "validation")?.verdict ?? null,
          })
          .commit();
      }
    }
  };
  (async () => {
    for (let at = 0; at < people.length; at += batchSize) {
      const batch = people.slice(at, at + batchSize);
      writeParticipants(
        batch,
        await repo.scoresOf(
          db,
          batch.map((p) => p.id),
        ),
      );
      // Let the response take what is written before more is read: memory stays bounded.
      if (out.writableNeedDrain) await once(out, "drain");
    }
    indices.commit();
    detail.commit();
    await book.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return { stream: out, fileName: `siklus-spbe-${fileSafe(cycle.name)}-${cycle.year}.xlsx` };
}
