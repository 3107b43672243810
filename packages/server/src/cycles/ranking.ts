import { formatIndex, predicateOf, rankResults, ratio } from "@matang/core";
import type { Frameworks } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { findCycle, stageTotals } from "./repository.js";

export type RankingStage = "self" | "document" | "interview" | "visit" | "final";

/**
 * A cycle's participants ranked by their index at a stage, computed from the indicator rows:
 * the database sums level × weight per participant, the core ranks the exact totals (all share
 * one denominator, so comparing totals is comparing indices). Incomplete participants are listed
 * after the ranked ones, with how many indicators they have answered.
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
  const totals = await stageTotals(db, cycleId, framework, stage);
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
