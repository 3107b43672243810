import {
  type Framework,
  formatIndex,
  headlineLabel,
  headlineStage,
  LEVEL_STAGE_OF_STATE,
  LEVEL_STAGES,
  type LevelStage,
  predicateOf,
  rankResults,
  ratio,
  type State,
  valueScale,
} from "@matang/core";
import { assessmentCache } from "../assessments/cache.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { findCycle, type Participant, participants, type StageTotal, stageTotals } from "./repository.js";

/** A stage, or "headline": each participant at its own headline stage (as every page shows it). */
export type RankingStage = LevelStage | "headline";

/** Names in Indonesian order; one collator, not one per comparison. */
const byName = new Intl.Collator("id");

/**
 * A cycle's participants ranked by their index at a stage, computed from the indicator rows:
 * the database sums level × weight per participant, the core ranks the exact totals (all share
 * one denominator, so comparing totals is comparing indices). Incomplete participants are listed
 * after the ranked ones, with how many indicators they have answered. A participant whose stamp
 * has not moved since its total was last summed on this instance is not summed again.
 */
export async function cycleRanking(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  cycleId: string,
  stage: RankingStage,
) {
  authorize(ctx.principal, "cycle.rank", { path: "/" });
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound("Cycle");
  const framework = frameworks.get(cycle.frameworkId);
  if (!framework) throw new ApiError(500, "framework_missing", "The cycle's framework is not loaded");
  const list = await participants(db, cycleId);
  const total = framework.indicators.length;
  // Per participant the stage whose figure counts: the asked one, or each one's headline stage.
  const chosen = new Map<string, { stage: LevelStage; total: StageTotal | undefined }>();
  if (stage === "headline") {
    // Latest stage first: most participants are complete there, and earlier stages cannot change
    // their headline, so only those not yet complete are summed again at the stage before.
    const reached = (state: State) => LEVEL_STAGES.indexOf(LEVEL_STAGE_OF_STATE[state]);
    const byStage = new Map<LevelStage, Map<string, StageTotal>>();
    let pending = list;
    for (const st of [...LEVEL_STAGES].reverse()) {
      const reaching = pending.filter((p) => reached(p.state) >= LEVEL_STAGES.indexOf(st));
      if (reaching.length === 0) continue;
      const totals = await totalsAt(db, cycleId, framework, st, reaching, reaching.length === list.length);
      byStage.set(st, totals);
      pending = pending.filter(
        (p) => !reaching.includes(p) || totals.get(p.assessmentId)?.answered !== total,
      );
    }
    for (const p of list) {
      const at = (st: LevelStage) => {
        const answered = byStage.get(st)?.get(p.assessmentId)?.answered ?? 0;
        return { complete: answered === total, answered };
      };
      const st = headlineStage(p.state, at);
      chosen.set(p.assessmentId, { stage: st, total: byStage.get(st)?.get(p.assessmentId) });
    }
  } else {
    const known = await totalsAt(db, cycleId, framework, stage, list, true);
    for (const p of list) chosen.set(p.assessmentId, { stage, total: known.get(p.assessmentId) });
  }
  // Plain loops and no object spreads: at 7,000 participants, spreading each participant with
  // its total took longer than ranking them.
  const entries = [];
  for (const p of list) {
    const t = chosen.get(p.assessmentId)?.total;
    if (t?.answered === total)
      entries.push({ id: p.assessmentId, index: t.units, kind: p.kind, province: p.province });
  }
  const ranks = rankResults(entries);
  const den = BigInt(framework.units * valueScale(framework));
  const items = list
    .map((p) => {
      const c = chosen.get(p.assessmentId);
      const summed = c?.total;
      const r = ranks.get(p.assessmentId);
      const exact = r ? ratio(BigInt(summed?.units ?? "0"), den) : null;
      return {
        assessmentId: p.assessmentId,
        organizationId: p.organizationId,
        organization: p.name,
        type: p.kind,
        province: p.province,
        state: p.state,
        // The stage the figure is from, labelled as every page labels it (core's headline rule).
        stage: c?.stage ?? "self",
        label: headlineLabel(c?.stage ?? "self", (summed?.answered ?? 0) === total, p.state),
        answered: summed?.answered ?? 0,
        index: exact ? formatIndex(exact) : null,
        predicate: exact ? (predicateOf(framework, exact)?.name.id ?? null) : null,
        rank: r?.rank ?? null,
        rankInType: r?.rankInType ?? null,
        rankInProvince: r?.rankInProvince ?? null,
        percentile: r?.percentile ?? null,
      };
    })
    .sort(
      (a, b) =>
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        b.answered - a.answered ||
        byName.compare(a.organization, b.organization),
    );
  return {
    cycle: { id: cycle.id, name: cycle.name, year: cycle.year },
    stage,
    ranked: entries.length,
    items,
  };
}

/**
 * Participants' totals at one stage: from this instance's cache where a participant's stamp has
 * not moved since its total was summed, else summed in the database.
 */
async function totalsAt(
  db: Db,
  cycleId: string,
  framework: Framework,
  stage: LevelStage,
  list: readonly Participant[],
  everyParticipant: boolean,
): Promise<Map<string, StageTotal>> {
  const cache = assessmentCache(db);
  // An instance's first ranking of this cycle at this stage (or any ranking without the cache)
  // sums every participant at once, when every participant is asked for.
  const first = everyParticipant && !cache?.summedRanking(cycleId, stage);
  const everyone = first ? await stageTotals(db, cycleId, framework, stage) : undefined;
  const known = new Map<string, StageTotal>();
  const missing: string[] = [];
  for (const p of list) {
    const summed = everyone?.get(p.assessmentId);
    if (summed) {
      known.set(p.assessmentId, summed);
      cache?.setTotal(p.assessmentId, summed.stamp, framework, stage, {
        units: summed.units,
        answered: summed.answered,
      });
      continue;
    }
    const cached = cache?.total(p.assessmentId, p.stamp, framework, stage);
    if (cached) known.set(p.assessmentId, { ...cached, stamp: p.stamp });
    else missing.push(p.assessmentId);
  }
  if (everyone) cache?.rankingSummed(cycleId, stage);
  if (missing.length > 0) {
    const summed = await stageTotals(
      db,
      cycleId,
      framework,
      stage,
      // Everyone missing from a ranking of everyone: one statement over the whole cycle.
      everyParticipant && missing.length === list.length ? undefined : missing,
    );
    for (const [id, t] of summed) {
      known.set(id, t);
      cache?.setTotal(id, t.stamp, framework, stage, { units: t.units, answered: t.answered });
    }
  }
  return known;
}
