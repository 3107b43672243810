import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "../src/db/client.js";
import { organizations } from "../src/db/schema.js";
import { type Mail, remindDueDates, sendPendingEmails, todayWib } from "../src/notifications/jobs.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const farFuture = { start: "2026-01-01", end: "2099-12-31" };

describe.each(ENGINES)("notifications on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let assessmentId: string;
  let unit: string;
  type Client = Awaited<ReturnType<typeof client>>;
  let operator: Client;

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await appFor(database);
    const city =
      (await database.db.select().from(organizations)).find((o) => o.name === "Pemerintah Kota Surabaya")
        ?.id ?? "";
    const admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    unit = (
      await admin.call("POST", "/api/organizations", { kind: "unit", name: "Diskominfo", parentId: city })
    ).json().id;
    await addUser(database, "koordinator@surabaya.go.id", "coordinator", city);
    await addUser(database, "opd@surabaya.go.id", "operator", unit);
    const cycle = (
      await admin.call("POST", "/api/cycles", {
        year: 2026,
        name: "Evaluasi 2026",
        frameworkId: "permenpanrb-59-2020",
        kind: "evaluation",
        schedule: { self_assessment: farFuture },
      })
    ).json();
    await admin.call("POST", `/api/cycles/${cycle.id}/participants`, { organizationIds: [city] });
    const coordinator = await client(app, "koordinator@surabaya.go.id");
    assessmentId = (await coordinator.call("GET", "/api/assessments")).json().items[0].id;
    const tomorrow = todayWib(new Date(Date.now() + 86_400_000));
    const nextMonth = todayWib(new Date(Date.now() + 30 * 86_400_000));
    for (const [code, dueDate] of [
      ["1", tomorrow],
      ["2", tomorrow],
      ["3", nextMonth],
    ]) {
      await coordinator.call("PUT", `/api/assessments/${assessmentId}/indicators/${code}/assignments`, {
        units: [{ unitId: unit, dueDate }],
        version: 0,
      });
    }
    operator = await client(app, "opd@surabaya.go.id");
    // Indicator 2 is already done by the unit: no reminder for it.
    await operator.call("PUT", `/api/assessments/${assessmentId}/indicators/2/units/${unit}`, {
      level: 2,
      explanation: "Selesai.",
      status: "ready",
      version: 0,
    });
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("tells operators about assignments in the app, and lets them mark notifications read", async () => {
    const list = (await operator.call("GET", "/api/notifications")).json().items;
    expect(list.filter((n: { kind: string }) => n.kind === "assignment")).toHaveLength(3);
    // Each says where it points: the assessment, its instansi and cycle, the indicator.
    expect(list[0]).toMatchObject({
      assessmentId,
      organization: expect.stringContaining("Surabaya"),
      cycle: expect.any(String),
      indicator: expect.any(String),
    });
    expect((await operator.call("GET", "/api/notifications/count")).json()).toEqual({ unread: 3 });
    const marked = await operator.call("POST", "/api/notifications/read", { ids: [list[0].id] });
    expect(marked.json()).toEqual({ marked: 1 });
    const unread = (await operator.call("GET", "/api/notifications?unread=true")).json();
    expect(unread.items).toHaveLength(2);
    expect(unread.unread).toBe(2);
    expect((await operator.call("GET", "/api/notifications/count")).json()).toEqual({ unread: 2 });
  });

  it("reminds units once of indicators due soon that are not ready, holding up no one's work", async () => {
    const stamp = async () =>
      (
        await rows<{ stamp: string }>(
          database.db,
          sql`select stamp::text from assessment_stamps where assessment_id = ${assessmentId}`,
        )
      )[0]?.stamp;
    const before = await stamp();
    expect(await remindDueDates(database.db)).toBe(1);
    expect(await remindDueDates(database.db)).toBe(0);
    // Sending a reminder changes nothing an assessment is read from: its cached copies stay good,
    // and saves on it never wait for the reminder job (it used to lock the assessment's stamp).
    expect(await stamp()).toBe(before);
    const due = (await operator.call("GET", "/api/notifications"))
      .json()
      .items.filter((n: { kind: string }) => n.kind === "due_soon");
    expect(due).toHaveLength(1);
    expect(due[0].payload).toMatchObject({ indicator: "1" });
    // Everything read at once.
    expect((await operator.call("POST", "/api/notifications/read", { all: true })).json().marked).toBe(3);
    expect((await operator.call("GET", "/api/notifications/count")).json()).toEqual({ unread: 0 });
  });

  it("sends each notification by e-mail once, and retries what failed", async () => {
    const failing = await sendPendingEmails(database.db, async () => {
      throw new Error("SMTP down");
    });
    expect(failing).toBe(0);
    const sent: Mail[] = [];
    const count = await sendPendingEmails(database.db, async (mail) => {
      sent.push(mail);
    });
    expect(count).toBe(sent.length);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    const reminder = sent.find((m) => m.subject.includes("Batas waktu"));
    expect(reminder).toMatchObject({ to: "opd@surabaya.go.id" });
    expect(reminder?.text).toContain("Indikator: 1");
    expect(await sendPendingEmails(database.db, async (mail) => void sent.push(mail))).toBe(0);
  });

  it("reminds a deadline's many in small transactions, each assignment still once", async () => {
    // Indicator 3 (due next month) comes within a 40-day horizon; one reminder per transaction.
    expect(await remindDueDates(database.db, new Date(), 40, 1)).toBe(1);
    expect(await remindDueDates(database.db, new Date(), 40, 1)).toBe(0);
    const due = (await operator.call("GET", "/api/notifications"))
      .json()
      .items.filter((n: { kind: string }) => n.kind === "due_soon")
      .map((n: { payload: { indicator: string } }) => n.payload.indicator);
    expect(due.sort()).toEqual(["1", "3"]);
  });
});
