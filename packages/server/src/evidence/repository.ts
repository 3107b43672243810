// All of evidence's SQL: pieces of evidence, their file versions, their links to indicator levels
// and the reviews on those links.
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { evidence, evidenceFiles, evidenceLinks, organizations } from "../db/schema.js";

export type EvidenceRow = typeof evidence.$inferSelect;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type EvidenceLinkRow = typeof evidenceLinks.$inferSelect;

export async function findEvidence(db: Db, id: string): Promise<EvidenceRow | undefined> {
  const [row] = await db.select().from(evidence).where(eq(evidence.id, id));
  return row;
}

export async function insertEvidence(db: Db, values: typeof evidence.$inferInsert): Promise<string> {
  const [created] = await db.insert(evidence).values(values).returning({ id: evidence.id });
  if (!created) throw new Error("insert returned no row");
  return created.id;
}

export async function bumpEvidenceVersion(db: Db, id: string): Promise<void> {
  await db
    .update(evidence)
    .set({ version: sql`${evidence.version} + 1` })
    .where(eq(evidence.id, id));
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

/** Uploads of one instansi take turns from here to the end of the transaction (the quota check). */
export async function lockQuota(db: Db, organizationId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`quota:${organizationId}`}))`);
}

/**
 * Open every verdict on this evidence again (a review belongs to the file it looked at); returns
 * the links as they were before.
 */
export async function reopenReviews(db: Db, evidenceId: string): Promise<EvidenceLinkRow[]> {
  const reviewed = and(eq(evidenceLinks.evidenceId, evidenceId), ne(evidenceLinks.review, "pending"));
  const before = await db.select().from(evidenceLinks).where(reviewed);
  await db
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
    .where(reviewed);
  return before;
}

export async function insertFile(db: Db, values: typeof evidenceFiles.$inferInsert): Promise<string> {
  const [stored] = await db.insert(evidenceFiles).values(values).returning({ id: evidenceFiles.id });
  if (!stored) throw new Error("insert returned no row");
  return stored.id;
}

/** A new link, or undefined when the evidence already supports that level. */
export async function insertLink(
  db: Db,
  values: {
    assessmentId: string;
    indicatorCode: string;
    level: number;
    itemCode?: string;
    uploadNote?: string;
    evidenceId: string;
  },
): Promise<EvidenceLinkRow | undefined> {
  const [link] = await db.insert(evidenceLinks).values(values).onConflictDoNothing().returning();
  return link;
}

/** Remove a link not accepted, at the version read; false when it changed meanwhile. */
export async function deleteLink(db: Db, linkId: string, version: number): Promise<boolean> {
  const removed = await db
    .delete(evidenceLinks)
    .where(
      and(
        eq(evidenceLinks.id, linkId),
        eq(evidenceLinks.version, version),
        ne(evidenceLinks.review, "accepted"),
      ),
    )
    .returning({ id: evidenceLinks.id });
  return removed.length > 0;
}

export async function findLink(db: Db, assessmentId: string, linkId: string) {
  const [link] = await db
    .select()
    .from(evidenceLinks)
    .where(and(eq(evidenceLinks.id, linkId), eq(evidenceLinks.assessmentId, assessmentId)));
  return link;
}

export async function linksOfEvidence(db: Db, evidenceId: string): Promise<EvidenceLinkRow[]> {
  return db.select().from(evidenceLinks).where(eq(evidenceLinks.evidenceId, evidenceId));
}

/** The newest file version of an evidence, or the one named. */
export async function newestFile(db: Db, evidenceId: string, fileId?: string) {
  const conditions = [eq(evidenceFiles.evidenceId, evidenceId)];
  if (fileId) conditions.push(eq(evidenceFiles.id, fileId));
  const [file] = await db
    .select()
    .from(evidenceFiles)
    .where(and(...conditions))
    .orderBy(desc(evidenceFiles.createdAt))
    .limit(1);
  return file;
}

/** Every file version of an evidence, newest first. */
export async function fileVersions(db: Db, evidenceId: string) {
  return db
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
}

/** Record a verdict if the link's version still matches; undefined when someone reviewed first. */
export async function saveReview(
  db: Db,
  linkId: string,
  version: number,
  values: Pick<
    typeof evidenceLinks.$inferInsert,
    "selfAccepted" | "reviewedFileId" | "review" | "reason" | "note" | "reviewedBy"
  >,
): Promise<EvidenceLinkRow | undefined> {
  const [saved] = await db
    .update(evidenceLinks)
    .set({ ...values, version: sql`${evidenceLinks.version} + 1` })
    .where(and(eq(evidenceLinks.id, linkId), eq(evidenceLinks.version, version)))
    .returning();
  return saved;
}

/** Paths of organizations by id. */
export async function pathsOf(db: Db, ids: readonly string[]) {
  return db
    .select({ id: organizations.id, path: organizations.path })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

/** Which of these storage keys a file record points to. */
export async function recordedKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .select({ key: evidenceFiles.storageKey })
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.storageKey, [...keys]));
  return new Set(rows.map((r) => r.key));
}
