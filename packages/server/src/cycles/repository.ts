import type { Framework } from "@matang/core";
import { eq, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client.js";
import { cycles } from "../db/schema.js";

export async function findCycle(db: Db, id: string) {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

export interface StageTotal {
  readonly assessmentId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly kind: string;
  readonly province: string | null;
  readonly state: string;
  /** Σ level × weight units over the answered indicators. */
  readonly units: string;
  readonly answered: number;
}

const ASSESSOR_STAGES = ["document", "interview", "visit", "final"] as const;

/**
 * Every participant's weighted level total at a stage, summed in the database from the indicator
 * rows. A later assessor stage inherits what earlier ones set (as the scores do): per indicator
 * the latest stage up to the one asked for counts. Weights come from the framework (data).
 */
export async function stageTotals(
  db: Db,
  cycleId: string,
  framework: Framework,
  stage: "self" | (typeof ASSESSOR_STAGES)[number],
): Promise<StageTotal[]> {
  const weights = sql.join(
    framework.indicators.map((i) => sql`(${i.code}::text, ${i.units}::bigint)`),
    sql`, `,
  );
  const stages = stage === "self" ? ["self"] : ASSESSOR_STAGES.slice(0, ASSESSOR_STAGES.indexOf(stage) + 1);
  const order = sql.join(
    stages.map((s, i) => sql`when ${s} then ${i}`),
    sql` `,
  );
  // Per participant (an index-only scan of its stage levels), per indicator the latest stage's level.
  return rows<StageTotal>(
    db,
    sql`
    with w(code, units) as (values ${weights})
    select a.id as "assessmentId", o.id as "organizationId", o.name, o.kind, a.state,
      case when o.kind in ('kabupaten', 'kota') then p.name end as province,
      coalesce(t.units, '0') as units, coalesce(t.answered, 0) as answered
    from assessments a
    join organizations o on o.id = a.organization_id
    left join organizations p on p.id = o.parent_id
    cross join lateral (
      select sum(l.level * w.units)::text as units, count(*)::int as answered
      from (
        select distinct on (s.indicator_code) s.indicator_code, s.level
        from stage_scores s
        where s.assessment_id = a.id and s.level is not null
          and s.stage in (${sql.join(
            stages.map((s) => sql`${s}`),
            sql`, `,
          )})
        order by s.indicator_code, case s.stage ${order} end desc
      ) l join w on w.code = l.indicator_code
    ) t
    where a.cycle_id = ${cycleId}`,
  );
}
