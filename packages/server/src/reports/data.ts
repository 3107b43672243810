import {
  aspectProfiles,
  LEVEL_STAGES,
  type LevelStage,
  readiness,
  recommendations,
  stageLevels,
} from "@matang/core";
import { levelsOf } from "../assessments/repository.js";
import { access, getAssessment, listIndicators } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";

export const STAGES = LEVEL_STAGES;
export const STAGE_NAMES: Record<LevelStage | "validation", string> = {
  self: "Mandiri",
  document: "Dokumen",
  interview: "Interviu",
  visit: "Visitasi",
  final: "Final",
  validation: "Validasi",
};
export const REVIEW_NAMES: Record<string, string> = {
  accepted: "Diterima",
  revision: "Dikembalikan",
  pending: "Menunggu",
};

/**
 * Everything a report of one assessment shows, read through the same services (and access
 * checks) as the screens: scores per stage, indicators with answers and evidence, and the core's
 * strengths, weaknesses, readiness and recommendations on the headline levels.
 */
export async function reportData(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const assessment = await getAssessment(db, frameworks, ctx, id);
  const { items } = await listIndicators(db, frameworks, ctx, id);
  const framework = c.framework;
  // Later stages inherit the levels earlier ones set, exactly as the scores do.
  const levels = stageLevels(await levelsOf(db, id));
  // The same headline as every screen (core's rule), and the levels behind it.
  const headlineStage = assessment.headline.stage;
  const headline = levels[headlineStage];
  const claimed: Record<string, number> = {};
  const supported: Record<string, number> = {};
  for (const i of items) {
    const min = framework.indicatorByCode.get(i.code)?.scale.min ?? 0;
    if (i.claimedLevel !== null) {
      claimed[i.code] = i.claimedLevel;
      supported[i.code] = i.supportedLevel ?? min;
    }
  }
  return {
    framework,
    assessment,
    items,
    headlineStage,
    headline,
    profiles: aspectProfiles(framework, headline),
    readiness: readiness(framework, claimed, supported),
    recommendations: recommendations(framework, headline).steps,
  };
}

export type ReportData = Awaited<ReturnType<typeof reportData>>;

/** A file name from an instansi's name: letters and digits only. */
export const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
