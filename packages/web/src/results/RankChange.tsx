import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** ▲3 / ▼2 / = against the previous published year. */
export function RankChange({ change }: { change: number | null }) {
  const { t } = useTranslation();
  if (change === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (change === 0)
    return (
      <Text size="sm" c="dimmed" aria-label={t("results.rankSame")}>
        =
      </Text>
    );
  return (
    <Text
      size="sm"
      c={change > 0 ? "green.7" : "red.7"}
      aria-label={t(change > 0 ? "results.rankUp" : "results.rankDown", { n: Math.abs(change) })}
    >
      {change > 0 ? "▲" : "▼"}
      {Math.abs(change)}
    </Text>
  );
}
