import {
  aspectProfiles,
  LEVEL_STAGES,
  type LevelStage,
  type OfficialStage,
  type OfficialStatus,
  readiness,
  recommendations,
  stageLevels,
} from "@matang/core";
import { levelsOf } from "../assessments/repository.js";
import { access, getAssessment, listIndicators } from "../assessments/service.js";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { officialData } from "../official/service.js";
import { can } from "../policy/policy.js";

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
  // The portal's official figures, apart from Matang's, for those who read the whole instansi.
  const overview = can(ctx.principal, "indicator.read", {
    path: c.organization.path,
    assessorIds: c.assessorIds,
  });
  return {
    framework,
    assessment,
    items,
    official: overview ? await officialData(db, c) : null,
    headlineStage,
    headline,
    profiles: aspectProfiles(framework, headline),
    readiness: readiness(framework, claimed, supported),
    recommendations: recommendations(framework, headline).steps,
  };
}

export type ReportData = Awaited<ReturnType<typeof reportData>>;

export { fileSafe } from "../http/files.js";

/** The portal's stages and item statuses as the reports print them (Indonesian, as on the portal). */
export const OFFICIAL_STAGE_NAMES: Record<OfficialStage, string> = { interim: "Sementara", final: "Akhir" };
export const OFFICIAL_STATUS_NAMES: Record<OfficialStatus, string> = {
  accepted: "Diterima",
  wrong_object: "Revisi: tidak tepat",
  not_uploaded: "Revisi: belum diunggah",
  auto_rejected: "Revisi: ditolak otomatis",
};
