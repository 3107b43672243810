import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import "@mantine/dropzone/styles.css";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { type EvidenceLink, indicatorsKey } from "../workspace/api";
import { uploadEvidence } from "./upload";

const ACCEPT = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "text/csv",
  "text/plain",
];

const REVIEW_COLOR = { pending: "gray", accepted: "green", revision: "orange" } as const;

interface Props {
  assessmentId: string;
  indicator: string;
  levels: number[];
  links: EvidenceLink[];
  canAdd: boolean;
}

export function EvidencePanel({ assessmentId, indicator, levels, links, canAdd }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [level, setLevel] = useState<string>(String(levels[0] ?? ""));
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) }),
      queryClient.invalidateQueries({ queryKey: ["thread", assessmentId, indicator] }),
    ]);

  const upload = async (file: File) => {
    setError(null);
    setProgress({ name: file.name, fraction: 0 });
    try {
      await uploadEvidence(
        assessmentId,
        { indicator, level: Number(level), title: title.trim() || file.name },
        file,
        (fraction) => setProgress({ name: file.name, fraction }),
      );
      notifications.show({ color: "green", message: t("evidence.uploaded", { name: file.name }) });
      setTitle("");
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  const addLink = useMutation({
    mutationFn: () =>
      api("POST", `/api/assessments/${assessmentId}/evidence-links`, {
        indicator,
        level: Number(level),
        url: url.trim(),
        title: title.trim() || url.trim(),
      }),
    onSuccess: async () => {
      setUrl("");
      setTitle("");
      await refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });

  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("evidence.title")}
      </Title>
      <Stack gap="xs">
        {links.length === 0 && <Text c="dimmed">{t("evidence.empty")}</Text>}
        {links.map((l) => (
          <Group key={l.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant="outline">{t("evidence.forLevel", { level: l.level })}</Badge>
                <Text size="sm">{l.title}</Text>
              </Group>
              {l.note && (
                <Text size="xs" c="dimmed">
                  {t("evidence.reviewNote", { note: l.note })}
                </Text>
              )}
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Badge color={REVIEW_COLOR[l.review]} variant="light">
                {t(`reviews.${l.review}`)}
                {l.reason ? ` · ${t(`reasons.${l.reason}`)}` : ""}
              </Badge>
              {l.kind === "file" ? (
                <Anchor
                  size="sm"
                  href={`/api/evidence/${l.evidenceId}/content`}
                  target="_blank"
                  rel="noopener"
                >
                  {t("evidence.view")}
                </Anchor>
              ) : (
                <Anchor size="sm" href={l.url ?? "#"} target="_blank" rel="noopener noreferrer">
                  {t("evidence.link")}
                </Anchor>
              )}
            </Group>
          </Group>
        ))}
        {canAdd && (
          <Stack gap="xs" mt="sm">
            <Group grow align="end">
              <Select
                label={t("evidence.levelField")}
                value={level}
                onChange={(v) => setLevel(v ?? level)}
                data={levels.map((l) => ({ value: String(l), label: t("indicator.level", { level: l }) }))}
                allowDeselect={false}
              />
              <TextInput
                label={t("evidence.titleField")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
            </Group>
            <Dropzone
              onDrop={(files) => files[0] && void upload(files[0])}
              onReject={(rejections) =>
                setError(t("evidence.rejected", { name: rejections[0]?.file.name ?? "" }))
              }
              accept={ACCEPT}
              maxFiles={1}
              loading={progress !== null}
              aria-label={t("evidence.drop")}
            >
              <Stack align="center" gap={4} py="md">
                <Text>{t("evidence.drop")}</Text>
                <Text size="xs" c="dimmed">
                  {t("evidence.dropHint")}
                </Text>
              </Stack>
            </Dropzone>
            {progress && (
              <Stack gap={4}>
                <Text size="sm">{t("evidence.uploading", { name: progress.name })}</Text>
                <Progress
                  value={Math.round(progress.fraction * 100)}
                  aria-label={t("evidence.uploading", { name: progress.name })}
                />
              </Stack>
            )}
            <Group align="end">
              <TextInput
                label={t("evidence.url")}
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
                placeholder="https://"
                flex={1}
              />
              <Button
                variant="light"
                disabled={!/^https?:\/\/\S+$/.test(url.trim())}
                loading={addLink.isPending}
                onClick={() => addLink.mutate()}
              >
                {t("evidence.addLink")}
              </Button>
            </Group>
            {error && (
              <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
                {error}
              </Alert>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
