import { compareDecimals, headline, type State, spread, stageLevels } from "@matang/core";
import { findCycle } from "../cycles/repository.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize, can } from "../policy/policy.js";
import { publishedYears, rankedYear } from "../results/service.js";
import { targetsForYear } from "../targets/repository.js";
import * as repo from "./repository.js";

const NATIONAL = { path: "/" };

/** Is `value` (a printed decimal) below `target`? Compared exactly. */
const below = (value: string, target: string) => compareDecimals(value, target) < 0;

/**
 * A province's kabupaten/kota side by side: progress and provisional index in a cycle (the newest
 * they take part in unless one is given), their last published results, and the disparity between
 * them — range, standard deviation, and how many are below their target (their own, else the
 * province's).
 */
export async function provinceView(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  cycleId?: string,
) {
  const province = await getOrganization(db, id);
  authorize(ctx.principal, "province.view", province ?? NATIONAL);
  if (!province) throw notFound("Organization");
  if (province.kind !== "provinsi")
    throw new ApiError(400, "not_a_province", "The province view is for a provinsi");
  const members = await repo.membersOf(db, id);
  const memberIds = members.map((m) => m.id);
  const cycle = cycleId ? await findCycle(db, cycleId) : await repo.latestCycleOf(db, memberIds);
  if (cycleId && !cycle) throw notFound("Cycle");
  const framework = cycle ? frameworks.get(cycle.frameworkId) : undefined;
  const list = cycle ? await repo.assessmentsIn(db, cycle.id, memberIds) : [];
  const scores = await repo.scoresOf(
    db,
    list.map((a) => a.id),
  );
  const years = await publishedYears(db);
  const lastYear = years[0]?.year ?? null;
  const published = lastYear === null ? null : await rankedYear(db, lastYear, frameworks);
  const year = cycle?.year ?? lastYear;
  const targets = year === null ? new Map() : await targetsForYear(db, year);
  const provinceTarget: string | null = targets.get(id)?.index ?? null;

  const rows = members.map((m) => {
    const a = list.find((x) => x.organizationId === m.id);
    let assessment = null;
    if (a && framework) {
      const h = headline(
        framework,
        stageLevels(scores.filter((s) => s.assessmentId === a.id)),
        a.state as State,
      );
      assessment = {
        id: a.id,
        state: a.state,
        headline: h,
        answered: h.answered,
        total: h.total,
        stage: h.stage,
        complete: h.complete,
        index: h.complete ? h.indexDisplay : null,
        predicate: h.complete ? h.predicate : null,
        floor: h.floorDisplay,
        ceiling: h.ceilingDisplay,
      };
    }
    const p = published?.items.find((x) => x.organizationId === m.id);
    const target: string | null = targets.get(m.id)?.index ?? provinceTarget;
    const current = assessment?.index ?? null;
    return {
      organizationId: m.id,
      name: m.name,
      kind: m.kind,
      assessment,
      published: p
        ? {
            year: lastYear as number,
            index: p.index,
            predicate: p.predicate,
            rankInProvince: p.rankInProvince,
            ofProvince: p.ofProvince,
            rank: p.rank,
            rankChange: p.rankChange,
          }
        : null,
      target,
      belowTarget: target === null || current === null ? null : below(current, target),
    };
  });
  const provisional = rows.flatMap((r) => (r.assessment?.index ? [r.assessment.index] : []));
  const last = rows.flatMap((r) => (r.published ? [r.published.index] : []));
  return {
    province: { id: province.id, name: province.name },
    cycle: cycle
      ? { id: cycle.id, name: cycle.name, year: cycle.year, frameworkId: cycle.frameworkId }
      : null,
    target: provinceTarget,
    // What the caller may do with the province: set its target, publish model answers.
    can: {
      setTarget: can(ctx.principal, "target.manage", province),
      manageModelAnswers: can(ctx.principal, "model_answer.manage", province),
      calibrate: can(ctx.principal, "cycle.calibrate", province),
    },
    members: rows,
    disparity: {
      provisional: spread(provisional),
      published: { year: lastYear, ...spread(last) },
      belowTarget: rows.filter((r) => r.belowTarget === true).length,
      publishedBelowTarget: rows.filter(
        (r) => r.target !== null && r.published && below(r.published.index, r.target),
      ).length,
    },
  };
}
