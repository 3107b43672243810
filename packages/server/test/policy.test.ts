import { describe, expect, it } from "vitest";
import {
  can,
  OPERATIONS,
  type Operation,
  type Principal,
  ROLES,
  type Role,
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
    coordinator: "---",
    operator: "---",
    internal_assessor: "---",
    external_assessor: "---",
    reviewer: "---",
    leader: "---",
  },
  "role.grant": {
    admin: "YY-",
    coordinator: "---",
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
  "framework.read": {
    admin: "YY-",
    coordinator: "YY-",
    operator: "YY-",
    internal_assessor: "YY-",
    external_assessor: "YY-",
    reviewer: "YY-",
    leader: "YY-",
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
};

describe("policy matrix: role × operation × own / descendant / unrelated organization", () => {
  it("covers every operation and role", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...OPERATIONS].sort());
  });
  for (const operation of OPERATIONS) {
    for (const role of ROLES) {
      it(`${role} on a regency: ${operation}`, () => {
        const p = principal(role, K);
        const actual = [K, U, Q].map((path) => (can(p, operation, { path }) ? "Y" : "-")).join("");
        expect(actual).toBe(EXPECTED[operation][role]);
        // The province above is never covered by a grant on the regency.
        expect(can(p, operation, { path: P })).toBe(false);
      });
    }
  }

  it("lets a national admin do everything, anywhere", () => {
    const admin = principal("admin", null);
    for (const operation of OPERATIONS) {
      for (const path of [P, K, U, Q]) expect(can(admin, operation, { path }), operation).toBe(true);
    }
  });

  it("lets a province coordinator see its kabupaten/kota but not another province", () => {
    const coordinator = principal("coordinator", P);
    expect(can(coordinator, "organization.read", { path: K })).toBe(true);
    expect(can(coordinator, "audit.read", { path: U })).toBe(true);
    expect(can(coordinator, "organization.read", { path: Q })).toBe(false);
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
