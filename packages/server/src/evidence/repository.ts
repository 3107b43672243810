// All of evidence's SQL: pieces of evidence, their file versions, their links to indicator levels
// and the reviews on those links.
import { type DocumentFacts, readDocument, type Schedule } from "@matang/core";
import { and, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client.js";
import { evidence, evidenceFiles, evidenceLinks, evidenceTexts, organizations } from "../db/schema.js";

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
      text: sql<{
        status: "pending" | "done" | "no_text" | "skipped" | "failed";
        pages: number | null;
        chars: number;
        facts: DocumentFacts | null;
      } | null>`(select json_build_object('status', t.status, 'pages', t.pages, 'chars', t.chars, 'facts', t.facts)
        from ${evidenceTexts} t where t.file_id = ${evidenceFiles.id})`,
    })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.evidenceId, evidenceId))
    .orderBy(desc(evidenceFiles.createdAt));
}

/**
 * Where an evidence is first used (the level its findings are checked against), with what the
 * check needs: the framework, the instansi and the cycle.
 */
export async function firstUseOf(db: Db, evidenceId: string) {
  const [use] = await rows<{
    indicator: string;
    level: number;
    item: string;
    framework_id: string;
    year: number;
    schedule: Schedule;
    organization_name: string;
    organization_kind: string;
  }>(
    db,
    sql`select l.indicator_code as indicator, l.level, l.item_code as item, c.framework_id, c.year, c.schedule,
          o.name as organization_name, o.kind as organization_kind
        from ${evidenceLinks} l join assessments a on a.id = l.assessment_id join cycles c on c.id = a.cycle_id
          join ${organizations} o on o.id = a.organization_id
        where l.evidence_id = ${evidenceId} order by l.created_at limit 1`,
  );
  return use;
}

/** Where the instansi's other evidence holds the same bytes as this evidence's files. */
export async function sameFilesElsewhere(db: Db, organizationId: string, evidenceId: string) {
  return rows<{
    sha256: string;
    evidenceId: string;
    title: string;
    indicator: string;
    level: number;
    year: number;
  }>(
    db,
    sql`select distinct f.sha256, e.id as "evidenceId", e.title, l.indicator_code as indicator, l.level, c.year
        from ${evidenceFiles} f join ${evidence} e on e.id = f.evidence_id
          join ${evidenceLinks} l on l.evidence_id = e.id join assessments a on a.id = l.assessment_id
          join cycles c on c.id = a.cycle_id
        where e.organization_id = ${organizationId} and e.id <> ${evidenceId}
          and f.sha256 in (select sha256 from ${evidenceFiles} where evidence_id = ${evidenceId})
        order by c.year desc, indicator, l.level`,
  );
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

// ---------------------------------------------------------------------------------------------
// The text of evidence files (read in the background, searched with PostgreSQL's full-text search)

/** A new file version waits for its text to be read. */
export async function queueText(db: Db, fileId: string): Promise<void> {
  await db.insert(evidenceTexts).values({ fileId }).onConflictDoNothing();
}

/** Files given up after this many attempts (a file that crashes the reader must not loop). */
export const TEXT_ATTEMPTS = 3;

/**
 * Take the oldest file waiting to be read, for `lockSeconds`: several instances share the work,
 * and a file taken by an instance that died is taken again once its time is up.
 */
export async function claimText(db: Db, lockSeconds = 600) {
  const [claimed] = await rows<{ file_id: string; attempts: number }>(
    db,
    sql`update ${evidenceTexts} t
        set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = t.attempts + 1
        from (select file_id from ${evidenceTexts}
              where status = 'pending' and (locked_until is null or locked_until < now())
              order by updated_at limit 1 for update skip locked) c
        where t.file_id = c.file_id
        returning t.file_id, t.attempts`,
  );
  if (!claimed) return undefined;
  const [file] = await db
    .select({
      fileId: evidenceFiles.id,
      storageKey: evidenceFiles.storageKey,
      mediaType: evidenceFiles.mediaType,
      title: evidence.title,
    })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .where(eq(evidenceFiles.id, claimed.file_id));
  return file ? { ...file, attempts: claimed.attempts } : undefined;
}

/** Store what was read, and the search document: the title (weight A) and the text, in Indonesian. */
export async function saveText(
  db: Db,
  fileId: string,
  title: string,
  read: {
    status: "done" | "no_text" | "skipped" | "failed";
    text: string;
    pages: number | null;
    ocrPages: number;
    error: string | null;
  },
): Promise<void> {
  await db
    .update(evidenceTexts)
    .set({
      status: read.status,
      text: read.text,
      chars: sql`length(${read.text})`,
      pages: read.pages,
      ocrPages: read.ocrPages,
      error: read.error,
      lockedUntil: null,
      updatedAt: new Date(),
      facts: read.status === "done" ? readDocument(read.text) : null,
      document: sql`setweight(to_tsvector('indonesian', ${title}), 'A') || setweight(to_tsvector('indonesian', ${read.text}), 'B')`,
    })
    .where(eq(evidenceTexts.fileId, fileId));
}

/** How far reading has come for an assessment's files (each link's newest version), per indicator. */
export async function readingByIndicator(db: Db, assessmentId: string) {
  return rows<{ indicator: string; status: string | null; files: number; ocr_pages: number }>(
    db,
    sql`select l.indicator_code as indicator, t.status, count(*)::int as files, coalesce(sum(t.ocr_pages), 0)::int as ocr_pages
        from ${evidenceLinks} l
        join lateral (select id from ${evidenceFiles} f where f.evidence_id = l.evidence_id
                      order by f.created_at desc, f.id desc limit 1) f on true
        left join ${evidenceTexts} t on t.file_id = f.id
        where l.assessment_id = ${assessmentId}
        group by l.indicator_code, t.status`,
  );
}

/** Texts read before their facts were (an upgrade): their facts from the stored text; how many. */
export async function readMissingFacts(db: Db, max: number): Promise<number> {
  const waiting = await db
    .select({ fileId: evidenceTexts.fileId, text: evidenceTexts.text })
    .from(evidenceTexts)
    .where(and(eq(evidenceTexts.status, "done"), isNull(evidenceTexts.facts)))
    .limit(max);
  for (const w of waiting)
    await db
      .update(evidenceTexts)
      .set({ facts: readDocument(w.text) })
      .where(and(eq(evidenceTexts.fileId, w.fileId), isNull(evidenceTexts.facts)));
  return waiting.length;
}

/** Where the caller's search may look (policy's reachOf for evidence.read). */
export interface SearchReach {
  readonly subtree: "all" | readonly string[];
  readonly units: readonly string[];
  /** The caller, when assessor assignments count. */
  readonly assessorId: string | null;
}

export interface SearchFilter {
  /** Words to find; without them, the evidence the filters leave, newest year first. */
  readonly query?: string;
  readonly indicator?: string;
  readonly level?: number;
  /** The unit that provided it (or a unit inside it). */
  readonly unitPath?: string;
  readonly review?: "pending" | "accepted" | "revision";
  readonly assessmentId?: string;
  /** The instansi (or a unit inside it): every year of its evidence. */
  readonly organizationPath?: string;
  readonly year?: number;
  readonly limit: number;
  readonly offset: number;
}

/** Highlights in snippets, as PostgreSQL's ts_headline marks them (private-use characters, never typed). */
export const MARK_START = "\ue000";
export const MARK_END = "\ue001";

const anyPrefix = (column: SQL, paths: readonly string[]) =>
  paths.length
    ? sql`(${sql.join(
        paths.map((p) => sql`${column} like ${`${p}%`}`),
        sql` or `,
      )})`
    : sql`false`;

/**
 * Evidence whose newest file version (or title) matches, as links to indicator levels: ranked,
 * with a snippet of the text around the matches, and the facts the policy needs to check each
 * row (the instansi's path, the units assigned to the indicator, the assessors of the instansi).
 */
export async function searchEvidence(db: Db, reach: SearchReach, filter: SearchFilter) {
  const unitsOf = sql`array(select u.path from indicator_assignments ia join organizations u on u.id = ia.unit_id
    where ia.assessment_id = l.assessment_id and ia.indicator_code = l.indicator_code)`;
  const providerPath = sql`(select p.path from organizations p where p.id = e.unit_id)`;
  const assessorsOf = sql`array(select ca.user_id::text from cycle_assessors ca
    where ca.cycle_id = a.cycle_id and ca.organization_id = a.organization_id)`;
  const scope =
    reach.subtree === "all"
      ? sql`true`
      : sql`(${anyPrefix(sql`o.path`, reach.subtree)}
          or exists (select 1 from unnest(${unitsOf} || ${providerPath}) up where ${anyPrefix(sql`up`, reach.units)})
          or ${reach.assessorId ? sql`${reach.assessorId} = any(${assessorsOf})` : sql`false`})`;
  const filters = [
    filter.assessmentId ? sql`l.assessment_id = ${filter.assessmentId}` : sql`true`,
    filter.organizationPath ? sql`o.path like ${`${filter.organizationPath}%`}` : sql`true`,
    filter.year ? sql`c.year = ${filter.year}` : sql`true`,
    filter.indicator ? sql`l.indicator_code = ${filter.indicator}` : sql`true`,
    filter.level !== undefined ? sql`l.level = ${filter.level}` : sql`true`,
    filter.unitPath ? sql`${providerPath} like ${`${filter.unitPath}%`}` : sql`true`,
    filter.review ? sql`l.review = ${filter.review}` : sql`true`,
    filter.query ? sql`t.document @@ q.q` : sql`true`,
  ];
  const words = filter.query ? sql`websearch_to_tsquery('indonesian', ${filter.query})` : sql`null::tsquery`;
  const snippet = filter.query
    ? sql`ts_headline('indonesian', left(t.text, 200000), q.q,
          ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`})`
    : // Browsing: the document's opening, for recognising it.
      sql`coalesce(left(regexp_replace(left(t.text, 480), '[[:space:]]+', ' ', 'g'), 240), '')`;
  // Two steps: the matching links ranked and counted with cheap columns only, then snippets and
  // the policy's facts for the one page shown (ts_headline over every match of a common word in
  // 100,000 documents took minutes).
  const found = await rows<{
    evidence_id: string;
    version_id: string;
    title: string;
    assessment_id: string;
    indicator: string;
    level: number;
    item: string;
    year: number;
    organization_name: string;
    path: string;
    unit_paths: string[];
    provider_path: string | null;
    assessor_ids: string[];
    snippet: string;
    rank: number;
    review: "pending" | "accepted" | "revision";
    unit_name: string | null;
    total: number;
  }>(
    db,
    sql`with q as (select ${words} as q),
      page as (
        select l.id as link_id, f.id as version_id, t.file_id as text_id,
          coalesce(ts_rank_cd(t.document, q.q), 0)::float8 as rank, c.year,
          count(*) over ()::int as total
        from evidence_links l
        join evidence e on e.id = l.evidence_id
        join lateral (select id from evidence_files ef where ef.evidence_id = e.id
                      order by ef.created_at desc, ef.id desc limit 1) f on true
        left join evidence_texts t on t.file_id = f.id
        join assessments a on a.id = l.assessment_id
        join cycles c on c.id = a.cycle_id
        join organizations o on o.id = a.organization_id
        cross join q
        where ${scope} and ${sql.join(filters, sql` and `)}
        order by rank desc, c.year desc, e.title, l.indicator_code, l.level
        limit ${filter.limit} offset ${filter.offset})
      select l.evidence_id, page.version_id, e.title, l.assessment_id, l.indicator_code as indicator,
        l.level, l.item_code as item, page.year, o.name as organization_name, o.path,
        ${unitsOf} as unit_paths, ${providerPath} as provider_path, ${assessorsOf} as assessor_ids,
        ${snippet} as snippet, page.rank, l.review,
        (select p.name from organizations p where p.id = e.unit_id) as unit_name, page.total
      from page
      join evidence_links l on l.id = page.link_id
      join evidence e on e.id = l.evidence_id
      left join evidence_texts t on t.file_id = page.text_id
      join assessments a on a.id = l.assessment_id
      join organizations o on o.id = a.organization_id
      cross join q
      order by page.rank desc, page.year desc, e.title, l.indicator_code, l.level`,
  );
  return found;
}
