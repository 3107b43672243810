import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { IndicatorRow } from "../workspace/api";

/**
 * Why the level evidence supports stops where it does, and what to upload: levels are cumulative,
 * so every level up to the claim needs its own accepted evidence, the lower ones too.
 */
export function EvidenceGap({
  row,
  guide,
  compact = false,
}: {
  row: Pick<IndicatorRow, "gating" | "claimedLevel" | "supportedLevel">;
  /** The framework's evidence guidance for the level that breaks the chain. */
  guide: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { blockedAt, blockedBy } = row.gating;
  // Nothing to explain: no claim above what is supported.
  if (blockedAt == null || !blockedBy || row.claimedLevel === null || blockedAt > row.claimedLevel)
    return null;
  const text = (
    <Text size={compact ? "xs" : "sm"} data-testid="evidence-gap">
      <b>{t(`dashboard.blocked_${blockedBy}`, { level: blockedAt })}.</b>{" "}
      {guide ? t("evidenceGap.upload", { level: blockedAt, guide }) : null}
      {!compact && ` ${t("evidenceGap.cumulative", { claimed: row.claimedLevel })}`}
    </Text>
  );
  return compact ? (
    text
  ) : (
    <Alert color="yellow" variant="light" p="xs">
      {text}
    </Alert>
  );
}
