import { and, desc, eq, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { auditLog, organizations } from "../db/schema.js";

export interface AuditEntry {
  readonly actorId: string | null;
  /** Who, readable: an e-mail, "cli", "system". */
  readonly actorLabel: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly organizationId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly requestId?: string | null;
  readonly address?: string | null;
}

/** Who did something outside a request's context (imports, the CLI, first start): and from where. */
export interface Actor {
  readonly id: string | null;
  /** Readable: an e-mail, "cli (OS user)", "system". */
  readonly label: string;
  readonly requestId?: string | null;
  readonly address?: string | null;
}

/** The actor fields of an audit entry. */
export const auditedBy = (actor: Actor) => ({
  actorId: actor.id,
  actorLabel: actor.label,
  requestId: actor.requestId ?? null,
  address: actor.address ?? null,
});

/** An entry as a row of the log. */
const rowOf = (entry: AuditEntry) => ({
  actorId: entry.actorId,
  actorLabel: entry.actorLabel,
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId ?? null,
  organizationId: entry.organizationId ?? null,
  before: entry.before ?? null,
  after: entry.after ?? null,
  requestId: entry.requestId ?? null,
  address: entry.address ?? null,
});

/** Append one entry; call it inside the transaction that makes the change, so both land or neither. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(rowOf(entry));
}

/**
 * An entry appended by the statement that makes the change (a data-modifying `with`): one per row
 * of `source`, with `before` and `after` as SQL over it. Both land or neither, in one round trip.
 */
export const auditFrom = (
  entry: Omit<AuditEntry, "before" | "after">,
  changed: { before: SQL; after: SQL; source: SQL },
) => sql`insert into audit_log (actor_id, actor_label, action, entity_type, entity_id, organization_id,
    before, after, request_id, address)
  select ${entry.actorId}::uuid, ${entry.actorLabel}, ${entry.action}, ${entry.entityType},
    ${entry.entityId ?? null}, ${entry.organizationId ?? null}::uuid, ${changed.before}, ${changed.after},
    ${entry.requestId ?? null}, ${entry.address ?? null}
  from ${changed.source}`;

/** Append many entries in one statement per 500 (bulk work such as the demo content), in order. */
export async function appendAuditMany(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500)
    await db.insert(auditLog).values(entries.slice(i, i + 500).map(rowOf));
}

export interface AuditQuery {
  /** "all", or the subtrees whose entries may be read (entries without an organization need "all"). */
  readonly scope: "all" | readonly string[];
  readonly entityType?: string;
  readonly entityId?: string;
  /** Only entries about this organization's subtree. */
  readonly within?: string;
  readonly limit: number;
  readonly offset: number;
}

export async function listAudit(db: Db, query: AuditQuery) {
  if (query.scope !== "all" && query.scope.length === 0) return { items: [], total: 0 };
  const conditions = [];
  if (query.scope !== "all")
    conditions.push(or(...query.scope.map((p) => like(organizations.path, `${p}%`))));
  if (query.within) conditions.push(like(organizations.path, `${query.within}%`));
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actor: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      organizationId: auditLog.organizationId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      address: auditLog.address,
    })
    .from(auditLog)
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.limit)
    .offset(query.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(where);
  return { items, total: count?.n ?? 0 };
}
