import { describe, expect, it } from "vitest";
import {
  can,
  OPERATIONS,
  type Operation,
  type Principal,
  ROLES,
  type Role,
  reachOf,
  rolesFor,
  scopeOf,
} from "../src/policy/policy.js";

// A province (P) with a regency (K) and a unit (U) inside it; an unrelated province (Q).
const P = "/p/";
const K = "/p/k/";
const U = "/p/k/u/";
const Q = "/q/";

const principal = (role: Role, path: string | null): Principal => ({
  userId: "u1",
  label: "someone",
  grants: [{ role, organizationId: path, organizationPath: path }],
});

// The expected table, written out by hand: Y = allowed on own organization / a descendant /
// an unrelated organization, for a role granted on the regency K. "-" = denied.
const EXPECTED: Record<Operation, Record<Role, string>> = {
  "organization.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "YY-",
    internal_assessor: "YY-",
    external_assessor: "YY-",
    reviewer: "YY-",
    leader: "YY-",
  },
  "organization.create": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "organization.rename": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "organization.configure": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "organization.move": {
    admin: "YY-",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "organization.import": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "user.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "user.manage": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "role.grant": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "audit.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "framework.manage": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "cycle.read": {
    admin: "YYY",
    coordinator: "YYY",
    operator: "YYY",
    internal_assessor: "YYY",
    external_assessor: "YYY",
    reviewer: "YYY",
    leader: "YYY",
  },
  "cycle.manage": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.enrol": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "assessment.assign": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.submit": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.advance": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.publish": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.reopen": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "assessment.portal": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "checklist.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "checklist.work": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "checklist.manage": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "indicator.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "indicator.propose": {
    admin: "---",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "indicator.consolidate": {
    admin: "---",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "evidence.upload": {
    admin: "---",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "evidence.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "evidence.replace": {
    admin: "---",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "evidence.review": {
    admin: "---",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "stage.score": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "stage.validate": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "---",
  },
  "results.import": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "target.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "target.manage": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "province.view": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "model_answer.manage": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "cycle.export": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "cycle.calibrate": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "---",
    internal_assessor: "YY-",
    external_assessor: "---",
    reviewer: "YY-",
    leader: "YY-",
  },
  "cycle.rank": {
    admin: "---",
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
};

describe("policy matrix: role × operation × own / descendant / unrelated organization", () => {
  it("covers every operation and role", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...OPERATIONS].sort());
  });
  for (const operation of OPERATIONS) {
    for (const role of ROLES) {
      it(`${role} on a regency: ${operation}`, () => {
        const p = principal(role, K);
        // U is a unit of the regency: its instansi is K.
        const targets = [{ path: K }, { path: U, instansiPath: K }, { path: Q }];
        const actual = targets.map((target) => (can(p, operation, target) ? "Y" : "-")).join("");
        expect(actual).toBe(EXPECTED[operation][role]);
        // The province above is never covered by a grant on the regency (cycles are no secret).
        expect(can(p, operation, { path: P })).toBe(operation === "cycle.read");
      });
    }
  }

  it("lets a national admin do everything anywhere, except the instansi's and assessors' own work", () => {
    const admin = principal("admin", null);
    const teamWork = [
      "indicator.propose",
      "indicator.consolidate",
      "evidence.upload",
      "evidence.replace",
      "evidence.review",
    ];
    for (const operation of OPERATIONS) {
      for (const path of [P, K, U, Q])
        expect(can(admin, operation, { path }), operation).toBe(!teamWork.includes(operation));
    }
  });

  it("lets a unit's operator work on the indicators assigned to that unit only", () => {
    const operator = principal("operator", U);
    const assignedToU = { path: K, unitPaths: [U] };
    const assignedElsewhere = { path: K, unitPaths: ["/p/k/other/"] };
    expect(can(operator, "assessment.read", assignedToU)).toBe(true);
    expect(can(operator, "assessment.read", assignedElsewhere)).toBe(false);
    // A regency's operator does not read the province's assessment just by lying inside it.
    expect(can(principal("operator", K), "assessment.read", { path: P, unitPaths: ["/p/unit/"] })).toBe(
      false,
    );
    for (const operation of [
      "assessment.read",
      "indicator.read",
      "indicator.propose",
      "evidence.upload",
    ] as const) {
      expect(can(operator, operation, assignedToU), operation).toBe(true);
      expect(can(operator, operation, assignedElsewhere), operation).toBe(false);
    }
    expect(can(operator, "indicator.consolidate", assignedToU)).toBe(false);
    expect(can(operator, "assessment.submit", { path: K })).toBe(false);
  });

  it("lets an external assessor see and score only the instansi assigned to them", () => {
    for (const assessor of [principal("external_assessor", null), principal("external_assessor", P)]) {
      const assigned = { path: K, assessorIds: [assessor.userId] };
      const other = { path: K, assessorIds: ["someone-else"] };
      for (const operation of [
        "assessment.read",
        "indicator.read",
        "evidence.review",
        "stage.score",
        "assessment.advance",
      ] as const) {
        expect(can(assessor, operation, assigned), operation).toBe(true);
        expect(can(assessor, operation, other), operation).toBe(false);
      }
      expect(can(assessor, "assessment.publish", assigned)).toBe(false);
    }
  });

  it("lets a province coordinator see its kabupaten/kota but not another province", () => {
    const coordinator = principal("coordinator", P);
    expect(can(coordinator, "organization.read", { path: K })).toBe(true);
    expect(can(coordinator, "audit.read", { path: U })).toBe(true);
    expect(can(coordinator, "organization.read", { path: Q })).toBe(false);
  });

  it("lets a province supervise its kabupaten/kota without writing their assessment", () => {
    const province = principal("coordinator", P);
    const regency = { path: K };
    const regencyUnit = { path: U, instansiPath: K };
    // Reads everything below, publishes model answers, sets targets.
    for (const operation of [
      "organization.read",
      "assessment.read",
      "indicator.read",
      "evidence.read",
      "province.view",
      "cycle.calibrate",
      "model_answer.manage",
      "target.manage",
      "user.read",
      "audit.read",
    ] as const)
      expect(can(province, operation, regency), operation).toBe(true);
    // Writes nothing of the regency's own: that needs a grant on the regency itself.
    for (const operation of [
      "organization.rename",
      "assessment.assign",
      "assessment.submit",
      "indicator.propose",
      "indicator.consolidate",
      "evidence.upload",
      "evidence.replace",
      "evidence.review",
    ] as const) {
      expect(can(province, operation, regency), operation).toBe(false);
      expect(can(principal("coordinator", K), operation, regency), operation).toBe(true);
    }
    expect(can(province, "organization.create", regencyUnit)).toBe(false);
    expect(can(province, "organization.rename", regencyUnit)).toBe(false);
    expect(can(principal("coordinator", K), "organization.rename", regencyUnit)).toBe(true);
    // Its own instansi's work it does, as any coordinator.
    expect(can(province, "assessment.submit", { path: P })).toBe(true);
    expect(can(province, "organization.create", { path: P })).toBe(true);
  });

  it("lets an instansi's coordinator give only the instansi's own roles, to its own people", () => {
    const coordinator = principal("coordinator", K);
    const inUnit = (role: Role) => ({ path: U, instansiPath: K, role });
    for (const role of ["coordinator", "operator", "internal_assessor", "leader"] as const) {
      expect(can(coordinator, "role.grant", inUnit(role)), role).toBe(true);
      expect(can(coordinator, "user.manage", inUnit(role)), role).toBe(true);
    }
    // The review team, external assessors and administrators are not the instansi's to appoint,
    // nor may it manage the account of someone who holds such a role there.
    for (const role of ["admin", "reviewer", "external_assessor"] as const) {
      expect(can(coordinator, "role.grant", inUnit(role)), role).toBe(false);
      expect(can(coordinator, "user.manage", inUnit(role)), role).toBe(false);
    }
    expect(rolesFor(coordinator, "role.grant")).toEqual([
      "coordinator",
      "operator",
      "internal_assessor",
      "leader",
    ]);
    expect(rolesFor(principal("admin", null), "role.grant")).toEqual([...ROLES]);
    expect(rolesFor(principal("operator", U), "role.grant")).toEqual([]);
    // A province's coordinator does not appoint people in its regencies.
    expect(can(principal("coordinator", P), "role.grant", { path: K, role: "operator" })).toBe(false);
    expect(can(principal("coordinator", P), "role.grant", { path: P, role: "operator" })).toBe(true);
  });

  it("tells a search where it may look, rule by rule", () => {
    expect(reachOf(principal("admin", null), "evidence.read")).toEqual({
      subtree: "all",
      units: [],
      assessor: false,
    });
    expect(reachOf(principal("coordinator", K), "evidence.read")).toEqual({
      subtree: [K],
      units: [],
      assessor: false,
    });
    // An operator reads what is assigned to its unit; an external assessor what it is assigned to.
    expect(reachOf(principal("operator", U), "evidence.read")).toEqual({
      subtree: [],
      units: [U],
      assessor: false,
    });
    expect(reachOf(principal("external_assessor", null), "evidence.read")).toEqual({
      subtree: [],
      units: [],
      assessor: true,
    });
    expect(reachOf(null, "evidence.read")).toEqual({ subtree: [], units: [], assessor: false });
  });

  it("denies everything without a session", () => {
    for (const operation of OPERATIONS) expect(can(null, operation, { path: K })).toBe(false);
  });

  it("gives the subtrees to filter lists by", () => {
    expect(scopeOf(principal("admin", null), "organization.read")).toBe("all");
    const multi: Principal = {
      userId: "u",
      label: "x",
      grants: [
        { role: "operator", organizationId: "u", organizationPath: U },
        { role: "leader", organizationId: "p", organizationPath: P },
        { role: "reviewer", organizationId: "q", organizationPath: Q },
      ],
    };
    expect(scopeOf(multi, "organization.read")).toEqual([P, Q]);
    expect(scopeOf(multi, "audit.read")).toEqual([]);
    expect(scopeOf(null, "organization.read")).toEqual([]);
  });
});
