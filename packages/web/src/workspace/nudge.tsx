import { Anchor } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate } from "../i18n/format";
import { type Assessment, type IndicatorRow, local } from "./api";

/** What one unit still owes on one indicator: its proposal, its items, returns with their notes. */
function owedLines(t: TFunction, language: string, row: IndicatorRow, unitId: string): string[] {
  const lines: string[] = [];
  const name = `${row.code}. ${local(row.names, language)}`;
  const assignment = row.assignments.find((a) => a.unitId === unitId);
  if (assignment) {
    const answer = row.unitAnswers.find((u) => u.unitId === unitId);
    if (answer?.status !== "ready" && row.status !== "done") {
      const due = assignment.dueDate
        ? ` — ${t("nudge.due", { date: formatDate(assignment.dueDate, language) })}`
        : "";
      const returned =
        answer?.status === "returned" && answer.returnNote
          ? ` — ${t("nudge.returned", { note: answer.returnNote })}`
          : "";
      lines.push(`• ${name}${due}${returned}`);
    }
  }
  for (const item of row.items) {
    if (item.unitId !== unitId || item.status === "accepted") continue;
    const due = item.dueDate ? ` — ${t("nudge.due", { date: formatDate(item.dueDate, language) })}` : "";
    const returned =
      item.status === "returned" ? ` — ${t("nudge.returned", { note: item.note ?? item.reason ?? "" })}` : "";
    lines.push(`• ${item.code} (${row.code}): ${local(item.text, language)}${due}${returned}`);
  }
  return lines;
}

/**
 * The message a coordinator sends a unit's WhatsApp group: what the unit still owes (indicators
 * or items, due dates, returns with their notes) and where to do it. Null when it owes nothing.
 */
export function unitMessage(
  t: TFunction,
  language: string,
  assessment: Pick<Assessment, "id" | "organization" | "cycle">,
  unit: { unitId: string; unitName: string },
  rows: readonly IndicatorRow[],
  origin: string,
): string | null {
  const lines = rows.flatMap((r) => owedLines(t, language, r, unit.unitId));
  if (lines.length === 0) return null;
  return [
    `*${assessment.cycle.name} — ${assessment.organization.name}*`,
    t("nudge.to", { unit: unit.unitName }),
    t("nudge.owes", { count: lines.length }),
    ...lines,
    t("nudge.open", { url: `${origin}/penilaian/${assessment.id}` }),
  ].join("\n");
}

/** The same for one indicator: every unit still owing on it, or the indicator alone. */
export function indicatorMessage(
  t: TFunction,
  language: string,
  assessment: Pick<Assessment, "id" | "organization" | "cycle">,
  row: IndicatorRow,
  origin: string,
): string {
  const units = [
    ...new Map(
      [
        ...row.assignments,
        ...row.items.flatMap((i) => (i.unitId ? [{ unitId: i.unitId, unitName: i.unitName ?? "" }] : [])),
      ].map((u) => [u.unitId, u.unitName] as const),
    ),
  ];
  const owed = units.flatMap(([unitId, unitName]) => {
    const lines = owedLines(t, language, row, unitId);
    return lines.length ? [t("nudge.to", { unit: unitName }), ...lines] : [];
  });
  return [
    `*${assessment.cycle.name} — ${assessment.organization.name}*`,
    `${row.code}. ${local(row.names, language)}`,
    ...owed,
    t("nudge.open", {
      url: `${origin}/penilaian/${assessment.id}/indikator/${encodeURIComponent(row.code)}`,
    }),
  ].join("\n");
}

/** A wa.me link: WhatsApp opens with the message ready, the sender picks the group. No number is stored. */
export function WhatsAppLink({ message, label }: { message: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Anchor
      size="sm"
      href={`https://wa.me/?text=${encodeURIComponent(message)}`}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="whatsapp"
    >
      {label ?? t("nudge.share")}
    </Anchor>
  );
}
