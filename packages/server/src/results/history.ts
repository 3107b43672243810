import { asc, eq, sql } from "drizzle-orm";
import * as assessmentRepo from "../assessments/repository.js";
import { type Db, rows } from "../db/client.js";
import { organizations, publishedResults } from "../db/schema.js";
import type { RequestContext } from "../http/context.js";
import { notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize } from "../policy/policy.js";

interface Ranked {
  year: number;
  national: number;
  nationalOf: number;
  inType: number;
  typeOf: number;
}

/**
 * An organization's published results over the years with its rank each year — nationally and
 * among bodies of its type (competition ranking: equal indices share a rank) — beside Matang's
 * own assessments of it.
 */
export async function organizationHistory(db: Db, ctx: RequestContext, id: string) {
  const org = await getOrganization(db, id);
  authorize(ctx.principal, "organization.read", org ?? { path: "/" });
  if (!org) throw notFound("Organization");
  const published = await db
    .select({
      year: publishedResults.year,
      index: publishedResults.index,
      predicate: publishedResults.predicate,
      domains: publishedResults.domains,
      nameAsPublished: publishedResults.nameAsPublished,
      source: publishedResults.source,
    })
    .from(publishedResults)
    .where(eq(publishedResults.organizationId, id))
    .orderBy(asc(publishedResults.year));
  // Ranks straight from the stored figures: indices are compared as printed (exact decimals).
  const ranks = await rows<Ranked>(db, sqlRanks(id));
  const own = await assessmentRepo.assessmentsOfOrganization(db, id);
  return {
    organization: { id: org.id, name: org.name, kind: org.kind },
    years: published.map((p) => {
      const r = ranks.find((x) => x.year === p.year);
      return {
        ...p,
        rank: r
          ? { national: r.national, nationalOf: r.nationalOf, inType: r.inType, typeOf: r.typeOf }
          : null,
        assessments: own
          .filter((a) => a.year === p.year)
          .map((a) => ({ id: a.id, cycle: a.cycleName, state: a.state })),
      };
    }),
  };
}

function sqlRanks(id: string) {
  return sql`
    select year, national::int, national_of::int as "nationalOf", in_type::int as "inType", type_of::int as "typeOf" from (
      select p.year, p.organization_id,
        rank() over (partition by p.year order by p.index::numeric desc) as national,
        count(*) over (partition by p.year) as national_of,
        rank() over (partition by p.year, o.kind order by p.index::numeric desc) as in_type,
        count(*) over (partition by p.year, o.kind) as type_of
      from ${publishedResults} p join ${organizations} o on o.id = p.organization_id
    ) r where r.organization_id = ${id}`;
}
