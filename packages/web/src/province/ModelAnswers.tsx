import { Badge, Card, Group, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";

/** The province's model answer for this indicator, shown beside the criteria (nothing when none). */
export function ModelAnswers({ assessmentId, code }: { assessmentId: string; code: string }) {
  const { t } = useTranslation();
  const answers = useQuery({
    queryKey: ["assessment", assessmentId, "model-answers", code],
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/indicators/{code}/model-answers">>(
        "GET",
        `/api/assessments/${assessmentId}/indicators/${code}/model-answers`,
      ),
  });
  if (!answers.data?.items.length) return null;
  return (
    <>
      {answers.data.items.map((a) => (
        <Card
          withBorder
          key={a.id}
          bg="yellow.0"
          aria-label={t("modelAnswers.from", { name: a.organization })}
        >
          <Title order={5}>{t("modelAnswers.from", { name: a.organization })}</Title>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} mt={4}>
            {a.explanation}
          </Text>
          {a.evidenceKinds.length > 0 ? (
            <Group gap={6} mt="xs">
              <Text size="xs" c="dimmed">
                {t("modelAnswers.evidenceKinds")}:
              </Text>
              {a.evidenceKinds.map((k) => (
                <Badge key={k} variant="light" color="yellow">
                  {k}
                </Badge>
              ))}
            </Group>
          ) : null}
        </Card>
      ))}
    </>
  );
}
