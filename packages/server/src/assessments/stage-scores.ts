import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { indicatorTarget, requireWork } from "./access.js";
import { writeStage } from "./indicator-work.js";
import { access, checkLevel, indicatorOf, refuseFed } from "./loading.js";
import { type ScoreStage, STATE_OF_SCORE } from "./workflow.js";

// ---------------------------------------------------------------------------------------------
// Assessor stages and review

export async function setStageScore(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  stage: Exclude<ScoreStage, "self">,
  input: { level?: number | null; note: string; verdict?: "valid" | "not_valid"; version: number },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const indicator = indicatorOf(c, code);
  if (stage === "validation") {
    authorize(ctx.principal, "stage.validate", indicatorTarget(c, code));
    if (!input.verdict)
      throw new ApiError(400, "verdict_required", "Say whether the final score is valid or not_valid");
  } else {
    authorize(ctx.principal, "stage.score", indicatorTarget(c, code));
    refuseFed(indicator);
    if (input.level === undefined) throw new ApiError(400, "level_required", "Give the level for this stage");
    checkLevel(indicator, input.level);
  }
  requireWork(c, stage === "validation" ? "validate" : "score", [STATE_OF_SCORE[stage]]);
  return writeStage(db, ctx, c, code, stage, input.version, {
    level: stage === "validation" ? null : (input.level ?? null),
    note: input.note,
    verdict: stage === "validation" ? (input.verdict ?? null) : null,
  });
}
