import type { Db } from "../db/client.js";
import { auditLog } from "../db/schema.js";

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

/** Append one entry; call it inside the transaction that makes the change, so both land or neither. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
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
}
