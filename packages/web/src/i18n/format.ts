// Dates as people here read them: "6 Des 2026" (Indonesian) or "6 Dec 2026", and a time of day
// always in WIB, the zone the evaluation's schedule is set in, whatever the browser's zone.

const locale = (language: string) => (language === "en" ? "en-GB" : "id-ID");

/** A calendar day ("2026-12-06") or an instant, as "6 Des 2026"; "—" for nothing. */
export function formatDate(value: string | Date | null | undefined, language: string): string {
  if (!value) return "—";
  // A bare calendar day is that day, not midnight UTC shifted into another day.
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00+07:00`)
      : new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale(language), {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "Asia/Jakarta",
  }).format(date);
}

/** An instant with its time of day: "6 Des 2026, 17.30 WIB". */
export function formatDateTime(value: string | Date | null | undefined, language: string): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  const time = new Intl.DateTimeFormat(locale(language), {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Jakarta",
  }).format(date);
  return `${formatDate(date, language)}, ${time} WIB`;
}
