// Refused attempts (403) go to the audit log, so an administrator can see someone probing what
// they may not do. Per principal and instance at most a few a minute are written; the rest are
// counted and the count rides on the next entry, so a flood cannot fill the log.
import type { Db } from "../db/client.js";
import type { Principal } from "../policy/policy.js";
import { appendAudit } from "./repository.js";

export interface Denial {
  readonly operation: string;
  readonly method: string;
  /** The address asked for, without its query string. */
  readonly path: string;
  readonly requestId: string | null;
  readonly address: string | null;
}

export class DenialLog {
  private readonly windows = new Map<string, { start: number; written: number; suppressed: number }>();

  constructor(
    private readonly db: Db,
    private readonly perMinute = 10,
  ) {}

  /** Write the denial unless this principal's quota for the minute is used; never throws. */
  async record(principal: Principal, denial: Denial, now = Date.now()): Promise<boolean> {
    let window = this.windows.get(principal.userId);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, written: 0, suppressed: window?.suppressed ?? 0 };
      this.windows.set(principal.userId, window);
      // Forget principals that went quiet, so the map stays small.
      if (this.windows.size > 10_000)
        for (const [id, w] of this.windows)
          if (now - w.start >= 60_000 && w.suppressed === 0) this.windows.delete(id);
    }
    if (window.written >= this.perMinute) {
      window.suppressed++;
      return false;
    }
    window.written++;
    const suppressed = window.suppressed;
    window.suppressed = 0;
    try {
      await appendAudit(this.db, {
        actorId: principal.userId,
        actorLabel: principal.label,
        action: "access.denied",
        entityType: "access",
        entityId: denial.operation,
        after: {
          operation: denial.operation,
          method: denial.method,
          path: denial.path.slice(0, 500),
          ...(suppressed ? { suppressedBefore: suppressed } : {}),
        },
        requestId: denial.requestId,
        address: denial.address,
      });
      return true;
    } catch {
      // The refusal stands whether or not it could be written down.
      window.suppressed += suppressed;
      return false;
    }
  }
}
