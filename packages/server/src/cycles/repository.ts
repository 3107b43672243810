import type { Schedule, State } from "@matang/core";
import { type Framework, INSTANSI_KINDS, type LevelStage, stagesBehind, valueScale } from "@matang/core";
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { type Db, rows, uuidArray } from "../db/client.js";
import { assessments, cycleAssessors, cycles, frameworks, organizations } from "../db/schema.js";

export async function findCycle(db: Db, id: string) {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

export interface Participant {
  readonly assessmentId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly kind: string;
  readonly province: string | null;
  readonly state: State;
  /** What the assessment's figures were last computed from (see assessments/cache.ts). */
  readonly stamp: string;
}

/** A cycle's participants, with their stamps. */
export async function participants(db: Db, cycleId: string): Promise<Participant[]> {
  return rows<Participant>(
    db,
    sql`select a.id as "assessmentId", o.id as "organizationId", o.name, o.kind, a.state,
      case when o.kind in ('kabupaten', 'kota') then p.name end as province,
      coalesce(st.stamp, 0)::text as stamp
    from assessments a
    join organizations o on o.id = a.organization_id
    left join organizations p on p.id = o.parent_id
    left join assessment_stamps st on st.assessment_id = a.id
    where a.cycle_id = ${cycleId}`,
  );
}

export interface StageTotal {
  /** Σ level × weight units over the answered indicators. */
  readonly units: string;
  readonly answered: number;
  /** The stamp the total was computed at. */
  readonly stamp: string;
}

/**
 * Keeps any level (in value units, well inside int4) non-negative below the stage's place, so one
 * max() finds the latest stage.
 */
const SHIFT = 2n ** 32n;
const OFFSET = 2n ** 31n;

/**
 * Participants' weighted level totals at a stage, summed in the database from the indicator rows
 * (of all the cycle's participants, or of `only`). A later assessor stage inherits what earlier
 * ones set (as the scores do): per indicator the latest stage up to the one asked for counts.
 * Weights come from the framework (data).
 *
 * By the time anyone ranks a stage, most participants have every indicator scored at that stage
 * itself, and then earlier stages cannot change their total. So the stage's own rows are summed
 * first, for everyone: a quarter of the rows at the final stage. Only participants it leaves
 * incomplete are summed again over the earlier stages.
 */
export async function stageTotals(
  db: Db,
  cycleId: string,
  framework: Framework,
  stage: LevelStage,
  only?: readonly string[],
): Promise<Map<string, StageTotal>> {
  const stages = stagesBehind(stage);
  const own = await totalsAtOneStage(db, cycleId, framework, stage, only);
  const incomplete = [...own].filter(([, t]) => t.answered < framework.indicators.length).map(([id]) => id);
  if (stages.length === 1 || incomplete.length === 0) return own;
  const inherited = await totalsOverStages(db, cycleId, framework, stages, incomplete);
  for (const [id, t] of inherited) own.set(id, t);
  return own;
}

/**
 * A stored level as the integer exact arithmetic uses: level × 10^valuePlaces (decimal values are
 * kept as double precision; the scale's few decimals round back exactly).
 */
function valueUnitsSql(framework: Framework, column: string) {
  return sql.raw(`round(${column} * ${valueScale(framework)})::bigint`);
}

/** The weights of the framework's indicators, as a VALUES list (code, units). */
function weightsOf(framework: Framework) {
  return sql.join(
    framework.indicators.map((i) => sql`(${i.code}::text, ${i.units}::bigint)`),
    sql`, `,
  );
}

/** Totals from one stage's rows alone. Each total and its stamp come from one statement. */
async function totalsAtOneStage(
  db: Db,
  cycleId: string,
  framework: Framework,
  stage: string,
  only?: readonly string[],
): Promise<Map<string, StageTotal>> {
  const which = only ? sql` and a.id = any(${uuidArray(only)})` : sql``;
  const found = await rows<StageTotal & { assessmentId: string }>(
    db,
    sql`
    with w(code, units) as (values ${weightsOf(framework)}),
    t as (
      select s.assessment_id, sum(${valueUnitsSql(framework, "s.level")} * w.units)::text as units,
        count(*)::int as answered
      from assessments a
      join stage_scores s on s.assessment_id = a.id and s.stage = ${stage} and s.level is not null
      join w on w.code = s.indicator_code
      where a.cycle_id = ${cycleId}${which}
      group by s.assessment_id
    )
    select a.id as "assessmentId", coalesce(st.stamp, 0)::text as stamp,
      coalesce(t.units, '0') as units, coalesce(t.answered, 0) as answered
    from assessments a
    left join assessment_stamps st on st.assessment_id = a.id
    left join t on t.assessment_id = a.id
    where a.cycle_id = ${cycleId}${which}`,
  );
  return new Map(found.map(({ assessmentId, ...total }) => [assessmentId, total]));
}

/**
 * Totals over several stages, the latest with a level counting per indicator, found by one max()
 * over (stage place, level) rather than a sort per participant.
 */
async function totalsOverStages(
  db: Db,
  cycleId: string,
  framework: Framework,
  stages: readonly string[],
  only: readonly string[],
): Promise<Map<string, StageTotal>> {
  const place = sql.join(
    stages.map((s, i) => sql`when ${s} then ${sql.raw(String(i))}`),
    sql` `,
  );
  const found = await rows<StageTotal & { assessmentId: string }>(
    db,
    sql`
    with w(code, units) as (values ${weightsOf(framework)})
    select a.id as "assessmentId", coalesce(st.stamp, 0)::text as stamp,
      coalesce(t.units, '0') as units, coalesce(t.answered, 0) as answered
    from assessments a
    left join assessment_stamps st on st.assessment_id = a.id
    cross join lateral (
      select sum(l.level * w.units)::text as units, count(*)::int as answered
      from (
        select s.indicator_code,
          max((case s.stage ${place} end) * ${sql.raw(String(SHIFT))} + ${valueUnitsSql(framework, "s.level")} + ${sql.raw(String(OFFSET))})
            % ${sql.raw(String(SHIFT))} - ${sql.raw(String(OFFSET))} as level
        from stage_scores s
        where s.assessment_id = a.id and s.level is not null
          and s.stage in (${sql.join(
            stages.map((s) => sql`${s}`),
            sql`, `,
          )})
        group by s.indicator_code
      ) l join w on w.code = l.indicator_code
    ) t
    where a.cycle_id = ${cycleId} and a.id = any(${uuidArray(only)})`,
  );
  return new Map(found.map(({ assessmentId, ...total }) => [assessmentId, total]));
}

export async function allCycles(db: Db) {
  return db.select().from(cycles).orderBy(asc(cycles.year), asc(cycles.name));
}

export async function frameworkExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.id, id));
  return row !== undefined;
}

/** Change a cycle's name and schedule at the version read; undefined when it changed meanwhile. */
export async function updateCycle(
  db: Db,
  id: string,
  version: number,
  values: { name: string; schedule: Schedule },
) {
  const [row] = await db
    .update(cycles)
    .set({ ...values, version: sql`${cycles.version} + 1` })
    .where(and(eq(cycles.id, id), eq(cycles.version, version)))
    .returning();
  return row;
}

export async function insertCycle(db: Db, values: typeof cycles.$inferInsert) {
  const [row] = await db.insert(cycles).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Instansi to enrol: named ones, or of some types, optionally under one organization's path. */
export async function instansiToEnrol(
  db: Db,
  filter: { organizationIds?: readonly string[]; kinds?: readonly string[]; under?: string },
): Promise<{ id: string }[]> {
  const conditions = [inArray(organizations.kind, [...INSTANSI_KINDS])];
  if (filter.organizationIds?.length) conditions.push(inArray(organizations.id, [...filter.organizationIds]));
  if (filter.kinds?.length) conditions.push(inArray(organizations.kind, [...filter.kinds]));
  if (filter.under) conditions.push(like(organizations.path, `${filter.under}%`));
  return db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(...conditions));
}

/** An assessment per organization in the cycle; already enrolled ones are skipped. */
export async function enrolAll(db: Db, cycleId: string, organizations: readonly { id: string }[]) {
  if (organizations.length === 0) return [];
  return db
    .insert(assessments)
    .values(organizations.map((o) => ({ cycleId, organizationId: o.id })))
    .onConflictDoNothing()
    .returning({ id: assessments.id });
}

export async function addAssessor(
  db: Db,
  values: { cycleId: string; userId: string; organizationId: string },
): Promise<void> {
  await db.insert(cycleAssessors).values(values).onConflictDoNothing();
}

export async function countParticipants(db: Db, cycleId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessments)
    .where(eq(assessments.cycleId, cycleId));
  return row?.n ?? 0;
}

/**
 * What calibration compares, for a cycle's assessments (those under `path` when given): each
 * assessment's indicator values at every level stage, and the verdicts on its evidence.
 */
export async function calibrationFacts(db: Db, cycleId: string, path?: string) {
  const under = path ? sql`and o.path like ${`${path}%`}` : sql``;
  const [list, levels, reviews] = await Promise.all([
    rows<{ assessmentId: string; organizationId: string; name: string; kind: string; state: State }>(
      db,
      sql`select a.id as "assessmentId", o.id as "organizationId", o.name, o.kind, a.state
        from assessments a join organizations o on o.id = a.organization_id
        where a.cycle_id = ${cycleId} ${under}`,
    ),
    rows<{ assessmentId: string; indicatorCode: string; stage: string; level: number | null }>(
      db,
      sql`select s.assessment_id as "assessmentId", s.indicator_code as "indicatorCode", s.stage, s.level
        from stage_scores s join assessments a on a.id = s.assessment_id join organizations o on o.id = a.organization_id
        where a.cycle_id = ${cycleId} and s.level is not null and s.stage <> 'validation' ${under}`,
    ),
    rows<{
      assessmentId: string;
      indicator: string;
      review: "pending" | "accepted" | "revision";
      reason: string | null;
    }>(
      db,
      sql`select l.assessment_id as "assessmentId", l.indicator_code as indicator, l.review, l.reason
        from evidence_links l join assessments a on a.id = l.assessment_id join organizations o on o.id = a.organization_id
        where a.cycle_id = ${cycleId} and l.review <> 'pending' ${under}`,
    ),
  ]);
  return { list, levels, reviews };
}
