import { INSTANSI_KINDS, REGIONAL_KINDS } from "@matang/core";
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Schedule } from "../assessments/workflow.js";
import { appendAudit } from "../audit/repository.js";
import { findUserById } from "../auth/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import { assessments, cycleAssessors, cycles, frameworks, organizations } from "../db/schema.js";
import { actorOf, type RequestContext } from "../http/context.js";
import { ApiError, notFound } from "../http/errors.js";
import { authorize } from "../policy/policy.js";

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

export async function createCycle(db: Db, ctx: RequestContext, input: NewCycle) {
  authorize(ctx.principal, "cycle.manage", NATIONAL);
  const [framework] = await db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(eq(frameworks.id, input.frameworkId));
  if (!framework) throw new ApiError(400, "unknown_framework", `No framework "${input.frameworkId}"`);
  checkSchedule(input.schedule);
  return inTransaction(db, async (t) => {
    const [row] = await t.insert(cycles).values(input).returning();
    if (!row) throw new Error("insert returned no row");
    await appendAudit(t, {
      ...actorOf(ctx),
      action: "cycle.create",
      entityType: "cycle",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function listCycles(db: Db, ctx: RequestContext) {
  authorize(ctx.principal, "cycle.read", null);
  return db.select().from(cycles).orderBy(asc(cycles.year), asc(cycles.name));
}

export async function getCycle(db: Db, ctx: RequestContext, id: string) {
  authorize(ctx.principal, "cycle.read", null);
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  if (!row) throw notFound("Cycle");
  return row;
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
export async function enrol(db: Db, ctx: RequestContext, cycleId: string, input: Enrolment) {
  authorize(ctx.principal, "assessment.enrol", NATIONAL);
  const cycle = await getCycle(db, ctx, cycleId);
  const conditions = [inArray(organizations.kind, [...INSTANSI_KINDS])];
  if (input.organizationIds?.length) conditions.push(inArray(organizations.id, [...input.organizationIds]));
  else if (!input.all && !input.kinds?.length && !input.province) {
    throw new ApiError(400, "nothing_to_enrol", "Name organizations, types, a province, or all");
  }
  if (input.kinds?.length) conditions.push(inArray(organizations.kind, [...input.kinds]));
  if (input.province) {
    const [province] = await db.select().from(organizations).where(eq(organizations.id, input.province));
    if (province?.kind !== "provinsi")
      throw new ApiError(400, "invalid_province", "province is not a province's id");
    conditions.push(like(organizations.path, `${province.path}%`));
    if (!input.kinds?.length) conditions.push(inArray(organizations.kind, [...REGIONAL_KINDS]));
  }
  const targets = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(...conditions));
  if (input.organizationIds?.length && targets.length !== new Set(input.organizationIds).size) {
    throw new ApiError(400, "invalid_organization", "Some organizationIds are not instansi Matang knows");
  }
  return inTransaction(db, async (t) => {
    const created =
      targets.length === 0
        ? []
        : await t
            .insert(assessments)
            .values(targets.map((o) => ({ cycleId: cycle.id, organizationId: o.id })))
            .onConflictDoNothing()
            .returning({ id: assessments.id });
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
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org || !(INSTANSI_KINDS as readonly string[]).includes(org.kind)) {
    throw new ApiError(400, "invalid_organization", "organizationId is not an instansi");
  }
  await inTransaction(db, async (t) => {
    await t.insert(cycleAssessors).values({ cycleId, userId, organizationId }).onConflictDoNothing();
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

export async function countParticipants(db: Db, cycleId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessments)
    .where(eq(assessments.cycleId, cycleId));
  return row?.n ?? 0;
}
