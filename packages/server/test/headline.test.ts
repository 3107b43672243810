// Issue 18: one assessment driven through every state shows one headline figure with one label on
// every surface: the board (and the dashboard, which reads the same answer), the PDF report, the
// Excel summary, the cycle's Excel export, the history, the province view and the cycle ranking.
import { builtinFrameworks } from "@matang/core/node";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, organizations, stageScores } from "../src/db/schema.js";
import { pdfText, workbook } from "./documents.js";
import { appFor, client, ENGINES, seededDatabase, TEST_ADMIN, type TestDatabase } from "./harness.js";

const frameworks = builtinFrameworks();
const framework = frameworks.get("permenpanrb-59-2020");
if (!framework) throw new Error("framework missing");
const CODES = framework.indicators.map((i) => i.code);

interface Shown {
  label: string;
  figure: string;
}

describe.each(ENGINES)("one headline figure everywhere, on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Awaited<ReturnType<typeof client>>;
  let assessmentId: string;
  let cycleId: string;
  let bandung: string;
  let jabar: string;

  const org = async (name: string) => {
    const [row] = await database.db.select().from(organizations).where(eq(organizations.name, name));
    if (!row) throw new Error(`no ${name}`);
    return row.id;
  };
  const levels = (stage: string, codes: readonly string[], level: number) =>
    database.db.insert(stageScores).values(
      codes.map((indicatorCode) => ({
        assessmentId,
        indicatorCode,
        stage,
        level,
        note: "Penjelasan.",
        verdict: stage === "self" ? "done" : null,
      })),
    );
  const go = async (to: string) => {
    const res = await admin.call("POST", `/api/assessments/${assessmentId}/transitions`, {
      to,
      confirm: true,
    });
    expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
  };

  /** The headline as each surface shows it. */
  async function surfaces(): Promise<Record<string, Shown>> {
    const board = (await admin.call("GET", `/api/assessments/${assessmentId}`)).json().headline;
    const figureOf = (h: {
      complete: boolean;
      indexDisplay: string;
      floorDisplay: string;
      ceilingDisplay: string;
    }) => (h.complete ? h.indexDisplay : `${h.floorDisplay}–${h.ceilingDisplay}`);
    const shown: Record<string, Shown> = { board: { label: board.label.id, figure: figureOf(board) } };

    const pdf = await pdfText(
      (await admin.call("GET", `/api/assessments/${assessmentId}/report.pdf`)).rawPayload,
    );
    const comma = figureOf(board).replaceAll(".", ",");
    shown.pdf = {
      label: pdf.includes(board.label.id) ? board.label.id : "(missing)",
      figure: pdf.includes(comma) ? figureOf(board) : "(missing)",
    };

    const book = await workbook(
      (await admin.call("GET", `/api/assessments/${assessmentId}/export.xlsx`)).rawPayload,
    );
    const summary = book.getWorksheet("Ringkasan");
    let row: string[] = [];
    summary?.eachRow((r) => {
      const values = (r.values as unknown[]).map(String);
      if (values[1] === "Indeks utama") row = values;
    });
    shown.excel = { label: row[3] ?? "(missing)", figure: row[2] ?? "(missing)" };

    const cycleBook = await workbook(
      (await admin.call("GET", `/api/cycles/${cycleId}/export.xlsx`)).rawPayload,
    );
    const indices = cycleBook.getWorksheet("Indeks");
    if (!indices) throw new Error("no Indeks sheet");
    const header = (indices.getRow(1).values as unknown[]).map(String);
    indices.eachRow((r) => {
      const values = r.values as unknown[];
      if (values[header.indexOf("Instansi")] === "Pemerintah Kota Bandung") {
        const h = values[header.indexOf("Indeks utama")];
        shown.cycleExcel = {
          label: String(values[header.indexOf("Keterangan indeks utama")]),
          figure: typeof h === "number" ? h.toFixed(2) : String(h),
        };
      }
    });

    const history = (await admin.call("GET", `/api/organizations/${bandung}/history`)).json();
    const own = history.years
      .flatMap((y: { assessments: { id: string; headline: typeof board }[] }) => y.assessments)
      .find((a: { id: string }) => a.id === assessmentId);
    shown.history = { label: own.headline.label.id, figure: figureOf(own.headline) };

    const province = (
      await admin.call("GET", `/api/organizations/${jabar}/province?cycle=${cycleId}`)
    ).json();
    const member = province.members.find((m: { organizationId: string }) => m.organizationId === bandung);
    shown.province = {
      label: member.assessment.headline.label.id,
      figure: figureOf(member.assessment.headline),
    };

    // The ranking ranks each participant by its headline (its default): the same stage, label and
    // figure. While incomplete it ranks nobody, and says the range is incomplete.
    const ranking = (await admin.call("GET", `/api/cycles/${cycleId}/ranking`)).json();
    const ranked = ranking.items.find((i: { assessmentId: string }) => i.assessmentId === assessmentId);
    shown.ranking = {
      label: ranked?.label.id ?? "(missing)",
      figure: board.complete ? (ranked?.index ?? "(missing)") : figureOf(board),
    };
    if (!board.complete) expect(ranked?.rank).toBeNull();
    return shown;
  }

  async function expectOneHeadline(label: string, figure: string) {
    const shown = await surfaces();
    for (const [surface, s] of Object.entries(shown)) expect(s, surface).toEqual({ label, figure });
  }

  beforeAll(async () => {
    database = await seededDatabase(engine);
    app = await appFor(database);
    admin = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    bandung = await org("Pemerintah Kota Bandung");
    jabar = await org("Pemerintah Provinsi Jawa Barat");
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2026,
        name: "Evaluasi 2026",
        frameworkId: framework.id,
        kind: "evaluation",
        schedule: {},
      })
      .returning();
    cycleId = cycle?.id ?? "";
    const [created] = await database.db
      .insert(assessments)
      .values({ cycleId, organizationId: bandung })
      .returning();
    assessmentId = created?.id ?? "";
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it("shows the same figure and label on the board, PDF, Excel, history, province view and ranking in every state", async () => {
    // Half a self-assessment: a range, labelled as one.
    await levels("self", CODES.slice(0, 20), 3);
    const range = (await admin.call("GET", `/api/assessments/${assessmentId}`)).json().headline;
    expect(range.complete).toBe(false);
    await expectOneHeadline(
      "Rentang indeks — belum lengkap",
      `${range.floorDisplay}–${range.ceilingDisplay}`,
    );

    await levels("self", CODES.slice(20), 3);
    await expectOneHeadline("Indeks sementara — penilaian mandiri", "3.00");
    await go("submitted");
    await expectOneHeadline("Indeks sementara — penilaian mandiri", "3.00");
    await go("document_review");
    // Half a document review leaves the self-assessment as the headline.
    await levels("document", CODES.slice(0, 10), 2);
    await expectOneHeadline("Indeks sementara — penilaian mandiri", "3.00");
    await levels("document", CODES.slice(10), 2);
    await expectOneHeadline("Indeks hasil penilaian dokumen", "2.00");
    await go("interview");
    await expectOneHeadline("Indeks hasil wawancara", "2.00");
    await go("visit");
    await expectOneHeadline("Indeks hasil visitasi", "2.00");
    await go("consolidation");
    await levels("final", CODES, 4);
    await expectOneHeadline("Indeks hasil konsolidasi", "4.00");
    await go("validation");
    await expectOneHeadline("Indeks hasil konsolidasi", "4.00");
    await go("published");
    await expectOneHeadline("Indeks akhir", "4.00");
  }, 120_000);
});
