// People change posts: a grant that ends on a date, a handover of everything a leaving person
// holds to a successor in one step, and an invitation link for a new colleague when no e-mail
// server is configured.
import { todayWib } from "@matang/core";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cycleAssessors, organizations, roleGrants, users } from "../src/db/schema.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  PASSWORD,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

describe.each(ENGINES)("people changing posts on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let city: string;
  let unit: string;
  let cycleId: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let coordinator: Client;

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await appFor(database);
    city =
      (await database.db.select().from(organizations)).find((o) => o.name === "Pemerintah Kota Surabaya")
        ?.id ?? "";
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    unit = (
      await admin.call("POST", "/api/organizations", { kind: "unit", name: "Diskominfo", parentId: city })
    ).json().id;
    await addUser(database, "koordinator@surabaya.go.id", "coordinator", city);
    coordinator = await client(app, "koordinator@surabaya.go.id");
    cycleId = (
      await admin.call("POST", "/api/cycles", {
        year: 2026,
        name: "Evaluasi 2026",
        frameworkId: "permenpanrb-59-2020",
        kind: "evaluation",
        schedule: {},
      })
    ).json().id;
    await admin.call("POST", `/api/cycles/${cycleId}/participants`, { organizationIds: [city] });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const idOf = async (email: string) =>
    (await database.db.select().from(users).where(eq(users.email, email)))[0]?.id ?? "";

  it("lets a role end on a date: it holds through that day, and not after", async () => {
    const today = todayWib();
    const created = await admin.call("POST", "/api/users", {
      email: "plt@surabaya.go.id",
      name: "Pelaksana Tugas",
      password: PASSWORD,
      grants: [{ role: "operator", organizationId: unit, endsOn: today }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user.grants[0]).toMatchObject({ role: "operator", endsOn: today });
    // Ending before today is a typo, refused.
    const past = await admin.call("POST", `/api/users/${created.json().user.id}/grants`, {
      role: "leader",
      organizationId: unit,
      endsOn: "2020-01-31",
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe("ends_in_past");
    // Today it holds: the acting operator reads their unit's organization.
    const acting = await client(app, "plt@surabaya.go.id");
    expect((await acting.call("GET", "/api/auth/me")).json().grants).toHaveLength(1);
    // From the day after, it is as if it was never given (a new login sees no role).
    await database.db
      .update(roleGrants)
      .set({ endsOn: "2020-01-31" })
      .where(eq(roleGrants.userId, created.json().user.id));
    const after = await client(app, "plt@surabaya.go.id");
    expect((await after.call("GET", "/api/auth/me")).json().grants).toEqual([]);
  });

  it("hands a leaving person's roles and assessor assignments to a successor in one step", async () => {
    await addUser(database, "lama@kampus.ac.id", "external_assessor", null);
    await addUser(database, "operator.lama@surabaya.go.id", "operator", unit);
    await addUser(database, "operator.baru@surabaya.go.id", null, null);
    const leaver = await idOf("operator.lama@surabaya.go.id");
    const successor = await idOf("operator.baru@surabaya.go.id");
    const oldSession = await client(app, "operator.lama@surabaya.go.id");

    // The coordinator does not find a successor outside its instansi (one with no role there).
    const hidden = await coordinator.call("POST", `/api/users/${leaver}/handover`, {
      successorId: successor,
    });
    expect(hidden.statusCode).toBe(404);
    const same = await admin.call("POST", `/api/users/${leaver}/handover`, { successorId: leaver });
    expect(same.json().error.code).toBe("same_person");
    const done = await admin.call("POST", `/api/users/${leaver}/handover`, {
      successorId: successor,
      deactivate: true,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ grants: 1, assessorAssignments: 0, deactivated: true });
    expect(done.json().successor.grants).toMatchObject([{ role: "operator", organizationId: unit }]);
    expect(await database.db.select().from(roleGrants).where(eq(roleGrants.userId, leaver))).toEqual([]);
    // The old account is closed at once: its session no longer works, it cannot log in.
    expect((await oldSession.call("GET", "/api/auth/me")).statusCode).toBe(401);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "operator.lama@surabaya.go.id", password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.handover"), eq(auditLog.entityId, leaver)));
    expect(entry?.after).toMatchObject({ successorId: successor, grants: 1, active: false });

    // An assessor leaving: the assignments go too.
    const assessor = await idOf("lama@kampus.ac.id");
    await database.db.insert(cycleAssessors).values({ cycleId, userId: assessor, organizationId: city });
    await addUser(database, "baru@kampus.ac.id", null, null);
    const next = await idOf("baru@kampus.ac.id");
    const moved = await admin.call("POST", `/api/users/${assessor}/handover`, { successorId: next });
    expect(moved.json()).toMatchObject({ grants: 1, assessorAssignments: 1, deactivated: false });
    const assignments = await database.db
      .select()
      .from(cycleAssessors)
      .where(eq(cycleAssessors.cycleId, cycleId));
    expect(assignments.map((a) => a.userId)).toEqual([next]);
    // The new assessor sees the instansi at once.
    const newAssessor = await client(app, "baru@kampus.ac.id");
    expect((await newAssessor.call("GET", "/api/assessments")).json().items).toHaveLength(1);
  });

  it("invites a colleague with a one-time link that sets their password, valid for 7 days", async () => {
    const invited = await admin.call("POST", "/api/users/invitations", {
      email: "baru@surabaya.go.id",
      name: "Dewi Operator",
      grants: [{ role: "operator", organizationId: unit }],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const { token, path, expiresAt } = invited.json();
    expect(path).toBe(`/undangan/${token}`);
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // Without a login, the link says who it is for.
    const read = await app.inject({ method: "GET", url: `/api/invitations/${token}` });
    expect(read.json()).toMatchObject({ email: "baru@surabaya.go.id", name: "Dewi Operator" });
    // A weak password is refused and leaves the link usable.
    const weak = await app.inject({
      method: "POST",
      url: `/api/invitations/${token}`,
      payload: { password: "12345" },
    });
    expect(weak.statusCode).toBe(400);
    const chosen = "kata-sandi-Dewi-yang-panjang-2026";
    const accepted = await app.inject({
      method: "POST",
      url: `/api/invitations/${token}`,
      payload: { password: chosen },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const dewi = await client(app, "baru@surabaya.go.id", chosen);
    expect((await dewi.call("GET", "/api/auth/me")).json().grants).toMatchObject([{ role: "operator" }]);
    // Once used, the link is spent; an unknown one is unknown.
    const again = await app.inject({
      method: "POST",
      url: `/api/invitations/${token}`,
      payload: { password: chosen },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe("invitation_used");
    expect((await app.inject({ method: "GET", url: `/api/invitations/${"y".repeat(43)}` })).statusCode).toBe(
      404,
    );
  });

  it("lets an instansi's coordinator invite and hand over its own people, with the instansi's roles only", async () => {
    const list = (await coordinator.call("GET", "/api/users")).json();
    expect(list.can).toEqual({
      create: true,
      roles: ["coordinator", "operator", "internal_assessor", "leader"],
    });
    // The review team is not the instansi's to appoint; nor is a national role.
    for (const grant of [
      { role: "reviewer", organizationId: city },
      { role: "operator", organizationId: null },
    ]) {
      const refused = await coordinator.call("POST", "/api/users/invitations", {
        email: "tidak@surabaya.go.id",
        name: "Tidak",
        grants: [grant],
      });
      expect(refused.statusCode, JSON.stringify(grant)).toBe(403);
    }
    expect(await idOf("tidak@surabaya.go.id")).toBe("");
    // An operator for a unit: the coordinator gets the link to pass on.
    const invited = await coordinator.call("POST", "/api/users/invitations", {
      email: "pengganti@surabaya.go.id",
      name: "Rina Pengganti",
      grants: [{ role: "operator", organizationId: unit }],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().path).toMatch(/^\/undangan\//);

    // The unit's operator moves to another post: the successor takes over in one step.
    await addUser(database, "operator.pindah@surabaya.go.id", "leader", unit);
    const leaver = await idOf("operator.pindah@surabaya.go.id");
    const successor = await idOf("pengganti@surabaya.go.id");
    const done = await coordinator.call("POST", `/api/users/${leaver}/handover`, {
      successorId: successor,
      deactivate: false,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(
      done
        .json()
        .successor.grants.map((g: { role: string }) => g.role)
        .sort(),
    ).toEqual(["leader", "operator"]);
    // Someone of the review team is not the coordinator's to hand over.
    await addUser(database, "reviu@surabaya.go.id", "reviewer", city);
    const reviewer = await idOf("reviu@surabaya.go.id");
    const notOurs = await coordinator.call("POST", `/api/users/${reviewer}/handover`, {
      successorId: successor,
    });
    expect(notOurs.statusCode).toBe(403);
    expect(
      (await database.db.select().from(roleGrants).where(eq(roleGrants.userId, reviewer))).map((g) => g.role),
    ).toEqual(["reviewer"]);
    // Nor may it give that role to one of its own people.
    const grant = await coordinator.call("POST", `/api/users/${successor}/grants`, {
      role: "reviewer",
      organizationId: city,
    });
    expect(grant.statusCode).toBe(403);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.handover"), eq(auditLog.entityId, leaver)));
    expect(audit).toHaveLength(1);
  });
});
