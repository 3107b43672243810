// Issue 21, the improvement checklist: from a published assessment to items assigned to units,
// worked on by them and verified by the coordinator, with progress per unit and aspect, carried
// into the next cycle until verified, and exported for a coordination meeting.
import { builtinFrameworks } from "@matang/core/node";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assessments,
  auditLog,
  cycles,
  evidence,
  evidenceLinks,
  indicatorAssignments,
  organizations,
  stageScores,
} from "../src/db/schema.js";
import { pdfText, workbook } from "./documents.js";
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

interface Item {
  id: string;
  indicator: string;
  kind: string;
  source: string;
  title: { id: string };
  detail: string;
  ownerUnit: { id: string; name: string } | null;
  dueDate: string | null;
  status: string;
  version: number;
  overdue: boolean;
  firstYear: number;
  can: { work: boolean; manage: boolean };
}

describe.each(ENGINES)("the improvement checklist, on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Awaited<ReturnType<typeof client>>;
  let coordinator: Awaited<ReturnType<typeof client>>;
  let kominfo: Awaited<ReturnType<typeof client>>;
  let bappeda: Awaited<ReturnType<typeof client>>;
  let leader: Awaited<ReturnType<typeof client>>;
  let bandung: string;
  let kominfoUnit: string;
  let bappedaUnit: string;

  /** A cycle of the 2020 framework with Bandung's assessment at these final levels, published. */
  async function published(year: number, final: (code: string) => number) {
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year,
        name: `Evaluasi ${year}`,
        frameworkId: framework?.id ?? "",
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    const [a] = await database.db
      .insert(assessments)
      .values({ cycleId: cycle?.id ?? "", organizationId: bandung, state: "validation" })
      .returning();
    const id = a?.id ?? "";
    await database.db.insert(indicatorAssignments).values([
      { assessmentId: id, indicatorCode: "1", unitId: kominfoUnit },
      { assessmentId: id, indicatorCode: "15", unitId: bappedaUnit },
    ]);
    await database.db.insert(stageScores).values(
      CODES.flatMap((indicatorCode) => [
        { assessmentId: id, indicatorCode, stage: "self", level: 3, note: "Penjelasan.", verdict: "done" },
        {
          assessmentId: id,
          indicatorCode,
          stage: "final",
          level: final(indicatorCode),
          note: "Catatan asesor.",
        },
      ]),
    );
    // The assessors returned indicator 1's level-2 document: it concerns another object.
    const [e] = await database.db
      .insert(evidence)
      .values({
        organizationId: bandung,
        unitId: kominfoUnit,
        kind: "link",
        title: "SK Tim SPBE",
        url: "https://contoh.go.id",
      })
      .returning();
    await database.db.insert(evidenceLinks).values({
      assessmentId: id,
      indicatorCode: "1",
      level: 2,
      evidenceId: e?.id ?? "",
      review: "revision",
      reason: "Dokumen tidak sesuai objek",
      note: "SK yang diunggah milik Kabupaten Bandung, bukan Kota Bandung.",
    });
    const res = await admin.call("POST", `/api/assessments/${id}/transitions`, { to: "published" });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  }

  const list = async (who: typeof admin, id: string, query = "") => {
    const res = await who.call("GET", `/api/assessments/${id}/checklist${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Item[];
      progress: {
        total: number;
        overdue: number;
        byStatus: Record<string, number>;
        units: {
          key: string;
          name: string;
          total: number;
          byStatus: Record<string, number>;
          overdue: number;
        }[];
        aspects: { key: string; total: number }[];
      };
      can: { build: boolean };
    };
  };

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await appFor(database);
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    const [row] = await database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Pemerintah Kota Bandung"));
    bandung = row?.id ?? "";
    const unit = async (name: string) =>
      (await admin.call("POST", "/api/organizations", { kind: "unit", name, parentId: bandung })).json()
        .id as string;
    kominfoUnit = await unit("Dinas Komunikasi dan Informatika");
    bappedaUnit = await unit("Bappeda");
    await addUser(database, "koordinator@bandung.go.id", "coordinator", bandung);
    await addUser(database, "kominfo@bandung.go.id", "operator", kominfoUnit);
    await addUser(database, "bappeda@bandung.go.id", "operator", bappedaUnit);
    await addUser(database, "walikota@bandung.go.id", "leader", bandung);
    coordinator = await client(app, "koordinator@bandung.go.id");
    kominfo = await client(app, "kominfo@bandung.go.id");
    bappeda = await client(app, "bappeda@bandung.go.id");
    leader = await client(app, "walikota@bandung.go.id");
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it("builds on publication, assigns units, tracks progress, and carries open items into the next cycle", async () => {
    // 2025: every indicator at 3, indicator 1 only at 2, indicator 15 at the top.
    const first = await published(2025, (code) => (code === "1" ? 2 : code === "15" ? 5 : 3));
    const built = await list(coordinator, first);
    expect(built.can.build).toBe(true);
    // Every indicator below the top has its next level's criteria, and the returned document is there.
    const criteria = built.items.filter((i) => i.kind === "criteria");
    expect(criteria.map((i) => i.indicator).sort()).toEqual(CODES.filter((c) => c !== "15").sort());
    const one = built.items.filter((i) => i.indicator === "1");
    expect(one.map((i) => i.kind).sort()).toEqual(["criteria", "evidence_returned"]);
    const returned = one.find((i) => i.kind === "evidence_returned") as Item;
    expect(returned).toMatchObject({ source: "assessor", ownerUnit: { id: kominfoUnit } });
    expect(returned.detail).toContain("milik Kabupaten Bandung");
    expect(one.find((i) => i.kind === "criteria")?.title.id).toMatch(/^Penuhi kriteria tingkat 3: /);
    for (const i of built.items) {
      expect(i.status).toBe("open");
      expect(i.dueDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(i.firstYear).toBe(2025);
    }
    expect(built.progress.total).toBe(built.items.length);
    expect(built.progress.units.find((u) => u.key === kominfoUnit)?.total).toBe(2);
    expect(built.progress.units.find((u) => u.key === "")?.total).toBe(built.items.length - 2);
    expect(built.progress.aspects.map((a) => a.key)).toContain("A1");

    // Units see their own items on their home page, and only those.
    const mine = (await kominfo.call("GET", "/api/checklist/mine")).json().items as Item[];
    expect(mine.map((i) => i.id).sort()).toEqual(one.map((i) => i.id).sort());
    expect((await bappeda.call("GET", "/api/checklist/mine")).json().items).toEqual([]);
    const asOperator = await list(kominfo, first);
    expect(asOperator.items.map((i) => i.id).sort()).toEqual(one.map((i) => i.id).sort());
    expect(asOperator.can.build).toBe(false);

    // The coordinator gives Bappeda an item and a past due date: it is overdue.
    const other = criteria.find((i) => i.indicator === "2") as Item;
    const moved = await coordinator.call("PATCH", `/api/checklist/${other.id}`, {
      ownerUnitId: bappedaUnit,
      dueDate: "2025-01-31",
      version: other.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ ownerUnit: { id: bappedaUnit, name: "Bappeda" }, overdue: true });
    expect((await list(leader, first)).progress.units.find((u) => u.key === bappedaUnit)?.overdue).toBe(1);
    // A unit never takes over another's item, nor assigns.
    expect(
      (await kominfo.call("PATCH", `/api/checklist/${other.id}`, { status: "in_progress", version: 2 }))
        .statusCode,
    ).toBe(403);
    const assign = await kominfo.call("PATCH", `/api/checklist/${returned.id}`, {
      ownerUnitId: bappedaUnit,
      version: 1,
    });
    expect(assign.statusCode).toBe(403);
    expect(assign.json().error.code).toBe("checklist_coordinator_only");
    // The coordinator's owner must be one of the instansi's units.
    const outside = await coordinator.call("PATCH", `/api/checklist/${returned.id}`, {
      ownerUnitId: bandung,
      version: 1,
    });
    expect(outside.statusCode).toBe(422);

    // Diskominfo works on its returned document: done needs a note naming the evidence.
    const bare = await kominfo.call("PATCH", `/api/checklist/${returned.id}`, { status: "done", version: 1 });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe("checklist_note_required");
    expect(
      (await kominfo.call("PATCH", `/api/checklist/${returned.id}`, { status: "in_progress", version: 1 }))
        .statusCode,
    ).toBe(200);
    const stale = await kominfo.call("PATCH", `/api/checklist/${returned.id}`, {
      status: "done",
      note: "x",
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const done = await kominfo.call("PATCH", `/api/checklist/${returned.id}`, {
      status: "done",
      note: "SK Wali Kota Bandung Nomor 12 Tahun 2026 tentang Tim SPBE diunggah.",
      version: 2,
    });
    expect(done.statusCode, done.body).toBe(200);
    // Only the coordinator verifies.
    expect(
      (await kominfo.call("PATCH", `/api/checklist/${returned.id}`, { status: "verified", version: 3 }))
        .statusCode,
    ).toBe(403);
    const verified = await coordinator.call("PATCH", `/api/checklist/${returned.id}`, {
      status: "verified",
      version: 3,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().status).toBe("verified");
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, returned.id));
    expect(audit.map((a) => a.action)).toEqual(["checklist.update", "checklist.update", "checklist.update"]);
    const progress = (await list(coordinator, first)).progress;
    expect(progress.byStatus.verified).toBe(1);
    expect(progress.units.find((u) => u.key === kominfoUnit)?.byStatus).toMatchObject({
      open: 1,
      verified: 1,
    });

    // Building again adds nothing: the same shortcomings are the same items.
    const again = await coordinator.call("POST", `/api/assessments/${first}/checklist`, {});
    expect(again.json()).toMatchObject({ added: 0 });

    // 2026, same framework: the open items stand beside each indicator of the new self-assessment.
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2026,
        name: "Evaluasi 2026",
        frameworkId: framework?.id ?? "",
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    const [next] = await database.db
      .insert(assessments)
      .values({ cycleId: cycle?.id ?? "", organizationId: bandung })
      .returning();
    const carried = await list(coordinator, next?.id ?? "", "?indicator=1");
    expect(carried.items.map((i) => [i.kind, i.status, i.firstYear])).toEqual([
      ["criteria", "open", 2025],
      ["evidence_returned", "verified", 2025],
    ]);
    expect((await list(coordinator, next?.id ?? "", "?status=open")).items.length).toBe(
      built.items.length - 1,
    );
  }, 120_000);

  it("keeps a cycle's monitoring assessment (not evaluated, and why) out of publication", async () => {
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2027,
        name: "Evaluasi 2027",
        frameworkId: framework?.id ?? "",
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    const [a] = await database.db
      .insert(assessments)
      .values({ cycleId: cycle?.id ?? "", organizationId: bandung, state: "validation" })
      .returning();
    const id = a?.id ?? "";
    await database.db.insert(stageScores).values(
      CODES.flatMap((indicatorCode) => [
        { assessmentId: id, indicatorCode, stage: "self", level: 4, note: "Penjelasan.", verdict: "done" },
        { assessmentId: id, indicatorCode, stage: "final", level: 4, note: "Catatan." },
      ]),
    );
    const url = `/api/assessments/${id}/evaluation`;
    expect(
      (await coordinator.call("PUT", url, { evaluated: false, reason: "above_threshold", version: 1 }))
        .statusCode,
    ).toBe(403);
    const bare = await admin.call("PUT", url, { evaluated: false, reason: null, version: 1 });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe("reason_required");
    const set = await admin.call("PUT", url, { evaluated: false, reason: "above_threshold", version: 1 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ evaluated: false, reason: "above_threshold", version: 2 });
    expect((await admin.call("PUT", url, { evaluated: true, reason: null, version: 1 })).statusCode).toBe(
      409,
    );
    const read = (await leader.call("GET", `/api/assessments/${id}`)).json();
    expect(read.evaluation).toEqual({ evaluated: false, reason: "above_threshold" });
    const publish = await admin.call("POST", `/api/assessments/${id}/transitions`, { to: "published" });
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.code).toBe("not_evaluated");
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((e) => e.action)).toContain("assessment.evaluation");
  });

  it("exports the checklist as Excel and PDF for a coordination meeting", async () => {
    const [row] = await database.db.select().from(assessments).where(eq(assessments.state, "published"));
    const id = row?.id ?? "";
    const count = (await list(coordinator, id)).items.length;
    const xlsx = await coordinator.call("GET", `/api/assessments/${id}/checklist.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-disposition"]).toContain("daftar-perbaikan-Pemerintah-Kota-Bandung");
    const book = await workbook(xlsx.rawPayload);
    const items = book.getWorksheet("Daftar perbaikan");
    expect(items?.rowCount).toBe(count + 1);
    const units: string[] = [];
    book.getWorksheet("Kemajuan")?.eachRow((r) => units.push(String((r.values as unknown[])[2])));
    expect(units).toEqual(
      expect.arrayContaining(["Pemerintah Kota Bandung", "Bappeda", "Dinas Komunikasi dan Informatika"]),
    );
    const pdf = await coordinator.call("GET", `/api/assessments/${id}/checklist.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, " ");
    expect(text).toContain("DAFTAR PERBAIKAN");
    expect(text).toContain("Kemajuan per unit");
    expect(text).toContain("SK Wali Kota Bandung Nomor 12 Tahun 2026");
    expect(text).toContain("(terlambat)");
  }, 60_000);
});
