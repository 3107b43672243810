// Reading an assessment: its board (figures, headline, what the caller may do now), its
// indicators with each one's abilities, an indicator's thread, the list and the history.
import {
  assessmentAbilities,
  type EvidenceStatus,
  externalStanding,
  figureOf,
  type GroupScore,
  headline,
  itemCounts,
  itemStandings,
  levelStatusesFromItems,
  type MoveNeeds,
  mayAccept,
  mayCorrect,
  moveNeeds,
  type NotEvaluatedReason,
  REVIEW_STAGE,
  reviewNext,
  score,
  stageLevels,
  submissionGaps,
  supportedLevel,
  todayWib,
  type Work,
  workBlocked,
} from "@matang/core";
import type { Db } from "../db/client.js";
import { findingsOf, referenceDateOf } from "../evidence/findings.js";
import type { Frameworks } from "../frameworks/service.js";
import type { RequestContext } from "../http/context.js";
import { authorize, can, type Operation, scopeOf } from "../policy/policy.js";
import { assessmentTarget, indicatorTarget, stageFacts } from "./access.js";
import { assessmentCache } from "./cache.js";
import { itemAccess } from "./items.js";
import { access, accessIndicator, type Loaded } from "./loading.js";
import * as repo from "./repository.js";
import {
  type ScoreStage,
  STATE_OF_SCORE,
  STATES,
  type State,
  TRANSITION_OPERATIONS,
  type TransitionOperation,
} from "./workflow.js";

type UnitAnswerStatus = "in_progress" | "ready" | "returned";

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
  missing: Readonly<Record<TransitionOperation, MoveNeeds>>,
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
      // The instansi's self-assessments beside its peers' (calibration across the cycle).
      calibrate: permitted("cycle.calibrate"),
      // Packages for, and marks of, the national portal the framework says it is uploaded to.
      portal: c.framework.definition.portal !== undefined && permitted("assessment.portal"),
      // The improvement checklist: an operator reads its units' items through the assignments.
      checklist: can(ctx.principal, "checklist.read", assessmentTarget(c)),
      manageChecklist: permitted("checklist.manage"),
      // Whether the instansi is evaluated in this cycle is national business, as enrolment is.
      setEvaluation: permitted("assessment.enrol"),
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

/**
 * Fill this instance's cache at start with the assessments under way (at most `limit`, those most
 * people work on first: see openAssessmentIds), each with what reading it shows: the first people after a start or a
 * deploy then wait for no more than everyone after them (issue 24: a fresh instance's first 5 s
 * had p99 0.5–2.1 s, each request loading its assessment). How many were loaded.
 */
export async function warmAssessments(db: Db, frameworks: Frameworks, limit = 1000): Promise<number> {
  const cache = assessmentCache(db);
  if (!cache) return 0;
  // Every state but the last: a published assessment is read, but no longer worked on.
  const ids = await repo.openAssessmentIds(db, STATES.slice(0, -1), limit);
  let warmed = 0;
  // From the end of the list, in pieces: those most people work on are the last the cache would drop.
  for (let end = ids.length; end > 0; end -= WARM_BATCH) {
    for (const { stamp, levels, ...context } of await repo.loadContexts(
      db,
      ids.slice(Math.max(0, end - WARM_BATCH), end),
    )) {
      const framework = frameworks.get(context.cycle.frameworkId);
      if (!framework) continue;
      const entry = cache.put(context.assessment.id, { stamp, context, framework });
      entry.read = readOf({ ...context, framework }, levels ?? []);
      cache.grew(context.assessment.id);
      warmed++;
    }
  }
  return warmed;
}

/** Assessments loaded per round trip when warming (each brings some 200 stage scores). */
const WARM_BATCH = 100;

/** A domain's or an aspect's figures as the board shows them. */
const groupView = ({ code, name, index, indexDisplay, floor, ceiling }: GroupScore) => ({
  code,
  name,
  index,
  indexDisplay,
  floor,
  ceiling,
});

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
          domains: s.domains.map(groupView),
          aspects: s.aspects.map(groupView),
        },
      ];
    }),
  );
  const verdicts = rows.filter((r) => r.stage === REVIEW_STAGE);
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
      // Not evaluated this cycle: the instansi's own monitoring, never published.
      evaluation: {
        evaluated: c.assessment.evaluated !== false,
        reason: (c.assessment.notEvaluatedReason ?? null) as NotEvaluatedReason | null,
      },
      scores,
      headline: headline(c.framework, levels, c.assessment.state as State),
      validation: {
        valid: verdicts.filter((v) => v.verdict === "valid").length,
        notValid: verdicts.filter((v) => v.verdict === "not_valid").length,
        corrected: verdicts.filter((v) => v.verdict === "corrected").length,
      },
    },
  };
  // What each move still needs, for `can` (asked per caller; computed once per change).
  const missing = Object.fromEntries(
    TRANSITION_OPERATIONS.map((operation) => [
      operation,
      moveNeeds(c.framework, operation, c.assessment.state as State, rows),
    ]),
  ) as Record<TransitionOperation, MoveNeeds>;
  return { ...read, missing, headJson: JSON.stringify(read.head), restJson: JSON.stringify(read.rest) };
}

const REVIEW_TO_STATUS: Record<string, EvidenceStatus> = {
  accepted: "accepted",
  revision: "returned",
  pending: "pending",
};

/** Where one indicator stands, from its unit answers and the consolidated answer. */
function statusOf(
  self: repo.ListedScore | undefined,
  answers: readonly repo.ListedAnswer[],
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
  // An operator sees only the indicators assigned to their unit: only those are read (a unit's
  // few of an assessment's indicators, and their evidence, are most of the last day's reads).
  const shown = c.framework.indicators.filter((i) =>
    can(ctx.principal, "indicator.read", indicatorTarget(c, i.code)),
  );
  if (shown.length === 0) return { items: [] };
  const codes = shown.length < c.framework.indicators.length ? shown.map((i) => i.code) : undefined;
  const {
    scores: rows,
    answers,
    links,
    assignmentVersions,
    allowSelf,
    itemPjs,
    externals,
    elsewhere,
  } = await repo.indicatorListOf(db, {
    assessmentId: id,
    organizationId: c.organization.id,
    codes,
    shown: shown.map((i) => i.code),
  });
  const place = {
    framework: c.framework,
    organization: c.organization,
    referenceDate: referenceDateOf(c.cycle),
  };
  // The same file elsewhere is named only where the caller may read it: anywhere in the instansi
  // for those who read all its evidence, else on this assessment's indicators they may read.
  const readsAll = can(ctx.principal, "evidence.read", { path: c.organization.path });
  const readable = elsewhere.filter(
    (e) =>
      readsAll ||
      (e.assessmentId === id && can(ctx.principal, "evidence.read", indicatorTarget(c, e.indicator))),
  );
  const today = todayWib();
  const facts = stageFacts(c);
  const open = (work: Work) => workBlocked(work, facts) === null;
  const whole = { path: c.organization.path, assessorIds: c.assessorIds };
  const mayConsolidate = open("edit") && can(ctx.principal, "indicator.consolidate", whole);
  const mayAssign = open("assign") && can(ctx.principal, "assessment.assign", whole);
  const mayScore = open("score") && can(ctx.principal, "stage.score", whole);
  const mayValidate = open("validate") && can(ctx.principal, "stage.validate", whole);
  // In the review, assessors correct the final scores the review team sent back.
  const mayScoreAtAll = can(ctx.principal, "stage.score", whole);
  const items = [];
  for (const indicator of shown) {
    const target = indicatorTarget(c, indicator.code);
    const assigned = c.assignments.filter((a) => a.indicatorCode === indicator.code);
    const ownUnits = visibleUnits(ctx, c, indicator.code);
    const unitRows = answers.filter(
      (a) => a.indicatorCode === indicator.code && ownUnits.some((u) => u.unitId === a.unitId),
    );
    const scoreRows = rows.filter((r) => r.indicatorCode === indicator.code);
    const self = scoreRows.find((r) => r.stage === "self");
    const verdict = scoreRows.find((r) => r.stage === REVIEW_STAGE)?.verdict;
    const indicatorLinks = links.filter((l) => l.indicatorCode === indicator.code);
    const standings = itemStandings(
      indicator,
      indicatorLinks.map((l) => ({ itemCode: l.itemCode, review: l.review, reason: l.reason, note: l.note })),
    );
    const statuses: Record<number, EvidenceStatus> = {};
    for (const level of indicator.items.length > 0 ? [] : indicator.scale.values) {
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
    // Where the indicator lists items, a level is supported when every one of its items is accepted.
    if (indicator.items.length > 0) Object.assign(statuses, levelStatusesFromItems(standings));
    const gating = supportedLevel(indicator.scale, statuses);
    // Units see the items they provide (all of them while the indicator's items have no unit
    // yet); readers of the whole see all.
    const itemRows = standings.flatMap((s) => {
      const pj = itemPjs.find((p) => p.itemCode === s.code);
      const { visible, mine } = itemAccess(ctx, c, { code: s.code, indicatorCode: indicator.code }, itemPjs);
      if (!visible) return [];
      return [
        {
          ...s,
          blockedBy: [...s.blockedBy],
          unitId: pj?.unitId ?? null,
          unitName: pj?.unitName ?? null,
          dueDate: pj?.dueDate ?? null,
          mine,
        },
      ];
    });
    const feed = indicator.external ? c.framework.externalIndices.get(indicator.external) : undefined;
    const standing = feed
      ? externalStanding(
          c.framework,
          feed.code,
          externals.find((x) => x.indexCode === feed.code),
          today,
        )
      : null;
    const answerUnit = answerUnitOf(ctx, c, assigned);
    const mayReview = open("review") && can(ctx.principal, "evidence.review", target);
    items.push({
      code: indicator.code,
      name: indicator.name.id,
      // Both languages, from the framework: the web shows the user's.
      names: indicator.name,
      weight: indicator.weight,
      aspect: indicator.aspectCode,
      domain: indicator.domainCode,
      scale: indicator.scale.id,
      decimals: indicator.scale.decimals,
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
      // What the indicator lacks before submission (core): answer, evidence per level, proposals.
      gaps: submissionGaps(indicator.scale, {
        level: self?.level ?? null,
        explained: (self?.note ?? "").trim() !== "",
        statuses: feed ? null : statuses,
        unitsNotReady: assigned
          .filter(
            (u) =>
              answers.find((x) => x.indicatorCode === indicator.code && x.unitId === u.unitId)?.status !==
              "ready",
          )
          .map((u) => u.unitName),
      }),
      // Under review: who acts next on this indicator (core's `reviewNext`).
      review: facts.state === STATE_OF_SCORE.validation ? { next: reviewNext(verdict) } : null,
      // An indicator fed by another agency's index is supported by that index, not by evidence.
      supportedLevel: standing ? standing.counted : gating.level,
      // Why the supported level stops there: the first level without accepted evidence (core).
      gating: standing
        ? { blockedAt: null, blockedBy: null }
        : { blockedAt: gating.blockedAt, blockedBy: gating.blockedBy },
      evidence: indicatorLinks.map(({ indicatorCode: _code, uploaderId, itemCode, unitPath, ...l }) => {
        // The unit that provided it, or the coordinator, while the instansi's evidence is open.
        const owns =
          open("uploadEvidence") &&
          can(ctx.principal, "evidence.replace", {
            path: c.organization.path,
            unitPaths: unitPath ? [unitPath] : [],
          });
        const file = l.file;
        return {
          ...l,
          file: file
            ? {
                name: file.name,
                size: Number(file.size),
                mediaType: file.mediaType,
                uploadedAt: String(file.uploadedAt),
                uploadedBy: file.uploadedBy,
                text: file.text
                  ? { status: file.text.status, pages: file.text.pages, ocrPages: file.text.ocrPages }
                  : null,
                // What reading it found, for the uploader and the assessor (core's rules).
                findings: findingsOf(
                  place,
                  { ...l, indicator: indicator.code, item: itemCode || null },
                  file,
                  readable,
                ),
              }
            : null,
          addedAt: l.addedAt.toISOString(),
          item: itemCode || null,
          can: {
            review: mayReview,
            accept: mayReview && mayAccept(uploaderId, ctx.principal?.userId ?? "", allowSelf),
            replace: owns && l.kind === "file",
            withdraw: owns && l.review !== "accepted",
          },
        };
      }),
      items: itemRows,
      itemCounts: itemCounts(standings),
      external:
        feed && standing
          ? {
              index: feed.code,
              name: feed.name,
              owner: feed.owner ?? null,
              value: standing.value,
              measuredOn: standing.measuredOn,
              expiresOn: standing.expiresOn,
              state: standing.state,
              level: standing.level,
              counted: standing.counted,
            }
          : null,
      // The unit whose proposal the caller writes, when they answer for one.
      answerUnitId: answerUnit?.unitId ?? null,
      can: {
        answer: answerUnit !== undefined && open("edit"),
        // An indicator fed by another agency's index takes its level from the recorded value.
        consolidate: mayConsolidate && !feed,
        returnProposal: mayConsolidate && assigned.length > 0,
        assign: mayAssign,
        addEvidence: open("uploadEvidence") && can(ctx.principal, "evidence.upload", target),
        reviewEvidence: mayReview,
        score: !feed && (mayScore || (mayScoreAtAll && mayCorrect(facts, verdict))),
        validate: mayValidate,
      },
    });
  }
  return { items };
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
  const thread = await repo.threadOf(db, id, code);
  const history = thread.history.filter((e) => {
    if (!UNIT_ACTIONS.has(e.action)) return true;
    const unit = unitOfEntry(e);
    return unit !== undefined && own.has(unit);
  });
  return { comments: thread.comments, history };
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
      // Which index the figure is on: SPBE and Pemdi values are not one scale.
      indexName: framework.definition.indexName ?? null,
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
