// The database schema (Drizzle). Migrations in packages/server/drizzle/ are generated from it
// with `npm run db:generate -w @matang/server` and run the same on PGlite and PostgreSQL.

import type { DocumentFacts, Schedule, State } from "@matang/core";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** PostgreSQL's full-text document; written and read in SQL only (to_tsvector, @@). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Instansi (kementerian, lembaga, provinsi, kabupaten, kota) and their units (OPD), as one tree.
 * `path` lists the ids from the root down to this node ("/a/b/c/"), so a subtree is a prefix.
 */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    /** The published group, e.g. "Lembaga Non Struktural (LNS)". */
    category: text("category"),
    parentId: uuid("parent_id").references((): AnyPgColumn => organizations.id),
    path: text("path").notNull(),
    name: text("name").notNull(),
    /** Lower-case, accents and punctuation folded: how imports recognise a body across years. */
    normalizedName: text("normalized_name").notNull(),
    /**
     * Whether whoever uploaded a piece of evidence may also accept it (small teams); off by
     * default, set by the instansi's coordinator; every such acceptance is marked and audited.
     */
    allowSelfAcceptance: boolean("allow_self_acceptance").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organizations_parent_idx").on(t.parentId),
    index("organizations_path_idx").on(sql`${t.path} text_pattern_ops`),
    index("organizations_kind_idx").on(t.kind),
  ],
);

/** Every name an organization has carried, so renaming never loses history or matching. */
export const organizationNames = pgTable(
  "organization_names",
  {
    id: serial("id").primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    normalizedName: text("normalized_name").notNull(),
    /** First year the name was seen (e.g. the results year it was imported from). */
    fromYear: integer("from_year"),
    source: text("source"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organization_names_unique").on(t.organizationId, t.name),
    index("organization_names_normalized_idx").on(t.normalizedName),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

/** A role held on an organization and its whole subtree; a null organization means national. */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    /** The last day (WIB) the grant holds, e.g. an acting post or a project; null: until revoked. */
    endsOn: date("ends_on", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index("role_grants_user_idx").on(t.userId)],
);

/**
 * A one-time link that lets an invited person set their password (no e-mail server needed): only
 * a hash of the token is kept; it holds 7 days and works once.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash)],
);

/** Server-side sessions, so any instance can serve any request. The id is a hash of the cookie. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    address: text("address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Failed logins per e-mail address as typed (lower-cased) and client address, whether or not an
 * account has that e-mail, so unknown and existing accounts answer alike. Failures from one
 * address lock that e-mail for that address only; the row with address "*" counts failures from
 * everywhere against a larger limit. A successful login clears its address's row.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    email: text("email").notNull(),
    address: text("address").notNull(),
    failures: integer("failures").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.address] })],
);

/** Tokens for integrations, stored hashed. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash)],
);

/** Append-only: a trigger (see the migrations) refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** The organization the change concerns, for subtree-scoped reading. */
    organizationId: uuid("organization_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    address: text("address"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_org_idx").on(t.organizationId),
    index("audit_log_at_idx").on(t.at),
  ],
);

/** Framework definitions loaded into the database (the files stay the source of truth). */
export const frameworks = pgTable("frameworks", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  definition: jsonb("definition").notNull(),
  checksum: text("checksum").notNull(),
  loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// The evaluation workflow

/** An evaluation (or monitoring) round: a year, a framework, and a schedule of stages. */
export const cycles = pgTable(
  "cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    year: integer("year").notNull(),
    name: text("name").notNull(),
    frameworkId: text("framework_id")
      .notNull()
      .references(() => frameworks.id),
    kind: text("kind").notNull(),
    /** Stage → {start, end} as ISO dates; edits of a stage close after its end date. */
    schedule: jsonb("schedule").$type<Schedule>().notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("cycles_year_idx").on(t.year)],
);

/** An external assessor assigned to an instansi in a cycle: the only instansi they see. */
export const cycleAssessors = pgTable(
  "cycle_assessors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("cycle_assessors_unique").on(t.cycleId, t.userId, t.organizationId)],
);

/** One instansi's assessment in one cycle. */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    state: text("state").$type<State>().notNull().default("self_assessment"),
    /** Set by an admin to let the current stage be edited after its end date, until this time. */
    reopenedUntil: timestamp("reopened_until", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /**
     * false: the instansi is not evaluated in this cycle (above a threshold, not a locus, an
     * off-year); its assessment is its own monitoring, never published.
     */
    evaluated: boolean("evaluated").notNull().default(true),
    notEvaluatedReason: text("not_evaluated_reason"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("assessments_cycle_org_unique").on(t.cycleId, t.organizationId),
    index("assessments_org_idx").on(t.organizationId),
  ],
);

/** Which units (OPD) answer for an indicator, by when. */
export const indicatorAssignments = pgTable(
  "indicator_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => organizations.id),
    dueDate: text("due_date"),
    /** When the unit was reminded that the due date approaches (once). */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("indicator_assignments_unique").on(t.assessmentId, t.indicatorCode, t.unitId),
    index("indicator_assignments_unit_idx").on(t.unitId),
  ],
);

/** A unit's proposal for an indicator: level, explanation, and where it stands. */
export const unitAnswers = pgTable(
  "unit_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => organizations.id),
    level: integer("level"),
    explanation: text("explanation").notNull().default(""),
    /** in_progress · ready · returned */
    status: text("status").$type<"in_progress" | "ready" | "returned">().notNull().default("in_progress"),
    returnNote: text("return_note"),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("unit_answers_unique").on(t.assessmentId, t.indicatorCode, t.unitId)],
);

/**
 * The scores of an indicator by stage: `self` (the instansi's consolidated answer), `document`,
 * `interview`, `visit`, `final`; `validation` holds the review team's verdict on the final score.
 */
export const stageScores = pgTable(
  "stage_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    stage: text("stage").notNull(),
    /** A level, or a decimal value where the framework's scale takes decimals (Pemdi: 1.00–5.00). */
    level: doublePrecision("level"),
    /** Explanation (self) or the assessor's note (fact → analysis → justification). */
    note: text("note").notNull().default(""),
    /** For `validation`: valid / not_valid. For `self`: done once consolidated. */
    verdict: text("verdict"),
    authorId: uuid("author_id"),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stage_scores_unique").on(t.assessmentId, t.indicatorCode, t.stage)],
);

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    authorId: uuid("author_id").references(() => users.id),
    authorLabel: text("author_label").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("comments_indicator_idx").on(t.assessmentId, t.indicatorCode)],
);

/** A document or link owned by an organization; files keep every version. */
export const evidence = pgTable(
  "evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    /** The unit that provided it, if any. */
    unitId: uuid("unit_id").references(() => organizations.id),
    kind: text("kind").$type<"file" | "link">().notNull(),
    title: text("title").notNull(),
    url: text("url"),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_org_idx").on(t.organizationId)],
);

export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id, { onDelete: "cascade" }),
    /** Generated; never built from user input. */
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    mediaType: text("media_type").notNull(),
    originalName: text("original_name").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("evidence_files_evidence_idx").on(t.evidenceId),
    // The same bytes elsewhere in an instansi's evidence (the duplicate finding).
    index("evidence_files_sha256_idx").on(t.sha256),
    uniqueIndex("evidence_files_key_unique").on(t.storageKey),
  ],
);

/** Evidence supporting one level of one indicator in one assessment, and its review. */
export const evidenceLinks = pgTable(
  "evidence_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    level: integer("level").notNull(),
    /** The evidence item ("butir", e.g. I9-L1-01) it answers, in a framework with items; "" otherwise. */
    itemCode: text("item_code").notNull().default(""),
    /** What the uploader says about this evidence for this item (the portal's upload note). */
    uploadNote: text("upload_note").notNull().default(""),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    /** pending · accepted · revision */
    review: text("review").$type<"pending" | "accepted" | "revision">().notNull().default("pending"),
    /** wrong_document · not_uploaded · outdated · other */
    reason: text("reason"),
    note: text("note"),
    reviewedBy: uuid("reviewed_by"),
    /** The file version the review concerns: a new version sends the link back to pending. */
    reviewedFileId: uuid("reviewed_file_id"),
    /** Accepted by the person who uploaded the file, as the instansi's settings allow. */
    selfAccepted: boolean("self_accepted").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("evidence_links_indicator_idx").on(t.assessmentId, t.indicatorCode),
    // From a file to where it is used (duplicates, the versions' contexts): without it each
    // lookup read the whole unique index (found by the deadline bench).
    index("evidence_links_evidence_idx").on(t.evidenceId),
    uniqueIndex("evidence_links_unique").on(
      t.assessmentId,
      t.indicatorCode,
      t.level,
      t.itemCode,
      t.evidenceId,
    ),
  ],
);

/**
 * The text read out of one evidence file version, for search and pre-checks. Reading happens in
 * the background after the upload: `pending` until then; `done` with the text; `no_text` when
 * the file has no text to read (a scan where OCR is unavailable or found nothing); `skipped` for
 * a type Matang does not read (an image without OCR, a spreadsheet); `failed` with the reason.
 */
export const evidenceTexts = pgTable(
  "evidence_texts",
  {
    fileId: uuid("file_id")
      .primaryKey()
      .references(() => evidenceFiles.id, { onDelete: "cascade" }),
    status: text("status")
      .$type<"pending" | "done" | "no_text" | "skipped" | "failed">()
      .notNull()
      .default("pending"),
    text: text("text").notNull().default(""),
    /** The text's length in characters, written with it: lists show it, and measuring a long text means unpacking it. */
    chars: integer("chars").notNull().default(0),
    pages: integer("pages"),
    /** Pages whose text came from OCR (they had no text layer). */
    ocrPages: integer("ocr_pages").notNull().default(0),
    /** Why the text could not be read, in English (the web shows its own words for the status). */
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** Taken by an instance until then; another takes it over if it died meanwhile. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** The title (weight A) and the text, stemmed as Indonesian. */
    document: tsvector("document"),
    /** What the text says of the document (core's readDocument), for its pre-check findings. */
    facts: jsonb("facts").$type<DocumentFacts>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("evidence_texts_document_idx").using("gin", t.document),
    index("evidence_texts_status_idx").on(t.status),
  ],
);

/** The unit responsible (PJ) for one evidence item of an assessment, and when it is due. */
export const itemAssignments = pgTable(
  "item_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    itemCode: text("item_code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => organizations.id),
    dueDate: text("due_date"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("item_assignments_unique").on(t.assessmentId, t.itemCode),
    index("item_assignments_unit_idx").on(t.unitId),
  ],
);

/**
 * An evidence item (or an indicator, in a framework without items) marked as uploaded to the
 * national portal: who, when, and the file versions it had then, so a later change shows.
 */
export const portalUploads = pgTable(
  "portal_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    /** The item code, or the indicator code where the framework has no items. */
    code: text("code").notNull(),
    indicatorCode: text("indicator_code").notNull(),
    /** The newest file version of each document linked to it when it was marked (sorted ids). */
    fileIds: jsonb("file_ids").$type<string[]>().notNull(),
    markedBy: uuid("marked_by").references(() => users.id),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("portal_uploads_unique").on(t.assessmentId, t.code)],
);

/** One import of what the national portal shows for an assessment (pasted table or template). */
export const officialImports = pgTable(
  "official_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    /** interim (after document review) · final */
    stage: text("stage").$type<"interim" | "final">().notNull(),
    /** The day the portal showed these figures (YYYY-MM-DD). */
    asOf: text("as_of").notNull(),
    /** "paste" or the template file's name. */
    source: text("source").notNull(),
    verdicts: integer("verdicts").notNull(),
    values: integer("values").notNull(),
    returned: integer("returned").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("official_imports_assessment_idx").on(t.assessmentId)],
);

/** The portal's latest verdict on an evidence item, with the assessor's note: never Matang's review. */
export const officialVerdicts = pgTable(
  "official_verdicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    itemCode: text("item_code").notNull(),
    indicatorCode: text("indicator_code").notNull(),
    /** accepted · wrong_object · not_uploaded · auto_rejected */
    status: text("status").notNull(),
    note: text("note").notNull().default(""),
    importId: uuid("import_id")
      .notNull()
      .references(() => officialImports.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("official_verdicts_unique").on(t.assessmentId, t.itemCode)],
);

/** An official value from the portal: per indicator, or the index itself (indicator_code ""). */
export const officialValues = pgTable(
  "official_values",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    stage: text("stage").$type<"interim" | "final">().notNull(),
    value: doublePrecision("value").notNull(),
    importId: uuid("import_id")
      .notNull()
      .references(() => officialImports.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("official_values_unique").on(t.assessmentId, t.indicatorCode, t.stage)],
);

/**
 * The instansi's answer to the portal's interim value of one indicator, for the clarification
 * (interviu): who answers, the rebuttal, the documents to show, who attends, where it stands and
 * what came of it.
 */
export const clarifications = pgTable(
  "clarifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    responderUnitId: uuid("responder_unit_id").references(() => organizations.id),
    responderName: text("responder_name").notNull().default(""),
    attendees: text("attendees").notNull().default(""),
    /** Its time in the session ("09:30"), for the order of the brief. */
    slot: text("slot").notNull().default(""),
    rebuttal: text("rebuttal").notNull().default(""),
    /** Evidence to show (ids of the assessment's evidence). */
    evidenceIds: jsonb("evidence_ids").$type<string[]>().notNull().default([]),
    /** to_prepare · ready · presented · concluded */
    status: text("status").notNull().default("to_prepare"),
    outcome: text("outcome").notNull().default(""),
    /** Item code → accepted / still_returned, as the interview left it. */
    itemOutcomes: jsonb("item_outcomes").$type<Record<string, string>>().notNull().default({}),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("clarifications_unique").on(t.assessmentId, t.indicatorCode)],
);

/** The clarification session of an assessment: when and where (one per assessment). */
export const clarificationSessions = pgTable("clarification_sessions", {
  assessmentId: uuid("assessment_id")
    .primaryKey()
    .references(() => assessments.id, { onDelete: "cascade" }),
  date: text("date").notNull().default(""),
  place: text("place").notNull().default(""),
  version: integer("version").notNull().default(1),
});

/**
 * The value of another agency's index (SDI, SJIG, IPS, IKASANDI…) recorded for an assessment,
 * with its date, source document and responsible unit; it sets the level of the indicators it feeds.
 */
export const externalValues = pgTable(
  "external_values",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    indexCode: text("index_code").notNull(),
    value: doublePrecision("value").notNull(),
    /** ISO date the value was measured or published. */
    measuredOn: text("measured_on").notNull(),
    evidenceId: uuid("evidence_id").references(() => evidence.id),
    unitId: uuid("unit_id").references(() => organizations.id),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("external_values_unique").on(t.assessmentId, t.indexCode)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Set once the e-mail for it went out (when SMTP is configured). */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** Official published results (index, predicate, domain values) exactly as printed, with their source. */
export const publishedResults = pgTable(
  "published_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    year: integer("year").notNull(),
    /** Decimal strings as printed (e.g. "2.79"): official figures are not re-rounded. */
    index: text("index").notNull(),
    predicate: text("predicate").notNull(),
    domains: jsonb("domains").notNull(),
    nameAsPublished: text("name_as_published").notNull(),
    source: text("source").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("published_results_org_year_unique").on(t.organizationId, t.year),
    index("published_results_year_idx").on(t.year),
  ],
);

/**
 * A year of official results: a draft (seen by administrators only) from its first import until an
 * administrator publishes it, so a partly imported year never becomes the public page's default.
 */
export const resultYears = pgTable("result_years", {
  year: integer("year").primaryKey(),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  publishedBy: uuid("published_by"),
  createdAt: createdAt(),
});

/**
 * What an organization aims for in a year: an index, and optionally a level per indicator (e.g.
 * the steps of a plan it committed to) with the effort each level step of an indicator costs.
 */
export const targets = pgTable(
  "targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    year: integer("year").notNull(),
    /** Decimal string as entered (e.g. "3.50"). */
    index: text("index").notNull(),
    /** Indicator code → target level. */
    indicators: jsonb("indicators").notNull().default({}),
    /** Indicator code → effort of one level step (the planner's cost). */
    efforts: jsonb("efforts").notNull().default({}),
    /**
     * Indicator code → the instansi's own calendar limits for the roadmap: highest level, levels a
     * year, earliest year per level, budget already planned (core's PlanConstraint).
     */
    calendar: jsonb("calendar").notNull().default({}),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("targets_org_year_unique").on(t.organizationId, t.year)],
);

/**
 * A province's model answer for one indicator of a framework: an example explanation and the
 * kinds of evidence expected, shown to its kabupaten/kota beside the criteria.
 */
export const modelAnswers = pgTable(
  "model_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    frameworkId: text("framework_id")
      .notNull()
      .references(() => frameworks.id),
    indicatorCode: text("indicator_code").notNull(),
    explanation: text("explanation").notNull(),
    evidenceKinds: jsonb("evidence_kinds").notNull().default([]),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("model_answers_org_indicator_unique").on(t.organizationId, t.frameworkId, t.indicatorCode),
  ],
);

/**
 * One shortcoming on an instansi's improvement checklist (core's checklistCandidates), kept
 * across cycles of the same framework until the coordinator verifies it: one open item per key.
 */
export const checklistItems = pgTable(
  "checklist_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    frameworkId: text("framework_id").notNull(),
    key: text("key").notNull(),
    indicatorCode: text("indicator_code").notNull(),
    level: integer("level"),
    itemCode: text("item_code"),
    /** criteria · item · evidence_returned · official_return */
    kind: text("kind").notNull(),
    /** framework · plan · assessor · official */
    source: text("source").notNull(),
    title: jsonb("title").$type<{ id: string; en?: string }>().notNull(),
    detail: text("detail").notNull().default(""),
    ownerUnitId: uuid("owner_unit_id").references(() => organizations.id, { onDelete: "set null" }),
    dueDate: text("due_date"),
    /** open · in_progress · done · verified */
    status: text("status").notNull().default("open"),
    /** What the unit did, naming its evidence (required for done). */
    note: text("note").notNull().default(""),
    firstAssessmentId: uuid("first_assessment_id").references(() => assessments.id, { onDelete: "set null" }),
    lastAssessmentId: uuid("last_assessment_id").references(() => assessments.id, { onDelete: "set null" }),
    firstYear: integer("first_year").notNull(),
    lastYear: integer("last_year").notNull(),
    verifiedBy: uuid("verified_by").references(() => users.id),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checklist_items_open_key")
      .on(t.organizationId, t.frameworkId, t.key)
      .where(sql`status <> 'verified'`),
    index("checklist_items_owner").on(t.ownerUnitId),
  ],
);
