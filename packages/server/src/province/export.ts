// A province's kabupaten/kota as an Excel workbook for a coordination meeting: the same figures
// as the province view, indices as numbers (so Indonesian-locale Excel shows "2,60" and sorts them).

import { STATE_LABELS, type State } from "@matang/core";
import ExcelJS from "exceljs";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { fileSafe } from "../http/files.js";
import { spreadsheetText } from "../reports/cells.js";
import { sheet } from "../reports/excel.js";
import { provinceView } from "./service.js";

const num = (s: string | null | undefined) => (s == null ? null : Number(s));

export async function provinceWorkbook(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  cycleId?: string,
) {
  const v = await provinceView(db, frameworks, ctx, id, cycleId);
  const book = new ExcelJS.Workbook();
  book.creator = "Matang";
  book.created = new Date();
  const year = v.disparity.published.year;
  const s = sheet(book, "Kabupaten-kota", [
    { header: "Instansi", key: "name", width: 38 },
    { header: "Tahap", key: "state", width: 20 },
    { header: "Indikator terisi", key: "answered", width: 16 },
    { header: "Indeks sementara", key: "current", width: 17 },
    { header: year ? `Indeks ${year}` : "Indeks terakhir", key: "published", width: 14 },
    { header: "Predikat", key: "predicate", width: 16 },
    { header: "Peringkat di provinsi", key: "rank", width: 20 },
    { header: "Perubahan peringkat", key: "change", width: 19 },
    { header: "Target", key: "target", width: 10 },
    { header: "Di bawah target", key: "below", width: 15 },
  ]);
  for (const m of v.members)
    s.addRow({
      name: spreadsheetText(m.name),
      state: m.assessment ? STATE_LABELS[m.assessment.state as State].id : "Belum terdaftar",
      answered: m.assessment ? `${m.assessment.answered}/${m.assessment.total}` : "",
      current: num(m.assessment?.index),
      published: num(m.published?.index),
      predicate: m.published?.predicate ?? "",
      rank: m.published?.rankInProvince ?? null,
      change: m.published?.rankChange ?? null,
      target: num(m.target),
      below: m.belowTarget === true ? "Ya" : m.belowTarget === false ? "Tidak" : "",
    });
  for (const key of ["current", "published", "target"]) s.getColumn(key).numFmt = "0.00";
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { body, fileName: `provinsi-${fileSafe(v.province.name)}${v.cycle ? `-${v.cycle.year}` : ""}.xlsx` };
}
