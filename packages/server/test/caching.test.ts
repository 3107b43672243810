// Reads are served from per-instance caches (computed assessment figures, who a session belongs
// to). What a user changes must show on their very next request, on this instance or another.

import { builtinFrameworks } from "@matang/core/node";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { type AssessmentCache, assessmentCache } from "../src/assessments/cache.js";
import { warmAssessments } from "../src/assessments/reading.js";
import { DEFAULT_AUTH } from "../src/auth/service.js";
import { rows } from "../src/db/client.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  POSTGRES_URL,
  seeded,
  TEST_ADMIN,
  type TestDatabase,
  testDatabase,
} from "./harness.js";

const farFuture = { start: "2020-01-01", end: "2099-12-31" };
const SCHEDULE = Object.fromEntries(
  ["self_assessment", "document_review", "interview", "visit", "consolidation", "validation"].map((s) => [
    s,
    farFuture,
  ]),
);

type Client = Awaited<ReturnType<typeof client>>;

/** An instansi in a cycle with its coordinator, on `app`. */
async function setUp(database: TestDatabase, app: FastifyInstance) {
  await seeded(database);
  const [bandung] = await rows<{ id: string }>(
    database.db,
    sql`select id from organizations where name = 'Pemerintah Kota Bandung'`,
  );
  const organizationId = bandung?.id ?? "";
  const admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
  const cycleId = (
    await admin.call("POST", "/api/cycles", {
      year: 2026,
      name: "Evaluasi SPBE 2026",
      frameworkId: "permenpanrb-59-2020",
      kind: "evaluation",
      schedule: SCHEDULE,
    })
  ).json().id as string;
  await admin.call("POST", `/api/cycles/${cycleId}/participants`, { organizationIds: [organizationId] });
  const coordinatorId = (await addUser(database, "koordinator@bandung.go.id", "coordinator", organizationId))
    .id;
  const coordinator = await client(app, "koordinator@bandung.go.id");
  const [assessment] = (await coordinator.call("GET", `/api/assessments?cycle=${cycleId}`)).json().items;
  return {
    admin,
    coordinator,
    coordinatorId,
    organizationId,
    cycleId,
    assessmentId: assessment.id as string,
  };
}

const selfIndex = async (who: Client, id: string) => {
  const res = await who.call("GET", `/api/assessments/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json().scores.self as { answered: number; index: number | null };
};

/** Poll `check` until it holds: for what another instance hears of asynchronously. */
async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe.each(ENGINES)("cached reads on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await appFor(database);
    s = await setUp(database, app);
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("shows a saved answer on the very next read, and every one after", async () => {
    expect((await selfIndex(s.coordinator, s.assessmentId)).answered).toBe(0);
    expect((await selfIndex(s.coordinator, s.assessmentId)).answered).toBe(0);
    for (const [i, code] of ["1", "2", "3"].entries()) {
      const saved = await s.coordinator.call(
        "PUT",
        `/api/assessments/${s.assessmentId}/indicators/${code}/answer`,
        {
          level: 3,
          explanation: "Kebijakan sudah ditetapkan",
          version: 0,
        },
      );
      expect(saved.statusCode).toBe(200);
      expect((await selfIndex(s.coordinator, s.assessmentId)).answered).toBe(i + 1);
    }
    // A write the application did not make (an import, a repair by hand) shows as well.
    await database.db.execute(
      sql`update stage_scores set level = 5 where assessment_id = ${s.assessmentId} and indicator_code = '1'`,
    );
    const [exact] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from stage_scores where assessment_id = ${s.assessmentId} and level = 5`,
    );
    expect(exact?.n).toBe(1);
    const after = await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`);
    const before = await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`);
    expect(after.body).toBe(before.body);
    expect(after.json().scores.self.answered).toBe(3);
  });

  it("starts with the assessments under way already read, showing what was saved and what changes after", async () => {
    const before = await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`);
    // As a fresh instance starts: nothing cached, then the warm-up before it listens.
    const cache = assessmentCache(database.db) as AssessmentCache;
    cache.clear();
    expect(cache.has(s.assessmentId)).toBe(false);
    expect(await warmAssessments(database.db, app.frameworks)).toBeGreaterThanOrEqual(1);
    expect(cache.has(s.assessmentId)).toBe(true);
    const warm = await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`);
    expect(warm.body).toBe(before.body);
    // A score removed behind the warmed copy's back is gone on the next read.
    expect(warm.json().scores.self.answered).toBeGreaterThanOrEqual(1);
    await database.db.execute(
      sql`delete from stage_scores where assessment_id = ${s.assessmentId} and indicator_code = '2' and stage = 'self'`,
    );
    expect((await selfIndex(s.coordinator, s.assessmentId)).answered).toBe(
      warm.json().scores.self.answered - 1,
    );
  });

  it("shows a due date changed in the database at once", async () => {
    const [unit] = await rows<{ id: string }>(
      database.db,
      sql`select id from organizations where parent_id = ${s.organizationId} limit 1`,
    );
    const unitId =
      unit?.id ??
      (
        await s.admin.call("POST", "/api/organizations", {
          kind: "unit",
          name: "Dinas Komunikasi dan Informatika",
          parentId: s.organizationId,
        })
      ).json().id;
    const assigned = await s.coordinator.call(
      "PUT",
      `/api/assessments/${s.assessmentId}/indicators/5/assignments`,
      {
        units: [{ unitId, dueDate: "2026-12-20" }],
        version: 0,
      },
    );
    expect(assigned.statusCode).toBe(200);
    const dueDate = async () =>
      (await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}/indicators`))
        .json()
        .items.find((i: { code: string }) => i.code === "5").assignments[0].dueDate;
    expect(await dueDate()).toBe("2026-12-20");
    await database.db.execute(
      sql`update indicator_assignments set due_date = '2026-12-24' where assessment_id = ${s.assessmentId}`,
    );
    expect(await dueDate()).toBe("2026-12-24");
  });

  it("ranks a cycle on its newest answers, summed again only for what changed", async () => {
    const answered = async () => {
      const res = await s.admin.call("GET", `/api/cycles/${s.cycleId}/ranking?stage=self`);
      expect(res.statusCode).toBe(200);
      return res.json().items[0].answered as number;
    };
    const before = await answered();
    expect(await answered()).toBe(before);
    await s.coordinator.call("PUT", `/api/assessments/${s.assessmentId}/indicators/10/answer`, {
      level: 4,
      explanation: "Terpadu",
      version: 0,
    });
    expect(await answered()).toBe(before + 1);
    await database.db.execute(
      sql`delete from stage_scores where assessment_id = ${s.assessmentId} and indicator_code = '10'`,
    );
    expect(await answered()).toBe(before);
  });

  it("shows a renamed instansi and a newly assigned assessor at once", async () => {
    await selfIndex(s.coordinator, s.assessmentId);
    const org = (await s.admin.call("GET", `/api/organizations/${s.organizationId}`)).json();
    const renamed = await s.admin.call("PATCH", `/api/organizations/${s.organizationId}`, {
      name: "Pemerintah Kota Bandung Juara",
      version: org.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(
      (await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`)).json().organization.name,
    ).toBe("Pemerintah Kota Bandung Juara");

    const assessorId = (await addUser(database, "asesor@kampus.ac.id", "external_assessor", null)).id;
    const assessor = await client(app, "asesor@kampus.ac.id");
    expect((await assessor.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(403);
    await s.admin.call("POST", `/api/cycles/${s.cycleId}/assessors`, {
      userId: assessorId,
      organizationId: s.organizationId,
    });
    expect((await assessor.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(200);
  });

  it("ends a withdrawn role and a logged-out session on the next request", async () => {
    const [grant] = await rows<{ id: string }>(
      database.db,
      sql`select id from role_grants where user_id = ${s.coordinatorId}`,
    );
    expect((await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(200);
    const withdrawn = await s.admin.call("DELETE", `/api/users/${s.coordinatorId}/grants/${grant?.id}`);
    expect(withdrawn.statusCode).toBe(200);
    expect((await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(403);
    await s.admin.call("POST", `/api/users/${s.coordinatorId}/grants`, {
      role: "coordinator",
      organizationId: s.organizationId,
    });
    expect((await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(200);

    const again = await client(app, "koordinator@bandung.go.id");
    expect((await again.call("GET", "/api/auth/me")).statusCode).toBe(200);
    expect((await again.call("POST", "/api/auth/logout")).statusCode).toBe(200);
    expect((await again.call("GET", "/api/auth/me")).statusCode).toBe(401);
  });
});

describe("cached reads on two instances sharing one PostgreSQL", () => {
  let database: TestDatabase;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    database = await testDatabase("postgres");
    one = await appFor(database);
    two = await appFor(database);
    s = await setUp(database, one);
  });

  afterAll(async () => {
    await one.close();
    await two.close();
    await database.destroy();
  });

  /** The same session, on the other instance. */
  const onTwo = (who: Client) => (url: string) =>
    two.inject({ method: "GET", url, cookies: { matang_session: who.cookie } });

  it("reads on one instance what was saved on the other, at once", async () => {
    const read = onTwo(s.coordinator);
    expect((await read(`/api/assessments/${s.assessmentId}`)).json().scores.self.answered).toBe(0);
    for (const [i, code] of ["1", "2", "3", "4"].entries()) {
      await s.coordinator.call("PUT", `/api/assessments/${s.assessmentId}/indicators/${code}/answer`, {
        level: 2,
        explanation: "Sebagian",
        version: 0,
      });
      expect((await read(`/api/assessments/${s.assessmentId}`)).json().scores.self.answered).toBe(i + 1);
    }
  });

  it("ends a session logged out on one instance on the other too", async () => {
    const session = await client(one, "koordinator@bandung.go.id");
    const read = onTwo(session);
    expect((await read("/api/auth/me")).statusCode).toBe(200);
    expect((await session.call("POST", "/api/auth/logout")).statusCode).toBe(200);
    expect(await eventually(async () => (await read("/api/auth/me")).statusCode === 401)).toBe(true);
  });

  it("keeps caching correct after losing the connection it listens on", async () => {
    const read = onTwo(s.coordinator);
    expect((await read(`/api/assessments/${s.assessmentId}`)).statusCode).toBe(200);
    const admin = new pg.Client({ connectionString: database.url ?? POSTGRES_URL });
    await admin.connect();
    try {
      const name = new URL(database.url ?? "").pathname.slice(1);
      const cut = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'",
        [name],
      );
      expect(cut.rowCount).toBe(2);
      // Back to listening within the reconnect delay; then a withdrawn role is heard of again.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await read(`/api/assessments/${s.assessmentId}`)).statusCode).toBe(200);
    } finally {
      await admin.end();
    }
    await database.db.execute(sql`delete from role_grants where user_id = ${s.coordinatorId}`);
    expect(
      await eventually(async () => (await read(`/api/assessments/${s.assessmentId}`)).statusCode === 403),
    ).toBe(true);
  });
});

describe("an instance that cannot hear the database's announcements", () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    database = await testDatabase("pglite");
    // As behind a transaction-mode pooler: LISTEN is accepted, nothing ever arrives.
    app = await buildApp({
      db: database.db,
      frameworks: builtinFrameworks(),
      auth: { ...DEFAULT_AUTH, loginsPerMinute: 10_000 },
      listen: async (_channel, handlers) => {
        handlers.onLive(true);
        return { close: async () => {} };
      },
    });
    s = await setUp(database, app);
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("does not cache sessions, so a withdrawn role still ends at once", async () => {
    expect((await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(200);
    await database.db.execute(sql`delete from role_grants where user_id = ${s.coordinatorId}`);
    expect((await s.coordinator.call("GET", `/api/assessments/${s.assessmentId}`)).statusCode).toBe(403);
  });
});
