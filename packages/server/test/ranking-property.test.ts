// The cycle ranking sums stage levels in SQL (for speed at national scale); core's stageLevels is
// the rule. For random assessments and stages, both must agree on every participant's total and
// answered count at every stage, and the ranking by headline must put each participant at the
// stage, label and figure of core's headline.
import { headline, LEVEL_STAGES, STATES, stageLevels } from "@matang/core";
import { builtinFrameworks } from "@matang/core/node";
import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycleRanking } from "../src/cycles/ranking.js";
import { stageTotals } from "../src/cycles/repository.js";
import { assessments, cycles, organizations, stageScores } from "../src/db/schema.js";
import { ENGINES, seededDatabase, type TestDatabase } from "./harness.js";

const framework = builtinFrameworks().get("permenpanrb-59-2020");
if (!framework) throw new Error("framework missing");
const CODES = framework.indicators.map((i) => i.code);
const UNITS = new Map(framework.indicators.map((i) => [i.code, BigInt(i.units)]));
const PARTICIPANTS = 4;

/** One stage of one participant: nothing, every indicator, or some, levels sometimes cleared. */
const stageRows = fc.oneof(
  fc.constant([] as { code: string; level: number | null }[]),
  fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: CODES.length, maxLength: CODES.length })
    .map((ls) => ls.map((level, i) => ({ code: CODES[i] as string, level }))),
  fc.uniqueArray(
    fc.record({
      code: fc.constantFrom(...CODES),
      level: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 5 }),
    }),
    { selector: (r) => r.code, maxLength: CODES.length },
  ),
);
const participant = fc.tuple(...LEVEL_STAGES.map(() => stageRows));

describe.each(ENGINES)("the ranking's SQL against core's stage inheritance, on %s", (engine) => {
  let database: TestDatabase;
  let cycleId: string;
  let ids: string[];

  beforeAll(async () => {
    database = await seededDatabase(engine);
    const orgs = await database.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.kind, "kota"))
      .limit(PARTICIPANTS);
    const [cycle] = await database.db
      .insert(cycles)
      .values({ year: 2030, name: "Sifat", frameworkId: framework.id, kind: "evaluation", schedule: {} })
      .returning();
    cycleId = cycle?.id ?? "";
    const created = await database.db
      .insert(assessments)
      .values(orgs.map((o) => ({ cycleId, organizationId: o.id })))
      .returning();
    ids = created.map((a) => a.id);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  /** Replace the participants' stage scores with `all` (participant × stage × rows). */
  async function store(all: readonly (readonly { code: string; level: number | null }[][])[]) {
    await database.db.delete(stageScores).where(inArray(stageScores.assessmentId, ids));
    const rows = all.flatMap((stages, p) =>
      stages.flatMap((list, s) =>
        list.map(({ code, level }) => ({
          assessmentId: ids[p] as string,
          indicatorCode: code,
          stage: LEVEL_STAGES[s] as string,
          level,
          note: "",
        })),
      ),
    );
    if (rows.length > 0) await database.db.insert(stageScores).values(rows);
    return rows;
  }

  it("ranks by headline exactly as core's headline shows each participant", async () => {
    const admin = {
      principal: {
        userId: "00000000-0000-0000-0000-000000000000",
        label: "admin",
        grants: [{ role: "admin" as const, organizationId: null, organizationPath: null }],
      },
      requestId: null,
      address: null,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(participant, fc.constantFrom(...STATES)), {
          minLength: PARTICIPANTS,
          maxLength: PARTICIPANTS,
        }),
        async (all) => {
          const rows = await store(all.map(([stages]) => stages));
          for (const [p, [, state]] of all.entries())
            await database.db
              .update(assessments)
              .set({ state })
              .where(eq(assessments.id, ids[p] as string));
          const ranking = await cycleRanking(
            database.db,
            new Map([[framework.id, framework]]),
            admin,
            cycleId,
            "headline",
          );
          for (const [p, [, state]] of all.entries()) {
            const id = ids[p] as string;
            const h = headline(framework, stageLevels(rows.filter((r) => r.assessmentId === id)), state);
            const item = ranking.items.find((i) => i.assessmentId === id);
            expect(item, id).toMatchObject({
              stage: h.stage,
              label: h.label,
              index: h.complete ? h.indexDisplay : null,
            });
            expect(item?.rank === null, `${id} ranked only when complete`).toBe(!h.complete);
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it("sums every participant at every stage as core's stageLevels says", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(participant, { minLength: PARTICIPANTS, maxLength: PARTICIPANTS }),
        async (all) => {
          const rows = await store(all);
          for (const stage of LEVEL_STAGES) {
            const totals = await stageTotals(database.db, cycleId, framework, stage);
            for (const id of ids) {
              const levels = stageLevels(rows.filter((r) => r.assessmentId === id))[stage];
              const units = Object.entries(levels).reduce(
                (sum, [code, level]) => sum + BigInt(level) * (UNITS.get(code) ?? 0n),
                0n,
              );
              expect(totals.get(id), `${stage} ${id}`).toMatchObject({
                units: units.toString(),
                answered: Object.keys(levels).length,
              });
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
