// Background work that several instances may run at once: every row is claimed atomically, so a
// reminder or an e-mail goes out once.
import { todayWib } from "@matang/core";
import { usersWithRoleOver } from "../assessments/repository.js";
import { type Db, inTransaction } from "../db/client.js";
import * as repo from "./repository.js";
import { notify } from "./service.js";

/** Today's date in Indonesia (WIB, UTC+7), as YYYY-MM-DD: core's, the one calendar day rule. */
export { todayWib };

/** Reminders claimed and written per transaction: a deadline's morning has thousands. */
const REMIND_BATCH = 200;

/**
 * Remind units of indicators due within `days` whose answer is not ready yet, once per
 * assignment, during the self-assessment. In transactions of `batch` reminders (claimed and
 * notified together), so none holds its rows for long.
 */
export async function remindDueDates(
  db: Db,
  now = new Date(),
  days = 3,
  batch = REMIND_BATCH,
): Promise<number> {
  const today = todayWib(now);
  const horizon = todayWib(new Date(now.getTime() + days * 86_400_000));
  // A unit has several indicators due together: its operators are looked up once.
  const operatorsOf = new Map<string, string[]>();
  let reminded = 0;
  for (;;) {
    const claimed = await inTransaction(db, async (t) => {
      const rows = await repo.claimDueAssignments(t, today, horizon, batch);
      for (const row of rows) {
        let operators = operatorsOf.get(row.unit_path);
        if (!operators) {
          operators = await usersWithRoleOver(t, row.unit_path, ["operator"]);
          operatorsOf.set(row.unit_path, operators);
        }
        await notify(t, operators, "due_soon", {
          assessmentId: row.assessment_id,
          indicator: row.indicator_code,
          dueDate: row.due_date,
        });
      }
      return rows.length;
    });
    reminded += claimed;
    if (claimed < batch) return reminded;
  }
}

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const SUBJECTS: Record<string, string> = {
  assignment: "Indikator baru ditugaskan kepada unit Anda",
  returned: "Indikator dikembalikan untuk diperbaiki",
  state_changed: "Status penilaian berubah",
  due_soon: "Batas waktu indikator sudah dekat",
  validation_returned: "Nilai akhir dikembalikan tim reviu untuk dikoreksi",
  validation_corrected: "Nilai akhir sudah dikoreksi asesor; mohon divalidasi ulang",
};

function mailOf(kind: string, payload: Record<string, unknown>, to: string): Mail {
  const lines = [
    SUBJECTS[kind] ?? "Pemberitahuan Matang",
    payload.indicator ? `Indikator: ${payload.indicator}` : "",
    payload.dueDate ? `Batas waktu: ${payload.dueDate}` : "",
    payload.note ? `Catatan: ${payload.note}` : "",
    payload.to ? `Status baru: ${payload.to}` : "",
    "",
    "Buka Matang untuk melihat rinciannya.",
  ];
  return {
    to,
    subject: `[Matang] ${SUBJECTS[kind] ?? "Pemberitahuan"}`,
    text: lines.filter((l, i) => l || i === 5).join("\n"),
  };
}

/**
 * Send the e-mails for notifications not yet e-mailed (at most a day old, so switching SMTP on
 * later does not flood anyone). A failed send stays pending and is tried again next time.
 */
export async function sendPendingEmails(
  db: Db,
  send: (mail: Mail) => Promise<void>,
  limit = 50,
): Promise<number> {
  return inTransaction(db, async (t) => {
    const pending = await repo.lockPendingEmails(t, limit);
    let sent = 0;
    for (const row of pending) {
      try {
        await send(mailOf(row.kind, row.payload, row.email));
      } catch {
        continue;
      }
      await repo.markEmailed(t, row.id);
      sent++;
    }
    return sent;
  });
}
