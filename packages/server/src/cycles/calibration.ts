// Calibration across instansi (issue 23, part 3): for a cycle, a province or one instansi, how
// far self-assessments stand from the assessors' results per indicator, why evidence went back,
// and each instansi beside its peers of the same kind in the whole cycle. Core computes; this
// gathers the values.
import {
  type CalibrationParticipant,
  calibrate,
  groupBy,
  INSTANSI_KINDS,
  LEVEL_STAGE_OF_STATE,
  type LevelStage,
  MIN_GROUP,
  RETURN_REASONS,
  stageLevels,
} from "@matang/core";
import ExcelJS from "exceljs";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize } from "../policy/policy.js";
import { spreadsheetText } from "../reports/cells.js";
import { sheet } from "../reports/excel.js";
import { calibrationFacts, findCycle } from "./repository.js";

type Facts = Awaited<ReturnType<typeof calibrationFacts>>;

/**
 * Each assessment's self values and the assessors' latest ones: the stage it has reached, with
 * what earlier assessors' stages left (core's stage inheritance), indicator by indicator, so a
 * cycle still under way is compared on what has been scored.
 */
function participantsOf(facts: Facts): CalibrationParticipant[] {
  const levels = groupBy(facts.levels, (l) => l.assessmentId);
  const reviews = groupBy(facts.reviews, (r) => r.assessmentId);
  return facts.list.map((a) => {
    const at = stageLevels(
      (levels.get(a.assessmentId) ?? []).map((l) => ({
        indicatorCode: l.indicatorCode,
        stage: l.stage as LevelStage,
        level: l.level,
      })),
    );
    const stage = LEVEL_STAGE_OF_STATE[a.state];
    return {
      organizationId: a.organizationId,
      name: a.name,
      kind: a.kind,
      self: at.self,
      // Before the assessors' first stage there is nothing to compare with.
      final: stage === "self" ? {} : at[stage],
      reviews: reviews.get(a.assessmentId) ?? [],
    };
  });
}

export interface CalibrationQuery {
  readonly province?: string;
  readonly organization?: string;
}

export async function cycleCalibration(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  cycleId: string,
  query: CalibrationQuery,
) {
  const scopeId = query.province ?? query.organization;
  const scopeOrg = scopeId ? await getOrganization(db, scopeId) : undefined;
  // A province's coordinator sees its kabupaten/kota; an instansi's its own; the whole cycle is national.
  authorize(ctx.principal, "cycle.calibrate", { path: scopeOrg?.path ?? "/" });
  if (query.province && query.organization)
    throw new ApiError(400, "invalid_scope", "Give a province or an organization, not both");
  if (scopeId && !scopeOrg)
    throw new ApiError(400, "invalid_organization", `Organization ${scopeId} does not exist`);
  if (query.province && scopeOrg?.kind !== "provinsi")
    throw new ApiError(400, "invalid_province", `${scopeOrg?.name ?? query.province} is not a province`);
  if (query.organization && !INSTANSI_KINDS.includes(scopeOrg?.kind as (typeof INSTANSI_KINDS)[number]))
    throw new ApiError(
      400,
      "invalid_organization",
      `${scopeOrg?.name ?? query.organization} is not an instansi`,
    );
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound("Cycle");
  const framework = frameworks.get(cycle.frameworkId);
  if (!framework) throw new ApiError(500, "framework_missing", "The cycle's framework is not loaded");
  const all = participantsOf(await calibrationFacts(db, cycleId));
  // A province's view is its own instansi (itself and its kabupaten/kota); peers are the whole cycle's.
  const inScope = scopeOrg ? participantsOf(await calibrationFacts(db, cycleId, scopeOrg.path)) : all;
  const result = calibrate(framework, inScope, all);
  return {
    cycle: { id: cycle.id, name: cycle.name, year: cycle.year },
    scope: scopeOrg ? { id: scopeOrg.id, name: scopeOrg.name, kind: scopeOrg.kind } : null,
    minGroup: MIN_GROUP,
    ...result,
  };
}

const REASON_NAMES: Record<(typeof RETURN_REASONS)[number], string> = {
  wrong_document: "Dokumen tidak sesuai",
  not_uploaded: "Tidak diunggah",
  outdated: "Kedaluwarsa",
  other: "Lainnya",
};

const KIND_NAMES: Record<string, string> = {
  kementerian: "Kementerian",
  lembaga: "Lembaga",
  provinsi: "Provinsi",
  kabupaten: "Kabupaten",
  kota: "Kota",
};

/** The calibration as a workbook: per indicator, per instansi beside its peers, and how to read it. */
export async function calibrationWorkbook(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  cycleId: string,
  query: CalibrationQuery,
) {
  const c = await cycleCalibration(db, frameworks, ctx, cycleId, query);
  const book = new ExcelJS.Workbook();
  book.creator = "Matang";
  book.created = new Date();
  const orNote = (x: number | null) => (x === null ? `< ${c.minGroup} instansi` : x);
  const indicators = sheet(book, "Per indikator", [
    { header: "Indikator", key: "code", width: 10 },
    { header: "Nama indikator", key: "name", width: 40 },
    { header: "Instansi dibandingkan", key: "compared", width: 12 },
    { header: "Rata-rata selisih (mandiri − akhir)", key: "meanBias", width: 16 },
    { header: "Porsi klaim berlebih", key: "overclaimShare", width: 14 },
    { header: "Klaim berlebih", key: "overclaimed", width: 10 },
    { header: "Sama", key: "matched", width: 8 },
    { header: "Klaim kurang", key: "underclaimed", width: 10 },
    { header: "Bukti direviu", key: "reviewed", width: 10 },
    { header: "Bukti dikembalikan", key: "returned", width: 12 },
    { header: "Tingkat pengembalian", key: "returnRate", width: 14 },
    ...RETURN_REASONS.map((r) => ({ header: `Dikembalikan: ${REASON_NAMES[r]}`, key: r, width: 14 })),
  ]);
  for (const i of c.indicators)
    indicators.addRow({
      code: i.code,
      name: spreadsheetText(i.name.id),
      compared: i.compared,
      meanBias: orNote(i.meanBias),
      overclaimShare: orNote(i.overclaimShare),
      overclaimed: i.overclaimed,
      matched: i.matched,
      underclaimed: i.underclaimed,
      reviewed: i.reviewed,
      returned: i.returned,
      returnRate: orNote(i.returnRate),
      ...Object.fromEntries(RETURN_REASONS.map((r) => [r, i.returnsByReason[r]])),
    });
  indicators.getColumn("overclaimShare").numFmt = "0.0%";
  indicators.getColumn("returnRate").numFmt = "0.0%";
  indicators.getColumn("meanBias").numFmt = "0.00";
  const organizations = sheet(book, "Per instansi", [
    { header: "Instansi", key: "name", width: 40 },
    { header: "Jenis", key: "kind", width: 12 },
    { header: "Indikator dibandingkan", key: "compared", width: 12 },
    { header: "Rata-rata selisih", key: "meanBias", width: 14 },
    { header: "Indikator diklaim berlebih", key: "overclaimed", width: 14 },
    { header: "Sejenis (jumlah)", key: "peers", width: 12 },
    { header: "Rata-rata selisih sejenis", key: "peersMean", width: 14 },
  ]);
  for (const o of c.organizations)
    organizations.addRow({
      name: spreadsheetText(o.name),
      kind: KIND_NAMES[o.kind] ?? o.kind,
      compared: o.compared,
      meanBias: o.meanBias,
      overclaimed: o.overclaimed,
      peers: o.peers.count,
      peersMean: orNote(o.peers.meanBias),
    });
  organizations.getColumn("meanBias").numFmt = "0.00";
  organizations.getColumn("peersMean").numFmt = "0.00";
  const about = sheet(book, "Keterangan", [{ header: "Keterangan", key: "text", width: 110 }]);
  for (const line of [
    `${c.cycle.name} (${c.cycle.year})${c.scope ? ` — ${c.scope.name}` : " — seluruh peserta"}`,
    "Selisih = nilai mandiri − nilai akhir asesor (tahap terakhir yang telah dinilai). Positif: klaim berlebih.",
    `Angka atas kurang dari ${c.minGroup} instansi hanya ditampilkan sebagai jumlah, bukan rata-rata atau persentase.`,
    "Tingkat pengembalian = bukti dikembalikan ÷ bukti yang telah direviu (diterima atau dikembalikan).",
  ])
    about.addRow({ text: line });
  const body = Buffer.from(await book.xlsx.writeBuffer());
  const fileName = `kalibrasi-${c.cycle.year}${c.scope ? `-${c.scope.name}` : ""}.xlsx`;
  return { body, fileName };
}
