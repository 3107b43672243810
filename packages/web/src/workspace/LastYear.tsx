import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { REVIEW_COLOR } from "../evidence/EvidencePanel";
import { errorMessage } from "../i18n";
import { formatValue } from "./api";

type Previous = Answer<"/api/assessments/{id}/indicators/{code}/previous">;

/**
 * Last cycle beside this one (read-only): the final level, the explanation and the evidence, with
 * "copy into this year" while the indicator is not answered yet.
 */
export function LastYear({
  assessmentId,
  code,
  decimals,
  canCopy,
  onCopied,
}: {
  assessmentId: string;
  code: string;
  decimals: number;
  /** The caller writes the instansi's answer and it is still empty. */
  canCopy: boolean;
  onCopied: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const previous = useQuery({
    queryKey: ["assessment", assessmentId, "previous", code],
    queryFn: () =>
      api<Previous>(
        "GET",
        `/api/assessments/${assessmentId}/indicators/${encodeURIComponent(code)}/previous`,
      ),
  });
  const copy = useMutation({
    mutationFn: (from: string) =>
      api("POST", `/api/assessments/${assessmentId}/copy-forward`, { from, indicators: [code] }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("lastYear.copied") });
      await onCopied();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  const p = previous.data;
  if (!p) return null;
  return (
    <Card withBorder bg="gray.0" data-testid="last-year">
      <Group justify="space-between" mb={4}>
        <Title order={5}>{t("lastYear.title", { year: p.year, cycle: p.cycle })}</Title>
        {canCopy && p.sameFramework && p.level !== null && (
          <Button
            size="compact-sm"
            variant="light"
            loading={copy.isPending}
            onClick={() => copy.mutate(p.assessmentId)}
          >
            {t("lastYear.copy")}
          </Button>
        )}
      </Group>
      {!p.sameFramework ? (
        <Text size="sm" c="dimmed">
          {t("lastYear.otherFramework", { cycle: p.cycle })}
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">
            {t("lastYear.level")}: <b>{formatValue(p.level, decimals, i18n.language)}</b>
          </Text>
          {p.explanation && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} lineClamp={6}>
              {p.explanation}
            </Text>
          )}
          {p.evidence.map((e) => (
            <Group key={`${e.evidenceId}-${e.level}-${e.item ?? ""}`} gap="xs" wrap="nowrap">
              <Badge size="xs" variant="outline">
                {e.item ?? t("evidence.forLevel", { level: e.level })}
              </Badge>
              <Anchor
                size="sm"
                href={e.kind === "file" ? `/api/evidence/${e.evidenceId}/content` : (e.url ?? "#")}
                target="_blank"
                rel="noopener noreferrer"
              >
                {e.title}
              </Anchor>
              <Badge size="xs" variant="light" color={REVIEW_COLOR[e.review]}>
                {t(`reviews.${e.review}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
