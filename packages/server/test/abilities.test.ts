// What an assessment's `can` promises is what the server then accepts: for each role, in each
// state, an action `can` allows succeeds and one it denies is refused; where only a precondition
// is missing, `blocked` names it, and the refusal names the same thing. The assessment answers
// as its declared schema says (the contract the web's types are generated from).
import { builtinFrameworks } from "@matang/core/node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Assessment, IndicatorRow } from "../src/assessments/schemas.js";
import { cycles, organizations } from "../src/db/schema.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const framework = builtinFrameworks().get("permenpanrb-59-2020");
if (!framework) throw new Error("framework missing");
const CODES = framework.indicators.map((i) => i.code);
const open = { start: "2026-01-01", end: "2099-12-31" };

describe.each(ENGINES)("abilities (can, blocked, moves) against what the server accepts, on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let id: string;
  let unit: string;
  type Client = Awaited<ReturnType<typeof client>>;
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await appFor(database);
    const orgs = await database.db.select().from(organizations);
    const bandung = orgs.find((o) => o.name === "Pemerintah Kota Bandung")?.id ?? "";
    as.admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    unit = (
      await as.admin.call("POST", "/api/organizations", {
        kind: "unit",
        name: "Diskominfo",
        parentId: bandung,
      })
    ).json().id;
    const assessorId = (await addUser(database, "asesor@kampus.ac.id", "external_assessor", null)).id;
    await addUser(database, "koordinator@bandung.go.id", "coordinator", bandung);
    await addUser(database, "opd@bandung.go.id", "operator", unit);
    await addUser(database, "pimpinan@bandung.go.id", "leader", bandung);
    await addUser(database, "reviu@kemenpan.go.id", "reviewer", null);
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2026,
        name: "Evaluasi 2026",
        frameworkId: framework.id,
        kind: "evaluation",
        schedule: { self_assessment: open, document_review: open, validation: open },
      })
      .returning();
    await as.admin.call("POST", `/api/cycles/${cycle?.id}/participants`, { organizationIds: [bandung] });
    await as.admin.call("POST", `/api/cycles/${cycle?.id}/assessors`, {
      userId: assessorId,
      organizationId: bandung,
    });
    id = (await as.admin.call("GET", `/api/assessments?cycle=${cycle?.id}`)).json().items[0].id;
    as.coordinator = await client(app, "koordinator@bandung.go.id");
    // The first indicator is the unit's: its operator reads the assessment through it.
    const assigned = await as.coordinator.call(
      "PUT",
      `/api/assessments/${id}/indicators/${CODES[0]}/assignments`,
      {
        units: [{ unitId: unit, dueDate: null }],
        version: 0,
      },
    );
    expect(assigned.statusCode).toBe(200);
    as.operator = await client(app, "opd@bandung.go.id");
    as.assessor = await client(app, "asesor@kampus.ac.id");
    as.leader = await client(app, "pimpinan@bandung.go.id");
    as.reviewer = await client(app, "reviu@kemenpan.go.id");
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  const read = async (who: Client) => {
    const response = await who.call("GET", `/api/assessments/${id}`);
    expect(response.statusCode).toBe(200);
    return Assessment.parse(response.json());
  };
  const rows = async (who: Client) => {
    const response = await who.call("GET", `/api/assessments/${id}/indicators`);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((r: unknown) => IndicatorRow.parse(r));
  };
  const answer = (who: Client, code: string, version = 0) =>
    who.call("PUT", `/api/assessments/${id}/indicators/${code}/answer`, {
      level: 2,
      explanation: "Perwal SPBE",
      version,
    });

  it("answers as its declared schema says, for every role", async () => {
    for (const who of Object.values(as)) {
      await read(who);
      await rows(who);
    }
    // The operator writes their unit's proposal on the indicator assigned to it, and sees only it.
    const [own, ...others] = await rows(as.operator);
    expect(others).toEqual([]);
    expect(own).toMatchObject({
      answerUnitId: unit,
      can: { answer: true, consolidate: false, addEvidence: true },
    });
    expect((await read(as.operator)).can.overview).toBe(false);
    // The coordinator consolidates instead, on every indicator.
    const coordinator = await rows(as.coordinator);
    expect(coordinator).toHaveLength(CODES.length);
    expect(coordinator[0]).toMatchObject({
      answerUnitId: null,
      can: { answer: false, consolidate: true, assign: true },
    });
    expect((await read(as.coordinator)).can.overview).toBe(true);
  });

  it("offers submitting only when it can be done, and says what is missing until then", async () => {
    // The coordinator may submit, but nothing is answered yet: blocked, with every code.
    const before = await read(as.coordinator);
    expect(before.can.submit).toBe(false);
    expect(before.blocked.submit).toEqual({ code: "incomplete", missing: CODES });
    const refused = await as.coordinator.call("POST", `/api/assessments/${id}/transitions`, {
      to: "submitted",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.missing).toEqual(CODES);
    // Not permitted at all: false, and no reason given away.
    for (const who of [as.operator, as.leader, as.assessor, as.reviewer]) {
      const a = await read(who as Client);
      expect(a.can.submit).toBe(false);
      expect(a.blocked.submit).toBeUndefined();
    }

    // Before anything is answered, every indicator lacks its level and explanation.
    expect((await rows(as.coordinator))[1].gaps).toEqual([{ gap: "level" }, { gap: "explanation" }]);
    // A level without an explanation does not count: still blocked, on that indicator too.
    for (const code of CODES.slice(1)) expect((await answer(as.coordinator, code)).statusCode).toBe(200);
    await as.coordinator.call("PUT", `/api/assessments/${id}/indicators/${CODES[0]}/answer`, {
      level: 1,
      explanation: "   \n\t",
      version: 0,
    });
    expect((await read(as.coordinator)).blocked.submit).toEqual({ code: "incomplete", missing: [CODES[0]] });
    expect((await answer(as.coordinator, CODES[0] as string, 1)).statusCode).toBe(200);

    const ready = await read(as.coordinator);
    expect(ready.can.submit).toBe(true);
    expect(ready.blocked.submit).toBeUndefined();
    expect(ready.moves).toEqual([
      { to: "submitted", operation: "assessment.submit", direction: "forward", unscored: [] },
    ]);
    // What is still expected, shown before submitting: the unit's proposal and each level's evidence.
    const first = (await rows(as.coordinator)).find((r: { code: string }) => r.code === CODES[0]);
    expect(first.gaps).toEqual([
      { gap: "evidence", levels: [1, 2] },
      { gap: "proposal", units: [expect.any(String)] },
    ]);
    const submitted = await as.coordinator.call("POST", `/api/assessments/${id}/transitions`, {
      to: "submitted",
      version: ready.version,
    });
    expect(submitted.statusCode).toBe(200);
  });

  it("closes the instansi's work once submitted, and says why", async () => {
    const a = await read(as.coordinator);
    expect(a.can).toMatchObject({
      edit: false,
      assign: false,
      uploadEvidence: false,
      review: false,
      submit: false,
    });
    expect(a.blocked.edit).toEqual({ code: "wrong_state", states: ["self_assessment"] });
    expect((await answer(as.coordinator, CODES[0] as string, 2)).statusCode).toBe(409);
    for (const row of await rows(as.coordinator))
      expect(row.can).toMatchObject({ consolidate: false, assign: false, addEvidence: false });
  });

  it("lets the assigned assessor move on and score in the document review, and no one else", async () => {
    const assessor = await read(as.assessor);
    expect(assessor.moves).toEqual([
      { to: "document_review", operation: "assessment.advance", direction: "forward", unscored: [] },
    ]);
    expect(assessor.can.move).toBe(true);
    for (const who of [as.coordinator, as.leader, as.reviewer, as.operator]) {
      const a = await read(who as Client);
      expect(a.can.move).toBe(false);
      expect(a.moves).toEqual([]);
    }
    // The administrator may also send it back to the self-assessment.
    expect((await read(as.admin)).moves.map((m) => [m.to, m.direction])).toEqual([
      ["document_review", "forward"],
      ["self_assessment", "back"],
    ]);
    const moved = await as.assessor.call("POST", `/api/assessments/${id}/transitions`, {
      to: "document_review",
      version: assessor.version,
    });
    expect(moved.statusCode).toBe(200);

    const scoring = await read(as.assessor);
    expect(scoring.can.score).toBe(true);
    const [row] = await rows(as.assessor);
    expect(row?.can).toMatchObject({ score: true, validate: false, consolidate: false });
    const saved = await as.assessor.call(
      "PUT",
      `/api/assessments/${id}/indicators/${CODES[0]}/stages/document`,
      {
        level: 2,
        note: "Sesuai",
        version: 0,
      },
    );
    expect(saved.statusCode).toBe(200);
    // The reviewer may validate, but only in the validation: told so, and refused now.
    const reviewer = await read(as.reviewer);
    expect(reviewer.can.validate).toBe(false);
    expect(reviewer.blocked.validate).toEqual({ code: "wrong_state", states: ["validation"] });
    const early = await as.reviewer.call(
      "PUT",
      `/api/assessments/${id}/indicators/${CODES[0]}/stages/validation`,
      {
        note: "",
        verdict: "valid",
        version: 0,
      },
    );
    expect(early.statusCode).toBe(409);
    // Nobody scores a stage other than the current one.
    const wrongStage = await as.assessor.call(
      "PUT",
      `/api/assessments/${id}/indicators/${CODES[0]}/stages/final`,
      {
        level: 2,
        note: "",
        version: 0,
      },
    );
    expect(wrongStage.statusCode).toBe(409);
  });

  it("says a stage closed, with its date, when its window has passed", async () => {
    await database.db.update(cycles).set({
      schedule: { self_assessment: open, document_review: { start: "2026-01-01", end: "2026-01-31" } },
    });
    const a = await read(as.assessor);
    expect(a.can.score).toBe(false);
    expect(a.blocked.score).toEqual({ code: "stage_closed", end: "2026-01-31" });
    const refused = await as.assessor.call(
      "PUT",
      `/api/assessments/${id}/indicators/${CODES[1]}/stages/document`,
      {
        level: 2,
        note: "",
        version: 0,
      },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ end: "2026-01-31" });
  });
});
