import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import type { Answer } from "../api/types";
import "@mantine/dropzone/styles.css";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { type EvidenceLink, indicatorsKey } from "../workspace/api";
import { EvidenceEntry } from "./EvidenceEntry";
import { EvidenceSearch } from "./EvidenceSearch";
import { UploadProgress } from "./UploadProgress";
import { type UploadState, uploadEvidence } from "./upload";

/** What the server accepts (types with their file endings, the largest size): one list, the server's. */
type AcceptedTypes = Answer<"/api/evidence/accepted-types">;
export const useAcceptedTypes = () =>
  useQuery({
    queryKey: ["evidence", "accepted-types"],
    queryFn: () => api<AcceptedTypes>("GET", "/api/evidence/accepted-types"),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const REVIEW_COLOR = { pending: "gray", accepted: "green", revision: "orange" } as const;

interface Props {
  assessmentId: string;
  indicator: string;
  levels: number[];
  links: EvidenceLink[];
  canAdd: boolean;
  /** The indicator's units, to name the unit a piece of evidence is from. */
  units?: { unitId: string; unitName: string }[];
}

const REASONS = ["wrong_document", "not_uploaded", "outdated", "other"] as const;

export function ReviewControls({
  assessmentId,
  link,
  onDone,
}: {
  assessmentId: string;
  link: EvidenceLink;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState<string>("wrong_document");
  const [note, setNote] = useState("");
  const review = useMutation({
    mutationFn: (body: { review: "accepted" | "revision"; reason?: string; note?: string }) =>
      api("PUT", `/api/assessments/${assessmentId}/evidence-links/${link.id}/review`, {
        ...body,
        version: link.version,
      }),
    onSuccess: () => {
      setReturning(false);
      setNote("");
      onDone();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          size="compact-xs"
          color="green"
          variant="light"
          loading={review.isPending}
          disabled={!link.can.accept}
          title={link.can.accept ? undefined : t("errors.own_evidence")}
          onClick={() => review.mutate({ review: "accepted" })}
        >
          {t("review.accept")}
        </Button>
        <Button size="compact-xs" color="orange" variant="light" onClick={() => setReturning((r) => !r)}>
          {t("review.return")}
        </Button>
      </Group>
      {returning && (
        <Group align="end" gap="xs">
          <Select
            label={t("review.reason")}
            value={reason}
            onChange={(v) => setReason(v ?? reason)}
            data={REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
            allowDeselect={false}
            w={200}
          />
          <TextInput
            label={t("review.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            flex={1}
          />
          <Button
            size="xs"
            color="orange"
            loading={review.isPending}
            onClick={() => review.mutate({ review: "revision", reason, note })}
          >
            {t("review.send")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function EvidencePanel({ assessmentId, indicator, levels, links, canAdd, units = [] }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const accepted = useAcceptedTypes().data;
  // The drop zone filters by media type and ending alike, as the server does.
  const accept = Object.fromEntries(
    (accepted?.types ?? []).map((type) => [type.mediaType, type.extensions.map((e) => `.${e}`)]),
  );
  const acceptedList = [...new Set((accepted?.types ?? []).flatMap((type) => type.extensions))]
    .map((e) => e.toUpperCase())
    .join(", ");
  const [level, setLevel] = useState<string>(String(levels[0] ?? ""));
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [progress, setProgress] = useState<{ name: string; fraction: number; state: UploadState } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) }),
      queryClient.invalidateQueries({ queryKey: ["thread", assessmentId, indicator] }),
    ]);

  const upload = async (file: File) => {
    setError(null);
    setProgress({ name: file.name, fraction: 0, state: "sending" });
    try {
      await uploadEvidence(
        assessmentId,
        { indicator, level: Number(level), title: title.trim() || file.name },
        file,
        (fraction, state = "sending") => setProgress({ name: file.name, fraction, state }),
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

  // Said beside the field rather than only disabling the button; the server checks it too.
  const validUrl = /^https?:\/\/\S+$/.test(url.trim());
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
          <Stack key={l.id} gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Badge variant="outline">{t("evidence.forLevel", { level: l.level })}</Badge>
                  <Text size="sm">{l.title}</Text>
                </Group>
                {l.uploadedBy && (
                  <Text size="xs" c="dimmed">
                    {l.unitId && units.some((u) => u.unitId === l.unitId)
                      ? t("evidence.uploadedByFor", {
                          name: l.uploadedBy,
                          unit: units.find((u) => u.unitId === l.unitId)?.unitName,
                        })
                      : t("evidence.uploadedBy", { name: l.uploadedBy })}
                  </Text>
                )}
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
                {l.selfAccepted && l.review === "accepted" && (
                  <Badge color="yellow" variant="light" title={t("evidence.selfAcceptedHint")}>
                    {t("evidence.selfAccepted")}
                  </Badge>
                )}
              </Group>
            </Group>
            <EvidenceEntry assessmentId={assessmentId} indicator={indicator} link={l} onChanged={refresh} />
            {/* Each piece says whether the user may review it (and accept it: not their own upload). */}
            {l.can.review && (
              <ReviewControls assessmentId={assessmentId} link={l} onDone={() => void refresh()} />
            )}
          </Stack>
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
                setError(
                  t("evidence.rejected", {
                    name: rejections[0]?.file.name ?? "",
                    types: acceptedList,
                    size: Math.round((accepted?.maxBytes ?? 0) / 1024 / 1024),
                  }),
                )
              }
              accept={accept}
              maxFiles={1}
              loading={progress !== null}
              aria-label={t("evidence.drop")}
            >
              <Stack align="center" gap={4} py="md">
                <Text>{t("evidence.drop")}</Text>
                <Text size="xs" c="dimmed">
                  {accepted
                    ? t("evidence.dropHint", {
                        types: acceptedList,
                        size: Math.round(accepted.maxBytes / 1024 / 1024),
                      })
                    : "…"}
                </Text>
              </Stack>
            </Dropzone>
            {progress && <UploadProgress {...progress} />}
            <Group align="end">
              <TextInput
                label={t("evidence.url")}
                description={t("evidence.urlHint")}
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
                placeholder="https://"
                error={url.trim() && !validUrl ? t("evidence.urlInvalid") : undefined}
                flex={1}
              />
              <Button
                variant="light"
                disabled={!validUrl}
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
      {/* Find a document already uploaded anywhere in this assessment (by its text, not only its title). */}
      <Anchor component="button" type="button" size="sm" mt="sm" onClick={() => setSearching((v) => !v)}>
        {t("evidenceSearch.open")}
      </Anchor>
      {searching && <EvidenceSearch assessmentId={assessmentId} />}
    </Card>
  );
}
