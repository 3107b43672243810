// What the national portal decided, brought back: the verdict on each item with the assessor's
// note, and the official values per indicator and the index, interim and final — kept apart from
// Matang's own stage scores, always with their date and stage. Returned items become work.
import {
  compareWithOfficial,
  formatIndex,
  InputFileError,
  isCalendarDate,
  isReturned,
  type OfficialStage,
  type OfficialStatus,
  parseOfficialTables,
  pastedRows,
  predicateForIndex,
  ratioOfDecimal,
  score,
  stageLevels,
  type TableRow,
} from "@matang/core";
import ExcelJS from "exceljs";
import { access, type Loaded } from "../assessments/loading.js";
import * as assessmentRepo from "../assessments/repository.js";
import { appendAudit } from "../audit/repository.js";
import { buildChecklist } from "../checklist/service.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorFrom, actorOf, type RequestContext } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { fileSafe } from "../http/files.js";
import { notify } from "../notifications/service.js";
import { authorize, can } from "../policy/policy.js";
import { spreadsheetText } from "../reports/cells.js";
import * as repo from "./repository.js";

export interface ImportInput {
  readonly stage: OfficialStage;
  /** The day the portal showed these figures. */
  readonly asOf: string;
  /** When the units should have answered the returned items (their items' due date). */
  readonly dueDate?: string | null | undefined;
  readonly dryRun?: boolean | undefined;
}

const MAX_TEMPLATE_ROWS = 5000;

/** The sheets of the template (or any workbook shaped like it) as rows of text. */
export async function workbookTables(body: Buffer, fileName: string) {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(body as never);
  } catch {
    throw new ApiError(400, "invalid_workbook", `${fileName} is not an Excel workbook that can be read`);
  }
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "object") {
      if ("richText" in v) return v.richText.map((r) => r.text).join("");
      if ("result" in v) return text(v.result as ExcelJS.CellValue);
      if ("text" in v) return String(v.text);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      return "";
    }
    // A value typed as a number keeps the decimal point, whatever the sheet's locale showed.
    return String(v);
  };
  return book.worksheets
    .filter((w) => w.name !== "Petunjuk")
    .map((w) => {
      const rows: TableRow[] = [];
      w.eachRow((row, line) => {
        if (line > MAX_TEMPLATE_ROWS) return;
        const cells = [1, 2, 3].map((i) => text(row.getCell(i).value).trim());
        rows.push({ line, cells });
      });
      return { file: `${fileName} › ${w.name}`, rows };
    });
}

/** Whether the caller may import the portal's figures into this assessment (403/404 if not). */
export async function checkImport(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  await access(db, frameworks, ctx, id, "assessment.portal");
}

/**
 * Import what the portal shows for one stage, from pasted text or the template's sheets. Every
 * problem comes back by line and nothing is stored while there is one; a dry run stores nothing.
 * Each item newly returned goes to its responsible unit with the assessor's note (a notification,
 * and the due date given). One audit entry.
 */
export async function importOfficial(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: ImportInput,
  tables: { file: string; rows: TableRow[] }[],
  source: string,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  if (!isCalendarDate(input.asOf))
    throw new ApiError(400, "invalid_date", "asOf must be a date (YYYY-MM-DD)");
  if (input.dueDate && !isCalendarDate(input.dueDate))
    throw new ApiError(400, "invalid_date", "dueDate must be a date (YYYY-MM-DD)");
  let table: ReturnType<typeof parseOfficialTables>;
  try {
    table = parseOfficialTables(tables, c.framework);
  } catch (error) {
    if (error instanceof InputFileError)
      throw new ApiError(
        422,
        "invalid_table",
        "The table has problems; nothing was imported",
        error.problems,
      );
    throw error;
  }
  const [current, pjs] = await Promise.all([
    repo.verdictsOf(db, id),
    assessmentRepo.itemAssignmentsOf(db, id),
  ]);
  const before = new Map(current.map((v) => [v.itemCode, v.status]));
  const returned = table.verdicts
    .filter((v) => isReturned(v.status))
    .map((v) => {
      const pj = pjs.find((p) => p.itemCode === v.item);
      return {
        item: v.item,
        indicator: v.indicator,
        status: v.status,
        note: v.note,
        unitId: pj?.unitId ?? null,
        unitName: pj?.unitName ?? null,
        // New work: not returned before with the same reason.
        isNew: before.get(v.item) !== v.status,
      };
    });
  const report = {
    dryRun: input.dryRun === true,
    stage: input.stage,
    asOf: input.asOf,
    verdicts: table.verdicts.length,
    accepted: table.verdicts.filter((v) => v.status === "accepted").length,
    changed: table.verdicts.filter((v) => before.get(v.item) !== v.status).length,
    values: table.values.map((v) => ({ indicator: v.indicator, value: v.value })),
    returned,
  };
  if (input.dryRun) return report;
  await inTransaction(db, async (t) => {
    await assessmentRepo.lockAssessment(t, id);
    const importId = await repo.insertImport(t, {
      assessmentId: id,
      stage: input.stage,
      asOf: input.asOf,
      source,
      verdicts: table.verdicts.length,
      values: table.values.length,
      returned: returned.length,
      createdBy: ctx.principal?.userId ?? null,
    });
    await repo.saveVerdicts(
      t,
      table.verdicts.map((v) => ({
        assessmentId: id,
        itemCode: v.item,
        indicatorCode: v.indicator,
        status: v.status,
        note: v.note,
        importId,
      })),
    );
    await repo.saveValues(
      t,
      table.values.map((v) => ({
        assessmentId: id,
        indicatorCode: v.indicator ?? "",
        stage: input.stage,
        value: v.value,
        importId,
      })),
    );
    // Read again under the lock: a unit reassigned meanwhile gets the due date at its version.
    const current = await assessmentRepo.itemAssignmentsOf(t, id);
    for (const r of returned.filter((x) => x.isNew && x.unitId)) {
      const pj = current.find((p) => p.itemCode === r.item);
      if (pj && input.dueDate)
        await assessmentRepo.saveItemAssignment(
          t,
          { assessmentId: id, indicatorCode: r.indicator, itemCode: r.item },
          pj.version,
          { unitId: pj.unitId, dueDate: input.dueDate },
        );
      const [unit] = await assessmentRepo.unitsUnder(t, c.organization.path, [r.unitId as string]);
      if (!unit) continue;
      const operators = await assessmentRepo.usersWithRoleOver(t, unit.path, ["operator"]);
      await notify(t, operators, "returned", {
        assessmentId: id,
        indicator: r.indicator,
        item: r.item,
        note: r.note,
        dueDate: input.dueDate ?? null,
        source: "portal",
      });
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "official.import",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      after: {
        importId,
        stage: input.stage,
        asOf: input.asOf,
        source,
        verdicts: table.verdicts.length,
        values: table.values.length,
        returned: returned.length,
      },
    });
    // The portal's returns and values go onto the improvement checklist with this import.
    await buildChecklist(t, c, actorFrom(ctx), "official", input.dueDate ?? null);
  });
  return report;
}

export function importFromText(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: ImportInput & { text: string },
) {
  return importOfficial(
    db,
    frameworks,
    ctx,
    id,
    input,
    [{ file: "teks tempel", rows: pastedRows(input.text) }],
    "paste",
  );
}

/**
 * The official figures of an assessment by stage (with their date), each indicator's official
 * value beside the instansi's own claim, and every item's verdict with its unit: shown apart from
 * Matang's stage scores, never mixed into them.
 */
export async function officialOf(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  // The whole instansi's figures: a unit's people see their own items' verdicts in the item list.
  authorize(ctx.principal, "indicator.read", { path: c.organization.path, assessorIds: c.assessorIds });
  return {
    ...(await officialData(db, c)),
    can: { import: can(ctx.principal, "assessment.portal", { path: c.organization.path }) },
  };
}

/** The official figures and verdicts of a loaded assessment (the caller checked access). */
export async function officialData(db: Db, c: Loaded) {
  const id = c.assessment.id;
  const [imports, verdicts, values, pjs, levels] = await Promise.all([
    repo.importsOf(db, id),
    repo.verdictsOf(db, id),
    repo.valuesOf(db, id),
    assessmentRepo.itemAssignmentsOf(db, id),
    assessmentRepo.levelsOf(db, id),
  ]);
  const claim = new Map(levels.filter((l) => l.stage === "self").map((l) => [l.indicatorCode, l.level]));
  const stages = (["interim", "final"] as const)
    .map((stage) => {
      const rows = values.filter((v) => v.stage === stage);
      if (rows.length === 0) return null;
      const printed = rows.find((r) => r.indicatorCode === "");
      const byIndicator = Object.fromEntries(
        rows.filter((r) => r.indicatorCode !== "").map((r) => [r.indicatorCode, r.value]),
      );
      const computed = score(c.framework, byIndicator);
      // The printed index when the table has it, else the one its indicator values give (when complete).
      const index = printed?.value ?? (computed.complete ? computed.index : null);
      return {
        stage,
        asOf:
          rows
            .map((r) => r.asOf)
            .sort()
            .at(-1) ?? "",
        index,
        indexDisplay: index === null ? null : formatIndex(ratioOfDecimal(index), 2),
        indexSource: printed ? ("printed" as const) : index === null ? null : ("computed" as const),
        predicate: index === null ? null : predicateForIndex(c.framework, index),
        indicators: c.framework.indicators
          .filter((i) => byIndicator[i.code] !== undefined)
          .map((i) => ({
            code: i.code,
            value: byIndicator[i.code] as number,
            claim: claim.get(i.code) ?? null,
            // Index points lost against the claim: weight × (claim − official) / total weight.
            loss:
              claim.get(i.code) == null
                ? null
                : (i.weight * ((claim.get(i.code) as number) - (byIndicator[i.code] as number))) /
                  c.framework.indicators.reduce((n, x) => n + x.weight, 0),
          })),
      };
    })
    .filter((s) => s !== null);
  // A mock evaluation (the instansi's internal assessors, a province team) against the portal:
  // the interim values are the portal's document review, the final ones its final scores.
  const mock = stageLevels(levels);
  const comparison = stages.flatMap((st) => {
    const against = st.stage === "interim" ? ("document" as const) : ("final" as const);
    const official = Object.fromEntries(st.indicators.map((i) => [i.code, i.value]));
    const compared = compareWithOfficial(c.framework, mock[against], official);
    return compared.rows.length > 0 ? [{ stage: st.stage, against, ...compared }] : [];
  });
  return {
    imports,
    stages,
    comparison,
    verdicts: verdicts
      .map((v) => {
        const pj = pjs.find((p) => p.itemCode === v.itemCode);
        return {
          item: v.itemCode,
          indicator: v.indicatorCode,
          status: v.status as OfficialStatus,
          note: v.note,
          asOf: v.asOf,
          stage: v.stage,
          unitName: pj?.unitName ?? null,
          dueDate: pj?.dueDate ?? null,
        };
      })
      .sort((a, b) => a.item.localeCompare(b.item, undefined, { numeric: true })),
  };
}

/** The template to fill from the portal: every item with its text, every indicator, the index. */
export async function officialTemplate(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  const book = new ExcelJS.Workbook();
  book.creator = "Matang";
  const help = book.addWorksheet("Petunjuk");
  help.columns = [{ header: "Cara mengisi", key: "t", width: 110 }];
  help.getRow(1).font = { bold: true };
  for (const line of [
    "Salin dari portal evaluasi: status dan catatan asesor setiap butir ke lembar Butir, nilai setiap indikator dan indeks ke lembar Nilai.",
    "Status: Diterima · Revisi: tidak tepat · Revisi: belum diunggah · Revisi: ditolak otomatis.",
    "Nilai memakai titik atau koma desimal (2,37 atau 2.37). Baris yang kolom kedua kosong dilewati.",
    "Unggah berkas ini di Matang (Hasil resmi portal → Impor); setiap masalah ditampilkan per baris sebelum apa pun disimpan.",
  ])
    help.addRow({ t: line });
  const hasItems = c.framework.indicators.some((i) => i.items.length > 0);
  if (hasItems) {
    const items = book.addWorksheet("Butir", { views: [{ state: "frozen", ySplit: 1 }] });
    items.columns = [
      { header: "Kode butir", key: "code", width: 12 },
      { header: "Status", key: "status", width: 26 },
      { header: "Catatan asesor", key: "note", width: 60 },
      { header: "Butir (rujukan)", key: "text", width: 80 },
    ];
    items.getRow(1).font = { bold: true };
    for (const i of c.framework.indicators)
      for (const item of i.items)
        items.addRow({ code: item.code, status: "", note: "", text: spreadsheetText(item.text.id) });
  }
  const values = book.addWorksheet("Nilai", { views: [{ state: "frozen", ySplit: 1 }] });
  values.columns = [
    { header: "Indikator", key: "code", width: 12 },
    { header: "Nilai", key: "value", width: 10 },
    { header: "", key: "empty", width: 2 },
    { header: "Nama (rujukan)", key: "name", width: 80 },
  ];
  values.getRow(1).font = { bold: true };
  for (const i of c.framework.indicators) values.addRow({ code: i.code, name: spreadsheetText(i.name.id) });
  values.addRow({ code: "Indeks", name: "Indeks keseluruhan (bila portal menampilkannya)" });
  return {
    body: Buffer.from(await book.xlsx.writeBuffer()),
    fileName: `templat-hasil-portal-${fileSafe(c.organization.name)}-${c.cycle.year}.xlsx`,
  };
}
