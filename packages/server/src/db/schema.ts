// The database schema (Drizzle). Migrations in packages/server/drizzle/ are generated from it
// with `npm run db:generate -w @matang/server` and run the same on PGlite and PostgreSQL.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

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
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
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
    createdAt: createdAt(),
  },
  (t) => [index("role_grants_user_idx").on(t.userId)],
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
