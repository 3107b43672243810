// Where every request about an assessment starts: load it (from this instance's cache or the
// database) with its framework, and check the caller's access in the same step.
import { describeValues, type Indicator, isValueOf } from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize, type Operation } from "../policy/policy.js";
import { assessmentTarget, indicatorTarget, NO_ASSESSMENT } from "./access.js";
import { assessmentCache, type CachedAssessment } from "./cache.js";
import * as repo from "./repository.js";

// ---------------------------------------------------------------------------------------------
// Loading and targets

function withFramework(context: repo.AssessmentContext, frameworks: Frameworks) {
  const framework = frameworks.get(context.cycle.frameworkId);
  if (!framework)
    throw new ApiError(500, "framework_missing", `Framework ${context.cycle.frameworkId} is not loaded`);
  return { ...context, framework };
}
export type Loaded = ReturnType<typeof withFramework>;

/** Load and check access in one step; unknown and forbidden look alike to outsiders. */
export async function access(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  operation: Operation,
  withLevels = false,
) {
  const loaded = await load(db, frameworks, id, withLevels);
  if (!loaded || !ctx.principal) {
    authorize(ctx.principal, operation, loaded ? { path: loaded.organization.path } : NO_ASSESSMENT);
    throw notFound("Assessment");
  }
  authorize(ctx.principal, operation, assessmentTarget(loaded));
  return loaded;
}

type Found = Loaded & { readonly levels?: repo.LevelRow[]; readonly cached?: CachedAssessment };

/**
 * The assessment's context: from this instance's cache while its stamp is current, else from the
 * database (and cached). `withLevels` asks for the stage levels, unless the cached entry already
 * holds what reading computes from them.
 */
async function load(
  db: Db,
  frameworks: Frameworks,
  id: string,
  withLevels: boolean,
): Promise<Found | undefined> {
  const cache = assessmentCache(db);
  if (cache?.has(id)) {
    const stamp = await cache.stamp(id);
    if (stamp === undefined) return undefined;
    const hit = cache.get(id, stamp);
    if (hit && hit.framework === frameworks.get(hit.context.cycle.frameworkId) && (!withLevels || hit.read)) {
      return { ...hit.context, framework: hit.framework, cached: hit };
    }
  }
  const found = withLevels ? await repo.loadContext(db, id, true) : await repo.loadContext(db, id);
  if (!found) return undefined;
  const { stamp, levels, ...context } = found as typeof found & { levels?: repo.LevelRow[] };
  const loaded = withFramework(context, frameworks);
  const cached = cache?.put(id, { stamp, context, framework: loaded.framework });
  return { ...loaded, ...(levels ? { levels } : {}), ...(cached ? { cached } : {}) };
}

/** Load, find the indicator, and check `operation` on it: where most indicator work starts. */
export async function accessIndicator(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  operation: Operation,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const indicator = indicatorOf(c, code);
  authorize(ctx.principal, operation, indicatorTarget(c, code));
  return { c, indicator };
}

export function indicatorOf(c: Pick<Loaded, "framework">, code: string): Indicator {
  const indicator = c.framework.indicatorByCode.get(code);
  if (!indicator)
    throw new ApiError(404, "not_found", `Indicator ${code} is not in framework ${c.framework.id}`);
  return indicator;
}

/**
 * A level a person gives: one of the scale's levels, or on a decimal scale any value in its range
 * and precision. `wholeOnly` is for a unit's proposal, which names a level even on a decimal scale.
 */
export function checkLevel(indicator: Indicator, level: number | null, wholeOnly = false): void {
  if (level === null) return;
  const ok = wholeOnly ? indicator.scale.values.includes(level) : isValueOf(indicator, level);
  if (!ok) {
    throw new ApiError(
      400,
      "invalid_level",
      `${level} is not a value of indicator ${indicator.code}'s scale (${wholeOnly ? indicator.scale.values.join(", ") : describeValues(indicator)})`,
      {
        indicator: indicator.code,
        min: indicator.scale.min,
        max: indicator.scale.max,
        decimals: wholeOnly ? 0 : indicator.scale.decimals,
      },
    );
  }
}

/**
 * An indicator fed by another agency's index takes its level from the recorded value at every
 * stage: people do not score it (409 with the index to record instead).
 */
export function refuseFed(indicator: Indicator): void {
  if (indicator.external)
    throw new ApiError(
      409,
      "external_indicator",
      `Indicator ${indicator.code} takes its level from ${indicator.external}: record the index's value instead`,
      { index: indicator.external },
    );
}

/** An audit entry about one indicator of the assessment. */
export const auditIndicator = (
  db: Db,
  ctx: RequestContext,
  c: Loaded,
  code: string,
  action: string,
  before: unknown,
  after: unknown,
) => appendAudit(db, { ...indicatorAudit(ctx, c, code, action), before, after });

/** Who did what to which indicator: an audit entry but for what it was before and after. */
export const indicatorAudit = (ctx: RequestContext, c: Loaded, code: string, action: string) => ({
  ...actorOf(ctx),
  action,
  entityType: "indicator",
  entityId: repo.indicatorEntity(c.assessment.id, code),
  organizationId: c.organization.id,
});
