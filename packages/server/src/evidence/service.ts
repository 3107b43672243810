import type { Readable } from "node:stream";
import { mayAccept } from "@matang/core";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { indicatorTarget, requireWork } from "../assessments/access.js";
import * as assessmentRepo from "../assessments/repository.js";
import { access, checkLevel, type Frameworks, indicatorOf } from "../assessments/service.js";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { evidence, evidenceFiles, evidenceLinks, organizations } from "../db/schema.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { authorize, can, type Target } from "../policy/policy.js";
import type { LocalStorage, Staged } from "./storage.js";
import { ACCEPTED_LIST, ACCEPTED_TYPES, INLINE_TYPES, typeOf } from "./types.js";

/** The same loader and access check as the assessment's own screens (same answer for the same problem). */
const loadAssessment = (db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) =>
  access(db, frameworks, ctx, id, "assessment.read");
type Loaded = Awaited<ReturnType<typeof loadAssessment>>;

function checkIndicatorLevel(c: Loaded, code: string, level: number): void {
  checkLevel(indicatorOf(c, code), level);
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
  const [created] = await t
    .insert(evidence)
    .values({
      organizationId: c.organization.id,
      unitId: unitOf(ctx, c, indicator, values.unitId),
      kind: values.kind,
      title: values.title,
      url: values.url ?? null,
      createdBy: ctx.principal?.userId ?? null,
    })
    .returning({ id: evidence.id });
  return created?.id as string;
}

/** Bytes of evidence an instansi stores (every version of every file). */
export async function usedBytes(db: Db, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${evidenceFiles.size}), 0)::bigint` })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .where(eq(evidence.organizationId, organizationId));
  return Number(row?.n ?? 0);
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
  readonly level: number;
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
  storage: LocalStorage,
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
    checkIndicatorLevel(c, fields.indicator, fields.level);
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
      await t.execute(sql`select pg_advisory_xact_lock(hashtext(${`quota:${c.organization.id}`}))`);
      const used = await usedBytes(t, c.organization.id);
      if (used + file.staged.size > quotaBytes) throw quotaExceeded(quotaBytes, used);
      let evidenceId = fields.evidenceId;
      let reopened: (typeof evidenceLinks.$inferSelect)[] = [];
      if (evidenceId) {
        const [existing] = await t.select().from(evidence).where(eq(evidence.id, evidenceId));
        if (!existing || existing.organizationId !== c.organization.id || existing.kind !== "file") {
          throw new ApiError(400, "invalid_evidence", "evidenceId is not a file of this instansi");
        }
        // Only the unit that provided the evidence, or the instansi's coordinator, adds versions.
        authorize(ctx.principal, "evidence.replace", await replaceTarget(t, existing));
        await t
          .update(evidence)
          .set({ version: sql`${evidence.version} + 1` })
          .where(eq(evidence.id, evidenceId));
        // A review belongs to the file it looked at: every verdict on this evidence is open again.
        reopened = await t
          .select()
          .from(evidenceLinks)
          .where(and(eq(evidenceLinks.evidenceId, evidenceId), ne(evidenceLinks.review, "pending")));
        await t
          .update(evidenceLinks)
          .set({
            review: "pending",
            reason: null,
            note: null,
            reviewedBy: null,
            reviewedFileId: null,
            selfAccepted: false,
            version: sql`${evidenceLinks.version} + 1`,
          })
          .where(and(eq(evidenceLinks.evidenceId, evidenceId), ne(evidenceLinks.review, "pending")));
      } else {
        evidenceId = await createEvidence(t, ctx, c, fields.indicator, {
          kind: "file",
          title: fields.title,
          unitId: fields.unitId,
        });
      }
      const [stored] = await t
        .insert(evidenceFiles)
        .values({
          evidenceId,
          storageKey: key,
          sha256: file.staged.sha256,
          size: file.staged.size,
          mediaType: typed.mediaType,
          originalName: file.fileName.slice(0, 255),
          uploadedBy: ctx.principal?.userId ?? null,
        })
        .returning({ id: evidenceFiles.id });
      const [link] = await t
        .insert(evidenceLinks)
        .values({ assessmentId, indicatorCode: fields.indicator, level: fields.level, evidenceId })
        .onConflictDoNothing()
        .returning({ id: evidenceLinks.id });
      // Each indicator the evidence supported shows who replaced it and which verdict went back.
      for (const r of reopened) {
        await appendAudit(t, {
          ...actorOf(ctx),
          action: "evidence.review_reset",
          entityType: "indicator",
          entityId: assessmentRepo.indicatorEntity(r.assessmentId, r.indicatorCode),
          organizationId: c.organization.id,
          before: { linkId: r.id, evidenceId, level: r.level, review: r.review },
          after: { linkId: r.id, evidenceId, level: r.level, review: "pending", fileId: stored?.id },
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
          fileId: stored?.id,
          title: fields.title,
          level: fields.level,
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
        fileId: stored?.id as string,
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
  input: { indicator: string; level: number; evidenceId?: string; url?: string; title?: string },
) {
  const c = await loadAssessment(db, frameworks, ctx, assessmentId);
  authorize(ctx.principal, "evidence.upload", indicatorTarget(c, input.indicator));
  checkIndicatorLevel(c, input.indicator, input.level);
  requireWork(c, "uploadEvidence");
  if (!input.evidenceId === !input.url)
    throw new ApiError(400, "evidence_or_url", "Give either evidenceId or url");
  return inTransaction(db, async (t) => {
    let evidenceId = input.evidenceId;
    if (evidenceId) {
      const [existing] = await t.select().from(evidence).where(eq(evidence.id, evidenceId));
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
    const [link] = await t
      .insert(evidenceLinks)
      .values({ assessmentId, indicatorCode: input.indicator, level: input.level, evidenceId })
      .onConflictDoNothing()
      .returning();
    if (!link) throw new ApiError(409, "already_linked", "This evidence already supports that level");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "evidence.link",
      entityType: "indicator",
      entityId: assessmentRepo.indicatorEntity(assessmentId, input.indicator),
      organizationId: c.organization.id,
      after: { evidenceId, level: input.level, url: input.url ?? null },
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
export async function reviewLink(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  assessmentId: string,
  linkId: string,
  input: ReviewInput,
) {
  const c = await loadAssessment(db, frameworks, ctx, assessmentId);
  const [link] = await db
    .select()
    .from(evidenceLinks)
    .where(and(eq(evidenceLinks.id, linkId), eq(evidenceLinks.assessmentId, assessmentId)));
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
    const [file] = await t
      .select({ id: evidenceFiles.id, uploadedBy: evidenceFiles.uploadedBy })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.evidenceId, link.evidenceId))
      .orderBy(desc(evidenceFiles.createdAt))
      .limit(1);
    // Separation of duties: whoever put the evidence there does not accept it, unless the
    // instansi allows it (small teams); then the acceptance is marked as such.
    let selfAccepted = false;
    if (input.review === "accepted") {
      const [ev] = await t
        .select({ createdBy: evidence.createdBy })
        .from(evidence)
        .where(eq(evidence.id, link.evidenceId));
      const uploader = (file ? file.uploadedBy : ev?.createdBy) ?? null;
      const userId = ctx.principal?.userId ?? "";
      if (uploader === userId) {
        const [org] = await t
          .select({ allow: organizations.allowSelfAcceptance })
          .from(organizations)
          .where(eq(organizations.id, c.organization.id));
        if (!mayAccept(uploader, userId, org?.allow ?? false))
          throw new ApiError(
            403,
            "own_evidence",
            "You uploaded this evidence, so someone else accepts it (the instansi's coordinator can allow self-acceptance in its settings)",
          );
        selfAccepted = true;
      }
    }
    const rows = await t
      .update(evidenceLinks)
      .set({
        selfAccepted,
        reviewedFileId: file?.id ?? null,
        review: input.review,
        reason: input.review === "revision" ? (input.reason ?? null) : null,
        note: input.note ?? null,
        reviewedBy: ctx.principal?.userId ?? null,
        version: sql`${evidenceLinks.version} + 1`,
      })
      .where(and(eq(evidenceLinks.id, linkId), eq(evidenceLinks.version, input.version)))
      .returning();
    const saved = rows[0];
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

type EvidenceRow = typeof evidence.$inferSelect;

/** Where a piece of evidence lives: its instansi and the unit that provided it. */
async function evidencePlace(db: Db, ev: EvidenceRow) {
  const ids = ev.unitId ? [ev.organizationId, ev.unitId] : [ev.organizationId];
  const rows = await db
    .select({ id: organizations.id, path: organizations.path })
    .from(organizations)
    .where(inArray(organizations.id, ids));
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
  const links = await db.select().from(evidenceLinks).where(eq(evidenceLinks.evidenceId, ev.id));
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
  storage: LocalStorage,
  ctx: RequestContext,
  evidenceId: string,
  fileId: string | undefined,
): Promise<{ stream: Readable; file: typeof evidenceFiles.$inferSelect; inline: boolean }> {
  const [ev] = await db.select().from(evidence).where(eq(evidence.id, evidenceId));
  if (!ev) {
    authorize(ctx.principal, "evidence.read", { path: "/" });
    throw notFound("Evidence");
  }
  await authorizeEvidenceRead(db, ctx, ev);
  const conditions = [eq(evidenceFiles.evidenceId, evidenceId)];
  if (fileId) conditions.push(eq(evidenceFiles.id, fileId));
  const [file] = await db
    .select()
    .from(evidenceFiles)
    .where(and(...conditions))
    .orderBy(desc(evidenceFiles.createdAt))
    .limit(1);
  if (!file) throw notFound(ev.kind === "link" ? "A file (this evidence is a link)" : "Evidence file");
  return { stream: storage.open(file.storageKey), file, inline: INLINE_TYPES.has(file.mediaType) };
}

export async function evidenceVersions(db: Db, ctx: RequestContext, evidenceId: string) {
  const [ev] = await db.select().from(evidence).where(eq(evidence.id, evidenceId));
  if (!ev) {
    authorize(ctx.principal, "evidence.read", { path: "/" });
    throw notFound("Evidence");
  }
  await authorizeEvidenceRead(db, ctx, ev);
  const files = await db
    .select({
      id: evidenceFiles.id,
      sha256: evidenceFiles.sha256,
      size: evidenceFiles.size,
      mediaType: evidenceFiles.mediaType,
      originalName: evidenceFiles.originalName,
      createdAt: evidenceFiles.createdAt,
    })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.evidenceId, evidenceId))
    .orderBy(desc(evidenceFiles.createdAt));
  // Who may add a version: its own unit or the instansi (the assessment's stage still decides when).
  const replace = can(ctx.principal, "evidence.replace", await replaceTarget(db, ev));
  return { id: ev.id, title: ev.title, kind: ev.kind, url: ev.url, files, can: { replace } };
}

/**
 * Remove stored files no record points to, once older than `staleMs`: what a process killed
 * between moving a file into place and committing its record leaves. Run at start-up; a file
 * another instance is recording right now is younger than the window and stays.
 */
export async function sweepUnrecordedFiles(db: Db, storage: LocalStorage, staleMs: number): Promise<number> {
  const candidates = await storage.keysOlderThan(staleMs);
  let removed = 0;
  for (let i = 0; i < candidates.length; i += 1000) {
    const batch = candidates.slice(i, i + 1000);
    const known = new Set(
      (
        await db
          .select({ key: evidenceFiles.storageKey })
          .from(evidenceFiles)
          .where(inArray(evidenceFiles.storageKey, batch))
      ).map((r) => r.key),
    );
    for (const key of batch) {
      if (known.has(key)) continue;
      await storage.remove(key);
      removed++;
    }
  }
  return removed;
}
