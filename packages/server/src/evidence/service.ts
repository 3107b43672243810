import type { Readable } from "node:stream";
import { mayAccept } from "@matang/core";
import { assessmentTarget, indicatorTarget, NO_ASSESSMENT, requireWork } from "../assessments/access.js";
import * as assessmentRepo from "../assessments/repository.js";
import { access, checkLevel, indicatorOf, itemAccess } from "../assessments/service.js";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize, can, reachOf, type Target } from "../policy/policy.js";
import { findingsOf, referenceDateOf } from "./findings.js";
import * as repo from "./repository.js";
import type { ByteRange, EvidenceStorage, Staged } from "./storage.js";
import { ACCEPTED_LIST, ACCEPTED_TYPES, INLINE_TYPES, typeOf } from "./types.js";

/** The same loader and access check as the assessment's own screens (same answer for the same problem). */
const loadAssessment = (db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) =>
  access(db, frameworks, ctx, id, "assessment.read");
type Loaded = Awaited<ReturnType<typeof loadAssessment>>;

/**
 * Where new evidence goes: a level of an indicator, or — where the indicator lists evidence items
 * — one of its items (whose level it takes). 400 for an item of another indicator, a level that
 * is not the item's, or a missing item where the indicator has items.
 */
async function evidenceTarget(
  db: Db,
  ctx: RequestContext,
  c: Loaded,
  input: { indicator: string; level?: number | undefined; item?: string | undefined },
): Promise<{ level: number; itemCode: string }> {
  const indicator = indicatorOf(c, input.indicator);
  if (input.item !== undefined) {
    const item = c.framework.itemByCode.get(input.item);
    if (!item || item.indicatorCode !== indicator.code)
      throw new ApiError(
        400,
        "invalid_item",
        `${input.item} is not an evidence item of indicator ${indicator.code}`,
        {
          indicator: indicator.code,
          item: input.item,
        },
      );
    if (input.level !== undefined && input.level !== item.level)
      throw new ApiError(
        400,
        "invalid_level",
        `Item ${item.code} belongs to level ${item.level}, not ${input.level}`,
      );
    // A unit provides its own items only (the same rule as what it sees).
    if (!itemAccess(ctx, c, item, await assessmentRepo.itemAssignmentsOf(db, c.assessment.id)).visible)
      throw new ApiError(403, "not_your_item", `Item ${item.code} is provided by another unit`, {
        item: item.code,
      });
    return { level: item.level, itemCode: item.code };
  }
  if (indicator.items.length > 0)
    throw new ApiError(
      400,
      "item_required",
      `Indicator ${indicator.code} takes evidence by item: name the item (e.g. ${indicator.items[0]?.code})`,
    );
  if (input.level === undefined)
    throw new ApiError(400, "level_required", "Give the level the evidence supports");
  checkLevel(indicator, input.level, true);
  return { level: input.level, itemCode: "" };
}

/**
 * The unit a new piece of evidence is from: an operator's own assigned unit; for anyone else
 * (a coordinator uploading for a small team) the unit they name, or the indicator's only unit.
 * Recorded with the uploader, it reads "uploaded by X on behalf of unit Y".
 */
function unitOf(ctx: RequestContext, c: Loaded, code: string, requested?: string): string | null {
  const grants = ctx.principal?.grants ?? [];
  const assigned = c.assignments.filter((a) => a.indicatorCode === code);
  const own = assigned.find((a) =>
    grants.some(
      (g) => g.organizationPath && a.unitPath.startsWith(g.organizationPath) && g.role === "operator",
    ),
  );
  if (own) return own.unitId;
  if (requested) {
    if (!assigned.some((a) => a.unitId === requested))
      throw new ApiError(400, "not_assigned", `Indicator ${code} is not assigned to that unit`);
    return requested;
  }
  return assigned.length === 1 ? (assigned[0]?.unitId ?? null) : null;
}

/** A new piece of evidence owned by the instansi (and the operator's unit, if any). */
async function createEvidence(
  t: Db,
  ctx: RequestContext,
  c: Loaded,
  indicator: string,
  values: { kind: "file" | "link"; title: string; url?: string | null; unitId?: string },
): Promise<string> {
  return repo.insertEvidence(t, {
    organizationId: c.organization.id,
    unitId: unitOf(ctx, c, indicator, values.unitId),
    kind: values.kind,
    title: values.title,
    url: values.url ?? null,
    createdBy: ctx.principal?.userId ?? null,
  });
}

export const usedBytes = repo.usedBytes;

/**
 * Before an upload's body is read: may the caller read the assessment, and how much room is left
 * in its instansi's quota (enforced while streaming too: never more than what is left is written).
 */
export async function uploadRoom(db: Db, ctx: RequestContext, assessmentId: string, quotaBytes: number) {
  const c = await assessmentRepo.loadContext(db, assessmentId);
  authorize(ctx.principal, "assessment.read", c ? assessmentTarget(c) : NO_ASSESSMENT);
  const used = c ? await repo.usedBytes(db, c.organization.id) : 0;
  const room = quotaBytes - used;
  if (room <= 0) throw quotaExceeded(quotaBytes, used);
  return { used, room };
}

export const quotaExceeded = (quota: number, used: number) =>
  new ApiError(
    413,
    "quota_exceeded",
    `This instansi's evidence storage is full: ${Math.round(used / 1024 / 1024)} MB of ${Math.round(quota / 1024 / 1024)} MB used`,
    { quotaBytes: quota, usedBytes: used },
  );

export interface UploadFields {
  readonly indicator: string;
  /** The level it supports; taken from the item when one is named. */
  readonly level?: number | undefined;
  /** The evidence item it answers, where the indicator lists items. */
  readonly item?: string | undefined;
  /** The upload note for the item. */
  readonly note?: string | undefined;
  readonly title: string;
  /** Add a new version to this evidence instead of creating one. */
  readonly evidenceId?: string;
  /** For a coordinator or internal assessor: the unit they upload on behalf of. */
  readonly unitId?: string;
}

export interface UploadedFile {
  readonly staged: Staged;
  readonly fileName: string;
}

/**
 * Store an uploaded file as evidence for one level of one indicator. The file was already
 * streamed to a temporary place; it is typed by its content, committed under a generated name
 * and recorded in one transaction — or discarded, leaving nothing behind.
 */
export async function recordUpload(
  db: Db,
  frameworks: Frameworks,
  storage: EvidenceStorage,
  ctx: RequestContext,
  assessmentId: string,
  fields: UploadFields,
  file: UploadedFile,
  quotaBytes: number = Number.POSITIVE_INFINITY,
) {
  let committedKey: string | null = null;
  try {
    const c = await loadAssessment(db, frameworks, ctx, assessmentId);
    authorize(ctx.principal, "evidence.upload", indicatorTarget(c, fields.indicator));
    const { level, itemCode } = await evidenceTarget(db, ctx, c, fields);
    requireWork(c, "uploadEvidence");
    if (file.staged.size === 0) throw new ApiError(400, "empty_file", "The file is empty");
    const typed = await typeOf(file.staged.head, file.fileName);
    if (!typed.ok) {
      throw new ApiError(
        415,
        "unsupported_type",
        `This file (${typed.mediaType}, named ${JSON.stringify(file.fileName)}) is not accepted as evidence. Accepted: ${ACCEPTED_LIST}, with the ending that matches the content`,
        { mediaType: typed.mediaType, accepted: ACCEPTED_TYPES },
      );
    }
    const key = storage.newKey();
    const result = await inTransaction(db, async (t) => {
      // Uploads of one instansi take turns here, so two at once cannot both squeeze under the quota.
      await repo.lockQuota(t, c.organization.id);
      const used = await repo.usedBytes(t, c.organization.id);
      if (used + file.staged.size > quotaBytes) throw quotaExceeded(quotaBytes, used);
      let evidenceId = fields.evidenceId;
      let reopened: repo.EvidenceLinkRow[] = [];
      if (evidenceId) {
        const existing = await repo.findEvidence(t, evidenceId);
        if (!existing || existing.organizationId !== c.organization.id || existing.kind !== "file") {
          throw new ApiError(400, "invalid_evidence", "evidenceId is not a file of this instansi");
        }
        // Only the unit that provided the evidence, or the instansi's coordinator, adds versions.
        authorize(ctx.principal, "evidence.replace", await replaceTarget(t, existing));
        await repo.bumpEvidenceVersion(t, evidenceId);
        // A review belongs to the file it looked at: every verdict on this evidence is open again.
        reopened = await repo.reopenReviews(t, evidenceId);
      } else {
        evidenceId = await createEvidence(t, ctx, c, fields.indicator, {
          kind: "file",
          title: fields.title,
          unitId: fields.unitId,
        });
      }
      const fileId = await repo.insertFile(t, {
        evidenceId,
        storageKey: key,
        sha256: file.staged.sha256,
        size: file.staged.size,
        mediaType: typed.mediaType,
        originalName: file.fileName.slice(0, 255),
        uploadedBy: ctx.principal?.userId ?? null,
      });
      // Its text is read in the background (search and pre-checks), never holding the upload up.
      await repo.queueText(t, fileId);
      const link = await repo.insertLink(t, {
        assessmentId,
        indicatorCode: fields.indicator,
        level,
        itemCode,
        uploadNote: fields.note ?? "",
        evidenceId,
      });
      // Each indicator the evidence supported shows who replaced it and which verdict went back.
      for (const r of reopened) {
        await appendAudit(t, {
          ...actorOf(ctx),
          action: "evidence.review_reset",
          entityType: "indicator",
          entityId: assessmentRepo.indicatorEntity(r.assessmentId, r.indicatorCode),
          organizationId: c.organization.id,
          before: { linkId: r.id, evidenceId, level: r.level, review: r.review },
          after: { linkId: r.id, evidenceId, level: r.level, review: "pending", fileId },
        });
      }
      await appendAudit(t, {
        ...actorOf(ctx),
        action: "evidence.upload",
        entityType: "indicator",
        entityId: assessmentRepo.indicatorEntity(assessmentId, fields.indicator),
        organizationId: c.organization.id,
        after: {
          evidenceId,
          fileId,
          title: fields.title,
          level,
          ...(itemCode ? { item: itemCode, note: fields.note ?? "" } : {}),
          sha256: file.staged.sha256,
          size: file.staged.size,
          mediaType: typed.mediaType,
        },
      });
      // Last: the file reaches its place inside the transaction that records it, under the quota
      // lock. Should the commit fail, the finally below removes it; should the process die here,
      // the start-up sweep does (sweepUnrecordedFiles).
      committedKey = key;
      await storage.commitAs(file.staged, key);
      return {
        evidenceId,
        fileId,
        linkId: link?.id ?? null,
        sha256: file.staged.sha256,
        size: file.staged.size,
        mediaType: typed.mediaType,
      };
    });
    committedKey = null;
    return result;
  } finally {
    // Anything that failed after staging: remove what was written, keep no half state.
    if (committedKey) await storage.remove(committedKey);
    await storage.discard(file.staged);
  }
}

/** Link existing evidence, or a web address, to a level of an indicator. */
export async function addLink(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  assessmentId: string,
  input: {
    indicator: string;
    level?: number | undefined;
    item?: string | undefined;
    note?: string | undefined;
    evidenceId?: string | undefined;
    url?: string | undefined;
    title?: string | undefined;
  },
) {
  const c = await loadAssessment(db, frameworks, ctx, assessmentId);
  authorize(ctx.principal, "evidence.upload", indicatorTarget(c, input.indicator));
  const { level, itemCode } = await evidenceTarget(db, ctx, c, input);
  requireWork(c, "uploadEvidence");
  if (!input.evidenceId === !input.url)
    throw new ApiError(400, "evidence_or_url", "Give either evidenceId or url");
  return inTransaction(db, async (t) => {
    let evidenceId = input.evidenceId;
    if (evidenceId) {
      const existing = await repo.findEvidence(t, evidenceId);
      if (!existing || existing.organizationId !== c.organization.id) {
        throw new ApiError(400, "invalid_evidence", "evidenceId is not evidence of this instansi");
      }
      // Only evidence the caller may already read can be linked (a link would let them read it).
      await authorizeEvidenceRead(t, ctx, existing);
    } else {
      evidenceId = await createEvidence(t, ctx, c, input.indicator, {
        kind: "link",
        title: input.title ?? input.url ?? "",
        url: input.url ?? null,
      });
    }
    const link = await repo.insertLink(t, {
      assessmentId,
      indicatorCode: input.indicator,
      level,
      itemCode,
      uploadNote: input.note ?? "",
      evidenceId,
    });
    if (!link)
      throw new ApiError(
        409,
        "already_linked",
        itemCode
          ? `This evidence already answers item ${itemCode}`
          : "This evidence already supports that level",
      );
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "evidence.link",
      entityType: "indicator",
      entityId: assessmentRepo.indicatorEntity(assessmentId, input.indicator),
      organizationId: c.organization.id,
      after: { evidenceId, level, ...(itemCode ? { item: itemCode } : {}), url: input.url ?? null },
    });
    return { linkId: link.id, evidenceId };
  });
}

export interface ReviewInput {
  readonly review: "accepted" | "revision";
  readonly reason?: "wrong_document" | "not_uploaded" | "outdated" | "other";
  readonly note?: string;
  readonly version: number;
}

/** An assessor accepts a piece of evidence for its level, or returns it with a reason. */
/**
 * Withdraw a piece of evidence from an indicator's level before it is accepted: the unit that
 * provided it, or the instansi's coordinator, while the self-assessment is open. The file stays in
 * the instansi's evidence (and the history); only this link goes. Audited.
 */
export async function withdrawLink(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  assessmentId: string,
  linkId: string,
) {
  const c = await loadAssessment(db, frameworks, ctx, assessmentId);
  // Whoever may replace no evidence of this assessment learns nothing about its links.
  authorize(ctx.principal, "evidence.replace", assessmentTarget(c));
  const link = await repo.findLink(db, assessmentId, linkId);
  if (!link) throw notFound("Evidence link");
  const ev = await repo.findEvidence(db, link.evidenceId);
  if (!ev) throw notFound("Evidence");
  authorize(ctx.principal, "evidence.replace", await replaceTarget(db, ev));
  requireWork(c, "uploadEvidence");
  if (link.review === "accepted")
    throw new ApiError(
      409,
      "already_accepted",
      "Accepted evidence is not withdrawn; upload a new version instead",
    );
  return inTransaction(db, async (t) => {
    const removed = await repo.deleteLink(t, linkId, link.version);
    if (!removed) throw conflict("The evidence was reviewed or changed meanwhile");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "evidence.withdraw",
      entityType: "indicator",
      entityId: assessmentRepo.indicatorEntity(assessmentId, link.indicatorCode),
      organizationId: c.organization.id,
      before: {
        linkId,
        evidenceId: link.evidenceId,
        level: link.level,
        item: link.itemCode || null,
        title: ev.title,
      },
      after: null,
    });
    return { id: linkId, withdrawn: true as const };
  });
}

export async function reviewLink(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  assessmentId: string,
  linkId: string,
  input: ReviewInput,
) {
  const c = await loadAssessment(db, frameworks, ctx, assessmentId);
  const link = await repo.findLink(db, assessmentId, linkId);
  if (!link) throw notFound("Evidence link");
  authorize(ctx.principal, "evidence.review", indicatorTarget(c, link.indicatorCode));
  requireWork(c, "review");
  if (input.review === "revision" && !input.reason) {
    throw new ApiError(
      400,
      "reason_required",
      "Say why the evidence goes back (wrong_document, not_uploaded, outdated, other)",
    );
  }
  return inTransaction(db, async (t) => {
    // The verdict concerns the newest file version (none for a web address).
    const file = await repo.newestFile(t, link.evidenceId);
    // Separation of duties: whoever put the evidence there does not accept it, unless the
    // instansi allows it (small teams); then the acceptance is marked as such.
    let selfAccepted = false;
    if (input.review === "accepted") {
      const uploader =
        (file ? file.uploadedBy : (await repo.findEvidence(t, link.evidenceId))?.createdBy) ?? null;
      const userId = ctx.principal?.userId ?? "";
      if (uploader === userId) {
        const allow = await assessmentRepo.allowsSelfAcceptance(t, c.organization.id);
        if (!mayAccept(uploader, userId, allow))
          throw new ApiError(
            403,
            "own_evidence",
            "You uploaded this evidence, so someone else accepts it (the instansi's coordinator can allow self-acceptance in its settings)",
          );
        selfAccepted = true;
      }
    }
    const saved = await repo.saveReview(t, linkId, input.version, {
      selfAccepted,
      reviewedFileId: file?.id ?? null,
      review: input.review,
      reason: input.review === "revision" ? (input.reason ?? null) : null,
      note: input.note ?? null,
      reviewedBy: ctx.principal?.userId ?? null,
    });
    if (!saved) {
      throw conflict("Someone reviewed this evidence first", {
        current: { review: link.review, reason: link.reason, note: link.note, version: link.version },
      });
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "evidence.review",
      entityType: "indicator",
      entityId: assessmentRepo.indicatorEntity(assessmentId, link.indicatorCode),
      organizationId: c.organization.id,
      before: { linkId, review: link.review },
      after: {
        linkId,
        review: saved.review,
        reason: saved.reason,
        note: saved.note,
        ...(selfAccepted ? { selfAccepted: true } : {}),
      },
    });
    return {
      id: saved.id,
      review: saved.review,
      reason: saved.reason,
      note: saved.note,
      selfAccepted: saved.selfAccepted,
      version: saved.version,
    };
  });
}

type EvidenceRow = repo.EvidenceRow;

/** Where a piece of evidence lives: its instansi and the unit that provided it. */
async function evidencePlace(db: Db, ev: EvidenceRow) {
  const ids = ev.unitId ? [ev.organizationId, ev.unitId] : [ev.organizationId];
  const rows = await repo.pathsOf(db, ids);
  const pathOf = (id: string | null) => rows.find((r) => r.id === id)?.path ?? null;
  // An instansi that vanished is covered by no grant but a national one.
  return { path: pathOf(ev.organizationId) ?? "/", unitPath: pathOf(ev.unitId) };
}

/** The evidence as the policy's "evidence.replace" target: only its own unit counts. */
async function replaceTarget(db: Db, ev: EvidenceRow): Promise<Target> {
  const place = await evidencePlace(db, ev);
  return { path: place.path, unitPaths: place.unitPath ? [place.unitPath] : [] };
}

/**
 * The evidence as the policy's "evidence.read" target: its instansi, the unit that provided it
 * and the units assigned to the indicators it supports, and the assessors of those assessments.
 * Linking needs this same read first, so a link never widens who may read.
 */
async function readTarget(db: Db, ev: EvidenceRow): Promise<Target> {
  const place = await evidencePlace(db, ev);
  const unitPaths = place.unitPath ? [place.unitPath] : [];
  const assessorIds: string[] = [];
  const links = await repo.linksOfEvidence(db, ev.id);
  for (const assessmentId of new Set(links.map((l) => l.assessmentId))) {
    const c = await assessmentRepo.loadContext(db, assessmentId);
    if (!c) continue;
    const codes = new Set(links.filter((l) => l.assessmentId === assessmentId).map((l) => l.indicatorCode));
    for (const a of c.assignments) if (codes.has(a.indicatorCode)) unitPaths.push(a.unitPath);
    assessorIds.push(...c.assessorIds);
  }
  return { path: place.path, unitPaths, assessorIds };
}

async function authorizeEvidenceRead(db: Db, ctx: RequestContext, ev: EvidenceRow) {
  authorize(ctx.principal, "evidence.read", await readTarget(db, ev));
}

/** A stored file of an evidence (the newest version unless one is named), for download or preview. */
export async function openContent(
  db: Db,
  storage: EvidenceStorage,
  ctx: RequestContext,
  evidenceId: string,
  fileId: string | undefined,
): Promise<{ open: (range?: ByteRange) => Readable; file: repo.EvidenceFileRow; inline: boolean }> {
  const ev = await repo.findEvidence(db, evidenceId);
  if (!ev) {
    authorize(ctx.principal, "evidence.read", { path: "/" });
    throw notFound("Evidence");
  }
  await authorizeEvidenceRead(db, ctx, ev);
  const file = await repo.newestFile(db, evidenceId, fileId);
  if (!file) throw notFound(ev.kind === "link" ? "A file (this evidence is a link)" : "Evidence file");
  const key = file.storageKey;
  return { open: (range) => storage.open(key, range), file, inline: INLINE_TYPES.has(file.mediaType) };
}

export async function evidenceVersions(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  evidenceId: string,
) {
  const ev = await repo.findEvidence(db, evidenceId);
  if (!ev) {
    authorize(ctx.principal, "evidence.read", { path: "/" });
    throw notFound("Evidence");
  }
  await authorizeEvidenceRead(db, ctx, ev);
  const [files, use, elsewhere, organization] = await Promise.all([
    repo.fileVersions(db, evidenceId),
    repo.firstUseOf(db, evidenceId),
    repo.sameFilesElsewhere(db, ev.organizationId, evidenceId),
    getOrganization(db, ev.organizationId),
  ]);
  // Where else the same file is used is said only to those who read all the instansi's evidence.
  const readsAll = organization ? can(ctx.principal, "evidence.read", { path: organization.path }) : false;
  // Who may add a version: its own unit or the instansi (the assessment's stage still decides when).
  const replace = can(ctx.principal, "evidence.replace", await replaceTarget(db, ev));
  const framework = use ? frameworks.get(use.framework_id) : undefined;
  return {
    id: ev.id,
    title: ev.title,
    kind: ev.kind,
    url: ev.url,
    // Each version's findings, checked against the level where the evidence was first put.
    files: files.map(({ text, ...f }) => ({
      ...f,
      findings:
        use && framework
          ? findingsOf(
              {
                framework,
                organization: { name: use.organization_name, kind: use.organization_kind },
                referenceDate: referenceDateOf(use),
              },
              {
                evidenceId,
                title: ev.title,
                indicator: use.indicator,
                level: use.level,
                item: use.item || null,
              },
              { ...f, text },
              readsAll ? elsewhere : [],
            )
          : [],
    })),
    can: { replace },
  };
}

/**
 * Remove stored files no record points to, once older than `staleMs`: what a process killed
 * between moving a file into place and committing its record leaves. Run at start-up; a file
 * another instance is recording right now is younger than the window and stays.
 */
export async function sweepUnrecordedFiles(
  db: Db,
  storage: EvidenceStorage,
  staleMs: number,
): Promise<number> {
  const candidates = await storage.keysOlderThan(staleMs);
  let removed = 0;
  for (let i = 0; i < candidates.length; i += 1000) {
    const batch = candidates.slice(i, i + 1000);
    const known = await repo.recordedKeys(db, batch);
    for (const key of batch) {
      if (known.has(key)) continue;
      await storage.remove(key);
      removed++;
    }
  }
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Searching what evidence says

export interface SearchQuery {
  readonly q?: string;
  readonly assessment?: string;
  readonly organization?: string;
  readonly year?: number;
  readonly indicator?: string;
  readonly level?: number;
  readonly unit?: string;
  readonly status?: "pending" | "accepted" | "revision";
  readonly page: number;
  readonly pageSize: number;
}

/** A snippet with its highlights as ranges, so that no client ever renders document text as markup. */
function marked(snippet: string): { text: string; marks: { start: number; end: number }[] } {
  let text = "";
  const marks: { start: number; end: number }[] = [];
  let start = -1;
  for (const ch of snippet) {
    if (ch === repo.MARK_START) start = text.length;
    else if (ch === repo.MARK_END) {
      if (start >= 0) marks.push({ start, end: text.length });
      start = -1;
    } else text += ch;
  }
  return { text, marks };
}

/**
 * Full-text search of evidence (title and text, stemmed as Indonesian: "peraturan" finds
 * "pengaturan"), ranked, within what the caller may read: a search never shows evidence its
 * reader could not open.
 */
export async function searchEvidence(db: Db, ctx: RequestContext, query: SearchQuery) {
  authorize(ctx.principal, "evidence.read", null);
  const pathOf = async (id: string | undefined) => {
    if (!id) return undefined;
    const org = await getOrganization(db, id);
    if (!org) throw new ApiError(400, "invalid_organization", `Organization ${id} does not exist`);
    return org.path;
  };
  const [organizationPath, unitPath] = await Promise.all([pathOf(query.organization), pathOf(query.unit)]);
  const reach = reachOf(ctx.principal, "evidence.read");
  const found = await repo.searchEvidence(
    db,
    { subtree: reach.subtree, units: reach.units, assessorId: reach.assessor ? ctx.principal.userId : null },
    {
      query: query.q || undefined,
      assessmentId: query.assessment,
      organizationPath,
      year: query.year,
      indicator: query.indicator,
      level: query.level,
      unitPath,
      review: query.status,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    },
  );
  const items = found
    // The SQL keeps to the caller's reach; each row is still checked as opening it would be.
    .filter((r) =>
      can(ctx.principal, "evidence.read", {
        path: r.path,
        unitPaths: [...r.unit_paths, ...(r.provider_path ? [r.provider_path] : [])],
        assessorIds: r.assessor_ids,
      }),
    )
    .map((r) => {
      const snippet = marked(r.snippet);
      return {
        evidenceId: r.evidence_id,
        versionId: r.version_id,
        title: r.title,
        assessmentId: r.assessment_id,
        organizationName: r.organization_name,
        indicator: r.indicator,
        level: r.level,
        item: r.item || null,
        year: r.year,
        snippet: snippet.text,
        marks: snippet.marks,
        rank: r.rank,
        status: r.review,
        unitName: r.unit_name,
      };
    });
  return { items, total: found[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * How far reading has come for the files of an assessment's evidence the caller may read: how
 * many read, waiting, scans without text, not read (a type without text) or failed, and pages
 * read by OCR.
 */
export async function readingProgress(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  assessmentId: string,
) {
  const c = await access(db, frameworks, ctx, assessmentId, "assessment.read");
  const counts = { files: 0, done: 0, pending: 0, noText: 0, skipped: 0, failed: 0, ocrPages: 0 };
  const key = {
    done: "done",
    pending: "pending",
    no_text: "noText",
    skipped: "skipped",
    failed: "failed",
  } as const;
  for (const row of await repo.readingByIndicator(db, assessmentId)) {
    if (!can(ctx.principal, "evidence.read", indicatorTarget(c, row.indicator))) continue;
    counts.files += row.files;
    // A file recorded before reading existed waits like a new one.
    counts[key[(row.status ?? "pending") as keyof typeof key] ?? "pending"] += row.files;
    counts.ocrPages += row.ocr_pages;
  }
  return counts;
}
