// Every access decision in Matang is made here, from one declarative table: which roles may
// perform an operation, and whether a role held on an organization covers its subtree or the
// operation needs a national grant. Services call `authorize` once, before anything else.

export const ROLES = [
  "admin",
  "coordinator",
  "operator",
  "internal_assessor",
  "external_assessor",
  "reviewer",
  "leader",
] as const;
export type Role = (typeof ROLES)[number];

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

/** Where an operation applies: an organization (by its path), or nowhere in particular (national). */
export type Target = { readonly path: string } | null;

interface Rule {
  readonly roles: readonly Role[];
  /** "subtree": a grant on an organization covers it and its descendants; "national": only a national grant. */
  readonly scope: "subtree" | "national";
}

const EVERYONE: readonly Role[] = ROLES;

export const POLICY = {
  "organization.read": { roles: EVERYONE, scope: "subtree" },
  "organization.create": { roles: ["admin", "coordinator"], scope: "subtree" },
  "organization.rename": { roles: ["admin", "coordinator"], scope: "subtree" },
  "organization.move": { roles: ["admin"], scope: "subtree" },
  "organization.import": { roles: ["admin"], scope: "national" },
  "user.read": { roles: ["admin", "coordinator"], scope: "subtree" },
  "user.manage": { roles: ["admin"], scope: "subtree" },
  "role.grant": { roles: ["admin"], scope: "subtree" },
  "audit.read": { roles: ["admin", "coordinator"], scope: "subtree" },
  "framework.read": { roles: EVERYONE, scope: "subtree" },
  "framework.manage": { roles: ["admin"], scope: "national" },
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof POLICY;
export const OPERATIONS = Object.keys(POLICY) as Operation[];

function covers(grant: Grant, target: Target, scope: Rule["scope"]): boolean {
  if (grant.organizationPath === null) return true; // national grant
  if (scope === "national") return false;
  // With no particular organization, a grant anywhere lets the holder ask (results are then filtered).
  if (target === null) return true;
  return target.path.startsWith(grant.organizationPath);
}

/** May the principal perform `operation` on `target`? */
export function can(principal: Principal | null, operation: Operation, target: Target): boolean {
  if (!principal) return false;
  const rule: Rule = POLICY[operation];
  return principal.grants.some((g) => rule.roles.includes(g.role) && covers(g, target, rule.scope));
}

/**
 * The organizations (as path prefixes) whose data the principal may see for `operation`:
 * "all" for a national grant, else the roots of the subtrees its grants cover.
 */
export function scopeOf(principal: Principal | null, operation: Operation): "all" | string[] {
  if (!principal) return [];
  const rule: Rule = POLICY[operation];
  const paths: string[] = [];
  for (const g of principal.grants) {
    if (!rule.roles.includes(g.role)) continue;
    if (g.organizationPath === null) return "all";
    if (rule.scope === "subtree") paths.push(g.organizationPath);
  }
  // Drop paths inside others: one prefix test per subtree is enough.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
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
