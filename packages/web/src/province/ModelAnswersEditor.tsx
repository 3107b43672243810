import { Alert, Button, Card, Group, Select, Stack, TagsInput, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { errorMessage } from "../i18n";
import { indicatorsOf, local, useFramework } from "../workspace/api";

/** A province coordinator writes an example answer per indicator for its kabupaten/kota. */
export function ModelAnswersEditor({ provinceId, frameworkId }: { provinceId: string; frameworkId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const tree = useFramework(frameworkId);
  const key = ["model-answers", provinceId, frameworkId];
  const answers = useQuery({
    queryKey: key,
    queryFn: () =>
      api<Answer<"/api/organizations/{id}/model-answers">>(
        "GET",
        `/api/organizations/${provinceId}/model-answers?framework=${encodeURIComponent(frameworkId)}`,
      ),
  });
  const [code, setCode] = useState<string | null>(null);
  const [explanation, setExplanation] = useState("");
  const [kinds, setKinds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const current = answers.data?.items.find((a) => a.indicatorCode === code);
  useEffect(() => {
    setExplanation(current?.explanation ?? "");
    setKinds(current?.evidenceKinds ?? []);
  }, [current]);
  const indicators = tree.data ? indicatorsOf(tree.data) : [];
  const url = `/api/organizations/${provinceId}/model-answers/${encodeURIComponent(frameworkId)}/${code}`;

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    try {
      await action();
      notifications.show({ color: "green", message });
    } catch (error) {
      notifications.show({
        color: "red",
        message:
          error instanceof ApiError && error.status === 409
            ? t("modelAnswers.conflict")
            : errorMessage(error),
      });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: key });
    }
  };

  return (
    <Card withBorder>
      <Title order={4}>{t("modelAnswers.title")}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("modelAnswers.hint")}
      </Text>
      {answers.isError ? <Alert color="red">{errorMessage(answers.error)}</Alert> : null}
      <Stack>
        <Select
          label={t("modelAnswers.indicator")}
          searchable
          data={indicators.map((i) => ({
            value: i.code,
            label: `${i.code}. ${local(i.name, i18n.language)}${
              answers.data?.items.some((a) => a.indicatorCode === i.code) ? " ✓" : ""
            }`,
          }))}
          value={code}
          onChange={setCode}
        />
        {code ? (
          <>
            <Textarea
              label={t("modelAnswers.explanation")}
              autosize
              minRows={4}
              value={explanation}
              onChange={(e) => setExplanation(e.currentTarget.value)}
            />
            <TagsInput
              label={t("modelAnswers.evidenceKinds")}
              description={t("modelAnswers.evidenceKindsHint")}
              value={kinds}
              onChange={setKinds}
            />
            <Group>
              <Button
                loading={busy}
                disabled={!explanation.trim()}
                onClick={() =>
                  void run(
                    () =>
                      api("PUT", url, { explanation, evidenceKinds: kinds, version: current?.version ?? 0 }),
                    t("modelAnswers.saved"),
                  )
                }
              >
                {t("modelAnswers.publish")}
              </Button>
              {current ? (
                <Button
                  variant="subtle"
                  color="red"
                  loading={busy}
                  onClick={() =>
                    void run(
                      () => api("DELETE", `${url}?version=${current.version}`),
                      t("modelAnswers.removed"),
                    )
                  }
                >
                  {t("modelAnswers.remove")}
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
