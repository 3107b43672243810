import type { DocumentFacts } from "@matang/core";
import { and, asc, desc, eq, inArray, like, ne, or, type SQL, sql } from "drizzle-orm";
import { type Db, rows, uuidArray } from "../db/client.js";
import {
  assessments,
  auditLog,
  comments,
  cycleAssessors,
  cycles,
  evidence,
  evidenceFiles,
  evidenceLinks,
  externalValues,
  indicatorAssignments,
  itemAssignments,
  organizations,
  roleGrants,
  stageScores,
  unitAnswers,
  users,
} from "../db/schema.js";

export type AssessmentRow = typeof assessments.$inferSelect;
export type CycleRow = typeof cycles.$inferSelect;
export type StageScoreRow = typeof stageScores.$inferSelect;
export type UnitAnswerRow = typeof unitAnswers.$inferSelect;

export interface AssignmentRow {
  readonly indicatorCode: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly unitPath: string;
  readonly dueDate: string | null;
}

/** An assessment with what every decision about it needs. */
export interface AssessmentContext {
  readonly assessment: AssessmentRow;
  readonly cycle: CycleRow;
  readonly organization: {
    readonly id: string;
    readonly name: string;
    readonly path: string;
    readonly kind: string;
  };
  readonly assignments: readonly AssignmentRow[];
  readonly assessorIds: readonly string[];
}

/**
 * One round trip: every request about an assessment starts here. With `withLevels`, the stage
 * levels come along (what reading an assessment needs), still in the same query.
 */
export async function loadContext(db: Db, id: string): Promise<Stamped<AssessmentContext> | undefined>;
export async function loadContext(
  db: Db,
  id: string,
  withLevels: true,
): Promise<Stamped<AssessmentContext & { levels: LevelRow[] }> | undefined>;
export async function loadContext(
  db: Db,
  id: string,
  withLevels = false,
): Promise<Stamped<AssessmentContext & { levels?: LevelRow[] }> | undefined> {
  const [found] = await contextsWhere(db, sql`a.id = ${id}`, withLevels);
  return found;
}

/**
 * The assessments still under way, those most people work on first: of the newest cycles, in the
 * earliest of `states` (a self-assessment has a whole instansi's units at work, a later stage a
 * few assessors), the most recently changed. What an instance warms its cache with at start.
 */
export async function openAssessmentIds(db: Db, states: readonly string[], limit: number): Promise<string[]> {
  const list = sql`array[${sql.join(
    states.map((state) => sql`${state}`),
    sql`, `,
  )}]::text[]`;
  const found = await rows<{ id: string }>(
    db,
    sql`select a.id from assessments a join cycles c on c.id = a.cycle_id
      where a.state = any(${list})
      order by c.year desc, array_position(${list}, a.state), a.updated_at desc
      limit ${limit}`,
  );
  return found.map((r) => r.id);
}

/** {@link loadContext} with the levels, for many assessments in one round trip. */
export function loadContexts(db: Db, ids: readonly string[]) {
  return contextsWhere(db, sql`a.id = any(${uuidArray(ids)})`, true);
}

async function contextsWhere(
  db: Db,
  where: SQL,
  withLevels: boolean,
): Promise<Stamped<AssessmentContext & { levels?: LevelRow[] }>[]> {
  const levels = withLevels
    ? sql`coalesce((select json_agg(json_build_object('indicatorCode', s.indicator_code, 'stage', s.stage,
          'level', s.level, 'verdict', s.verdict, 'explained', s.note ~ '\\S')) from stage_scores s where s.assessment_id = a.id), '[]'::json)`
    : sql`null`;
  const found = await rows<{
    assessment: Record<string, unknown>;
    cycle: CycleRow;
    organization: AssessmentContext["organization"];
    assignments: AssignmentRow[];
    assessorIds: string[];
    levels: LevelRow[] | null;
    stamp: string;
  }>(
    db,
    sql`select ${levels} as levels, ${STAMP} as stamp,
      json_build_object('id', a.id, 'cycleId', a.cycle_id, 'organizationId', a.organization_id, 'state', a.state,
        'reopenedUntil', a.reopened_until, 'submittedAt', a.submitted_at, 'version', a.version,
        'evaluated', a.evaluated, 'notEvaluatedReason', a.not_evaluated_reason,
        'createdAt', a.created_at, 'updatedAt', a.updated_at) as assessment,
      json_build_object('id', c.id, 'year', c.year, 'name', c.name, 'frameworkId', c.framework_id, 'kind', c.kind,
        'schedule', c.schedule, 'version', c.version, 'createdAt', c.created_at) as cycle,
      json_build_object('id', o.id, 'name', o.name, 'path', o.path, 'kind', o.kind) as organization,
      coalesce((select json_agg(json_build_object('indicatorCode', ia.indicator_code, 'unitId', ia.unit_id,
          'unitName', u.name, 'unitPath', u.path, 'dueDate', ia.due_date) order by u.name)
        from indicator_assignments ia join organizations u on u.id = ia.unit_id
        where ia.assessment_id = a.id), '[]'::json) as assignments,
      coalesce((select json_agg(ca.user_id) from cycle_assessors ca
        where ca.cycle_id = a.cycle_id and ca.organization_id = a.organization_id), '[]'::json) as "assessorIds"
    from assessments a
    join cycles c on c.id = a.cycle_id
    join organizations o on o.id = a.organization_id
    where ${where}`,
  );
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return found.map((row) => {
    const a = row.assessment;
    return {
      assessment: {
        ...(a as AssessmentRow),
        reopenedUntil: date(a.reopenedUntil),
        submittedAt: date(a.submittedAt),
        createdAt: date(a.createdAt) as Date,
        updatedAt: date(a.updatedAt) as Date,
      },
      cycle: { ...row.cycle, createdAt: new Date(row.cycle.createdAt as unknown as string) },
      organization: row.organization,
      assignments: row.assignments,
      assessorIds: row.assessorIds,
      stamp: row.stamp,
      ...(row.levels ? { levels: row.levels } : {}),
    };
  });
}

/** With the stamp it was read at (see assessments/cache.ts). */
export type Stamped<T> = T & { readonly stamp: string };

const STAMP = sql`coalesce((select st.stamp from assessment_stamps st where st.assessment_id = a.id), 0)::text`;

/** The current stamps of these assessments; one that does not exist is absent. */
export async function stampsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await rows<{ id: string; stamp: string }>(
    db,
    sql`select a.id, ${STAMP} as stamp from assessments a where a.id = any(${uuidArray(ids)})`,
  );
  return new Map(found.map((r) => [r.id, r.stamp]));
}

/** `explained`: the score has a note with more than white space (submitting needs one). */
export type LevelRow = Pick<StageScoreRow, "indicatorCode" | "stage" | "level" | "verdict"> & {
  readonly explained: boolean;
};

/** Just what scoring needs of an assessment's stage scores (the hot read path). */
export async function levelsOf(db: Db, assessmentId: string): Promise<LevelRow[]> {
  return rows<LevelRow>(
    db,
    sql`select indicator_code as "indicatorCode", stage, level, verdict, note ~ '\\S' as explained
      from stage_scores where assessment_id = ${assessmentId}`,
  );
}

export async function stageScoresOf(db: Db, assessmentId: string): Promise<StageScoreRow[]> {
  return db.select().from(stageScores).where(eq(stageScores.assessmentId, assessmentId));
}

export async function unitAnswersOf(db: Db, assessmentId: string): Promise<UnitAnswerRow[]> {
  return db.select().from(unitAnswers).where(eq(unitAnswers.assessmentId, assessmentId));
}

export async function linksOf(db: Db, assessmentId: string) {
  return db
    .select({
      id: evidenceLinks.id,
      indicatorCode: evidenceLinks.indicatorCode,
      level: evidenceLinks.level,
      itemCode: evidenceLinks.itemCode,
      uploadNote: evidenceLinks.uploadNote,
      evidenceId: evidenceLinks.evidenceId,
      title: evidence.title,
      kind: evidence.kind,
      url: evidence.url,
      unitId: evidence.unitId,
      review: evidenceLinks.review,
      reason: evidenceLinks.reason,
      note: evidenceLinks.note,
      selfAccepted: evidenceLinks.selfAccepted,
      version: evidenceLinks.version,
      // Who put it there (with unitId: "uploaded by X on behalf of unit Y").
      uploadedBy: users.name,
      // Who may not accept it (core's mayAccept): the newest file's uploader, else its creator.
      uploaderId: sql<string | null>`coalesce((select f.uploaded_by from evidence_files f
        where f.evidence_id = ${evidenceLinks.evidenceId} order by f.created_at desc limit 1), ${evidence.createdBy})`,
      // The newest file, as people check it before opening: name, size, type, when, which version.
      file: sql<{
        name: string;
        size: number;
        mediaType: string;
        uploadedAt: string;
        uploadedBy: string | null;
        sha256: string;
        text: {
          status: "pending" | "done" | "no_text" | "skipped" | "failed";
          pages: number | null;
          ocrPages: number;
          chars: number;
          facts: DocumentFacts | null;
        } | null;
      } | null>`(select json_build_object('name', f.original_name, 'size', f.size, 'mediaType', f.media_type,
          'uploadedAt', f.created_at, 'uploadedBy', (select u.name from users u where u.id = f.uploaded_by),
          'sha256', f.sha256,
          'text', (select json_build_object('status', t.status, 'pages', t.pages, 'ocrPages', t.ocr_pages,
              'chars', length(t.text), 'facts', t.facts)
            from evidence_texts t where t.file_id = f.id))
        from evidence_files f where f.evidence_id = ${evidenceLinks.evidenceId} order by f.created_at desc limit 1)`,
      fileVersion: evidence.version,
      addedAt: evidenceLinks.createdAt,
      // The unit that provided it: who may replace or withdraw it (with the coordinator).
      unitPath: sql<string | null>`(select o.path from organizations o where o.id = ${evidence.unitId})`,
    })
    .from(evidenceLinks)
    .innerJoin(evidence, eq(evidence.id, evidenceLinks.evidenceId))
    .leftJoin(users, eq(users.id, evidence.createdBy))
    .where(eq(evidenceLinks.assessmentId, assessmentId))
    .orderBy(asc(evidenceLinks.createdAt));
}

/**
 * Where an instansi's evidence holds files with the same bytes as the files of an assessment's
 * evidence: indicator, level, year, title (for the duplicate finding).
 */
export async function filesElsewhere(db: Db, organizationId: string, assessmentId: string) {
  const hashes = sql`(select f.sha256 from evidence_files f join evidence_links l on l.evidence_id = f.evidence_id
    where l.assessment_id = ${assessmentId})`;
  return db
    .selectDistinct({
      sha256: evidenceFiles.sha256,
      evidenceId: evidence.id,
      assessmentId: evidenceLinks.assessmentId,
      title: evidence.title,
      indicator: evidenceLinks.indicatorCode,
      level: evidenceLinks.level,
      year: cycles.year,
    })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .innerJoin(evidenceLinks, eq(evidenceLinks.evidenceId, evidence.id))
    .innerJoin(assessments, eq(assessments.id, evidenceLinks.assessmentId))
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(and(eq(evidence.organizationId, organizationId), sql`${evidenceFiles.sha256} in ${hashes}`))
    .orderBy(desc(cycles.year), asc(evidenceLinks.indicatorCode), asc(evidenceLinks.level));
}

export async function replaceAssignments(
  db: Db,
  assessmentId: string,
  code: string,
  units: readonly { unitId: string; dueDate: string | null }[],
): Promise<void> {
  await db
    .delete(indicatorAssignments)
    .where(
      and(eq(indicatorAssignments.assessmentId, assessmentId), eq(indicatorAssignments.indicatorCode, code)),
    );
  if (units.length > 0) {
    await db
      .insert(indicatorAssignments)
      .values(
        units.map((u) => ({ assessmentId, indicatorCode: code, unitId: u.unitId, dueDate: u.dueDate })),
      );
  }
}

/**
 * Insert (expected version 0) or update (expected version = current) a versioned row; returns the
 * row, or null when the version is stale — nothing is written then.
 */
export async function upsertUnitAnswer(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; unitId: string },
  expectedVersion: number,
  values: Pick<UnitAnswerRow, "level" | "explanation" | "status" | "returnNote">,
): Promise<UnitAnswerRow | null> {
  if (expectedVersion === 0) {
    const rows = await db
      .insert(unitAnswers)
      .values({ ...key, ...values })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  }
  const rows = await db
    .update(unitAnswers)
    .set({ ...values, version: sql`${unitAnswers.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(unitAnswers.assessmentId, key.assessmentId),
        eq(unitAnswers.indicatorCode, key.indicatorCode),
        eq(unitAnswers.unitId, key.unitId),
        eq(unitAnswers.version, expectedVersion),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

export async function findUnitAnswer(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; unitId: string },
) {
  const [row] = await db
    .select()
    .from(unitAnswers)
    .where(
      and(
        eq(unitAnswers.assessmentId, key.assessmentId),
        eq(unitAnswers.indicatorCode, key.indicatorCode),
        eq(unitAnswers.unitId, key.unitId),
      ),
    );
  return row;
}

export async function upsertStageScore(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; stage: string },
  expectedVersion: number,
  values: { level: number | null; note: string; verdict: string | null; authorId: string | null },
): Promise<StageScoreRow | null> {
  if (expectedVersion === 0) {
    const rows = await db
      .insert(stageScores)
      .values({ ...key, ...values })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  }
  const rows = await db
    .update(stageScores)
    .set({ ...values, version: sql`${stageScores.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(stageScores.assessmentId, key.assessmentId),
        eq(stageScores.indicatorCode, key.indicatorCode),
        eq(stageScores.stage, key.stage),
        eq(stageScores.version, expectedVersion),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

export async function findStageScore(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; stage: string },
) {
  const [row] = await db
    .select()
    .from(stageScores)
    .where(
      and(
        eq(stageScores.assessmentId, key.assessmentId),
        eq(stageScores.indicatorCode, key.indicatorCode),
        eq(stageScores.stage, key.stage),
      ),
    );
  return row;
}

/** Move to another state if the assessment's version still matches. */
export async function setState(
  db: Db,
  id: string,
  version: number,
  values: { state: AssessmentRow["state"]; submittedAt?: Date | null; reopenedUntil?: Date | null },
): Promise<AssessmentRow | null> {
  const rows = await db
    .update(assessments)
    .set({ ...values, version: sql`${assessments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(assessments.id, id), eq(assessments.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function addComment(
  db: Db,
  values: {
    assessmentId: string;
    indicatorCode: string;
    authorId: string;
    authorLabel: string;
    body: string;
  },
) {
  const [row] = await db.insert(comments).values(values).returning();
  return row;
}

export async function commentsOf(db: Db, assessmentId: string, code: string) {
  return db
    .select({
      id: comments.id,
      author: comments.authorLabel,
      body: comments.body,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(and(eq(comments.assessmentId, assessmentId), eq(comments.indicatorCode, code)))
    .orderBy(asc(comments.createdAt));
}

export const indicatorEntity = (assessmentId: string, code: string) => `${assessmentId}/${code}`;

export async function historyOf(db: Db, assessmentId: string, code: string) {
  return db
    .select({
      at: auditLog.at,
      // People by name (their e-mail only where no account is behind the entry, e.g. the CLI).
      actor: sql<string>`coalesce(${users.name}, ${auditLog.actorLabel})`,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(eq(auditLog.entityType, "indicator"), eq(auditLog.entityId, indicatorEntity(assessmentId, code))),
    )
    .orderBy(asc(auditLog.id));
}

/** Users holding one of `roles` on the organization at `path` or above it (e.g. a unit's operators). */
export async function usersWithRoleOver(db: Db, path: string, roles: readonly string[]): Promise<string[]> {
  const ancestors = path
    .split("/")
    .filter(Boolean)
    .map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}/`);
  if (ancestors.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(and(inArray(roleGrants.role, [...roles]), inArray(organizations.path, ancestors)));
  return rows.map((r) => r.userId);
}

export async function unitsUnder(db: Db, path: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: organizations.id, path: organizations.path, kind: organizations.kind })
    .from(organizations)
    .where(and(inArray(organizations.id, [...ids]), like(organizations.path, `${path}%`)));
}

/** Assessments a principal may list: by subtree, by units (operators) and by assignment (assessors). */
export async function listAssessments(
  db: Db,
  filter: {
    scope: "all" | readonly string[];
    unitPaths: readonly string[];
    assessorId: string | null;
    cycleId?: string;
  },
) {
  const visible = [];
  if (filter.scope === "all") visible.push(sql`true`);
  else for (const p of filter.scope) visible.push(like(organizations.path, `${p}%`));
  for (const unitPath of filter.unitPaths) {
    visible.push(
      sql`exists (select 1 from ${indicatorAssignments} ia join ${organizations} u on u.id = ia.unit_id
        where ia.assessment_id = ${assessments.id} and u.path like ${`${unitPath}%`})`,
    );
  }
  if (filter.assessorId) {
    visible.push(
      sql`exists (select 1 from ${cycleAssessors} ca where ca.cycle_id = ${assessments.cycleId}
        and ca.organization_id = ${assessments.organizationId} and ca.user_id = ${filter.assessorId})`,
    );
  }
  if (visible.length === 0) return [];
  const conditions = [or(...visible)];
  if (filter.cycleId) conditions.push(eq(assessments.cycleId, filter.cycleId));
  return (
    db
      .select({
        id: assessments.id,
        cycleId: assessments.cycleId,
        organizationId: organizations.id,
        organizationName: organizations.name,
        cycleName: cycles.name,
        year: cycles.year,
        state: assessments.state,
        version: assessments.version,
      })
      .from(assessments)
      .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .where(and(...conditions))
      // The current cycles first: last year's published assessments stay below.
      .orderBy(desc(cycles.year), asc(organizations.name), asc(cycles.name))
  );
}

/** Serialise changes to one assessment's shared records for the rest of the transaction. */
export async function lockAssessment(db: Db, id: string): Promise<void> {
  await db.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, id)).for("update");
}

/**
 * How many times each of these indicators' assignments were changed: their version. The entities
 * are named one by one: a prefix match (`LIKE 'id/%'`) cannot use the index under a database's
 * usual collation, and scanned the whole audit log on every read of the indicators (seconds at
 * national size, the deadline bench's first bottleneck).
 */
export async function assignmentVersions(
  db: Db,
  assessmentId: string,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ entityId: auditLog.entityId, n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "indicator"),
        inArray(
          auditLog.entityId,
          codes.map((code) => indicatorEntity(assessmentId, code)),
        ),
        eq(auditLog.action, "indicator.assign"),
      ),
    )
    .groupBy(auditLog.entityId);
  return new Map(rows.map((r) => [(r.entityId ?? "").slice(assessmentId.length + 1), r.n]));
}

export async function assessmentsOfOrganization(db: Db, organizationId: string) {
  return db
    .select({
      id: assessments.id,
      year: cycles.year,
      cycleName: cycles.name,
      frameworkId: cycles.frameworkId,
      state: assessments.state,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(eq(assessments.organizationId, organizationId))
    .orderBy(asc(cycles.year), asc(assessments.createdAt));
}

/** Whether the instansi lets whoever put evidence there accept it too. */
export async function allowsSelfAcceptance(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ allow: organizations.allowSelfAcceptance })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.allow ?? false;
}

/** The instansi's latest assessment other than `exceptId` (by cycle year, then creation). */
export async function previousAssessmentOf(db: Db, organizationId: string, exceptId: string) {
  // Earlier: of an earlier year, or of the same year and created before (never a later one).
  const [previous] = await db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        ne(assessments.id, exceptId),
        sql`(${cycles.year}, ${assessments.createdAt}) < (select c.year, a.created_at from assessments a
          join cycles c on c.id = a.cycle_id where a.id = ${exceptId})`,
      ),
    )
    .orderBy(desc(cycles.year), desc(assessments.createdAt))
    .limit(1);
  return previous;
}

/** Link evidence to a level of an indicator unless it already is; true when a link was made. */
export async function linkEvidence(
  db: Db,
  values: {
    assessmentId: string;
    indicatorCode: string;
    level: number;
    evidenceId: string;
    itemCode?: string;
    uploadNote?: string;
  },
): Promise<boolean> {
  const inserted = await db
    .insert(evidenceLinks)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: evidenceLinks.id });
  return inserted.length > 0;
}

/** Who made the latest move of the assessment into `state` (from the audit log), if anyone. */
export async function lastMoveInto(db: Db, assessmentId: string, state: string) {
  const moves = await db
    .select({ actorId: auditLog.actorId, actor: auditLog.actorLabel, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "assessment"),
        eq(auditLog.entityId, assessmentId),
        eq(auditLog.action, "assessment.transition"),
      ),
    )
    .orderBy(desc(auditLog.id));
  const move = moves.find((m) => (m.after as { state?: string } | null)?.state === state);
  if (!move) return undefined;
  const [user] = move.actorId
    ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, move.actorId))
    : [];
  return { actor: move.actor, user };
}

export type ItemAssignmentRow = Awaited<ReturnType<typeof itemAssignmentsOf>>[number];

/** The responsible unit (PJ) and due date of each assigned evidence item of an assessment. */
export async function itemAssignmentsOf(db: Db, assessmentId: string) {
  return db
    .select({
      itemCode: itemAssignments.itemCode,
      indicatorCode: itemAssignments.indicatorCode,
      unitId: itemAssignments.unitId,
      unitName: organizations.name,
      dueDate: itemAssignments.dueDate,
      version: itemAssignments.version,
    })
    .from(itemAssignments)
    .innerJoin(organizations, eq(organizations.id, itemAssignments.unitId))
    .where(eq(itemAssignments.assessmentId, assessmentId))
    .orderBy(asc(itemAssignments.itemCode));
}

export type ExternalValueRow = typeof externalValues.$inferSelect;

export async function externalValuesOf(db: Db, assessmentId: string): Promise<ExternalValueRow[]> {
  return db.select().from(externalValues).where(eq(externalValues.assessmentId, assessmentId));
}

/** Set (or, with no unit, clear) an item's responsible unit at the expected version; null when stale. */
export async function saveItemAssignment(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; itemCode: string },
  expectedVersion: number,
  values: { unitId: string | null; dueDate: string | null },
): Promise<{ version: number } | null> {
  const [current] = await db
    .select({ version: itemAssignments.version })
    .from(itemAssignments)
    .where(
      and(eq(itemAssignments.assessmentId, key.assessmentId), eq(itemAssignments.itemCode, key.itemCode)),
    );
  if ((current?.version ?? 0) !== expectedVersion) return null;
  if (values.unitId === null) {
    await db
      .delete(itemAssignments)
      .where(
        and(eq(itemAssignments.assessmentId, key.assessmentId), eq(itemAssignments.itemCode, key.itemCode)),
      );
    return { version: 0 };
  }
  const unitId = values.unitId;
  const [row] = await db
    .insert(itemAssignments)
    .values({ ...key, unitId, dueDate: values.dueDate })
    .onConflictDoUpdate({
      target: [itemAssignments.assessmentId, itemAssignments.itemCode],
      set: { unitId, dueDate: values.dueDate, version: sql`${itemAssignments.version} + 1` },
    })
    .returning({ version: itemAssignments.version });
  return row ?? null;
}

/** Make sure a unit is among an indicator's assigned units (it then reads and uploads for it). */
export async function ensureAssignment(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; unitId: string },
  dueDate: string | null,
): Promise<boolean> {
  const rows = await db
    .insert(indicatorAssignments)
    .values({ ...key, dueDate })
    .onConflictDoNothing()
    .returning({ id: indicatorAssignments.id });
  return rows.length > 0;
}

/** Evaluated in its cycle or not, at the expected version; undefined when stale. */
export async function setEvaluated(
  db: Db,
  id: string,
  version: number,
  evaluated: boolean,
  reason: string | null,
) {
  const [row] = await db
    .update(assessments)
    .set({
      evaluated,
      notEvaluatedReason: reason,
      version: sql`${assessments.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(assessments.id, id), eq(assessments.version, version)))
    .returning();
  return row;
}
