// Who may do what, endpoint by endpoint: every operation of the OpenAPI document is called by
// every role (granted on a city K) on K's own objects, on objects below K (its unit U), on an
// unrelated city's objects (K2), and without a session, and the outcome is compared with a table
// written by hand. A new endpoint without a row fails the test; so does any response that
// carries an unrelated organization's data.
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assessments,
  checklistItems,
  cycleAssessors,
  cycles,
  evidence,
  evidenceLinks,
  indicatorAssignments,
  roleGrants,
} from "../src/db/schema.js";
import { ROLES, type Role } from "../src/policy/policy.js";
import {
  addUser,
  appFor,
  client,
  ENGINES,
  multipart,
  PASSWORD,
  seededDatabase,
  TEST_ADMIN,
  type TestDatabase,
} from "./harness.js";

const FRAMEWORK = "permenpanrb-59-2020";

type Variant = "own" | "descendant" | "unrelated";
const VARIANTS: Variant[] = ["own", "descendant", "unrelated"];

/** The objects of one side of the world: K's (own), U's (descendant) or K2's (unrelated). */
interface Side {
  org: string;
  assessment: string;
  evidence: string;
  link: string;
  unit: string;
  user: string;
  grant: string;
  checklistItem: string;
}

interface Request {
  url: string;
  body?: unknown;
  multipart?: ReturnType<typeof multipart>;
  csv?: string;
  headers?: Record<string, string>;
}

/**
 * Per endpoint: how to call it on one side, and what each role may do there, as three characters
 * for own / descendant / unrelated: Y allowed, - refused (401/403), . not applicable (the
 * endpoint is not about an organization that can lie below K). `anonymous`: allowed without a
 * session. `public`: its data is for everyone (no leak check).
 */
interface Row {
  call(side: Side, world: World): Request;
  roles: Record<Role, string>;
  anonymous: boolean;
  public?: boolean;
}

interface World {
  own: Side;
  descendant: Side;
  unrelated: Side;
  cycle: string;
  unrelatedIds: string[];
}

/** Roles written once for rows where every role is the same. */
const all = (v: string): Record<Role, string> =>
  Object.fromEntries(ROLES.map((r) => [r, v])) as Record<Role, string>;
const only = (v: string, allowed: Role[], otherwise: string): Record<Role, string> =>
  Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? v : otherwise])) as Record<Role, string>;
const READERS: Role[] = ["admin", "coordinator", "internal_assessor", "reviewer", "leader"];
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n");

const TABLE: Record<string, Row> = {
  // --- public and session endpoints
  "GET /api/health": {
    call: () => ({ url: "/api/health" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "GET /api/public/results": {
    call: () => ({ url: "/api/public/results" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "GET /api/public/results.csv": {
    call: () => ({ url: "/api/public/results.csv" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "GET /api/public/results.xlsx": {
    call: () => ({ url: "/api/public/results.xlsx" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "GET /api/public/results/years": {
    call: () => ({ url: "/api/public/results/years" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "POST /api/auth/login": {
    // A new unknown e-mail each time: repeated failures for one would lock it (423) like any account.
    call: () => ({
      url: "/api/auth/login",
      body: { email: `nobody${Math.random()}@uji.id`, password: "salah-sekali" },
    }),
    // A wrong password answers 401 to everyone: the login itself is open to all.
    roles: all("-.."),
    anonymous: false,
    public: true,
  },
  "GET /api/auth/session": { call: () => ({ url: "/api/auth/session" }), roles: all("Y.."), anonymous: true },
  "GET /api/auth/me": { call: () => ({ url: "/api/auth/me" }), roles: all("Y.."), anonymous: false },
  "POST /api/auth/logout": { call: () => ({ url: "/api/auth/logout" }), roles: all("Y.."), anonymous: false },
  "POST /api/auth/password": {
    // The same password again: refused as a choice (400), not as a permission.
    call: () => ({ url: "/api/auth/password", body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
    roles: all("Y.."),
    anonymous: false,
  },
  "GET /api/auth/tokens": { call: () => ({ url: "/api/auth/tokens" }), roles: all("Y.."), anonymous: false },
  "DELETE /api/auth/tokens/{id}": {
    // Someone else's (or no) token is simply not among one's own: 404, never a revocation.
    call: (s) => ({ url: `/api/auth/tokens/${s.grant}` }),
    roles: all("Y.."),
    anonymous: false,
  },
  "POST /api/auth/tokens": {
    call: () => ({ url: "/api/auth/tokens", body: { name: "uji" } }),
    roles: all("Y.."),
    anonymous: false,
  },
  "GET /api/notifications": {
    call: () => ({ url: "/api/notifications" }),
    roles: all("Y.."),
    anonymous: false,
  },
  "GET /api/notifications/count": {
    call: () => ({ url: "/api/notifications/count" }),
    roles: all("Y.."),
    anonymous: false,
  },
  "POST /api/notifications/read": {
    call: () => ({ url: "/api/notifications/read", body: { ids: [] } }),
    roles: all("Y.."),
    anonymous: false,
  },
  // --- frameworks: the regulation is public text; only national administrators add one
  "GET /api/frameworks": {
    call: () => ({ url: "/api/frameworks" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "GET /api/framework-mappings": {
    call: () => ({ url: "/api/framework-mappings" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "GET /api/frameworks/{id}": {
    call: () => ({ url: `/api/frameworks/${FRAMEWORK}` }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "POST /api/frameworks": {
    call: () => ({ url: "/api/frameworks", body: { id: "x" } }),
    roles: all("-.."),
    anonymous: false,
  },
  // --- organizations
  "GET /api/organizations": {
    call: () => ({ url: "/api/organizations" }),
    roles: all("Y.."),
    anonymous: false,
  },
  "POST /api/organizations": {
    call: (s) => ({
      url: "/api/organizations",
      body: { kind: "unit", name: `Bidang ${Math.random()}`, parentId: s.org },
    }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "POST /api/organizations/import": {
    call: () => ({
      url: "/api/organizations/import",
      csv: "instansi,type,region\nKota Baru,kota,Provinsi A\n",
    }),
    roles: all("-.."),
    anonymous: false,
  },
  "GET /api/organizations/{id}": {
    call: (s) => ({ url: `/api/organizations/${s.org}` }),
    roles: all("YY-"),
    anonymous: false,
  },
  "PATCH /api/organizations/{id}": {
    call: (s) => ({ url: `/api/organizations/${s.org}`, body: { name: "Nama Baru", version: 999 } }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "PUT /api/organizations/{id}/settings": {
    call: (s) => ({
      url: `/api/organizations/${s.org}/settings`,
      body: { allowSelfAcceptance: false, version: 999 },
    }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "POST /api/organizations/{id}/move": {
    call: (s, w) => ({
      url: `/api/organizations/${s.org}/move`,
      body: { parentId: w.own.org, version: 999 },
    }),
    roles: only("YY-", ["admin"], "---"),
    anonymous: false,
  },
  "GET /api/organizations/{id}/history": {
    call: (s) => ({ url: `/api/organizations/${s.org}/history` }),
    roles: all("YY-"),
    anonymous: false,
  },
  "GET /api/organizations/{id}/province": {
    call: (s) => ({ url: `/api/organizations/${s.org}/province` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "GET /api/organizations/{id}/province.xlsx": {
    call: (s) => ({ url: `/api/organizations/${s.org}/province.xlsx` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "GET /api/organizations/{id}/targets": {
    call: (s) => ({ url: `/api/organizations/${s.org}/targets` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "GET /api/organizations/{id}/targets/{year}": {
    call: (s) => ({ url: `/api/organizations/${s.org}/targets/2026` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "PUT /api/organizations/{id}/targets/{year}": {
    call: (s) => ({ url: `/api/organizations/${s.org}/targets/2026`, body: { index: "3.00", version: 999 } }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "GET /api/organizations/{id}/model-answers": {
    call: (s) => ({ url: `/api/organizations/${s.org}/model-answers?framework=${FRAMEWORK}` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "PUT /api/organizations/{id}/model-answers/{frameworkId}/{code}": {
    call: (s) => ({
      url: `/api/organizations/${s.org}/model-answers/${FRAMEWORK}/1`,
      body: { explanation: "Contoh", evidenceKinds: [], version: 999 },
    }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "DELETE /api/organizations/{id}/model-answers/{frameworkId}/{code}": {
    call: (s) => ({ url: `/api/organizations/${s.org}/model-answers/${FRAMEWORK}/1?version=1` }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  // --- users and the audit log
  "GET /api/users": {
    call: () => ({ url: "/api/users" }),
    roles: only("Y..", ["admin", "coordinator"], "-.."),
    anonymous: false,
  },
  "POST /api/users": {
    call: (s) => ({
      url: "/api/users",
      body: {
        email: `baru${Math.random()}@uji.id`,
        name: "Baru",
        grants: [{ role: "leader", organizationId: s.org }],
      },
    }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  // Before the grant rows below: managing a user is judged by the grants they hold.
  // A successor that does not exist: who may hand over gets 404 after the access check, nothing moves.
  "POST /api/users/{id}/handover": {
    call: (s) => ({
      url: `/api/users/${s.user}/handover`,
      body: { successorId: "00000000-0000-4000-8000-000000000000" },
    }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "POST /api/users/invitations": {
    call: (s) => ({
      url: "/api/users/invitations",
      body: {
        email: `undangan${Math.random()}@uji.id`,
        name: "Diundang",
        grants: [{ role: "leader", organizationId: s.org }],
      },
    }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  // The link is the credential: anyone holding it may use it (an unknown one answers 404).
  "GET /api/invitations/{token}": {
    call: () => ({ url: `/api/invitations/${"x".repeat(43)}` }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "POST /api/invitations/{token}": {
    call: () => ({
      url: `/api/invitations/${"x".repeat(43)}`,
      body: { password: "sandi-baru-yang-panjang" },
    }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  "POST /api/users/{id}/unlock": {
    call: (s) => ({ url: `/api/users/${s.user}/unlock` }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "GET /api/users/{id}/tokens": {
    call: (s) => ({ url: `/api/users/${s.user}/tokens` }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "DELETE /api/users/{id}/tokens/{tokenId}": {
    call: (s) => ({ url: `/api/users/${s.user}/tokens/${s.grant}` }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "POST /api/users/{id}/grants": {
    call: (s) => ({ url: `/api/users/${s.user}/grants`, body: { role: "leader", organizationId: s.org } }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "DELETE /api/users/{id}/grants/{grantId}": {
    call: (s) => ({ url: `/api/users/${s.user}/grants/${s.grant}` }),
    roles: only("YY-", ["admin", "coordinator"], "---"),
    anonymous: false,
  },
  "GET /api/audit": {
    call: () => ({ url: "/api/audit" }),
    roles: only("Y..", ["admin", "coordinator"], "-.."),
    anonymous: false,
  },
  // --- cycles: no secret; run by national administrators
  "GET /api/cycles": { call: () => ({ url: "/api/cycles" }), roles: all("Y.."), anonymous: false },
  "PUT /api/cycles/{id}": {
    call: (_s, w) => ({ url: `/api/cycles/${w.cycle}`, body: { name: "Uji", schedule: {}, version: 999 } }),
    roles: all("-.."),
    anonymous: false,
  },
  "POST /api/cycles": {
    call: () => ({
      url: "/api/cycles",
      body: { year: 2027, name: "Uji", frameworkId: FRAMEWORK, kind: "evaluation", schedule: {} },
    }),
    roles: all("-.."),
    anonymous: false,
  },
  "GET /api/cycles/{id}": {
    call: (_s, w) => ({ url: `/api/cycles/${w.cycle}` }),
    roles: all("Y.."),
    anonymous: false,
  },
  "POST /api/cycles/{id}/participants": {
    call: (s, w) => ({ url: `/api/cycles/${w.cycle}/participants`, body: { organizationIds: [s.org] } }),
    roles: all("---"),
    anonymous: false,
  },
  "POST /api/cycles/{id}/assessors": {
    call: (s, w) => ({
      url: `/api/cycles/${w.cycle}/assessors`,
      body: { userId: s.user, organizationId: s.org },
    }),
    roles: all("---"),
    anonymous: false,
  },
  "GET /api/cycles/{id}/export.xlsx": {
    call: (_s, w) => ({ url: `/api/cycles/${w.cycle}/export.xlsx` }),
    roles: all("-.."),
    anonymous: false,
  },
  // The whole cycle is national; an instansi's own calibration is for its readers.
  "GET /api/cycles/{id}/calibration": {
    call: (s, w) => ({ url: `/api/cycles/${w.cycle}/calibration?organization=${s.org}` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "GET /api/cycles/{id}/calibration.xlsx": {
    call: (s, w) => ({ url: `/api/cycles/${w.cycle}/calibration.xlsx?organization=${s.org}` }),
    roles: only("YY-", READERS, "---"),
    anonymous: false,
  },
  "GET /api/cycles/{id}/ranking": {
    call: (_s, w) => ({ url: `/api/cycles/${w.cycle}/ranking` }),
    roles: all("-.."),
    anonymous: false,
  },
  "POST /api/results/import": {
    call: () => ({ url: "/api/results/import", body: { csv: "x" } }),
    roles: all("-.."),
    anonymous: false,
  },
  "GET /api/results/years": {
    call: () => ({ url: "/api/results/years" }),
    roles: all("-.."),
    anonymous: false,
  },
  "POST /api/results/years/{year}/publish": {
    call: () => ({ url: "/api/results/years/2023/publish" }),
    roles: all("-.."),
    anonymous: false,
  },
  "DELETE /api/results/{year}/{organizationId}": {
    call: (s) => ({ url: `/api/results/2023/${s.org}` }),
    roles: all("-.."),
    anonymous: false,
  },
  // --- assessments (there is no assessment below a city: the middle column does not apply)
  "GET /api/assessments": { call: () => ({ url: "/api/assessments" }), roles: all("Y.."), anonymous: false },
  "GET /api/assessments/{id}": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/indicators": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/indicators` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/evidence-reading": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/evidence-reading` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/history": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/history` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/minutes.pdf": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/minutes.pdf` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/report.pdf": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/report.pdf` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/export.xlsx": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/export.xlsx` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/indicators/{code}/thread": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/indicators/1/thread` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/indicators/{code}/previous": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/indicators/1/previous` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/indicators/{code}/model-answers": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/indicators/1/model-answers` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/indicators/{code}/comments": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/indicators/1/comments`,
      body: { body: "Catatan" },
    }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/indicators/{code}/assignments": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/indicators/2/assignments`,
      body: { units: [{ unitId: s.unit, dueDate: null }], version: 999 },
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/indicators/{code}/units/{unitId}": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/indicators/1/units/${s.unit}`,
      body: { level: 3, explanation: "Usulan", status: "in_progress", version: 999 },
    }),
    roles: only("Y.-", ["coordinator", "operator"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/indicators/{code}/answer": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/indicators/1/answer`,
      body: { level: 3, explanation: "Jawaban", version: 999 },
    }),
    roles: only("Y.-", ["coordinator", "internal_assessor"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/indicators/{code}/return": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/indicators/1/return`,
      body: { unitId: s.unit, note: "Lengkapi" },
    }),
    roles: only("Y.-", ["coordinator", "internal_assessor"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/indicators/{code}/stages/{stage}": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/indicators/1/stages/document`,
      body: { level: 3, note: "", version: 999 },
    }),
    roles: only("Y.-", ["external_assessor"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/transitions": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/transitions`, body: { to: "submitted" } }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/reopen": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/reopen`, body: { days: 1 } }),
    roles: all("-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/copy-forward": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/copy-forward`, body: {} }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/portal/package": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/portal/package` }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/portal/package.zip": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/portal/package.zip` }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/portal/uploads/{code}": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/portal/uploads/1`,
      body: { uploaded: true, version: 0 },
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/official": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/official` }),
    // The whole instansi's official figures: not a unit's (it sees its items' verdicts in the list).
    roles: only("Y.-", [...READERS, "external_assessor"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/official/import": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/official/import`,
      body: { stage: "interim", asOf: "2026-09-20", text: "1\t2", dryRun: true },
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/official/import.xlsx": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/official/import.xlsx`,
      multipart: multipart(
        { stage: "interim", asOf: "2026-09-20", dryRun: "1" },
        { name: "hasil.xlsx", type: "application/octet-stream", content: PDF },
      ),
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/official/template.xlsx": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/official/template.xlsx` }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/clarification": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/clarification` }),
    roles: only("Y.-", [...READERS, "external_assessor"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/clarification/brief.pdf": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/clarification/brief.pdf` }),
    roles: only("Y.-", [...READERS, "external_assessor"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/clarification/indicators/{code}": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/clarification/indicators/1`,
      body: {
        responderUnitId: null,
        responderName: "",
        attendees: "",
        slot: "",
        rebuttal: "Jawaban.",
        evidenceIds: [],
        status: "to_prepare",
        outcome: "",
        itemOutcomes: {},
        version: 0,
      },
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/clarification/session": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/clarification/session`,
      body: { date: "2026-09-23", place: "Zoom", version: 0 },
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/evaluation": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evaluation`,
      body: { evaluated: true, reason: null, version: 1 },
    }),
    // Who is evaluated in a cycle is national business (as enrolment is).
    roles: all("-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/checklist": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/checklist` }),
    roles: only("Y.-", [...READERS, "operator"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/checklist": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/checklist`, body: {} }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/checklist.xlsx": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/checklist.xlsx` }),
    roles: only("Y.-", [...READERS, "operator"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/checklist.pdf": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/checklist.pdf` }),
    roles: only("Y.-", [...READERS, "operator"], "-.-"),
    anonymous: false,
  },
  "GET /api/checklist/mine": {
    call: () => ({ url: "/api/checklist/mine" }),
    roles: all("Y.."),
    anonymous: false,
  },
  "PATCH /api/checklist/{id}": {
    call: (s) => ({ url: `/api/checklist/${s.checklistItem}`, body: { status: "in_progress", version: 1 } }),
    roles: only("Y.-", ["admin", "coordinator", "operator"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/evidence": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evidence`,
      multipart: multipart(
        { indicator: "1", level: "1", title: "Bukti" },
        { name: "b.pdf", type: "application/pdf", content: PDF },
      ),
    }),
    roles: only("Y.-", ["coordinator", "operator", "internal_assessor"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/evidence-links": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evidence-links`,
      body: { indicator: "1", level: 2, url: "https://contoh.go.id/dokumen", title: "Tautan" },
    }),
    roles: only("Y.-", ["coordinator", "operator", "internal_assessor"], "-.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/evidence-links/{linkId}/review": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evidence-links/${s.link}/review`,
      body: { review: "accepted", version: 999 },
    }),
    roles: only("Y.-", ["coordinator", "internal_assessor", "external_assessor"], "-.-"),
    anonymous: false,
  },
  // A link that does not exist: whoever may replace evidence there gets 404, the rest 403.
  "DELETE /api/assessments/{id}/evidence-links/{linkId}": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evidence-links/00000000-0000-4000-8000-000000000000`,
    }),
    roles: only("Y.-", ["coordinator", "operator"], "-.-"),
    anonymous: false,
  },
  // Evidence items and external indices: the test assessment's framework has neither, so a
  // permitted caller gets 404 for the item or index, never 403.
  "GET /api/assessments/{id}/items": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/items` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/items/{item}/assignment": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/items/I1-L1-01/assignment`,
      body: { unitId: s.unit, dueDate: null, version: 999 },
    }),
    roles: only("Y.-", ["admin", "coordinator"], "-.-"),
    anonymous: false,
  },
  "POST /api/assessments/{id}/evidence/zip": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evidence/zip`,
      multipart: multipart({}, { name: "bukti.zip", type: "application/zip", content: PDF }),
    }),
    // Reading the assessment is the gate (each file is then checked against its item's indicator).
    roles: all("Y.-"),
    anonymous: false,
  },
  // Resumable uploads: beginning one is checked like any upload's room (reading the assessment);
  // an upload is its owner's alone (anyone else, like a caller naming none, gets 404).
  "POST /api/uploads": {
    call: (s) => ({
      url: "/api/uploads",
      headers: {
        "tus-resumable": "1.0.0",
        "upload-length": "10",
        "upload-metadata": `filename ${btoa("a.pdf")},assessment ${btoa(s.assessment)}`,
      },
    }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "PATCH /api/uploads/{uploadId}": {
    call: () => ({
      url: `/api/uploads/${"0".repeat(32)}`,
      headers: { "tus-resumable": "1.0.0", "upload-offset": "0" },
    }),
    roles: all("Y.."),
    anonymous: false,
  },
  "DELETE /api/uploads/{uploadId}": {
    call: () => ({ url: `/api/uploads/${"0".repeat(32)}`, headers: { "tus-resumable": "1.0.0" } }),
    roles: all("Y.."),
    anonymous: false,
  },
  "POST /api/assessments/{id}/evidence/resumable": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/evidence/resumable`,
      body: { upload: "0".repeat(32), indicator: "1", level: 1, title: "Perwal" },
    }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/external-indices": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/external-indices` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "PUT /api/assessments/{id}/external-indices/{code}": {
    call: (s) => ({
      url: `/api/assessments/${s.assessment}/external-indices/SDI`,
      body: { value: 40, measuredOn: "2026-01-01", version: 999 },
    }),
    roles: only("Y.-", ["coordinator", "internal_assessor"], "-.-"),
    anonymous: false,
  },
  "GET /api/assessments/{id}/external-indices/{code}/effect": {
    call: (s) => ({ url: `/api/assessments/${s.assessment}/external-indices/SDI/effect?value=40` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "POST /api/external-indices/import": {
    call: (_s, w) => ({
      url: "/api/external-indices/import",
      body: { cycleId: w.cycle, csv: "instansi,index,value,measured_on\n" },
    }),
    roles: all("-.."),
    anonymous: false,
  },
  "GET /api/evidence/accepted-types": {
    call: () => ({ url: "/api/evidence/accepted-types" }),
    roles: all("Y.."),
    anonymous: true,
    public: true,
  },
  // Anyone with a role may search: the answer holds only what the searcher may read (the leak
  // check below holds it to that), in any organization asked for.
  "GET /api/evidence/search": {
    call: (s) => ({ url: `/api/evidence/search?q=bukti&organization=${s.org}` }),
    roles: all("YYY"),
    anonymous: false,
  },
  "GET /api/evidence/{id}": {
    call: (s) => ({ url: `/api/evidence/${s.evidence}` }),
    roles: all("Y.-"),
    anonymous: false,
  },
  "GET /api/evidence/{id}/content": {
    call: (s) => ({ url: `/api/evidence/${s.evidence}/content` }),
    roles: all("Y.-"),
    anonymous: false,
  },
};

describe.each(ENGINES)("authorization of every endpoint on %s", (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  const sessions = new Map<Role, Awaited<ReturnType<typeof client>>>();

  beforeAll(async () => {
    database = await seededDatabase(engine, { registry: false });
    app = await appFor(database);
    const root = await client(app, TEST_ADMIN.email, TEST_ADMIN.password);
    const make = async (kind: string, name: string, parentId?: string) =>
      (
        await root.call("POST", "/api/organizations", { kind, name, ...(parentId ? { parentId } : {}) })
      ).json().id as string;
    const p = await make("provinsi", "Provinsi A");
    const k = await make("kota", "Kota K", p);
    const u = await make("unit", "Dinas U", k);
    const q = await make("provinsi", "Provinsi B");
    const k2 = await make("kota", "Kota K2", q);
    const u2 = await make("unit", "Dinas U2", k2);
    const open = { start: "2026-01-01", end: "2099-12-31" };
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        year: 2026,
        name: "Uji",
        frameworkId: FRAMEWORK,
        kind: "evaluation",
        schedule: { self_assessment: open, document_review: open },
      })
      .returning();
    const cycleId = cycle?.id ?? "";
    const side = async (org: string, unit: string, label: string): Promise<Side> => {
      const [a] = await database.db.insert(assessments).values({ cycleId, organizationId: org }).returning();
      await database.db
        .insert(indicatorAssignments)
        .values({ assessmentId: a?.id ?? "", indicatorCode: "1", unitId: unit });
      const [e] = await database.db
        .insert(evidence)
        .values({
          organizationId: org,
          unitId: unit,
          kind: "link",
          title: `Bukti ${label}`,
          url: "https://contoh.go.id",
        })
        .returning();
      const [l] = await database.db
        .insert(evidenceLinks)
        .values({ assessmentId: a?.id ?? "", indicatorCode: "1", level: 1, evidenceId: e?.id ?? "" })
        .returning();
      const [item] = await database.db
        .insert(checklistItems)
        .values({
          organizationId: org,
          frameworkId: FRAMEWORK,
          key: "1:L2",
          indicatorCode: "1",
          level: 2,
          kind: "criteria",
          source: "framework",
          title: { id: `Penuhi kriteria tingkat 2 (${label})` },
          ownerUnitId: unit,
          firstYear: 2026,
          lastYear: 2026,
        })
        .returning();
      const victim = await addUser(database, `korban-${label}@uji.id`, "leader", unit);
      const [grant] = await database.db.select().from(roleGrants).where(eq(roleGrants.userId, victim.id));
      return {
        org,
        assessment: a?.id ?? "",
        evidence: e?.id ?? "",
        link: l?.id ?? "",
        unit,
        user: victim.id,
        grant: grant?.id ?? "",
        checklistItem: item?.id ?? "",
      };
    };
    const own = await side(k, u, "k");
    const unrelated = await side(k2, u2, "k2");
    // Below K: the unit itself; assessments and evidence do not exist below a city.
    const descendantUser = await addUser(database, "korban-u@uji.id", "leader", u);
    const [descendantGrant] = await database.db
      .select()
      .from(roleGrants)
      .where(eq(roleGrants.userId, descendantUser.id));
    const descendant = { ...own, org: u, user: descendantUser.id, grant: descendantGrant?.id ?? "" };
    // Nested data: a user listed for their grant in K also holds one in the unrelated city. The
    // leak check below fails if any answer (the users list) shows that grant.
    const twoPlaces = await addUser(database, "dua-tempat@uji.id", "leader", u);
    await database.db
      .insert(roleGrants)
      .values({ userId: twoPlaces.id, role: "coordinator", organizationId: k2 });
    world = {
      own,
      descendant,
      unrelated,
      cycle: cycleId,
      unrelatedIds: [k2, u2, q, unrelated.assessment, unrelated.evidence, unrelated.link, unrelated.user],
    };
    for (const role of ROLES) {
      const user = await addUser(database, `${role}@k.uji.id`, role, k);
      if (role === "external_assessor")
        await database.db.insert(cycleAssessors).values({ cycleId, userId: user.id, organizationId: k });
      sessions.set(role, await client(app, `${role}@k.uji.id`));
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it("has a row for every endpoint of the OpenAPI document, and no row without an endpoint", async () => {
    await app.ready();
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> };
    const endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(endpoints.filter((e) => !(e in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((e) => !endpoints.includes(e))).toEqual([]);
  });

  it("lets every role do exactly what the table says, on own, descendant and unrelated objects, and leaks nothing", async () => {
    const mismatches: string[] = [];
    const leaks: string[] = [];
    const send = async (method: string, request: Request, role: Role | null) => {
      let session = role ? sessions.get(role) : undefined;
      const inject = () =>
        app.inject({
          method: method as "GET",
          url: request.url,
          ...(request.multipart
            ? { payload: request.multipart.payload }
            : request.csv !== undefined
              ? { payload: request.csv }
              : request.body !== undefined
                ? { payload: request.body as object }
                : {}),
          headers: {
            ...(request.multipart ? { "content-type": request.multipart.contentType } : {}),
            ...(request.csv !== undefined ? { "content-type": "text/csv" } : {}),
            ...request.headers,
            ...(session && method !== "GET" ? { "x-csrf-token": session.csrf } : {}),
          },
          cookies: session ? { matang_session: session.cookie } : {},
        });
      const res = await inject();
      // Logging out ends the session the table works with: log in again for the next row.
      if (
        role &&
        (request.url.startsWith("/api/auth/logout") || request.url.startsWith("/api/auth/password"))
      ) {
        session = await client(app, `${role}@k.uji.id`);
        sessions.set(role, session);
      }
      return res;
    };
    for (const [endpoint, row] of Object.entries(TABLE)) {
      const [method = "GET"] = endpoint.split(" ");
      for (const role of ROLES) {
        for (const [i, variant] of VARIANTS.entries()) {
          const expected = row.roles[role][i];
          if (expected === ".") continue;
          const res = await send(method, row.call(world[variant], world), role);
          const allowed = res.statusCode !== 401 && res.statusCode !== 403;
          if (res.statusCode >= 500)
            mismatches.push(`${endpoint} as ${role} on ${variant}: ${res.statusCode}`);
          if (allowed !== (expected === "Y"))
            mismatches.push(
              `${endpoint} as ${role} on ${variant}: expected ${expected === "Y" ? "allowed" : "refused"}, got ${res.statusCode}`,
            );
          if (allowed && !row.public && variant !== "unrelated") {
            const body = res.body;
            const leaked = world.unrelatedIds.filter((id) => body.includes(id));
            if (leaked.length) leaks.push(`${endpoint} as ${role} on ${variant} shows ${leaked.join(", ")}`);
          }
        }
      }
      const anonymous = await send(method, row.call(world.own, world), null);
      if ((anonymous.statusCode !== 401 && anonymous.statusCode !== 403) !== row.anonymous)
        mismatches.push(`${endpoint} without a session: got ${anonymous.statusCode}`);
    }
    expect(mismatches).toEqual([]);
    expect(leaks).toEqual([]);
  }, 300_000);
});
