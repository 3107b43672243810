// Every access decision in Matang is made here, from one declarative table: which roles may
// perform an operation, and whether a role held on an organization covers its subtree or the
// operation needs a national grant. Services call `authorize` once, before anything else.

import { ROLES, type Role } from "@matang/core";

export { ROLES, type Role };

/** A role held on an organization (and everything below it), or nationally (organization null). */
export interface Grant {
  readonly role: Role;
  readonly organizationId: string | null;
  /** The organization's path ("/a/b/"), null for a national grant. */
  readonly organizationPath: string | null;
}

export interface Principal {
  readonly userId: string;
  readonly label: string;
  readonly grants: readonly Grant[];
}

/**
 * Where an operation applies: an organization (by its path), with the facts relations need —
 * the units an indicator (or, for the whole assessment, any indicator) is assigned to, and the
 * assessors assigned to the instansi in the cycle.
 * null: nowhere in particular (a list, filtered afterwards).
 */
export type Target = {
  readonly path: string;
  /**
   * The path of the instansi the target belongs to (itself, or the instansi above a unit);
   * `path` when not given, as for assessments, whose path is their instansi's.
   */
  readonly instansiPath?: string;
  readonly unitPaths?: readonly string[];
  readonly assessorIds?: readonly string[];
  /** For giving a role or managing a person: the role given, or one the person holds. */
  readonly role?: Role;
} | null;

/**
 * How a role held somewhere reaches the target:
 * - subtree: the grant's organization is the target or above it (or the grant is national);
 * - instansi: as subtree, but not across an instansi: the grant is on the target's own instansi
 *   (or inside it). A province's grant reads its kabupaten/kota (subtree) but does not write
 *   their work: a grant on the regency itself does;
 * - national: only a national grant;
 * - any: a grant anywhere (things that are not secret, e.g. the list of cycles);
 * - assigned_unit: the grant covers one of the units the indicator is assigned to;
 * - assigned_assessor: the user is assigned to the instansi in this cycle.
 */
type Scope = "subtree" | "instansi" | "national" | "any" | "assigned_unit" | "assigned_assessor";

interface Rule {
  readonly roles: readonly Role[];
  readonly scope: Scope;
  /** When set, the rule holds only for a target role among these (see Target.role). */
  readonly targetRoles?: readonly Role[];
}

const EVERYONE: readonly Role[] = ROLES;
const READERS: readonly Role[] = ["admin", "coordinator", "internal_assessor", "reviewer", "leader"];
/**
 * The roles an instansi gives its own people. The review team and external assessors work on
 * the evaluation of the instansi, so the instansi does not appoint them; nor administrators.
 */
export const INSTANSI_ROLES: readonly Role[] = ["coordinator", "operator", "internal_assessor", "leader"];

export const POLICY = {
  "organization.read": [{ roles: EVERYONE, scope: "subtree" }],
  // An instansi's coordinator shapes its own units; a province's does not rename its regencies.
  "organization.create": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "organization.rename": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "organization.configure": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "organization.move": [{ roles: ["admin"], scope: "subtree" }],
  "organization.import": [{ roles: ["admin"], scope: "national" }],
  "user.read": [{ roles: ["admin", "coordinator"], scope: "subtree" }],
  // An instansi's coordinator invites, hands over and gives its own roles to its own people.
  "user.manage": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi", targetRoles: INSTANSI_ROLES },
  ],
  "role.grant": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi", targetRoles: INSTANSI_ROLES },
  ],
  "audit.read": [{ roles: ["admin", "coordinator"], scope: "subtree" }],
  "framework.manage": [{ roles: ["admin"], scope: "national" }],
  "cycle.read": [{ roles: EVERYONE, scope: "any" }],
  "cycle.manage": [{ roles: ["admin"], scope: "national" }],
  "assessment.enrol": [{ roles: ["admin"], scope: "national" }],
  "assessment.read": [
    { roles: READERS, scope: "subtree" },
    // An operator reads an assessment through the units its indicators are assigned to.
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["external_assessor"], scope: "assigned_assessor" },
  ],
  // The instansi's own work: only grants on that instansi (never a province's over its regencies).
  "assessment.assign": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "assessment.submit": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "assessment.advance": [
    { roles: ["admin"], scope: "national" },
    { roles: ["external_assessor"], scope: "assigned_assessor" },
  ],
  "assessment.publish": [{ roles: ["admin"], scope: "national" }],
  "assessment.reopen": [{ roles: ["admin"], scope: "national" }],
  // Working with the national portal is the instansi's own: its package out, its upload marks.
  "assessment.portal": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  // The improvement checklist: the instansi reads it; an operator reads and works on the items
  // its unit owns; the instansi's coordinator builds it, assigns, sets due dates and verifies.
  "checklist.read": [
    { roles: READERS, scope: "subtree" },
    { roles: ["operator"], scope: "assigned_unit" },
  ],
  "checklist.work": [
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "checklist.manage": [
    { roles: ["admin"], scope: "subtree" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "indicator.read": [
    { roles: READERS, scope: "subtree" },
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["external_assessor"], scope: "assigned_assessor" },
  ],
  "indicator.propose": [
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "indicator.consolidate": [{ roles: ["coordinator", "internal_assessor"], scope: "instansi" }],
  "evidence.upload": [
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["coordinator", "internal_assessor"], scope: "instansi" },
  ],
  // A piece of evidence as a target: its instansi, the unit that provided it together with the
  // units assigned to the indicators it supports, and the assessors of those assessments.
  "evidence.read": [
    { roles: READERS, scope: "subtree" },
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["external_assessor"], scope: "assigned_assessor" },
  ],
  // A new file version: only the unit that provided the evidence (its unit alone as target) or
  // the instansi's coordinator.
  "evidence.replace": [
    { roles: ["operator"], scope: "assigned_unit" },
    { roles: ["coordinator"], scope: "instansi" },
  ],
  "evidence.review": [
    { roles: ["coordinator", "internal_assessor"], scope: "instansi" },
    { roles: ["external_assessor"], scope: "assigned_assessor" },
  ],
  "stage.score": [
    { roles: ["admin"], scope: "national" },
    { roles: ["external_assessor"], scope: "assigned_assessor" },
  ],
  "stage.validate": [
    { roles: ["admin"], scope: "national" },
    { roles: ["reviewer"], scope: "subtree" },
  ],
  "results.import": [{ roles: ["admin"], scope: "national" }],
  "target.read": [{ roles: READERS, scope: "subtree" }],
  "target.manage": [{ roles: ["admin", "coordinator"], scope: "subtree" }],
  // A province's coordinator and leadership watch its kabupaten/kota side by side.
  "province.view": [{ roles: READERS, scope: "subtree" }],
  "model_answer.manage": [{ roles: ["admin", "coordinator"], scope: "subtree" }],
  "cycle.export": [{ roles: ["admin"], scope: "national" }],
  // Calibration: the whole cycle nationally; a province's (or an instansi's) own for its readers.
  "cycle.calibrate": [{ roles: READERS, scope: "subtree" }],
  // Provisional rankings of a whole cycle are for the national administrators only.
  "cycle.rank": [{ roles: ["admin"], scope: "national" }],
} as const satisfies Record<string, readonly Rule[]>;

export type Operation = keyof typeof POLICY;
export const OPERATIONS = Object.keys(POLICY) as Operation[];

const isNational = (g: Grant) => g.organizationPath === null;

function covers(principal: Principal, grant: Grant, target: Target, scope: Scope): boolean {
  switch (scope) {
    case "any":
      return true;
    case "national":
      return isNational(grant);
    case "assigned_assessor":
      // For a list (no particular target) the assessor may ask; the list is filtered to assignments.
      return target === null || (target.assessorIds?.includes(principal.userId) ?? false);
    default:
      break;
  }
  if (isNational(grant)) return true;
  const path = grant.organizationPath ?? "";
  // With no particular organization, a grant anywhere lets the holder ask (results are then filtered).
  if (target === null) return true;
  if (scope === "subtree") return target.path.startsWith(path);
  if (scope === "instansi")
    return target.path.startsWith(path) && path.startsWith(target.instansiPath ?? target.path);
  return target.unitPaths?.some((unit) => unit.startsWith(path)) ?? false;
}

/** May the principal perform `operation` on `target`? */
export function can(principal: Principal | null, operation: Operation, target: Target): boolean {
  if (!principal) return false;
  const rules: readonly Rule[] = POLICY[operation];
  return rules.some(
    (rule) =>
      (!rule.targetRoles || !target?.role || rule.targetRoles.includes(target.role)) &&
      principal.grants.some((g) => rule.roles.includes(g.role) && covers(principal, g, target, rule.scope)),
  );
}

/**
 * The roles the principal may name somewhere in `operation` (e.g. give with role.grant): the
 * organizations chosen are checked when it is done.
 */
export function rolesFor(principal: Principal | null, operation: Operation): Role[] {
  if (!principal) return [];
  const rules: readonly Rule[] = POLICY[operation];
  return ROLES.filter((role) =>
    rules.some(
      (rule) =>
        (!rule.targetRoles || rule.targetRoles.includes(role)) &&
        principal.grants.some((g) => rule.roles.includes(g.role)),
    ),
  );
}

/**
 * The organizations (as path prefixes) whose data the principal may see for `operation` through
 * subtree rules: "all" for a national grant, else the roots of the subtrees its grants cover.
 * Relations (assigned units and assessors) are resolved by the services that list such data.
 */
export function scopeOf(principal: Principal | null, operation: Operation): "all" | string[] {
  if (!principal) return [];
  const rules: readonly Rule[] = POLICY[operation];
  const paths: string[] = [];
  for (const rule of rules) {
    for (const g of principal.grants) {
      if (!rule.roles.includes(g.role)) continue;
      if (rule.scope === "any") return "all";
      if (isNational(g) && rule.scope !== "assigned_assessor") return "all";
      if (rule.scope === "subtree" && g.organizationPath) paths.push(g.organizationPath);
    }
  }
  // Drop paths inside others: one prefix test per subtree is enough.
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/**
 * Everything a list for `operation` may reach, rule by rule, for a search to filter by in SQL:
 * the subtrees of subtree and instansi rules ("all" for a national grant), the units of
 * assigned_unit rules (the list keeps what is assigned to a unit inside them) and whether
 * assessor assignments count. Each row found is still checked with `can`.
 */
export function reachOf(
  principal: Principal | null,
  operation: Operation,
): { subtree: "all" | string[]; units: string[]; assessor: boolean } {
  if (!principal) return { subtree: [], units: [], assessor: false };
  const rules: readonly Rule[] = POLICY[operation];
  const subtree: string[] = [];
  const units: string[] = [];
  let assessor = false;
  for (const rule of rules) {
    for (const g of principal.grants) {
      if (!rule.roles.includes(g.role)) continue;
      if (rule.scope === "assigned_assessor") assessor = true;
      else if (rule.scope === "any" || rule.scope === "national" || isNational(g)) {
        if (rule.scope === "any" || isNational(g)) return { subtree: "all", units: [], assessor: false };
      } else if (rule.scope === "assigned_unit") units.push(g.organizationPath ?? "");
      else subtree.push(g.organizationPath ?? "");
    }
  }
  const roots = (paths: string[]) =>
    [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  return { subtree: roots(subtree), units: roots(units), assessor };
}

export class AccessDenied extends Error {
  constructor(
    readonly operation: Operation,
    readonly authenticated: boolean,
  ) {
    super(authenticated ? `not allowed: ${operation}` : "not logged in");
    this.name = "AccessDenied";
  }
}

/** Throw AccessDenied unless `can`. */
export function authorize(
  principal: Principal | null,
  operation: Operation,
  target: Target,
): asserts principal is Principal {
  if (!can(principal, operation, target)) throw new AccessDenied(operation, principal !== null);
}
