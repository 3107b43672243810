import { accessIndicator } from "../assessments/service.js";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize } from "../policy/policy.js";
import * as repo from "./repository.js";

const NATIONAL = { path: "/" };

const view = (row: repo.ModelAnswerRow) => ({
  id: row.id,
  indicatorCode: row.indicatorCode,
  explanation: row.explanation,
  evidenceKinds: row.evidenceKinds as string[],
  version: row.version,
  updatedAt: row.updatedAt,
});

async function province(
  db: Db,
  ctx: RequestContext,
  id: string,
  operation: "province.view" | "model_answer.manage",
) {
  const org = await getOrganization(db, id);
  authorize(ctx.principal, operation, org ?? NATIONAL);
  if (!org) throw notFound("Organization");
  if (org.kind !== "provinsi")
    throw new ApiError(
      400,
      "not_a_province",
      "Model answers are published by a province to its kabupaten/kota",
    );
  return org;
}

function frameworkOf(frameworks: Frameworks, frameworkId: string, code?: string) {
  const framework = frameworks.get(frameworkId);
  if (!framework) throw notFound("Framework");
  if (code !== undefined && !framework.indicatorByCode.has(code))
    throw new ApiError(404, "not_found", `Indicator ${code} is not in framework ${frameworkId}`);
  return framework;
}

/** The province's model answers for one framework (its coordinator's editor). */
export async function listModelAnswers(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  frameworkId: string,
) {
  await province(db, ctx, id, "province.view");
  frameworkOf(frameworks, frameworkId);
  return { items: (await repo.answersOf(db, id, frameworkId)).map(view) };
}

export interface AnswerInput extends repo.AnswerValues {
  readonly version: number;
}

export async function saveModelAnswer(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  key: { id: string; frameworkId: string; code: string },
  input: AnswerInput,
) {
  const org = await province(db, ctx, key.id, "model_answer.manage");
  frameworkOf(frameworks, key.frameworkId, key.code);
  const where = { organizationId: org.id, frameworkId: key.frameworkId, indicatorCode: key.code };
  return inTransaction(db, async (t) => {
    const before = await repo.findAnswer(t, org.id, key.frameworkId, key.code);
    const saved = await repo.saveAnswer(t, where, input.version, input, ctx.principal?.userId ?? null);
    if (!saved) {
      const now = await repo.findAnswer(t, org.id, key.frameworkId, key.code);
      throw conflict("Someone changed this model answer meanwhile", now ? view(now) : null);
    }
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "model_answer.save",
      entityType: "model_answer",
      entityId: saved.id,
      organizationId: org.id,
      before: before ? view(before) : null,
      after: view(saved),
    });
    return view(saved);
  });
}

export async function deleteModelAnswer(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  key: { id: string; frameworkId: string; code: string },
  version: number,
) {
  const org = await province(db, ctx, key.id, "model_answer.manage");
  frameworkOf(frameworks, key.frameworkId, key.code);
  await inTransaction(db, async (t) => {
    const before = await repo.findAnswer(t, org.id, key.frameworkId, key.code);
    if (!before) throw notFound("Model answer");
    if (!(await repo.deleteAnswer(t, before.id, version)))
      throw conflict("Someone changed this model answer meanwhile", view(before));
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "model_answer.delete",
      entityType: "model_answer",
      entityId: before.id,
      organizationId: org.id,
      before: view(before),
    });
  });
}

/**
 * Model answers for an indicator of an assessment: those its province (any ancestor) published.
 * Whoever may read the indicator may read them.
 */
export async function modelAnswersForIndicator(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  assessmentId: string,
  code: string,
) {
  const { c } = await accessIndicator(db, frameworks, ctx, assessmentId, code, "indicator.read");
  const ancestors = c.organization.path.split("/").filter((p) => p && p !== c.organization.id);
  const rows = await repo.answersFrom(db, ancestors, c.cycle.frameworkId, code);
  return {
    items: rows.map((r) => ({ ...r, evidenceKinds: r.evidenceKinds as string[] })),
  };
}
