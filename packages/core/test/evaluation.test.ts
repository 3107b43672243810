import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ASSESSOR_STAGE_OF_STATE,
  headline,
  LEVEL_STAGES,
  type LevelStage,
  STATE_LABELS,
  STATES,
  type State,
  score,
  stageLevels,
  stagesBehind,
  startingLevel,
  TRANSITIONS,
} from "../src/index.js";
import { fw2020, uniform } from "./helpers.js";

const rowsOf = (stage: string, levels: Record<string, number>) =>
  Object.entries(levels).map(([indicatorCode, level]) => ({ indicatorCode, stage, level }));

describe("the evaluation's rules", () => {
  it("lets a later assessor stage keep what an earlier one set, and the self-assessment stand alone", () => {
    const f = fw2020();
    const rows = [
      ...rowsOf("self", uniform(f, 4)),
      ...rowsOf("document", uniform(f, 2)),
      { indicatorCode: "1", stage: "interview", level: 3 },
      { indicatorCode: "2", stage: "final", level: 5 },
      { indicatorCode: "3", stage: "final", level: null },
    ];
    const levels = stageLevels(rows);
    expect(levels.self["1"]).toBe(4);
    expect(levels.document["1"]).toBe(2);
    expect(levels.interview["1"]).toBe(3);
    expect(levels.visit["1"]).toBe(3);
    expect(levels.final["1"]).toBe(3);
    expect(levels.final["2"]).toBe(5);
    // A cleared score does not hide the earlier one.
    expect(levels.final["3"]).toBe(2);
    expect(stagesBehind("self")).toEqual(["self"]);
    expect(stagesBehind("visit")).toEqual(["document", "interview", "visit"]);
  });

  it("starts an assessor's form from what the stage holds, else the instansi's claim", () => {
    expect(startingLevel({ self: 4 }, "document")).toBe(4);
    expect(startingLevel({ self: 4, document: 2 }, "interview")).toBe(2);
    expect(startingLevel({ self: 4, document: 2, interview: 3 }, "final")).toBe(3);
    expect(startingLevel({ self: 4, document: 2, final: 1 }, "visit")).toBe(2);
    expect(startingLevel({}, "final")).toBeNull();
    expect(ASSESSOR_STAGE_OF_STATE).toEqual({
      document_review: "document",
      interview: "interview",
      visit: "visit",
      consolidation: "final",
      validation: "validation",
    });
  });

  it("names every state in Bahasa Indonesia and English, and moves only between known states", () => {
    for (const s of STATES) expect(STATE_LABELS[s].id && STATE_LABELS[s].en).toBeTruthy();
    for (const t of TRANSITIONS) expect(STATES.includes(t.from) && STATES.includes(t.to)).toBe(true);
  });
});

describe("the headline figure", () => {
  const f = fw2020();
  const all = (level: number) => uniform(f, level);

  it("is the self-assessment's range while it is incomplete, labelled as a range", () => {
    const h = headline(f, stageLevels(rowsOf("self", { "1": 3 })), "self_assessment");
    expect(h.complete).toBe(false);
    expect(h.stage).toBe("self");
    expect(h.label.id).toBe("Rentang indeks — belum lengkap");
    expect(h.answered).toBe(1);
    expect(h.index).toBeNull();
    expect(Number(h.floorDisplay)).toBeLessThan(Number(h.ceilingDisplay));
  });

  it("follows the assessment: self until the document review is complete, then each stage, final once published", () => {
    const self = rowsOf("self", all(3));
    const document = rowsOf("document", all(2));
    const at = (rows: typeof self, state: State) => headline(f, stageLevels(rows), state);

    expect(at(self, "submitted")).toMatchObject({ stage: "self", indexDisplay: "3.00" });
    expect(at(self, "submitted").label.id).toBe("Indeks sementara — penilaian mandiri");
    // The predicate in both languages, as the framework names it (the web shows the user's).
    expect(at(self, "submitted")).toMatchObject({
      predicate: "Baik",
      predicateName: { id: "Baik", en: "Good" },
    });
    expect(at(rowsOf("self", { "1": 3 }), "self_assessment").predicateName).toBeNull();
    // Half a document review does not replace a complete self-assessment.
    expect(at([...self, ...document.slice(0, 5)], "document_review").stage).toBe("self");
    expect(at([...self, ...document], "document_review")).toMatchObject({
      stage: "document",
      indexDisplay: "2.00",
    });
    expect(at([...self, ...document], "document_review").label.id).toBe("Indeks hasil penilaian dokumen");
    // The interview inherits the document review: complete as soon as it starts.
    expect(at([...self, ...document], "interview").label.id).toBe("Indeks hasil wawancara");
    const final = [...self, ...document, { indicatorCode: "1", stage: "final", level: 5 }];
    expect(at(final, "consolidation").label.id).toBe("Indeks hasil konsolidasi");
    expect(at(final, "validation").label.id).toBe("Indeks hasil konsolidasi");
    const published = at(final, "published");
    expect(published.label).toEqual({ id: "Indeks akhir", en: "Final index" });
    expect(published.index).toBe(score(f, stageLevels(final).final).index);
    // Never a stage the state has not reached, even when inheritance makes it complete.
    expect(at([...self, ...document], "document_review").stage).not.toBe("final");
  });

  it("is always the score of one reached stage, complete when any reached stage is", () => {
    const stage = fc.constantFrom(...LEVEL_STAGES);
    const row = fc.record({
      indicatorCode: fc.constantFrom(...f.indicators.map((i) => i.code)),
      stage,
      level: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 400 }), fc.constantFrom(...STATES), (rows, state) => {
        const levels = stageLevels(rows);
        const h = headline(f, levels, state);
        const s = score(f, levels[h.stage as LevelStage]);
        expect(h.index).toBe(s.index);
        expect(h.floorDisplay).toBe(s.floorDisplay);
        const reached = LEVEL_STAGES.filter((x) => LEVEL_STAGES.indexOf(x) <= LEVEL_STAGES.indexOf(h.stage));
        const anyComplete = reached.some((x) => score(f, levels[x]).complete);
        if (anyComplete) expect(h.complete).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
