import { formatIndex, predicateOf, rankResults, ratio } from "@matang/core";
import { assessmentCache } from "../assessments/cache.js";
import type { Frameworks } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { findCycle, participants, type RankingStage, type StageTotal, stageTotals } from "./repository.js";

export type { RankingStage };

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
  const cache = assessmentCache(db);
  const known = new Map<string, StageTotal>();
  const missing: string[] = [];
  for (const p of list) {
    const cached = cache?.total(p.assessmentId, p.stamp, framework, stage);
    if (cached) known.set(p.assessmentId, { ...cached, stamp: p.stamp });
    else missing.push(p.assessmentId);
  }
  if (missing.length > 0) {
    const summed = await stageTotals(
      db,
      cycleId,
      framework,
      stage,
      missing.length < list.length ? missing : undefined,
    );
    for (const [id, t] of summed) {
      known.set(id, t);
      cache?.setTotal(id, t.stamp, framework, stage, { units: t.units, answered: t.answered });
    }
  }
  const totals = list.map((p) => ({ ...p, units: "0", answered: 0, ...known.get(p.assessmentId) }));
  const total = framework.indicators.length;
  const complete = totals.filter((t) => t.answered === total);
  const ranks = rankResults(
    complete.map((t) => ({ id: t.assessmentId, index: t.units, kind: t.kind, province: t.province })),
  );
  const den = BigInt(framework.units);
  const items = totals
    .map((t) => {
      const r = ranks.get(t.assessmentId);
      const exact = ratio(BigInt(t.units), den);
      return {
        assessmentId: t.assessmentId,
        organizationId: t.organizationId,
        organization: t.name,
        type: t.kind,
        province: t.province,
        state: t.state,
        answered: t.answered,
        index: r ? formatIndex(exact) : null,
        predicate: r ? (predicateOf(framework, exact)?.name.id ?? null) : null,
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
        a.organization.localeCompare(b.organization, "id"),
    );
  return {
    cycle: { id: cycle.id, name: cycle.name, year: cycle.year },
    stage,
    ranked: complete.length,
    items,
  };
}
