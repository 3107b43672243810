import type { DocumentFacts } from "@matang/core";
import { and, asc, desc, eq, inArray, like, ne, or, type SQL, sql } from "drizzle-orm";
import { type AuditEntry, auditFrom } from "../audit/repository.js";
import { type Db, rows, uuidArray } from "../db/client.js";
import {
  assessments,
  auditLog,
  comments,
  cycleAssessors,
  cycles,
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

/** An evidence link as its assessment's readers see it (`linksOf`). */
export interface LinkRow {
  readonly id: string;
  readonly indicatorCode: string;
  readonly level: number;
  readonly itemCode: string;
  readonly uploadNote: string;
  readonly evidenceId: string;
  readonly title: string;
  readonly kind: "file" | "link";
  readonly url: string | null;
  readonly unitId: string | null;
  readonly review: "pending" | "accepted" | "revision";
  readonly reason: string | null;
  readonly note: string | null;
  readonly selfAccepted: boolean;
  readonly version: number;
  /** Who put it there (with unitId: "uploaded by X on behalf of unit Y"). */
  readonly uploadedBy: string | null;
  /** Who may not accept it (core's mayAccept): the newest file's uploader, else its creator. */
  readonly uploaderId: string | null;
  /** The newest file, as people check it before opening: name, size, type, when, which version. */
  readonly file: {
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
  } | null;
  readonly fileVersion: number;
  readonly addedAt: Date;
  /** The unit that provided it: who may replace or withdraw it (with the coordinator). */
  readonly unitPath: string | null;
}

/** `codes`: only these indicators' rows (what a caller who reads some indicators is shown). */
type Only = readonly string[] | undefined;

/** "The indicator is one of `codes`" (always, without them). */
const among = (column: SQL, codes: Only) => (codes === undefined ? sql`true` : inArray(column, [...codes]));

/**
 * An assessment's evidence links, each one JSON object (`row`) with when it was added (`at`): the
 * one reading of them that `linksOf` and the indicators list share.
 */
const linkRows = (assessmentId: string, codes: Only) => sql`select json_build_object(
    'id', l.id, 'indicatorCode', l.indicator_code, 'level', l.level, 'itemCode', l.item_code,
    'uploadNote', l.upload_note, 'evidenceId', l.evidence_id, 'title', e.title, 'kind', e.kind,
    'url', e.url, 'unitId', e.unit_id, 'review', l.review, 'reason', l.reason, 'note', l.note,
    'selfAccepted', l.self_accepted, 'version', l.version,
    'uploadedBy', (select u.name from users u where u.id = e.created_by),
    'uploaderId', coalesce(f.uploaded_by, e.created_by),
    'file', case when f.id is null then null else json_build_object('name', f.original_name,
      'size', f.size, 'mediaType', f.media_type, 'uploadedAt', f.created_at,
      'uploadedBy', (select u.name from users u where u.id = f.uploaded_by), 'sha256', f.sha256,
      'text', (select json_build_object('status', t.status, 'pages', t.pages, 'ocrPages', t.ocr_pages,
          'chars', t.chars, 'facts', t.facts)
        from evidence_texts t where t.file_id = f.id)) end,
    'fileVersion', e.version, 'addedAt', l.created_at,
    'unitPath', (select o.path from organizations o where o.id = e.unit_id)) as row, l.created_at as at
  from evidence_links l join evidence e on e.id = l.evidence_id
  left join lateral (select f.id, f.uploaded_by, f.original_name, f.size, f.media_type, f.created_at, f.sha256
    from evidence_files f where f.evidence_id = l.evidence_id order by f.created_at desc limit 1) f on true
  where l.assessment_id = ${assessmentId} and ${among(sql`l.indicator_code`, codes)}`;

type LinkJson = Omit<LinkRow, "addedAt"> & { addedAt: string };
const linkOf = (row: LinkJson): LinkRow => ({ ...row, addedAt: new Date(row.addedAt) });

/** An assessment's evidence links, in the order added. */
export async function linksOf(db: Db, assessmentId: string): Promise<LinkRow[]> {
  const found = await rows<{ row: LinkJson }>(db, sql`${linkRows(assessmentId, undefined)} order by at`);
  return found.map((r) => linkOf(r.row));
}

/**
 * A place in the instansi's evidence holding a file with the same bytes as a file of an
 * assessment's evidence (of the indicators listed): indicator, level, year, title (for the
 * duplicate finding). The places found may be on any indicator.
 */
export interface ElsewhereRow {
  readonly sha256: string;
  readonly evidenceId: string;
  readonly assessmentId: string;
  readonly title: string;
  readonly indicator: string;
  readonly level: number;
  readonly year: number;
}

// Written so PostgreSQL plans it quickly (it is planned at every list): the hashes looked for are
// an array computed first and the year a subquery, not one join of seven tables — planning
// 1.0 → 0.4 ms, the list's largest part, for the same rows.
const elsewhereRows = (organizationId: string, assessmentId: string, codes: Only) => sql`select distinct
    f.sha256, e.id as "evidenceId", l.assessment_id as "assessmentId", e.title,
    l.indicator_code as indicator, l.level,
    (select c.year from assessments a join cycles c on c.id = a.cycle_id where a.id = l.assessment_id) as year
  from evidence_files f join evidence e on e.id = f.evidence_id
  join evidence_links l on l.evidence_id = e.id
  where e.organization_id = ${organizationId} and f.sha256 = any(array(select f2.sha256 from evidence_files f2
    join evidence_links l2 on l2.evidence_id = f2.evidence_id
    where l2.assessment_id = ${assessmentId} and ${among(sql`l2.indicator_code`, codes)}))`;

/** How many times each indicator's assignment was changed (see {@link assignmentVersions}). */
const assignmentCounts = (
  assessmentId: string,
  codes: readonly string[],
) => sql`select entity_id, count(*)::int as n
  from audit_log where entity_type = 'indicator' and action = 'indicator.assign'
    and ${inArray(
      sql`entity_id`,
      codes.map((code) => indicatorEntity(assessmentId, code)),
    )}
  group by entity_id`;

const itemAssignmentRows = (assessmentId: string, codes: Only) => sql`select p.item_code as "itemCode",
    p.indicator_code as "indicatorCode", p.unit_id as "unitId", o.name as "unitName",
    p.due_date as "dueDate", p.version
  from item_assignments p join organizations o on o.id = p.unit_id
  where p.assessment_id = ${assessmentId} and ${among(sql`p.indicator_code`, codes)}`;

/** A stage score as the indicators list shows it. */
export type ListedScore = Pick<
  StageScoreRow,
  "indicatorCode" | "stage" | "level" | "note" | "verdict" | "version"
>;
/** A unit's proposal as the indicators list shows it. */
export type ListedAnswer = Pick<
  UnitAnswerRow,
  "indicatorCode" | "unitId" | "level" | "explanation" | "status" | "returnNote" | "version"
>;

/**
 * Everything the indicators list reads besides the assessment's context, for the indicators in
 * `codes` (all without them), in one statement: on the last day the list is most of the reads,
 * and each of its eight queries cost a round trip.
 */
export async function indicatorListOf(
  db: Db,
  place: { assessmentId: string; organizationId: string; codes: Only; shown: readonly string[] },
) {
  const { assessmentId: id, organizationId, codes } = place;
  const [found] = await rows<{
    scores: ListedScore[];
    answers: ListedAnswer[];
    links: LinkJson[];
    assignments: Record<string, number>;
    allowSelf: boolean | null;
    items: ItemAssignmentRow[];
    externals: (Omit<ExternalValueRow, "updatedAt"> & { updatedAt: string })[];
    elsewhere: ElsewhereRow[];
  }>(
    db,
    sql`select
      (select coalesce(json_agg(json_build_object('indicatorCode', s.indicator_code, 'stage', s.stage,
          'level', s.level, 'note', s.note, 'verdict', s.verdict, 'version', s.version)), '[]')
        from stage_scores s where s.assessment_id = ${id} and ${among(sql`s.indicator_code`, codes)}) as scores,
      (select coalesce(json_agg(json_build_object('indicatorCode', u.indicator_code, 'unitId', u.unit_id,
          'level', u.level, 'explanation', u.explanation, 'status', u.status, 'returnNote', u.return_note,
          'version', u.version)), '[]')
        from unit_answers u where u.assessment_id = ${id} and ${among(sql`u.indicator_code`, codes)}) as answers,
      (select coalesce(json_agg(x.row order by x.at), '[]') from (${linkRows(id, codes)}) x) as links,
      (select coalesce(json_object_agg(x.entity_id, x.n), '{}')
        from (${assignmentCounts(id, place.shown)}) x) as assignments,
      (select o.allow_self_acceptance from organizations o where o.id = ${organizationId}) as "allowSelf",
      (select coalesce(json_agg(x order by x."itemCode"), '[]') from (${itemAssignmentRows(id, codes)}) x) as items,
      (select coalesce(json_agg(json_build_object('id', v.id, 'assessmentId', v.assessment_id,
          'indexCode', v.index_code, 'value', v.value, 'measuredOn', v.measured_on,
          'evidenceId', v.evidence_id, 'unitId', v.unit_id, 'note', v.note, 'version', v.version,
          'updatedBy', v.updated_by, 'updatedAt', v.updated_at)), '[]')
        from external_values v where v.assessment_id = ${id}) as externals,
      (select coalesce(json_agg(x order by x.year desc, x.indicator, x.level), '[]')
        from (${elsewhereRows(organizationId, id, codes)}) x) as elsewhere`,
  );
  if (!found) throw new Error("the indicators list read no row");
  return {
    scores: found.scores,
    answers: found.answers,
    links: found.links.map(linkOf),
    assignmentVersions: new Map(
      Object.entries(found.assignments).map(([entity, n]) => [entity.slice(id.length + 1), n]),
    ),
    allowSelf: found.allowSelf ?? false,
    itemPjs: found.items,
    externals: found.externals.map((v) => ({ ...v, updatedAt: new Date(v.updatedAt) })),
    elsewhere: found.elsewhere,
  };
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

/** A unit answer row as JSON, in the shape drizzle reads it (its time as text). */
const unitAnswerJson = (r: SQL) => sql`json_build_object('id', ${r}.id, 'assessmentId', ${r}.assessment_id,
  'indicatorCode', ${r}.indicator_code, 'unitId', ${r}.unit_id, 'level', ${r}.level,
  'explanation', ${r}.explanation, 'status', ${r}.status, 'returnNote', ${r}.return_note,
  'version', ${r}.version, 'updatedAt', ${r}.updated_at)`;

/** What an audit entry of a unit's proposal shows of it. */
const proposalJson = (r: SQL) =>
  sql`jsonb_build_object('unitId', ${r}.unit_id, 'level', ${r}.level, 'explanation', ${r}.explanation, 'status', ${r}.status)`;

/**
 * A unit's proposal saved at the version its author saw, with its audit entry, in one statement:
 * on the last day a save was six round trips, and round trips were what the database's clients
 * waited for. A proposal marked ready loses the note it was returned with. Returns the saved row,
 * or null when the version is stale (nothing is written then).
 */
export async function saveUnitAnswer(
  db: Db,
  key: { assessmentId: string; indicatorCode: string; unitId: string },
  expectedVersion: number,
  values: Pick<UnitAnswerRow, "level" | "explanation" | "status">,
  audit: Omit<AuditEntry, "before" | "after">,
): Promise<UnitAnswerRow | null> {
  const { assessmentId, indicatorCode, unitId } = key;
  const returnNote = sql`case when ${values.status} = 'ready' then null::text else ${unitAnswers.returnNote} end`;
  const change =
    expectedVersion === 0
      ? sql`insert into unit_answers (assessment_id, indicator_code, unit_id, level, explanation, status)
          values (${assessmentId}, ${indicatorCode}, ${unitId}, ${values.level}::int, ${values.explanation},
            ${values.status})
          on conflict do nothing returning *`
      : sql`update unit_answers set level = ${values.level}::int, explanation = ${values.explanation},
          status = ${values.status}, return_note = ${returnNote}, version = unit_answers.version + 1,
          updated_at = now()
          where assessment_id = ${assessmentId} and indicator_code = ${indicatorCode} and unit_id = ${unitId}
            and version = ${expectedVersion}
          returning *`;
  const [found] = await rows<{ saved: (Omit<UnitAnswerRow, "updatedAt"> & { updatedAt: string }) | null }>(
    db,
    // `before` reads this statement's snapshot: the row the version check accepted.
    sql`with before as (select * from unit_answers where assessment_id = ${assessmentId}
        and indicator_code = ${indicatorCode} and unit_id = ${unitId}),
      saved as (${change}),
      logged as (${auditFrom(audit, {
        before: sql`(select ${proposalJson(sql`b`)} from before b)`,
        after: proposalJson(sql`s`),
        source: sql`saved s`,
      })})
      select (select ${unitAnswerJson(sql`s`)} from saved s) as saved`,
  );
  const saved = found?.saved;
  return saved ? { ...saved, updatedAt: new Date(saved.updatedAt) } : null;
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

export const indicatorEntity = (assessmentId: string, code: string) => `${assessmentId}/${code}`;

/**
 * An indicator's comments and history, each oldest first, in one statement (the page asks for
 * both at once). The history names people by name, by e-mail only where no account is behind an
 * entry (the CLI).
 */
export async function threadOf(db: Db, assessmentId: string, code: string) {
  const [found] = await rows<{
    comments: { id: string; author: string; body: string; createdAt: string }[];
    history: { at: string; actor: string; action: string; before: unknown; after: unknown }[];
  }>(
    db,
    sql`select
      (select coalesce(json_agg(json_build_object('id', c.id, 'author', c.author_label, 'body', c.body,
          'createdAt', c.created_at) order by c.created_at), '[]')
        from comments c where c.assessment_id = ${assessmentId} and c.indicator_code = ${code}) as comments,
      (select coalesce(json_agg(json_build_object('at', a.at, 'actor', coalesce(u.name, a.actor_label),
          'action', a.action, 'before', a.before, 'after', a.after) order by a.id), '[]')
        from audit_log a left join users u on u.id = a.actor_id
        where a.entity_type = 'indicator' and a.entity_id = ${indicatorEntity(assessmentId, code)}) as history`,
  );
  if (!found) throw new Error("the thread read no row");
  return {
    comments: found.comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    history: found.history.map((h) => ({ ...h, at: new Date(h.at) })),
  };
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
  const found = await rows<{ entity_id: string; n: number }>(db, assignmentCounts(assessmentId, codes));
  return new Map(found.map((r) => [r.entity_id.slice(assessmentId.length + 1), r.n]));
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

/** The responsible unit (PJ) and due date of an assigned evidence item. */
export interface ItemAssignmentRow {
  readonly itemCode: string;
  readonly indicatorCode: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly dueDate: string | null;
  readonly version: number;
}

/** The responsible unit (PJ) and due date of each assigned evidence item of an assessment. */
export async function itemAssignmentsOf(db: Db, assessmentId: string): Promise<ItemAssignmentRow[]> {
  return rows<ItemAssignmentRow>(db, sql`${itemAssignmentRows(assessmentId, undefined)} order by "itemCode"`);
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
