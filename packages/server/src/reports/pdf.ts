import { STATE_LABELS, type State } from "@matang/core";
import PDFDocument from "pdfkit";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import {
  fileSafe,
  OFFICIAL_STAGE_NAMES,
  OFFICIAL_STATUS_NAMES,
  REVIEW_NAMES,
  type ReportData,
  reportData,
  STAGE_NAMES,
  STAGES,
} from "./data.js";
import {
  collect,
  cycleTitle,
  type Doc,
  dateId,
  ensureRoom,
  finishPdf,
  fixed,
  heading,
  LEFT,
  num,
  signatures,
  TEAL,
  table,
  WIDTH,
} from "./pdf-kit.js";

const INDIGO = "#4338ca";

/** Horizontal bars (one or two series) on the framework's index scale. */
function barChart(
  doc: Doc,
  rows: { label: string; values: (number | null)[] }[],
  series: { name: string; color: string }[],
  max: number,
) {
  const labelWidth = 170;
  const barArea = WIDTH - labelWidth - 40;
  const rowHeight = 8 * series.length + 8;
  ensureRoom(doc, rows.length * rowHeight + 30);
  let y = doc.y + 4;
  doc.fontSize(8);
  series.forEach((s, i) => {
    doc.rect(LEFT + labelWidth + i * 90, y, 8, 8).fill(s.color);
    doc.fillColor("black").text(s.name, LEFT + labelWidth + i * 90 + 12, y, { width: 76 });
  });
  y += 14;
  for (const r of rows) {
    doc
      .fillColor("black")
      .text(r.label, LEFT, y, { width: labelWidth - 6, height: rowHeight, ellipsis: true });
    r.values.forEach((v, i) => {
      const by = y + i * 8;
      const w = v === null ? 0 : Math.max(0, (v / max) * barArea);
      doc.rect(LEFT + labelWidth, by, w, 7).fill(series[i]?.color ?? "#888");
      doc.fillColor("black").text(fixed(v), LEFT + labelWidth + w + 4, by - 0.5, { width: 36 });
    });
    y += rowHeight;
  }
  doc.y = y + 4;
  doc.x = LEFT;
}

/** A value as Indonesian readers write it: whole levels as they are, decimals with a comma. */
function valueText(d: ReportData, value: number): string {
  return d.framework.valuePlaces > 0
    ? value.toFixed(d.framework.valuePlaces).replace(".", ",")
    : String(value);
}

function levelText(d: ReportData, value: number): string {
  return d.framework.valuePlaces > 0 ? `nilai ${valueText(d, value)}` : `tingkat ${value}`;
}

function cover(doc: Doc, d: ReportData) {
  const a = d.assessment;
  const s = a.headline;
  doc
    .moveDown(6)
    .font("Helvetica-Bold")
    .fontSize(22)
    .fillColor(TEAL)
    .text(
      d.framework.definition.indexName
        ? `LAPORAN ${d.framework.definition.indexName.id.toUpperCase()}`
        : "LAPORAN EVALUASI SPBE",
      { align: "center" },
    );
  doc.moveDown(0.5).fontSize(16).fillColor("black").text(a.organization.name, { align: "center" });
  doc
    .moveDown(0.3)
    .font("Helvetica")
    .fontSize(12)
    .text(cycleTitle(a.cycle.name, a.cycle.year), { align: "center" });
  doc.moveDown(3).fontSize(12).text(s.label.id, { align: "center" });
  doc
    .font("Helvetica-Bold")
    .fontSize(40)
    .fillColor(TEAL)
    .text(s.complete ? num(s.indexDisplay) : `${num(s.floorDisplay)}–${num(s.ceilingDisplay)}`, {
      align: "center",
    });
  doc
    .font("Helvetica")
    .fontSize(14)
    .fillColor("black")
    .text(s.predicate ?? `Belum lengkap: ${s.answered} dari ${s.total} indikator`, { align: "center" });
  doc.moveDown(6).fontSize(10);
  doc.text(`Kerangka: ${d.framework.title.id}`, { align: "center" });
  doc.text(`Tahap: ${STATE_LABELS[a.state as State].id}`, { align: "center" });
  doc.text(`Dibuat oleh Matang pada ${dateId(new Date())}`, { align: "center" });
}

function scores(doc: Doc, d: ReportData) {
  const a = d.assessment;
  heading(doc, "1. Indeks dan predikat per tahap");
  table(
    doc,
    [
      { label: "Tahap", width: 120 },
      { label: "Indeks", width: 90 },
      { label: "Predikat", width: 120 },
      { label: "Terjawab", width: 165 },
    ],
    STAGES.map((stage) => {
      const s = a.scores[stage];
      return [
        STAGE_NAMES[stage],
        s?.complete ? num(s.indexDisplay) : `${num(s?.floorDisplay)}–${num(s?.ceilingDisplay)}`,
        s?.predicate ?? "—",
        `${s?.answered ?? 0} dari ${d.framework.indicators.length} indikator`,
      ];
    }),
  );
  const compared = d.headlineStage === "self" ? (["self"] as const) : (["self", d.headlineStage] as const);
  const max = Math.max(...d.framework.predicates.map((p) => p.max));
  const value = (g: { index: number | null; floor: number } | undefined) => (g ? (g.index ?? g.floor) : null);
  // A framework without domains (Pemdi) has its aspects at the top.
  const byDomain = d.framework.domains.length > 0;
  heading(doc, byDomain ? "2. Domain dan aspek" : "2. Aspek");
  table(
    doc,
    [
      { label: "Kode", width: 45 },
      { label: byDomain ? "Domain / aspek" : "Aspek", width: 250 },
      ...compared.map((s) => ({ label: STAGE_NAMES[s], width: 100 })),
    ],
    byDomain
      ? d.framework.domains.flatMap((domain, di) => [
          [domain.code, domain.name.id, ...compared.map((s) => fixed(value(a.scores[s]?.domains[di])))],
          ...domain.aspects.map((aspect) => {
            const ai = d.framework.aspects.findIndex((x) => x.code === aspect.code);
            return [
              `  ${aspect.code}`,
              `  ${aspect.name.id}`,
              ...compared.map((s) => fixed(value(a.scores[s]?.aspects[ai]))),
            ];
          }),
        ])
      : d.framework.aspects.map((aspect, ai) => [
          aspect.code,
          aspect.name.id,
          ...compared.map((s) => fixed(value(a.scores[s]?.aspects[ai]))),
        ]),
  );
  const series = compared.map((s, i) => ({ name: STAGE_NAMES[s], color: i === 0 ? TEAL : INDIGO }));
  if (byDomain) {
    heading(doc, "Grafik indeks domain");
    barChart(
      doc,
      d.framework.domains.map((domain, di) => ({
        label: `${domain.code} ${domain.name.id}`,
        values: compared.map((s) => value(a.scores[s]?.domains[di])),
      })),
      series,
      max,
    );
  }
  heading(doc, "Grafik indeks aspek");
  barChart(
    doc,
    d.framework.aspects.map((aspect, ai) => ({
      label: `${aspect.code} ${aspect.name.id}`,
      values: compared.map((s) => value(a.scores[s]?.aspects[ai])),
    })),
    series,
    max,
  );
}

function profiles(doc: Doc, d: ReportData) {
  heading(doc, `3. Kekuatan dan kelemahan per aspek (tahap ${STAGE_NAMES[d.headlineStage].toLowerCase()})`);
  doc.text(
    "Kekuatan: indikator pada dua tingkat teratas skalanya. Kelemahan: indikator pada dua tingkat terbawah skalanya.",
    LEFT,
  );
  doc.moveDown(0.4);
  const list = (items: readonly { code: string; name: string; level: number }[]) =>
    items.length ? items.map((i) => `${i.code} ${i.name} (${levelText(d, i.level)})`).join("\n") : "—";
  table(
    doc,
    [
      { label: "Aspek", width: 115 },
      { label: "Kekuatan", width: 190 },
      { label: "Kelemahan", width: 190 },
    ],
    d.profiles.map((p) => [`${p.code} ${p.name}`, list(p.strengths), list(p.weaknesses)]),
  );
}

function readinessSection(doc: Doc, d: ReportData) {
  const r = d.readiness;
  heading(doc, "4. Kesiapan bukti dukung");
  doc.text(
    `Indeks penilaian mandiri: ${r.from.complete ? num(r.from.indexDisplay) : "belum lengkap"}. Indeks bila hanya bukti dukung yang diterima dihitung: ${
      r.to.complete ? num(r.to.indexDisplay) : "belum lengkap"
    }.`,
    LEFT,
  );
  const risky = r.indicators.filter((x) => x.difference < 0);
  if (risky.length > 0) {
    doc.moveDown(0.4);
    table(
      doc,
      [
        { label: "Kode", width: 45 },
        { label: "Indikator berisiko turun", width: 290 },
        { label: "Diklaim", width: 55 },
        { label: "Didukung", width: 55 },
        { label: "Dampak", width: 50 },
      ],
      risky.map((x) => [
        x.indicator,
        x.name,
        valueText(d, x.from),
        valueText(d, x.to),
        // The standard PDF fonts have no minus sign (U+2212): a hyphen-minus prints everywhere.
        `-${fixed(-x.contribution, 3)}`,
      ]),
    );
  }
}

function recommendationsSection(doc: Doc, d: ReportData) {
  heading(doc, "5. Rekomendasi");
  if (d.recommendations.length === 0) {
    doc.text(
      "Tidak ada langkah yang diperlukan untuk predikat berikutnya, atau tingkat belum lengkap.",
      LEFT,
    );
    return;
  }
  doc.text(
    "Langkah termurah (satu upaya per tingkat) untuk mencapai predikat berikutnya, dengan kriteria tingkat yang dituju:",
    LEFT,
  );
  doc.moveDown(0.4);
  table(
    doc,
    [
      { label: "Kode", width: 45 },
      { label: "Indikator", width: 150 },
      { label: "Tingkat", width: 50 },
      { label: "Kriteria tingkat yang dituju", width: 200 },
      { label: "Tambah", width: 50 },
    ],
    d.recommendations.map((s) => [s.code, s.name, `${s.from} → ${s.to}`, s.criteria, `+${fixed(s.gain, 3)}`]),
  );
}

const VERDICT_NAMES: Record<string, string> = {
  valid: "valid",
  not_valid: "tidak valid",
  corrected: "dikoreksi, menunggu validasi ulang",
};

function indicators(doc: Doc, d: ReportData) {
  heading(doc, "6. Rincian indikator per tahap");
  for (const i of d.items) {
    ensureRoom(doc, 70);
    doc.font("Helvetica-Bold").fontSize(9.5).fillColor("black").text(`${i.code}. ${i.name}`, LEFT);
    doc.font("Helvetica").fontSize(8.5);
    const levels = STAGES.map((s) => {
      const level = i.stages[s]?.level;
      return `${STAGE_NAMES[s]}: ${level == null ? "—" : valueText(d, level)}`;
    }).join("   ");
    const verdict = i.stages.validation?.verdict;
    doc.text(`${levels}${verdict ? `   Validasi: ${VERDICT_NAMES[verdict] ?? verdict}` : ""}`, LEFT);
    for (const u of i.unitAnswers) {
      if (u.explanation?.trim())
        doc.text(
          `Penjelasan ${i.assignments.find((x) => x.unitId === u.unitId)?.unitName ?? "unit"}: ${u.explanation}`,
          LEFT,
          doc.y,
          { width: WIDTH },
        );
    }
    for (const s of [...STAGES, "validation"] as const) {
      const note = i.stages[s]?.note;
      if (note?.trim())
        doc.text(`Catatan ${STAGE_NAMES[s].toLowerCase()}: ${note}`, LEFT, doc.y, { width: WIDTH });
    }
    if (i.evidence.length > 0) {
      doc.text(
        `Bukti dukung: ${i.evidence.map((e) => `${e.title} (tingkat ${e.level}, ${REVIEW_NAMES[e.review] ?? e.review})`).join("; ")}`,
        LEFT,
        doc.y,
        { width: WIDTH },
      );
    }
    doc.moveDown(0.5);
  }
}

/** The assessment report in Bahasa Indonesia, as a PDF. */
/** The portal's official figures, in their own section: dated, by stage, never Matang's scores. */
function officialSection(doc: Doc, d: ReportData) {
  const o = d.official;
  if (!o || (o.stages.length === 0 && o.verdicts.length === 0)) return;
  heading(doc, "7. Hasil resmi portal (bukan nilai Matang)");
  doc.text(
    "Angka dan status di bawah ini disalin dari portal evaluasi nasional, dengan tanggal dan tahapnya; nilai tahapan Matang di bagian 1–6 tidak diubah olehnya.",
    { width: WIDTH },
  );
  doc.moveDown(0.4);
  if (o.stages.length > 0)
    table(
      doc,
      [
        { label: "Tahap resmi", width: 100 },
        { label: "Tanggal", width: 80 },
        { label: "Indeks", width: 70 },
        { label: "Predikat", width: 90 },
        { label: "Nilai indikator resmi", width: 155 },
      ],
      o.stages.map((st) => [
        OFFICIAL_STAGE_NAMES[st.stage],
        st.asOf,
        st.indexDisplay
          ? `${num(st.indexDisplay)}${st.indexSource === "computed" ? " (dihitung)" : ""}`
          : "—",
        st.predicate ?? "—",
        st.indicators.map((i) => `${i.code} ${num(i.value.toFixed(2))}`).join(", ") || "—",
      ]),
    );
  const returned = o.verdicts.filter((v) => v.status !== "accepted");
  if (returned.length > 0) {
    doc.moveDown(0.5).font("Helvetica-Bold").text(`Butir dikembalikan portal (${returned.length})`, LEFT);
    doc.font("Helvetica");
    table(
      doc,
      [
        { label: "Butir", width: 60 },
        { label: "Status", width: 110 },
        { label: "Catatan asesor", width: 205 },
        { label: "Unit", width: 120 },
      ],
      returned.map((v) => [v.item, OFFICIAL_STATUS_NAMES[v.status], v.note || "—", v.unitName ?? "—"]),
    );
  }
}

export async function assessmentReportPdf(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const d = await reportData(db, frameworks, ctx, id);
  const a = d.assessment;
  const doc = new PDFDocument({
    size: "A4",
    margin: LEFT,
    bufferPages: true,
    info: { Title: `Laporan Evaluasi SPBE — ${a.organization.name} (${a.cycle.year})`, Author: "Matang" },
  });
  const done = collect(doc);
  cover(doc, d);
  doc.addPage();
  scores(doc, d);
  profiles(doc, d);
  readinessSection(doc, d);
  recommendationsSection(doc, d);
  indicators(doc, d);
  officialSection(doc, d);
  // Acknowledged by those who answer for it.
  signatures(doc, `Dibuat pada ${dateId(new Date())}`, [
    { role: "Koordinator SPBE,", name: null },
    { role: "Mengetahui,\nPimpinan instansi", name: null },
  ]);
  finishPdf(doc, `${a.organization.name} · ${a.cycle.name}`);
  return { body: await done, fileName: `laporan-spbe-${fileSafe(a.organization.name)}-${a.cycle.year}.pdf` };
}
