import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ASSESSMENT_ACTIONS,
  type AssessmentPermissions,
  assessmentAbilities,
  mayAccept,
  mayCorrect,
  moveMissing,
  moveNeeds,
  reviewNext,
  STATES,
  stageUnscored,
  TRANSITIONS,
  validationOpen,
  verdictAfterCorrection,
  workBlocked,
} from "../src/index.js";
import { fw2020, uniform } from "./helpers.js";

const ALL: AssessmentPermissions = {
  consolidate: true,
  assign: true,
  uploadEvidence: true,
  reviewEvidence: true,
  score: true,
  validate: true,
  submit: true,
  advance: true,
  publish: true,
  reopen: true,
};
const NONE = Object.fromEntries(Object.keys(ALL).map((k) => [k, false])) as unknown as AssessmentPermissions;
const facts = (state: (typeof STATES)[number], stageOpen = true) => ({
  state,
  stageOpen,
  stageEnd: "2026-06-30",
});
const nothingMissing = () => ({ missing: [], validationOpen: [], unscored: [] });

describe("what a caller may do with an assessment now", () => {
  it("never allows what the policy does not permit, and then gives no reason", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.boolean(), (state, open) => {
        const a = assessmentAbilities(NONE, facts(state, open), nothingMissing);
        expect(Object.values(a.can).every((v) => v === false)).toBe(true);
        expect(a.blocked).toEqual({});
        expect(a.moves).toEqual([]);
      }),
    );
  });

  it("allows an action exactly when it is permitted and nothing blocks it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.boolean(), (state, open) => {
        const a = assessmentAbilities(ALL, facts(state, open), nothingMissing);
        for (const action of ASSESSMENT_ACTIONS) {
          // Either it can be done, or something blocks it: never both, never neither.
          expect(a.can[action] !== (a.blocked[action] !== undefined), `${state} ${action}`).toBe(true);
        }
        expect(a.moves.map((m) => m.to).sort()).toEqual(
          TRANSITIONS.filter((t) => t.from === state)
            .map((t) => t.to)
            .sort(),
        );
      }),
    );
  });

  it("keeps the instansi's own work to an open self-assessment, and says why otherwise", () => {
    expect(workBlocked("edit", facts("self_assessment"))).toBeNull();
    expect(workBlocked("edit", facts("self_assessment", false))).toEqual({
      code: "stage_closed",
      end: "2026-06-30",
    });
    expect(workBlocked("edit", facts("submitted"))).toEqual({
      code: "wrong_state",
      states: ["self_assessment"],
    });
    // Evidence is reviewed in every scheduled stage, not while it waits as submitted or once published.
    expect(workBlocked("review", facts("interview"))).toBeNull();
    expect(workBlocked("review", facts("submitted"))?.code).toBe("wrong_state");
    expect(workBlocked("review", facts("published"))?.code).toBe("wrong_state");
  });

  it("names what submitting and publishing still need", () => {
    const f = fw2020();
    const codes = f.indicators.map((i) => i.code);
    const self = Object.entries(uniform(f, 3)).map(([indicatorCode, level]) => ({
      indicatorCode,
      stage: "self",
      level,
      explained: indicatorCode !== codes[0],
    }));
    expect(moveMissing(f, "assessment.submit", self)).toEqual([codes[0]]);
    expect(moveMissing(f, "assessment.publish", self)).toEqual(codes);
    const a = assessmentAbilities(ALL, facts("self_assessment"), (op) =>
      moveNeeds(f, op, "self_assessment", self),
    );
    expect(a.can.submit).toBe(false);
    expect(a.blocked.submit).toEqual({ code: "incomplete", missing: [codes[0]] });
  });

  it("names the indicators a stage did not score, and asks to confirm moving on without them", () => {
    const f = fw2020();
    const codes = f.indicators.map((i) => i.code);
    const rows = codes.slice(0, 3).map((indicatorCode) => ({
      indicatorCode,
      stage: "document",
      level: 2,
      explained: true,
    }));
    const unscored = codes.slice(3);
    expect(stageUnscored(f, "document_review", rows)).toEqual(unscored);
    // The next stage starts with nothing of its own: everything is unscored there.
    expect(stageUnscored(f, "interview", rows)).toEqual(codes);
    // No assessor stage before the review starts, nor in the review itself.
    expect(stageUnscored(f, "submitted", [])).toEqual([]);
    expect(stageUnscored(f, "validation", [])).toEqual([]);
    const a = assessmentAbilities(ALL, facts("document_review"), (op) =>
      moveNeeds(f, op, "document_review", rows),
    );
    expect(a.moves.find((m) => m.to === "interview")).toMatchObject({ direction: "forward", unscored });
    // Going back never asks about scores.
    expect(a.moves.find((m) => m.to === "submitted")).toMatchObject({ direction: "back", unscored: [] });
  });

  it("holds publication while the review has sent a final score back or not yet seen its correction", () => {
    const f = fw2020();
    const codes = f.indicators.map((i) => i.code);
    const finals = codes.map((indicatorCode) => ({
      indicatorCode,
      stage: "final",
      level: 3,
      explained: true,
    }));
    const verdict = (code: string, v: string) => ({
      indicatorCode: code,
      stage: "validation",
      level: null,
      explained: true,
      verdict: v,
    });
    const rows = [
      ...finals,
      verdict(codes[0], "valid"),
      verdict(codes[1], "not_valid"),
      verdict(codes[2], "corrected"),
    ];
    expect(validationOpen(rows)).toEqual([codes[1], codes[2]]);
    const a = assessmentAbilities(ALL, facts("validation"), (op) => moveNeeds(f, op, "validation", rows));
    expect(a.can.publish).toBe(false);
    expect(a.blocked.publish).toEqual({ code: "validation_open", indicators: [codes[1], codes[2]] });
    // Sent back, the assessor acts; corrected or never looked at, the review team; valid, nobody.
    expect([reviewNext("not_valid"), reviewNext("corrected"), reviewNext(null), reviewNext("valid")]).toEqual(
      ["assessor", "review", "review", null],
    );
    // Only what was sent back is corrected, and only while the review is open.
    expect(mayCorrect(facts("validation"), "not_valid")).toBe(true);
    expect(mayCorrect(facts("validation"), "valid")).toBe(false);
    expect(mayCorrect(facts("validation", false), "not_valid")).toBe(false);
    expect(mayCorrect(facts("consolidation"), "not_valid")).toBe(false);
    // A changed final score asks the review team to look again, whatever its verdict was.
    expect(verdictAfterCorrection("valid")).toBe("corrected");
    expect(verdictAfterCorrection("not_valid")).toBe("corrected");
    expect(verdictAfterCorrection(null)).toBeNull();
    const cleared = [...finals, verdict(codes[0], "valid")];
    const b = assessmentAbilities(ALL, facts("validation"), (op) => moveNeeds(f, op, "validation", cleared));
    expect(b.can.publish).toBe(true);
  });

  it("keeps whoever put evidence there from accepting it, unless the instansi allows it", () => {
    expect(mayAccept("u1", "u1", false)).toBe(false);
    expect(mayAccept("u1", "u1", true)).toBe(true);
    expect(mayAccept("u1", "u2", false)).toBe(true);
  });
});
