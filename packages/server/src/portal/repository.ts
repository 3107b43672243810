import { and, eq, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client.js";
import { evidence, evidenceLinks, organizations, portalUploads, users } from "../db/schema.js";

/**
 * Every document linked in an assessment with its newest file (none for a link), the unit that
 * provided it, and the link's review: what a portal package is made of.
 */
export async function packageSourcesOf(db: Db, assessmentId: string) {
  const found = await rows<{
    linkId: string;
    indicatorCode: string;
    level: number;
    itemCode: string;
    uploadNote: string;
    review: "pending" | "accepted" | "revision";
    evidenceId: string;
    title: string;
    kind: "file" | "link";
    url: string | null;
    providerName: string | null;
    fileId: string | null;
    storageKey: string | null;
    size: string | number | null;
    mediaType: string | null;
    originalName: string | null;
  }>(
    db,
    sql`select l.id as "linkId", l.indicator_code as "indicatorCode", l.level, l.item_code as "itemCode",
      l.upload_note as "uploadNote", l.review, e.id as "evidenceId", e.title, e.kind, e.url,
      u.name as "providerName", f.id as "fileId", f.storage_key as "storageKey", f.size,
      f.media_type as "mediaType", f.original_name as "originalName"
    from ${evidenceLinks} l
    join ${evidence} e on e.id = l.evidence_id
    left join ${organizations} u on u.id = e.unit_id
    left join evidence_files f on f.id = (select n.id from evidence_files n where n.evidence_id = l.evidence_id
      order by n.created_at desc, n.id desc limit 1)
    where l.assessment_id = ${assessmentId}
    order by l.indicator_code, l.level, l.item_code, l.created_at, l.id`,
  );
  return found.map((r) => ({
    ...r,
    level: Number(r.level),
    size: r.size === null ? null : Number(r.size),
  }));
}

export type PackageSourceRow = Awaited<ReturnType<typeof packageSourcesOf>>[number];

export async function uploadsOf(db: Db, assessmentId: string) {
  return db
    .select({
      code: portalUploads.code,
      indicatorCode: portalUploads.indicatorCode,
      fileIds: portalUploads.fileIds,
      markedAt: portalUploads.markedAt,
      markedBy: users.name,
      version: portalUploads.version,
    })
    .from(portalUploads)
    .leftJoin(users, eq(users.id, portalUploads.markedBy))
    .where(eq(portalUploads.assessmentId, assessmentId));
}

export type UploadRow = Awaited<ReturnType<typeof uploadsOf>>[number];

/**
 * Mark (or unmark, with `fileIds` null) a code as uploaded at the expected version; null when
 * someone else changed it first. The caller holds the assessment's lock.
 */
export async function saveUpload(
  db: Db,
  key: { assessmentId: string; code: string; indicatorCode: string },
  expectedVersion: number,
  values: { fileIds: string[]; markedBy: string | null } | null,
): Promise<{ version: number } | null> {
  const where = and(eq(portalUploads.assessmentId, key.assessmentId), eq(portalUploads.code, key.code));
  const [current] = await db.select({ version: portalUploads.version }).from(portalUploads).where(where);
  if ((current?.version ?? 0) !== expectedVersion) return null;
  if (values === null) {
    await db.delete(portalUploads).where(where);
    return { version: 0 };
  }
  const [row] = await db
    .insert(portalUploads)
    .values({ ...key, ...values, markedAt: new Date() })
    .onConflictDoUpdate({
      target: [portalUploads.assessmentId, portalUploads.code],
      set: { ...values, markedAt: new Date(), version: sql`${portalUploads.version} + 1` },
    })
    .returning({ version: portalUploads.version });
  return row ?? null;
}
