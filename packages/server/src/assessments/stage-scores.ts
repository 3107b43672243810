import { CORRECTION_STAGE, mayCorrect, REVIEW_STAGE } from "@matang/core";
import type { Db } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { authorize } from "../policy/policy.js";
import { indicatorTarget, requireWork, stageFacts } from "./access.js";
import { writeStage } from "./indicator-work.js";
import { access, checkLevel, indicatorOf, refuseFed } from "./loading.js";
import * as repo from "./repository.js";
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
    // Sent back, the assessor needs to know what to correct.
    if (input.verdict === "not_valid" && !input.note.trim())
      throw new ApiError(422, "reason_required", "Say in the note why the final score is not valid");
  } else {
    authorize(ctx.principal, "stage.score", indicatorTarget(c, code));
    refuseFed(indicator);
    if (input.level === undefined) throw new ApiError(400, "level_required", "Give the level for this stage");
    checkLevel(indicator, input.level);
  }
  if (stage === CORRECTION_STAGE && c.assessment.state === STATE_OF_SCORE.validation) {
    // In the review, the assessor corrects only a final score the review team sent back.
    requireWork(c, "validate");
    const review = await repo.findStageScore(db, {
      assessmentId: id,
      indicatorCode: code,
      stage: REVIEW_STAGE,
    });
    if (!mayCorrect(stageFacts(c), review?.verdict))
      throw new ApiError(
        409,
        "not_sent_back",
        `The review team has not sent indicator ${code}'s final score back; only those are corrected during the review`,
      );
  } else requireWork(c, stage === "validation" ? "validate" : "score", [STATE_OF_SCORE[stage]]);
  return writeStage(db, ctx, c, code, stage, input.version, {
    level: stage === "validation" ? null : (input.level ?? null),
    note: input.note,
    verdict: stage === "validation" ? (input.verdict ?? null) : null,
  });
}
