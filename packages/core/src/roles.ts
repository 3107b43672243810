/**
 * The roles a grant can give, for the server's policy (which decides what each may do), its API
 * schemas and the web's forms alike.
 */
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
