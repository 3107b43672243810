import { type Framework, frameworkOfYear, nationalIndexOf } from "@matang/core";
import { headlines } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import type { RequestContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize, can } from "../policy/policy.js";
import { yearsOf } from "./repository.js";
import { rankedYear } from "./service.js";

/**
 * An organization's published results over the years with its rank each year (nationally, by
 * type and within its province, with the change since the previous published year), joined with
 * Matang's own assessments of it where the caller may read them.
 */
export async function organizationHistory(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
  ctx: RequestContext,
  id: string,
) {
  const org = await getOrganization(db, id);
  authorize(ctx.principal, "organization.read", org ?? { path: "/" });
  if (!org) throw notFound("Organization");
  const own = can(ctx.principal, "assessment.read", { path: org.path })
    ? await headlines(db, frameworks, id)
    : [];
  const published = new Map<number, Awaited<ReturnType<typeof rankedYear>>>();
  for (const year of await yearsOf(db, id)) published.set(year, await rankedYear(db, year, frameworks));
  const years = [...new Set([...published.keys(), ...own.map((a) => a.year)])].sort((a, b) => a - b);
  return {
    organization: { id: org.id, name: org.name, kind: org.kind },
    can: { readTargets: can(ctx.principal, "target.read", { path: org.path }) },
    years: years.map((year) => {
      const r = published.get(year)?.items.find((x) => x.organizationId === id);
      return {
        year,
        indexName: frameworkOfYear(frameworks.values(), year)?.definition.indexName ?? null,
        national: nationalIndexOf(year),
        published: r
          ? {
              index: r.index,
              predicate: r.predicate,
              domains: r.domains,
              nameAsPublished: r.nameAsPublished,
              rank: r.rank,
              of: r.of,
              rankInType: r.rankInType,
              ofType: r.ofType,
              rankInProvince: r.rankInProvince,
              ofProvince: r.ofProvince,
              percentile: r.percentile,
              rankChange: r.rankChange,
            }
          : null,
        assessments: own
          .filter((a) => a.year === year)
          .map((a) => ({
            id: a.assessmentId,
            cycle: a.cycle,
            indexName: a.indexName,
            state: a.state,
            headline: a.headline,
            stage: a.stage,
            index: a.indexDisplay,
            predicate: a.predicate,
          })),
      };
    }),
  };
}
