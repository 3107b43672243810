// Issue 23 (part 3): calibration across instansi. Self-assessments against the assessors' final
// values per indicator, returns by reason, each instansi beside its peers; counts only under five
// instansi; national for administrators, a province's own for its coordinator; and an Excel file.

import { builtinFrameworks } from "@matang/core/node";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, evidence, evidenceLinks, stageScores } from "../src/db/schema.js";
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
const CODES = framework?.indicators.map((i) => i.code) ?? [];

describe.each(ENGINES)("calibration on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  type Client = Awaited<ReturnType<typeof client>>;
  let admin: Client;
  let provinceCoordinator: Client;
  let cityCoordinator: Client;
  let cycleId: string;
  let province: { id: string };
  let otherProvince: { id: string };
  const cities: { id: string; name: string }[] = [];

  beforeAll(async () => {
    database = await seededDatabase(engine, { registry: false });
    app = await appFor(database);
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    const create = async (body: object) => (await admin.call("POST", "/api/organizations", body)).json();
    province = await create({ kind: "provinsi", name: "Provinsi Kalibrasi" });
    otherProvince = await create({ kind: "provinsi", name: "Provinsi Lain" });
    // Six cities in the province, one regency, and two cities elsewhere (peers, not shown to the province).
    for (const [i, parent] of [
      province,
      province,
      province,
      province,
      province,
      province,
      otherProvince,
      otherProvince,
    ].entries())
      cities.push(await create({ kind: "kota", name: `Kota Uji ${i + 1}`, parentId: parent.id }));
    const regency = await create({ kind: "kabupaten", name: "Kabupaten Uji", parentId: province.id });
    await addUser(database, "koordinator@provinsi.uji.id", "coordinator", province.id);
    await addUser(database, "koordinator@kota1.uji.id", "coordinator", cities[0]?.id ?? null);
    provinceCoordinator = await client(app, "koordinator@provinsi.uji.id");
    cityCoordinator = await client(app, "koordinator@kota1.uji.id");
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2025,
        name: "Evaluasi 2025",
        frameworkId: "permenpanrb-59-2020",
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    cycleId = cycle?.id ?? "";
    // City i claims one level more than the assessors gave on indicator 1 when i is odd, exactly
    // right otherwise; on indicator 2 every city is one level under; indicator 3 was scored for
    // three cities only. The regency is still in its self-assessment: nothing to compare.
    for (const [i, org] of [...cities, regency].entries()) {
      const [a] = await database.db
        .insert(assessments)
        .values({ cycleId, organizationId: org.id, state: org === regency ? "self_assessment" : "published" })
        .returning();
      const rows = CODES.flatMap((code) => {
        const final = 2;
        const self = code === "1" ? final + (i % 2) : code === "2" ? final - 1 : final;
        const scored = code !== "3" || i < 3;
        return [
          { assessmentId: a?.id ?? "", indicatorCode: code, stage: "self", level: self },
          ...(org === regency
            ? []
            : [
                {
                  assessmentId: a?.id ?? "",
                  indicatorCode: code,
                  stage: "final",
                  level: scored ? final : null,
                },
              ]),
        ];
      });
      await database.db.insert(stageScores).values(rows);
      // Evidence on indicator 1: accepted for the first five cities, returned as the wrong
      // document for the others.
      if (org === regency) continue;
      const [e] = await database.db
        .insert(evidence)
        .values({ organizationId: org.id, kind: "file", title: `SK ${i + 1}` })
        .returning();
      await database.db.insert(evidenceLinks).values({
        assessmentId: a?.id ?? "",
        indicatorCode: "1",
        level: 2,
        evidenceId: e?.id ?? "",
        review: i < 5 ? "accepted" : "revision",
        reason: i < 5 ? null : "wrong_document",
      });
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  type Answer = {
    instansi: number;
    scope: { name: string } | null;
    indicators: {
      code: string;
      compared: number;
      meanBias: number | null;
      overclaimShare: number | null;
      overclaimed: number;
      matched: number;
      underclaimed: number;
      distribution: { bias: number; count: number }[];
      reviewed: number;
      returned: number;
      returnRate: number | null;
      returnRateByReason: Record<string, number | null>;
      returnsByReason: Record<string, number>;
    }[];
    organizations: {
      name: string;
      meanBias: number | null;
      peers: { count: number; meanBias: number | null };
    }[];
  };

  it("shows administrators, per indicator, how far self-assessments stand from the final values and why evidence went back", async () => {
    const res = await admin.call("GET", `/api/cycles/${cycleId}/calibration`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Answer;
    // The regency has no assessors' values yet.
    expect(c.instansi).toBe(8);
    const one = c.indicators.find((i) => i.code === "1");
    // Cities 2, 4, 6, 8 claimed one level too many: mean 4/8, half over-claimed.
    expect(one).toMatchObject({
      compared: 8,
      meanBias: 0.5,
      overclaimShare: 0.5,
      overclaimed: 4,
      matched: 4,
      underclaimed: 0,
      distribution: [
        { bias: 0, count: 4 },
        { bias: 1, count: 4 },
      ],
      reviewed: 8,
      returned: 3,
      returnRate: 0.375,
      returnsByReason: { wrong_document: 3, not_uploaded: 0, outdated: 0, other: 0 },
      returnRateByReason: { wrong_document: 0.375, not_uploaded: 0, outdated: 0, other: 0 },
    });
    expect(c.indicators.find((i) => i.code === "2")).toMatchObject({
      meanBias: -1,
      overclaimShare: 0,
      underclaimed: 8,
    });
    // Three instansi: counts only, never a mean or a share.
    expect(c.indicators.find((i) => i.code === "3")).toMatchObject({
      compared: 3,
      meanBias: null,
      overclaimShare: null,
      matched: 3,
    });
  });

  it("gives a province's coordinator its own instansi beside their peers across the cycle, and nothing else", async () => {
    const res = await provinceCoordinator.call(
      "GET",
      `/api/cycles/${cycleId}/calibration?province=${province.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Answer;
    expect(c.scope?.name).toBe("Provinsi Kalibrasi");
    expect(c.instansi).toBe(6);
    expect(c.organizations.map((o) => o.name).sort()).toEqual([
      "Kota Uji 1",
      "Kota Uji 2",
      "Kota Uji 3",
      "Kota Uji 4",
      "Kota Uji 5",
      "Kota Uji 6",
    ]);
    // Kota Uji 2 over-claimed one indicator of 47; its peers are the seven other cities.
    const two = c.organizations.find((o) => o.name === "Kota Uji 2");
    expect(two?.meanBias).toBeCloseTo((1 - 1) / 47, 4);
    expect(two?.peers.count).toBe(7);
    expect(c.indicators.find((i) => i.code === "1")).toMatchObject({
      compared: 6,
      overclaimed: 3,
      meanBias: 0.5,
    });
    // Not the whole cycle, not another province, not for a city's coordinator.
    expect((await provinceCoordinator.call("GET", `/api/cycles/${cycleId}/calibration`)).statusCode).toBe(
      403,
    );
    expect(
      (
        await provinceCoordinator.call(
          "GET",
          `/api/cycles/${cycleId}/calibration?province=${otherProvince.id}`,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await cityCoordinator.call("GET", `/api/cycles/${cycleId}/calibration?province=${province.id}`))
        .statusCode,
    ).toBe(403);
    // A city's coordinator sees its own city beside its peers, offered from its assessment.
    const [mine] = await database.db
      .select()
      .from(assessments)
      .where(eq(assessments.organizationId, cities[0]?.id ?? ""));
    expect((await cityCoordinator.call("GET", `/api/assessments/${mine?.id}`)).json().can.calibrate).toBe(
      true,
    );
    const own = await cityCoordinator.call(
      "GET",
      `/api/cycles/${cycleId}/calibration?organization=${cities[0]?.id}`,
    );
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as Answer).organizations).toMatchObject([{ name: "Kota Uji 1", peers: { count: 7 } }]);
    // A single instansi: counts, no rates.
    expect((own.json() as Answer).indicators.find((i) => i.code === "1")).toMatchObject({
      compared: 1,
      meanBias: null,
    });
  });

  it("refuses a scope that is not one with a clear 400", async () => {
    for (const q of [
      `province=${cities[0]?.id}`,
      "province=00000000-0000-4000-8000-000000000000",
      "province=x",
      `province=${province.id}&organization=${cities[0]?.id}`,
      "year=2025",
    ]) {
      const res = await admin.call("GET", `/api/cycles/${cycleId}/calibration?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    expect(
      (await admin.call("GET", "/api/cycles/00000000-0000-4000-8000-000000000000/calibration")).statusCode,
    ).toBe(404);
  });

  it("exports the same figures as an Excel workbook", async () => {
    const res = await provinceCoordinator.call(
      "GET",
      `/api/cycles/${cycleId}/calibration.xlsx?province=${province.id}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("kalibrasi-2025");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Per indikator");
    const row = sheet?.getRows(2, 3)?.find((r) => r.getCell(1).value === "1");
    expect(row?.getCell(3).value).toBe(6);
    expect(row?.getCell(4).value).toBe(0.5);
    const three = sheet?.getRows(2, 3)?.find((r) => r.getCell(1).value === "3");
    expect(three?.getCell(4).value).toBe("< 5 instansi");
    expect(book.getWorksheet("Per instansi")?.rowCount).toBe(7);
  });
});
