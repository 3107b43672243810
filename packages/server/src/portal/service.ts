// Working alongside the national portal: the evidence package laid out as the portal wants it,
// and which items were uploaded there (and whether their files changed since).
import { PassThrough, type Readable } from "node:stream";
import {
  changedSinceUpload,
  type Framework,
  type PackageEntry,
  type PackageSource,
  type PortalProfileDef,
  packageEntries,
} from "@matang/core";
import ExcelJS from "exceljs";
import yazl from "yazl";
import { access, auditIndicator, type Loaded } from "../assessments/loading.js";
import * as assessmentRepo from "../assessments/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { EvidenceStorage } from "../evidence/storage.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { fileSafe } from "../http/files.js";
import { spreadsheetText } from "../reports/cells.js";
import * as repo from "./repository.js";

export interface PackageFilter {
  /** One indicator's documents only. */
  readonly indicator?: string | undefined;
  /** The documents of items (or indicators) this unit is responsible for. */
  readonly unit?: string | undefined;
  /** Only what was accepted in the internal review. */
  readonly acceptedOnly?: boolean | undefined;
}

type Source = PackageSource & {
  readonly indicatorCode: string;
  readonly itemCode: string;
  readonly evidenceId: string;
  readonly fileId: string | null;
  readonly storageKey: string | null;
  readonly url: string | null;
  readonly uploadNote: string;
  readonly unitIds: readonly string[];
  readonly unitNames: readonly string[];
};

function profileOf(framework: Framework): PortalProfileDef {
  const profile = framework.definition.portal;
  if (!profile)
    throw new ApiError(
      409,
      "no_portal_profile",
      `Framework ${framework.id} says nothing about a national portal to upload to`,
    );
  return profile;
}

/** The code an upload is marked under: the item, or the indicator where there are no items. */
const codeOf = (r: { itemCode: string; indicatorCode: string }) => r.itemCode || r.indicatorCode;

/** Who answers for a code: the item's unit, else the units the indicator is assigned to. */
async function responsibility(db: Db, c: Loaded) {
  const pjs = await assessmentRepo.itemAssignmentsOf(db, c.assessment.id);
  return (itemCode: string, indicatorCode: string) => {
    const pj = itemCode ? pjs.find((p) => p.itemCode === itemCode) : undefined;
    if (pj) return { ids: [pj.unitId], names: [pj.unitName ?? ""] };
    const whole = c.assignments.filter((a) => a.indicatorCode === indicatorCode);
    return { ids: whole.map((a) => a.unitId), names: whole.map((a) => a.unitName) };
  };
}

async function sourcesOf(db: Db, c: Loaded, filter: PackageFilter): Promise<Source[]> {
  if (filter.indicator !== undefined && !c.framework.indicatorByCode.has(filter.indicator))
    throw new ApiError(
      404,
      "not_found",
      `Indicator ${filter.indicator} is not in framework ${c.framework.id}`,
    );
  const rows = await repo.packageSourcesOf(db, c.assessment.id);
  const unitsOf = await responsibility(db, c);
  return rows
    .filter((r) => filter.indicator === undefined || r.indicatorCode === filter.indicator)
    .filter((r) => !filter.acceptedOnly || r.review === "accepted")
    .map((r): Source => {
      const units = unitsOf(r.itemCode, r.indicatorCode);
      return {
        code: codeOf(r),
        level: r.level,
        title: r.title,
        kind: r.kind,
        originalName: r.originalName,
        mediaType: r.mediaType,
        size: r.size,
        review: r.review,
        indicatorCode: r.indicatorCode,
        itemCode: r.itemCode,
        evidenceId: r.evidenceId,
        fileId: r.fileId,
        storageKey: r.storageKey,
        url: r.url,
        uploadNote: r.uploadNote,
        unitIds: units.ids,
        unitNames: units.names,
      };
    })
    .filter((s) => filter.unit === undefined || s.unitIds.includes(filter.unit));
}

const entryView = (e: PackageEntry<Source>) => ({
  code: e.source.code,
  indicator: e.source.indicatorCode,
  level: e.source.level,
  title: e.source.title,
  kind: e.source.kind,
  url: e.source.url,
  evidenceId: e.source.evidenceId,
  fileId: e.source.fileId,
  /** Where it sits in the ZIP (a folder per indicator), when it goes in. */
  path: e.included && e.fileName ? `${e.source.indicatorCode}/${e.fileName}` : null,
  fileName: e.fileName,
  size: e.source.size ?? null,
  review: e.source.review ?? "pending",
  units: [...e.source.unitNames],
  note: e.source.uploadNote,
  problems: [...e.problems],
  included: e.included,
});

/** What an export would hold: every document with its portal name and what the portal would refuse. */
export async function packagePreview(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  filter: PackageFilter,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  const profile = profileOf(c.framework);
  const entries = packageEntries(profile, await sourcesOf(db, c, filter)).map(entryView);
  const included = entries.filter((e) => e.included);
  return {
    profile,
    entries,
    totals: {
      documents: entries.length,
      files: included.length,
      bytes: included.reduce((n, e) => n + (e.size ?? 0), 0),
      held: entries.length - included.length,
    },
  };
}

const STATUS_ID = {
  accepted: "Diterima",
  pending: "Menunggu pemeriksaan",
  revision: "Dikembalikan",
} as const;

/** The index sheet: every document, where it went (or why not), its note ready to paste. */
async function indexSheet(
  c: Loaded,
  entries: ReturnType<typeof entryView>[],
  profile: PortalProfileDef,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Matang";
  book.created = new Date();
  const sheet = book.addWorksheet("Paket portal", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Butir", key: "code", width: 12 },
    { header: "Indikator", key: "indicator", width: 9 },
    { header: "Tingkat", key: "level", width: 8 },
    { header: "Dokumen", key: "title", width: 40 },
    { header: "Berkas dalam ZIP", key: "path", width: 48 },
    { header: "Ukuran (KB)", key: "size", width: 12 },
    { header: "Catatan unggah", key: "note", width: 50 },
    { header: "Unit penanggung jawab", key: "units", width: 30 },
    { header: "Pemeriksaan internal", key: "review", width: 20 },
    { header: "Keterangan", key: "remark", width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  const text = (s: string | null | undefined) => spreadsheetText(s ?? "");
  for (const e of entries) {
    sheet.addRow({
      code: text(e.code),
      indicator: text(e.indicator),
      level: e.level,
      title: text(e.title),
      path: text(e.path ?? (e.url ? e.url : "")),
      size: e.size === null ? null : Math.ceil(e.size / 1024),
      note: text(e.note),
      units: text(e.units.join(", ")),
      review: STATUS_ID[e.review],
      remark: e.included ? null : text(`Tidak disertakan: ${e.problems.map((p) => p.message.id).join(" ")}`),
    });
  }
  const about = book.addWorksheet("Tentang");
  about.columns = [
    { header: "", key: "k", width: 28 },
    { header: "", key: "v", width: 90 },
  ];
  about.addRows([
    { k: "Instansi", v: text(c.organization.name) },
    { k: "Periode", v: text(`${c.cycle.name} (${c.cycle.year})`) },
    { k: "Portal", v: text(`${profile.name}${profile.url ? ` — ${profile.url}` : ""}`) },
    { k: "Jenis berkas diterima", v: profile.acceptedTypes.join(", ") },
    { k: "Ukuran maksimum", v: `${profile.maxFileMb} MB` },
    { k: "Catatan profil portal", v: text(profile.note?.id ?? "") },
    { k: "Dibuat", v: new Date().toISOString() },
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The upload notes as text, one block per item, ready to paste into the portal. */
function notesText(entries: ReturnType<typeof entryView>[]): string {
  const byCode = new Map<string, string[]>();
  for (const e of entries) {
    if (!e.included && e.kind !== "link") continue;
    const lines = byCode.get(e.code) ?? [];
    const note = e.note.trim();
    if (note && !lines.includes(note)) lines.push(note);
    if (e.kind === "link" && e.url) lines.push(`Tautan: ${e.url}`);
    byCode.set(e.code, lines);
  }
  return `${[...byCode]
    .map(([code, lines]) => `${code}\r\n${lines.length > 0 ? lines.join("\r\n") : "(tanpa catatan)"}`)
    .join("\r\n\r\n")}\r\n`;
}

/**
 * The package as a ZIP, streamed: a folder per indicator with each file named as the portal wants
 * it, the index sheet and the upload notes. Files the portal would refuse stay out (the sheet says
 * why). The first file's storage is opened only when the archive gets to it.
 */
export async function packageZip(
  db: Db,
  frameworks: Frameworks,
  storage: EvidenceStorage,
  ctx: RequestContext,
  id: string,
  filter: PackageFilter,
): Promise<{ stream: Readable; fileName: string }> {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  const profile = profileOf(c.framework);
  const sources = await sourcesOf(db, c, filter);
  const entries = packageEntries(profile, sources);
  const views = entries.map(entryView);
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (!e.included || !e.fileName || !e.source.storageKey) continue;
    const key = e.source.storageKey;
    // Opened lazily: a package of hundreds of files never holds hundreds of open files.
    const lazy = new PassThrough();
    let opened = false;
    lazy.on("resume", () => {
      if (opened) return;
      opened = true;
      const file = storage.open(key);
      file.on("error", (error) => lazy.destroy(error));
      file.pipe(lazy);
    });
    zip.addReadStream(lazy, `${e.source.indicatorCode}/${e.fileName}`, {
      size: e.source.size ?? undefined,
      compress: false,
    });
  }
  zip.addBuffer(await indexSheet(c, views, profile), "indeks-paket-portal.xlsx");
  zip.addBuffer(Buffer.from(notesText(views), "utf8"), "catatan-unggah.txt");
  zip.end();
  const scope = filter.indicator ? `-${filter.indicator}` : "";
  return {
    stream: zip.outputStream as unknown as Readable,
    fileName: `paket-portal-${fileSafe(c.organization.name)}-${c.cycle.year}${scope}.zip`,
  };
}

/**
 * Mark an item (or an indicator without items) as uploaded to the portal, or take the mark back,
 * at the version the caller saw; the file versions it had are kept, so a later change shows.
 */
export async function markUpload(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: { uploaded: boolean; version: number },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.portal");
  profileOf(c.framework);
  const item = c.framework.itemByCode.get(code);
  const indicator = item
    ? c.framework.indicatorByCode.get(item.indicatorCode)
    : c.framework.indicatorByCode.get(code);
  if (!indicator || (!item && indicator.items.length > 0))
    throw notFound(`Evidence item ${code} of framework ${c.framework.id}`);
  const fileIds = (await repo.packageSourcesOf(db, id))
    .filter((r) => codeOf(r) === code && r.fileId !== null)
    .map((r) => r.fileId as string);
  const before = (await repo.uploadsOf(db, id)).find((u) => u.code === code);
  return inTransaction(db, async (t) => {
    await assessmentRepo.lockAssessment(t, id);
    const saved = await repo.saveUpload(
      t,
      { assessmentId: id, code, indicatorCode: indicator.code },
      input.version,
      input.uploaded
        ? { fileIds: [...new Set(fileIds)].sort(), markedBy: ctx.principal?.userId ?? null }
        : null,
    );
    if (!saved)
      throw conflict("Someone changed this item's portal mark first", {
        current: before ? { uploaded: true, markedAt: before.markedAt, version: before.version } : null,
      });
    await auditIndicator(
      t,
      ctx,
      c,
      indicator.code,
      input.uploaded ? "portal.mark_uploaded" : "portal.unmark_uploaded",
      before ? { code, markedAt: before.markedAt, files: before.fileIds.length } : null,
      input.uploaded ? { code, files: fileIds.length } : null,
    );
    return { code, uploaded: input.uploaded, version: saved.version };
  });
}

/** Each marked code's state now: when, by whom, and whether its files changed since. */
export async function uploadStates(db: Db, id: string) {
  const [marks, sources] = await Promise.all([repo.uploadsOf(db, id), repo.packageSourcesOf(db, id)]);
  return new Map(
    marks.map((m) => {
      const current = sources
        .filter((r) => codeOf(r) === m.code && r.fileId !== null)
        .map((r) => r.fileId as string);
      return [
        m.code,
        {
          markedAt: m.markedAt,
          markedBy: m.markedBy,
          version: m.version,
          changed: changedSinceUpload(m.fileIds, current),
        },
      ] as const;
    }),
  );
}
