import { INSTANSI_KINDS, REGIONAL_KINDS } from "@matang/core";
import type { Schedule } from "../assessments/workflow.js";
import { appendAudit } from "../audit/repository.js";
import { findUserById } from "../auth/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { initExternalLevels } from "../external-indices/service.js";
import type { Frameworks } from "../frameworks/service.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, conflict, notFound } from "../http/errors.js";
import { getOrganization } from "../organizations/repository.js";
import { authorize, can } from "../policy/policy.js";
import * as repo from "./repository.js";

const NATIONAL = { path: "/" } as const;

export interface NewCycle {
  readonly year: number;
  readonly name: string;
  readonly frameworkId: string;
  readonly kind: "evaluation" | "monitoring";
  readonly schedule: Schedule;
}

function checkSchedule(schedule: Schedule): void {
  for (const [stage, window] of Object.entries(schedule)) {
    if (window && window.start > window.end) {
      throw new ApiError(
        400,
        "invalid_schedule",
        `${stage}: the start date ${window.start} is after the end date ${window.end}`,
      );
    }
  }
}

/** What the caller may do with a cycle (all of it national work today; the policy decides). */
const abilitiesOf = (ctx: RequestContext) => ({
  enrol: can(ctx.principal, "assessment.enrol", NATIONAL),
  assignAssessors: can(ctx.principal, "cycle.manage", NATIONAL),
  rank: can(ctx.principal, "cycle.rank", NATIONAL),
  export: can(ctx.principal, "cycle.export", NATIONAL),
  calibrate: can(ctx.principal, "cycle.calibrate", NATIONAL),
});

export async function createCycle(db: Db, ctx: RequestContext, input: NewCycle) {
  authorize(ctx.principal, "cycle.manage", NATIONAL);
  if (!(await repo.frameworkExists(db, input.frameworkId)))
    throw new ApiError(400, "unknown_framework", `No framework "${input.frameworkId}"`);
  checkSchedule(input.schedule);
  return inTransaction(db, async (t) => {
    const row = await repo.insertCycle(t, input);
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "cycle.create",
      entityType: "cycle",
      entityId: row.id,
      after: input,
    });
    return { ...row, can: abilitiesOf(ctx) };
  });
}

/**
 * Rename a cycle or change its schedule after it was opened (a stage extended, a visit added).
 * 409 when someone changed it first. Audited with both schedules.
 */
export async function updateCycleSchedule(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { name: string; schedule: NewCycle["schedule"]; version: number },
) {
  authorize(ctx.principal, "cycle.manage", NATIONAL);
  const before = await repo.findCycle(db, id);
  if (!before) throw notFound("Cycle");
  checkSchedule(input.schedule);
  return inTransaction(db, async (t) => {
    const row = await repo.updateCycle(t, id, input.version, { name: input.name, schedule: input.schedule });
    if (!row)
      throw conflict("Someone changed this cycle first", {
        current: { name: before.name, schedule: before.schedule, version: before.version },
      });
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "cycle.update",
      entityType: "cycle",
      entityId: id,
      before: { name: before.name, schedule: before.schedule },
      after: { name: row.name, schedule: row.schedule },
    });
    return { ...row, can: abilitiesOf(ctx) };
  });
}

export async function listCycles(db: Db, ctx: RequestContext) {
  authorize(ctx.principal, "cycle.read", null);
  const abilities = abilitiesOf(ctx);
  return (await repo.allCycles(db)).map((c) => ({ ...c, can: abilities }));
}

export async function getCycle(db: Db, ctx: RequestContext, id: string) {
  authorize(ctx.principal, "cycle.read", null);
  const row = await repo.findCycle(db, id);
  if (!row) throw notFound("Cycle");
  return { ...row, can: abilitiesOf(ctx) };
}

export interface Enrolment {
  readonly organizationIds?: readonly string[];
  /** Every instansi of these types… */
  readonly kinds?: readonly (typeof INSTANSI_KINDS)[number][];
  /** …within this province (its kabupaten/kota, and the province itself if its type is listed). */
  readonly province?: string;
  /** Every instansi Matang knows. */
  readonly all?: boolean;
}

/** Enrol participants in one action; each gets an assessment. Already enrolled ones are skipped. */
export async function enrol(
  db: Db,
  frameworks: Frameworks,
  ctx: RequestContext,
  cycleId: string,
  input: Enrolment,
) {
  authorize(ctx.principal, "assessment.enrol", NATIONAL);
  const cycle = await getCycle(db, ctx, cycleId);
  if (!input.organizationIds?.length && !input.all && !input.kinds?.length && !input.province) {
    throw new ApiError(400, "nothing_to_enrol", "Name organizations, types, a province, or all");
  }
  let provincePath: string | undefined;
  if (input.province) {
    const province = await getOrganization(db, input.province);
    if (province?.kind !== "provinsi")
      throw new ApiError(400, "invalid_province", "province is not a province's id");
    provincePath = province.path;
  }
  const targets = await repo.instansiToEnrol(db, {
    organizationIds: input.organizationIds,
    // A province's own enrolment is its kabupaten/kota unless types are named.
    kinds: input.kinds?.length ? input.kinds : provincePath ? REGIONAL_KINDS : undefined,
    under: provincePath,
  });
  if (input.organizationIds?.length && targets.length !== new Set(input.organizationIds).size) {
    throw new ApiError(400, "invalid_organization", "Some organizationIds are not instansi Matang knows");
  }
  return inTransaction(db, async (t) => {
    const created = await repo.enrolAll(t, cycle.id, targets);
    // Indicators fed by other agencies' indices start as the framework says until a value is recorded.
    const framework = frameworks.get(cycle.frameworkId);
    if (framework)
      await initExternalLevels(
        t,
        framework,
        created.map((a) => a.id),
      );
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "cycle.enrol",
      entityType: "cycle",
      entityId: cycle.id,
      after: { selection: input, created: created.length, alreadyEnrolled: targets.length - created.length },
    });
    return { created: created.length, alreadyEnrolled: targets.length - created.length };
  });
}

/** Assign an external assessor to an instansi for this cycle (the only instansi they will see). */
export async function assignAssessor(
  db: Db,
  ctx: RequestContext,
  cycleId: string,
  userId: string,
  organizationId: string,
) {
  authorize(ctx.principal, "cycle.manage", NATIONAL);
  await getCycle(db, ctx, cycleId);
  if (!(await findUserById(db, userId))) throw new ApiError(400, "invalid_user", "No such user");
  const org = await getOrganization(db, organizationId);
  if (!org || !(INSTANSI_KINDS as readonly string[]).includes(org.kind)) {
    throw new ApiError(400, "invalid_organization", "organizationId is not an instansi");
  }
  await inTransaction(db, async (t) => {
    await repo.addAssessor(t, { cycleId, userId, organizationId });
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "cycle.assign_assessor",
      entityType: "cycle",
      entityId: cycleId,
      organizationId,
      after: { userId, organizationId },
    });
  });
  return { ok: true as const };
}

export const countParticipants = repo.countParticipants;
