import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../i18n";
import { type EvidenceLink, type ItemRow, indicatorsKey, itemsKey, local } from "../workspace/api";
import { EvidenceEntry } from "./EvidenceEntry";
import { REVIEW_COLOR, ReviewControls, useAcceptedTypes } from "./EvidencePanel";
import { UploadProgress } from "./UploadProgress";
import { type UploadState, uploadEvidence } from "./upload";

export const ITEM_COLOR = {
  accepted: "green",
  returned: "orange",
  pending: "gray",
  not_uploaded: "red",
  auto_rejected: "grape",
} as const;

/** One item's status, and for an automatic rejection the lower items it waits for. */
export function ItemStatus({ item }: { item: ItemRow }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align="flex-end" style={{ flexShrink: 0, maxWidth: "45%" }}>
      <Badge
        color={ITEM_COLOR[item.status]}
        variant="light"
        style={{ overflow: "visible" }}
        styles={{ label: { overflow: "visible" } }}
      >
        {t(`itemStatuses.${item.status}`)}
        {item.reason ? ` · ${t(`reasons.${item.reason}`)}` : ""}
      </Badge>
      {item.status === "auto_rejected" && (
        <Text size="xs" c="dimmed" ta="right" data-testid={`auto-rejected-${item.code}`}>
          {t("items.autoRejectedBecause", { items: item.blockedBy.join(", ") })}
        </Text>
      )}
    </Stack>
  );
}

function ItemUpload({
  assessmentId,
  indicator,
  item,
  onDone,
}: {
  assessmentId: string;
  indicator: string;
  item: ItemRow;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const accepted = useAcceptedTypes().data;
  const [note, setNote] = useState("");
  const [progress, setProgress] = useState<{ name: string; fraction: number; state: UploadState } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const accept = (accepted?.types ?? [])
    .flatMap((x) => [x.mediaType, ...x.extensions.map((e) => `.${e}`)])
    .join(",");
  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress({ name: file.name, fraction: 0, state: "sending" });
    try {
      await uploadEvidence(
        assessmentId,
        { indicator, item: item.code, note: note.trim(), title: `${item.code} ${file.name}` },
        file,
        (fraction, state = "sending") => setProgress({ name: file.name, fraction, state }),
      );
      notifications.show({ color: "green", message: t("evidence.uploaded", { name: file.name }) });
      setNote("");
      await onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap={4}>
      <Group align="end" gap="xs" wrap="nowrap">
        <TextInput
          size="xs"
          label={t("items.uploadNote")}
          placeholder={t("items.uploadNoteHint")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          flex={1}
        />
        <FileButton onChange={(f) => void upload(f)} accept={accept}>
          {(props) => (
            <Button
              size="xs"
              variant="light"
              loading={progress !== null}
              aria-label={t("items.uploadFor", { item: item.code })}
              {...props}
            >
              {t("items.upload")}
            </Button>
          )}
        </FileButton>
      </Group>
      {progress !== null && <UploadProgress {...progress} />}
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Evidence by item: each level's items with where they stand, who provides them and by when,
 * their evidence with its upload note, review per piece, and an upload per item.
 */
export function ItemsPanel({
  assessmentId,
  indicator,
  items,
  counts,
  links,
  canAdd,
  levelName,
}: {
  assessmentId: string;
  indicator: string;
  items: ItemRow[];
  counts: { level: number; accepted: number; total: number }[];
  links: EvidenceLink[];
  canAdd: boolean;
  levelName: (level: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) }),
      queryClient.invalidateQueries({ queryKey: itemsKey(assessmentId) }),
      queryClient.invalidateQueries({ queryKey: ["thread", assessmentId, indicator] }),
    ]);
  const levels = [...new Set(items.map((i) => i.level))].sort((a, b) => a - b);
  return (
    <Card withBorder data-testid="items-panel">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t("items.title")}</Title>
        <Text size="sm" c="dimmed" data-testid="item-counts">
          {counts.map((c) => `L${c.level} ${c.accepted}/${c.total}`).join(" · ")}
        </Text>
      </Group>
      {items.length === 0 && <Text c="dimmed">{t("items.noneForYou")}</Text>}
      <Stack gap="md">
        {levels.map((level) => {
          const count = counts.find((c) => c.level === level);
          return (
            <Stack key={level} gap="xs">
              <Group justify="space-between">
                <Text fw={700} size="sm">
                  {t("indicator.level", { level })} · {levelName(level)}
                </Text>
                {count && (
                  <Text size="xs" c="dimmed">
                    {t("items.acceptedOf", { accepted: count.accepted, total: count.total })}
                  </Text>
                )}
              </Group>
              {items
                .filter((i) => i.level === level)
                .map((item) => {
                  const own = links.filter((l) => l.item === item.code);
                  return (
                    <Card key={item.code} withBorder p="xs" data-testid={`item-${item.code}`}>
                      <Group justify="space-between" align="flex-start" wrap="nowrap">
                        <Stack gap={2}>
                          <Text size="sm">
                            <b>{item.code}</b> {local(item.text, i18n.language)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {item.unitName
                              ? t("items.pj", { unit: item.unitName, due: item.dueDate ?? "—" })
                              : t("items.noPj")}
                          </Text>
                          {item.status === "returned" && item.note && (
                            <Text size="xs" c="orange.8">
                              {t("evidence.reviewNote", { note: item.note })}
                            </Text>
                          )}
                        </Stack>
                        <ItemStatus item={item} />
                      </Group>
                      {own.map((l) => (
                        <Stack
                          key={l.id}
                          gap={2}
                          mt={6}
                          pl="sm"
                          style={{ borderLeft: "2px solid var(--mantine-color-gray-3)" }}
                        >
                          <Group justify="space-between" wrap="nowrap">
                            <Text size="xs">
                              {l.kind === "file" ? (
                                <Anchor
                                  size="xs"
                                  href={`/api/evidence/${l.evidenceId}/content`}
                                  target="_blank"
                                  rel="noopener"
                                >
                                  {l.title}
                                </Anchor>
                              ) : (
                                <Anchor
                                  size="xs"
                                  href={l.url ?? "#"}
                                  target="_blank"
                                  rel="noopener noreferrer"
                                >
                                  {l.title}
                                </Anchor>
                              )}
                              {l.uploadedBy ? ` · ${l.uploadedBy}` : ""}
                            </Text>
                            <Badge
                              size="xs"
                              color={REVIEW_COLOR[l.review]}
                              variant="light"
                              style={{ flexShrink: 0, overflow: "visible" }}
                            >
                              {t(`reviews.${l.review}`)}
                            </Badge>
                          </Group>
                          <EvidenceEntry
                            assessmentId={assessmentId}
                            indicator={indicator}
                            link={l}
                            onChanged={refresh}
                          />
                          {l.uploadNote && (
                            <Text size="xs" c="dimmed">
                              {t("items.noteShown", { note: l.uploadNote })}
                            </Text>
                          )}
                          {l.can.review && (
                            <ReviewControls
                              assessmentId={assessmentId}
                              link={l}
                              onDone={() => void refresh()}
                            />
                          )}
                        </Stack>
                      ))}
                      {canAdd && (item.mine || item.unitId === null || !items.some((i) => i.mine)) && (
                        <div style={{ marginTop: 6 }}>
                          <ItemUpload
                            assessmentId={assessmentId}
                            indicator={indicator}
                            item={item}
                            onDone={refresh}
                          />
                        </div>
                      )}
                    </Card>
                  );
                })}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
