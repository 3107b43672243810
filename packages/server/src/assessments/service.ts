import {
  assessmentAbilities,
  type EvidenceStatus,
  type Framework,
  figureOf,
  headline,
  type Indicator,
  mayAccept,
  moveMissing,
  score,
  stageLevels,
  supportedLevel,
  type Work,
  workBlocked,
} from "@matang/core";
import { appendAudit } from "../audit/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { notify } from "../notifications/service.js";
import { authorize, can, type Operation, scopeOf } from "../policy/policy.js";
import { assessmentTarget, indicatorTarget, NO_ASSESSMENT, requireWork, stageFacts } from "./access.js";
import { assessmentCache, type CachedAssessment } from "./cache.js";
import * as repo from "./repository.js";
import {
  transition as findTransition,
  type ScoreStage,
  STATE_OF_SCORE,
  STATES,
  type State,
  TRANSITION_OPERATIONS,
  type TransitionOperation,
} from "./workflow.js";

export type Frameworks = ReadonlyMap<string, Framework>;
type UnitAnswerStatus = "in_progress" | "ready" | "returned";

// ---------------------------------------------------------------------------------------------
// Loading and targets

function withFramework(context: repo.AssessmentContext, frameworks: Frameworks) {
  const framework = frameworks.get(context.cycle.frameworkId);
  if (!framework)
    throw new ApiError(500, "framework_missing", `Framework ${context.cycle.frameworkId} is not loaded`);
  return { ...context, framework };
}
type Loaded = ReturnType<typeof withFramework>;

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

export function checkLevel(indicator: Indicator, level: number | null): void {
  if (level !== null && !indicator.scale.values.includes(level)) {
    throw new ApiError(
      400,
      "invalid_level",
      `Level ${level} is not on indicator ${indicator.code}'s scale (${indicator.scale.values.join(", ")})`,
    );
  }
}

const audit = (
  db: Db,
  ctx: RequestContext,
  c: Loaded,
  code: string,
  action: string,
  before: unknown,
  after: unknown,
) =>
  appendAudit(db, {
    ...actorOf(ctx),
    action,
    entityType: "indicator",
    entityId: repo.indicatorEntity(c.assessment.id, code),
    organizationId: c.organization.id,
    before,
    after,
  });

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * The units of an indicator whose own proposals the caller may see: all of them for readers of
 * the whole instansi (and its assessors), else only the units the caller's grants cover. The
 * indicators list and the thread filter by this one rule.
 */
function visibleUnits(ctx: RequestContext, c: Loaded, code: string) {
  const assigned = c.assignments.filter((a) => a.indicatorCode === code);
  if (can(ctx.principal, "indicator.read", { path: c.organization.path, assessorIds: c.assessorIds }))
    return assigned;
  return assigned.filter((a) =>
    can(ctx.principal, "indicator.propose", { path: c.organization.path, unitPaths: [a.unitPath] }),
  );
}

/**
 * The assigned unit whose own proposal the caller writes: one the policy lets them propose for
 * through a grant of their own inside the instansi (a coordinator's grant on the instansi itself
 * consolidates instead).
 */
function answerUnitOf(ctx: RequestContext, c: Loaded, assigned: readonly repo.AssignmentRow[]) {
  const inside = (ctx.principal?.grants ?? [])
    .map((g) => g.organizationPath)
    .filter((p): p is string => p !== null && p !== c.organization.path && p.startsWith(c.organization.path));
  return assigned.find(
    (a) =>
      inside.some((p) => a.unitPath.startsWith(p)) &&
      can(ctx.principal, "indicator.propose", { path: c.organization.path, unitPaths: [a.unitPath] }),
  );
}

/** History entries that concern one unit's own proposal. */
const UNIT_ACTIONS = new Set(["indicator.unit_answer", "indicator.return"]);
const unitOfEntry = (e: { before: unknown; after: unknown }) =>
  (e.after as { unitId?: string } | null)?.unitId ?? (e.before as { unitId?: string } | null)?.unitId;

export async function getAssessment(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const { c, read } = await readAssessment(db, frameworks, ctx, id);
  return {
    ...read.head,
    stageOpen: stageFacts(c).stageOpen,
    ...abilitiesOf(ctx, c, read.missing),
    ...read.rest,
  };
}

/** {@link getAssessment} as JSON text: what a cached assessment is read as, without re-serializing it. */
export async function getAssessmentJson(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const { c, read } = await readAssessment(db, frameworks, ctx, id);
  const abilities = JSON.stringify(abilitiesOf(ctx, c, read.missing)).slice(1, -1);
  return `${read.headJson.slice(0, -1)},"stageOpen":${stageFacts(c).stageOpen},${abilities},${read.restJson.slice(1)}`;
}

/**
 * What the caller may do with the assessment now: the policy's permissions joined with the state,
 * the schedule and what each move still needs (core's `assessmentAbilities`), plus what it may
 * read. The web shows actions from this, never from role names. An operator's own work goes
 * through the indicators assigned to their unit (each indicator's `can`).
 */
function abilitiesOf(
  ctx: RequestContext,
  c: Loaded,
  missing: Readonly<Record<TransitionOperation, readonly string[]>>,
) {
  const target = { path: c.organization.path, assessorIds: c.assessorIds };
  const permitted = (operation: Operation) => can(ctx.principal, operation, target);
  const abilities = assessmentAbilities(
    {
      consolidate: permitted("indicator.consolidate"),
      assign: permitted("assessment.assign"),
      uploadEvidence: permitted("evidence.upload"),
      reviewEvidence: permitted("evidence.review"),
      score: permitted("stage.score"),
      validate: permitted("stage.validate"),
      submit: permitted("assessment.submit"),
      advance: permitted("assessment.advance"),
      publish: permitted("assessment.publish"),
      reopen: permitted("assessment.reopen"),
    },
    stageFacts(c),
    (operation) => missing[operation],
  );
  return {
    can: {
      ...abilities.can,
      // The whole instansi's figures (an operator reads only their unit's indicators).
      overview: permitted("indicator.read"),
      readTargets: permitted("target.read"),
      setTargets: permitted("target.manage"),
    },
    blocked: abilities.blocked,
    moves: abilities.moves,
  };
}

async function readAssessment(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read", true);
  let read = c.cached?.read as ReturnType<typeof readOf> | undefined;
  if (!read) {
    read = readOf(c, c.levels ?? []);
    if (c.cached) {
      c.cached.read = read;
      assessmentCache(db)?.grew(id);
    }
  }
  return { c, read };
}

/** Everything reading an assessment shows but whether its stage is open now. */
function readOf(c: Loaded, rows: readonly repo.LevelRow[]) {
  const levels = stageLevels(rows);
  const scores = Object.fromEntries(
    Object.entries(levels).map(([stage, ls]) => {
      const s = score(c.framework, ls);
      return [
        stage,
        {
          ...figureOf(c.framework, s),
          missing: s.missing.length,
          domains: s.domains.map(({ code, name, index, indexDisplay, floor, ceiling }) => ({
            code,
            name,
            index,
            indexDisplay,
            floor,
            ceiling,
          })),
          aspects: s.aspects.map(({ code, name, index, indexDisplay, floor, ceiling }) => ({
            code,
            name,
            index,
            indexDisplay,
            floor,
            ceiling,
          })),
        },
      ];
    }),
  );
  const verdicts = rows.filter((r) => r.stage === "validation");
  const read = {
    head: {
      id: c.assessment.id,
      state: c.assessment.state,
      version: c.assessment.version,
      submittedAt: c.assessment.submittedAt,
      reopenedUntil: c.assessment.reopenedUntil,
    },
    rest: {
      cycle: {
        id: c.cycle.id,
        year: c.cycle.year,
        name: c.cycle.name,
        frameworkId: c.cycle.frameworkId,
        schedule: c.cycle.schedule,
      },
      organization: { id: c.organization.id, name: c.organization.name, kind: c.organization.kind },
      scores,
      headline: headline(c.framework, levels, c.assessment.state as State),
      validation: {
        valid: verdicts.filter((v) => v.verdict === "valid").length,
        notValid: verdicts.filter((v) => v.verdict === "not_valid").length,
      },
    },
  };
  // What each move still needs, for `can` (asked per caller; computed once per change).
  const missing = Object.fromEntries(
    TRANSITION_OPERATIONS.map((operation) => [operation, moveMissing(c.framework, operation, rows)]),
  ) as Record<TransitionOperation, readonly string[]>;
  return { ...read, missing, headJson: JSON.stringify(read.head), restJson: JSON.stringify(read.rest) };
}

const REVIEW_TO_STATUS: Record<string, EvidenceStatus> = {
  accepted: "accepted",
  revision: "returned",
  pending: "pending",
};

/** Where one indicator stands, from its unit answers and the consolidated answer. */
function statusOf(
  self: repo.StageScoreRow | undefined,
  answers: readonly repo.UnitAnswerRow[],
  assignedUnits: number,
): "not_started" | "in_progress" | "ready" | "returned" | "done" {
  if (self?.verdict === "done") return "done";
  if (answers.some((a) => a.status === "returned")) return "returned";
  if (assignedUnits > 0 && answers.filter((a) => a.status === "ready").length >= assignedUnits)
    return "ready";
  if (answers.length > 0 || self) return "in_progress";
  return "not_started";
}

export async function listIndicators(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const [rows, answers, links, assignmentVersions, allowSelf] = await Promise.all([
    repo.stageScoresOf(db, id),
    repo.unitAnswersOf(db, id),
    repo.linksOf(db, id),
    repo.assignmentVersions(db, id),
    repo.allowsSelfAcceptance(db, c.organization.id),
  ]);
  const facts = stageFacts(c);
  const open = (work: Work) => workBlocked(work, facts) === null;
  const whole = { path: c.organization.path, assessorIds: c.assessorIds };
  const mayConsolidate = open("edit") && can(ctx.principal, "indicator.consolidate", whole);
  const mayAssign = open("assign") && can(ctx.principal, "assessment.assign", whole);
  const mayScore = open("score") && can(ctx.principal, "stage.score", whole);
  const mayValidate = open("validate") && can(ctx.principal, "stage.validate", whole);
  const items = [];
  for (const indicator of c.framework.indicators) {
    const target = indicatorTarget(c, indicator.code);
    // An operator sees only the indicators assigned to their unit.
    if (!can(ctx.principal, "indicator.read", target)) continue;
    const assigned = c.assignments.filter((a) => a.indicatorCode === indicator.code);
    const ownUnits = visibleUnits(ctx, c, indicator.code);
    const unitRows = answers.filter(
      (a) => a.indicatorCode === indicator.code && ownUnits.some((u) => u.unitId === a.unitId),
    );
    const scoreRows = rows.filter((r) => r.indicatorCode === indicator.code);
    const self = scoreRows.find((r) => r.stage === "self");
    const indicatorLinks = links.filter((l) => l.indicatorCode === indicator.code);
    const statuses: Record<number, EvidenceStatus> = {};
    for (const level of indicator.scale.values) {
      const reviews = indicatorLinks
        .filter((l) => l.level === level)
        .map((l) => REVIEW_TO_STATUS[l.review] ?? "pending");
      statuses[level] = reviews.includes("accepted")
        ? "accepted"
        : reviews.includes("returned")
          ? "returned"
          : reviews.length
            ? "pending"
            : "missing";
    }
    const gating = supportedLevel(indicator.scale, statuses);
    const answerUnit = answerUnitOf(ctx, c, assigned);
    const mayReview = open("review") && can(ctx.principal, "evidence.review", target);
    items.push({
      code: indicator.code,
      name: indicator.name.id,
      weight: indicator.weight,
      aspect: indicator.aspectCode,
      domain: indicator.domainCode,
      scale: indicator.scale.id,
      status: statusOf(
        self,
        answers.filter((a) => a.indicatorCode === indicator.code),
        assigned.length,
      ),
      assignments: assigned.map(({ unitId, unitName, dueDate }) => ({ unitId, unitName, dueDate })),
      assignmentVersion: assignmentVersions.get(indicator.code) ?? 0,
      unitAnswers: unitRows.map((a) => ({
        unitId: a.unitId,
        level: a.level,
        explanation: a.explanation,
        status: a.status as UnitAnswerStatus,
        returnNote: a.returnNote,
        version: a.version,
      })),
      stages: Object.fromEntries(
        scoreRows.map((r) => [
          r.stage,
          { level: r.level, note: r.note, verdict: r.verdict, version: r.version },
        ]),
      ) as Partial<
        Record<ScoreStage, { level: number | null; note: string; verdict: string | null; version: number }>
      >,
      claimedLevel: self?.level ?? null,
      supportedLevel: gating.level,
      // Why the supported level stops there: the first level without accepted evidence (core).
      gating: { blockedAt: gating.blockedAt, blockedBy: gating.blockedBy },
      evidence: indicatorLinks.map(({ indicatorCode: _code, uploaderId, ...l }) => ({
        ...l,
        can: {
          review: mayReview,
          accept: mayReview && mayAccept(uploaderId, ctx.principal?.userId ?? "", allowSelf),
        },
      })),
      // The unit whose proposal the caller writes, when they answer for one.
      answerUnitId: answerUnit?.unitId ?? null,
      can: {
        answer: answerUnit !== undefined && open("edit"),
        consolidate: mayConsolidate,
        returnProposal: mayConsolidate && assigned.length > 0,
        assign: mayAssign,
        addEvidence: open("uploadEvidence") && can(ctx.principal, "evidence.upload", target),
        reviewEvidence: mayReview,
        score: mayScore,
        validate: mayValidate,
      },
    });
  }
  return { items };
}

// ---------------------------------------------------------------------------------------------
// Indicator work

export async function assignUnits(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  units: readonly { unitId: string; dueDate: string | null }[],
  version: number,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.assign");
  indicatorOf(c, code);
  requireWork(c, "assign");
  const ids = [...new Set(units.map((u) => u.unitId))];
  const found = await repo.unitsUnder(db, c.organization.path, ids);
  if (found.length !== ids.length || found.some((u) => u.kind !== "unit")) {
    throw new ApiError(400, "invalid_unit", "Every unit must be a unit (OPD) of this instansi");
  }
  const before = c.assignments
    .filter((a) => a.indicatorCode === code)
    .map(({ unitId, dueDate }) => ({ unitId, dueDate }));
  const added = ids.filter((u) => !before.some((b) => b.unitId === u));
  await inTransaction(db, async (t) => {
    await repo.lockAssessment(t, id);
    const current = (await repo.assignmentVersions(t, id)).get(code) ?? 0;
    if (current !== version) {
      throw conflict("Someone changed this indicator's assignments first", {
        current: { units: before, version: current },
      });
    }
    await repo.replaceAssignments(t, id, code, units);
    await audit(t, ctx, c, code, "indicator.assign", before, units);
    for (const unitId of added) {
      const unit = found.find((u) => u.id === unitId);
      if (!unit) continue;
      const operators = await repo.usersWithRoleOver(t, unit.path, ["operator"]);
      await notify(t, operators, "assignment", {
        assessmentId: id,
        indicator: code,
        unitId,
        dueDate: units.find((u) => u.unitId === unitId)?.dueDate ?? null,
      });
    }
  });
  return { ok: true as const, version: version + 1 };
}

export interface UnitAnswerInput {
  readonly level: number | null;
  readonly explanation: string;
  readonly status: "in_progress" | "ready";
  readonly version: number;
}

/** A unit's operator proposes a level and an explanation, and marks it ready when done. */
export async function saveUnitAnswer(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  unitId: string,
  input: UnitAnswerInput,
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const indicator = indicatorOf(c, code);
  const assignment = c.assignments.find((a) => a.indicatorCode === code && a.unitId === unitId);
  authorize(ctx.principal, "indicator.propose", {
    path: c.organization.path,
    unitPaths: assignment ? [assignment.unitPath] : [],
  });
  if (!assignment) throw new ApiError(400, "not_assigned", `Indicator ${code} is not assigned to this unit`);
  requireWork(c, "edit");
  checkLevel(indicator, input.level);
  const key = { assessmentId: id, indicatorCode: code, unitId };
  return inTransaction(db, async (t) => {
    const before = await repo.findUnitAnswer(t, key);
    const saved = await repo.upsertUnitAnswer(t, key, input.version, {
      level: input.level,
      explanation: input.explanation,
      status: input.status,
      returnNote: input.status === "ready" ? null : (before?.returnNote ?? null),
    });
    // Read again for the 409: a simultaneous writer may have committed after our first read.
    if (!saved)
      throw conflict("Someone saved this answer first", {
        current: (await repo.findUnitAnswer(t, key)) ?? null,
      });
    await audit(t, ctx, c, code, "indicator.unit_answer", before ? { unitId, ...pick(before) } : null, {
      unitId,
      ...pick(saved),
    });
    return saved;
  });
}

const pick = (r: { level: number | null; explanation?: string; note?: string; status?: string }) => ({
  level: r.level,
  ...(r.explanation !== undefined ? { explanation: r.explanation } : {}),
  ...(r.note !== undefined ? { note: r.note } : {}),
  ...(r.status !== undefined ? { status: r.status } : {}),
});

/** The coordinator's consolidated answer for the instansi: the self-assessment score. */
export async function consolidate(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: { level: number | null; explanation: string; version: number },
) {
  const { c, indicator } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.consolidate");
  requireWork(c, "edit");
  checkLevel(indicator, input.level);
  return writeStage(db, ctx, c, code, "self", input.version, {
    level: input.level,
    note: input.explanation,
    verdict: input.level !== null && input.explanation.trim() ? "done" : null,
  });
}

async function writeStage(
  db: Db,
  ctx: RequestContext,
  c: Loaded,
  code: string,
  stage: ScoreStage,
  version: number,
  values: { level: number | null; note: string; verdict: string | null },
) {
  const key = { assessmentId: c.assessment.id, indicatorCode: code, stage };
  return inTransaction(db, async (t) => {
    const before = await repo.findStageScore(t, key);
    const saved = await repo.upsertStageScore(t, key, version, {
      ...values,
      authorId: ctx.principal?.userId ?? null,
    });
    if (!saved) {
      // Read again: a writer who got in at the same moment committed after our first read.
      const now = await repo.findStageScore(t, key);
      throw conflict("Someone saved this score first", {
        current: now
          ? { level: now.level, note: now.note, verdict: now.verdict, version: now.version }
          : null,
      });
    }
    await audit(
      t,
      ctx,
      c,
      code,
      `indicator.stage.${stage}`,
      before ? { level: before.level, note: before.note, verdict: before.verdict } : null,
      { level: saved.level, note: saved.note, verdict: saved.verdict },
    );
    return { level: saved.level, note: saved.note, verdict: saved.verdict, version: saved.version };
  });
}

/** Return an indicator to a unit with a note: their answer goes back to "returned". */
export async function returnToUnit(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  input: { unitId: string; note: string },
) {
  const { c } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.consolidate");
  requireWork(c, "edit");
  const assignment = c.assignments.find((a) => a.indicatorCode === code && a.unitId === input.unitId);
  if (!assignment) throw new ApiError(400, "not_assigned", `Indicator ${code} is not assigned to this unit`);
  const key = { assessmentId: id, indicatorCode: code, unitId: input.unitId };
  await inTransaction(db, async (t) => {
    const current = await repo.findUnitAnswer(t, key);
    const saved = await repo.upsertUnitAnswer(t, key, current?.version ?? 0, {
      level: current?.level ?? null,
      explanation: current?.explanation ?? "",
      status: "returned",
      returnNote: input.note,
    });
    if (!saved) throw conflict("The unit saved its answer at the same moment; try again");
    await audit(
      t,
      ctx,
      c,
      code,
      "indicator.return",
      current ? { unitId: input.unitId, ...pick(current) } : null,
      {
        status: "returned",
        note: input.note,
        unitId: input.unitId,
      },
    );
    await notify(t, await repo.usersWithRoleOver(t, assignment.unitPath, ["operator"]), "returned", {
      assessmentId: id,
      indicator: code,
      note: input.note,
    });
  });
  return { ok: true as const };
}

export async function addComment(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
  body: string,
) {
  const { c } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.read");
  return inTransaction(db, async (t) => {
    const row = await repo.addComment(t, {
      assessmentId: id,
      indicatorCode: code,
      authorId: ctx.principal?.userId ?? "",
      authorLabel: ctx.principal?.label ?? "",
      body,
    });
    await audit(t, ctx, c, code, "indicator.comment", null, { body });
    if (!row) throw conflict("The comment was not saved");
    return { id: row.id, author: row.authorLabel, body: row.body, createdAt: row.createdAt };
  });
}

export async function indicatorThread(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  code: string,
) {
  const { c } = await accessIndicator(db, frameworks, ctx, id, code, "indicator.read");
  const own = new Set(visibleUnits(ctx, c, code).map((u) => u.unitId));
  const history = (await repo.historyOf(db, id, code)).filter((e) => {
    if (!UNIT_ACTIONS.has(e.action)) return true;
    const unit = unitOfEntry(e);
    return unit !== undefined && own.has(unit);
  });
  return { comments: await repo.commentsOf(db, id, code), history };
}

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

// ---------------------------------------------------------------------------------------------
// Moving through the states

export async function move(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  id: string,
  input: { to: State; version?: number; reopenDays?: number },
) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  const from = c.assessment.state as State;
  const step = findTransition(from, input.to);
  if (!step)
    throw new ApiError(409, "invalid_transition", `An assessment in ${from} cannot move to ${input.to}`);
  authorize(ctx.principal, step.operation, assessmentTarget(c));
  if (input.version !== undefined && input.version !== c.assessment.version) {
    throw conflict("The assessment changed meanwhile", {
      current: { state: from, version: c.assessment.version },
    });
  }
  const missing = moveMissing(c.framework, step.operation, await repo.levelsOf(db, id));
  if (missing.length > 0) {
    throw new ApiError(
      422,
      "incomplete",
      step.operation === "assessment.publish"
        ? "Every indicator needs a final score before publication"
        : `${missing.length} indicators still need a level and an explanation`,
      { missing },
    );
  }
  // Moving back gives the reopened stage time to be worked on again.
  const reopenedUntil =
    step.operation === "assessment.reopen"
      ? new Date(Date.now() + (input.reopenDays ?? 7) * 86_400_000)
      : null;
  // Back before the submission: it no longer stands; the history keeps when it was made.
  const unsubmits =
    STATES.indexOf(input.to as State) < STATES.indexOf("submitted") && c.assessment.submittedAt !== null;
  const submittedAt = step.operation === "assessment.submit" ? new Date() : unsubmits ? null : undefined;
  return inTransaction(db, async (t) => {
    const saved = await repo.setState(t, id, c.assessment.version, {
      state: input.to,
      reopenedUntil,
      ...(submittedAt !== undefined ? { submittedAt } : {}),
    });
    if (!saved) throw conflict("The assessment changed meanwhile");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.transition",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      before: { state: from, ...(unsubmits ? { submittedAt: c.assessment.submittedAt } : {}) },
      after: { state: input.to, reopenedUntil, ...(submittedAt !== undefined ? { submittedAt } : {}) },
    });
    const coordinators = await repo.usersWithRoleOver(t, c.organization.path, ["coordinator"]);
    await notify(t, [...coordinators, ...c.assessorIds], "state_changed", {
      assessmentId: id,
      from,
      to: input.to,
    });
    return { state: saved.state, version: saved.version, reopenedUntil: saved.reopenedUntil };
  });
}

/** Assessments the caller may see, optionally in one cycle. */
export async function listAssessments(db: Db, ctx: RequestContext, cycleId?: string) {
  authorize(ctx.principal, "assessment.read", null);
  const principal = ctx.principal;
  const unitPaths = principal.grants
    .filter((g) => g.role === "operator" && g.organizationPath)
    .map((g) => g.organizationPath as string);
  const isAssessor = principal.grants.some((g) => g.role === "external_assessor");
  const items = await repo.listAssessments(db, {
    scope: scopeOf(principal, "assessment.read"),
    unitPaths,
    assessorId: isAssessor ? principal.userId : null,
    cycleId,
  });
  return items.map((a) => ({ ...a, state: a.state as State }));
}

/** An administrator reopens the current stage after its end date, for a number of days. */
export async function reopen(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string, days: number) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  authorize(ctx.principal, "assessment.reopen", assessmentTarget(c));
  const until = new Date(Date.now() + days * 86_400_000);
  return inTransaction(db, async (t) => {
    const saved = await repo.setState(t, id, c.assessment.version, {
      state: c.assessment.state,
      reopenedUntil: until,
    });
    if (!saved) throw conflict("The assessment changed meanwhile");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "assessment.reopen",
      entityType: "assessment",
      entityId: id,
      organizationId: c.organization.id,
      before: { reopenedUntil: c.assessment.reopenedUntil },
      after: { reopenedUntil: until },
    });
    return { state: saved.state, version: saved.version, reopenedUntil: saved.reopenedUntil };
  });
}

/**
 * The instansi's assessments over the years, each with its headline figure (core's rule, as on
 * every screen). Each cycle is scored with its own framework.
 */
export async function history(db: Db, frameworks: Frameworks, ctx: RequestContext, id: string) {
  const c = await access(db, frameworks, ctx, id, "assessment.read");
  return { items: await headlines(db, frameworks, c.organization.id) };
}

/** Each of an organization's assessments with its headline figure. */
export async function headlines(db: Db, frameworks: Frameworks, organizationId: string) {
  const rows = await repo.assessmentsOfOrganization(db, organizationId);
  const items = [];
  for (const row of rows) {
    const framework = frameworks.get(row.frameworkId);
    if (!framework) continue;
    const h = headline(framework, stageLevels(await repo.levelsOf(db, row.id)), row.state as State);
    items.push({
      assessmentId: row.id,
      year: row.year,
      cycle: row.cycleName,
      state: row.state as State,
      headline: h,
      // The figure when complete, for charts over the years.
      stage: h.complete ? h.stage : null,
      index: h.complete ? h.index : null,
      indexDisplay: h.complete ? h.indexDisplay : null,
      predicate: h.complete ? h.predicate : null,
    });
  }
  return items;
}
