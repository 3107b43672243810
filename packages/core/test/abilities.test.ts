import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ASSESSMENT_ACTIONS,
  type AssessmentPermissions,
  assessmentAbilities,
  mayAccept,
  moveMissing,
  STATES,
  TRANSITIONS,
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
const nothingMissing = () => [];

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
    const a = assessmentAbilities(ALL, facts("self_assessment"), (op) => moveMissing(f, op, self));
    expect(a.can.submit).toBe(false);
    expect(a.blocked.submit).toEqual({ code: "incomplete", missing: [codes[0]] });
  });

  it("keeps whoever put evidence there from accepting it, unless the instansi allows it", () => {
    expect(mayAccept("u1", "u1", false)).toBe(false);
    expect(mayAccept("u1", "u1", true)).toBe(true);
    expect(mayAccept("u1", "u2", false)).toBe(true);
  });
});
