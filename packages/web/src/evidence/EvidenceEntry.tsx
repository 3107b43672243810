import { Anchor, Button, FileButton, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { formatDateTime } from "../i18n/format";
import type { EvidenceLink } from "../workspace/api";
import { Findings } from "./Findings";
import { uploadEvidence } from "./upload";

/** Types a browser shows inline (the server serves them inline too); others are downloaded. */
const PREVIEWABLE = /^(application\/pdf|image\/(png|jpeg|gif|webp))$/;

/** A size people read: "840 KB", "12,4 MB". */
export function formatSize(bytes: number, language: string): string {
  const locale = language === "en" ? "en-GB" : "id-ID";
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString(locale)} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** What a file is, in a word people know. */
function kindOf(mediaType: string): string {
  if (mediaType === "application/pdf") return "PDF";
  if (mediaType.startsWith("image/")) return mediaType.slice(6).toUpperCase();
  if (mediaType.includes("spreadsheet") || mediaType.includes("excel")) return "Excel";
  if (mediaType.includes("word")) return "Word";
  if (mediaType.includes("presentation") || mediaType.includes("powerpoint")) return "PowerPoint";
  return mediaType;
}

/**
 * One piece of evidence: its file (name, size, type, uploader, date, version), a preview of PDFs
 * and images in the page, and — for the unit that provided it or the coordinator, before it is
 * accepted — a new version or withdrawing it.
 */
export function EvidenceEntry({
  assessmentId,
  indicator,
  link,
  onChanged,
}: {
  assessmentId: string;
  indicator: string;
  link: EvidenceLink;
  onChanged: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const [preview, setPreview] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const content = `/api/evidence/${link.evidenceId}/content`;
  const withdraw = useMutation({
    mutationFn: () => api("DELETE", `/api/assessments/${assessmentId}/evidence-links/${link.id}`),
    onSuccess: async () => {
      setConfirming(false);
      notifications.show({ color: "green", message: t("evidence.withdrawn", { title: link.title }) });
      await onChanged();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  // A duplicate: the evidence already holding the same file supports this level instead.
  const useExisting = useMutation({
    mutationFn: async (evidenceId: string) => {
      await api("POST", `/api/assessments/${assessmentId}/evidence-links`, {
        indicator,
        ...(link.item ? { item: link.item } : { level: link.level }),
        evidenceId,
      });
      await api("DELETE", `/api/assessments/${assessmentId}/evidence-links/${link.id}`);
    },
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("evidence.usedExisting") });
      await onChanged();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  const replace = async (file: File | null) => {
    if (!file) return;
    setProgress(0);
    try {
      await uploadEvidence(
        assessmentId,
        {
          indicator,
          ...(link.item ? { item: link.item } : { level: link.level }),
          title: link.title,
          evidenceId: link.evidenceId,
        },
        file,
        setProgress,
      );
      notifications.show({ color: "green", message: t("evidence.replaced", { name: file.name }) });
      await onChanged();
    } catch (e) {
      notifications.show({ color: "red", message: errorMessage(e) });
    } finally {
      setProgress(null);
    }
  };
  const f = link.file;
  return (
    <Stack gap={2}>
      {f && (
        <Text size="xs" c="dimmed" data-testid="evidence-file">
          {t("evidence.fileLine", {
            name: f.name,
            kind: kindOf(f.mediaType),
            size: formatSize(f.size, i18n.language),
            by: f.uploadedBy ?? "—",
            date: formatDateTime(f.uploadedAt, i18n.language),
            version: link.fileVersion,
          })}
          {/* Whether search can find it: a scan without OCR text is said to be one. */}
          {f.text && ` · ${t(`evidence.text_${f.text.status}`, { pages: f.text.pages ?? 0 })}`}
          {f.text && f.text.ocrPages > 0 && ` · ${t("evidence.text_ocr", { count: f.text.ocrPages })}`}
        </Text>
      )}
      {f && (
        <Findings
          findings={f.findings}
          onUseExisting={link.can.withdraw ? (id) => useExisting.mutate(id) : undefined}
          using={useExisting.isPending}
        />
      )}
      <Group gap="xs">
        {link.kind === "file" ? (
          f && PREVIEWABLE.test(f.mediaType) ? (
            <Button size="compact-xs" variant="light" onClick={() => setPreview(true)}>
              {t("evidence.view")}
            </Button>
          ) : (
            <Anchor size="xs" href={`${content}?download=true`}>
              {t("evidence.download")}
            </Anchor>
          )
        ) : (
          <Anchor size="xs" href={link.url ?? "#"} target="_blank" rel="noopener noreferrer">
            {t("evidence.link")}
          </Anchor>
        )}
        {link.can.replace && (
          <FileButton onChange={(file) => void replace(file)}>
            {(props) => (
              <Button {...props} size="compact-xs" variant="subtle" loading={progress !== null}>
                {t("evidence.replace")}
              </Button>
            )}
          </FileButton>
        )}
        {link.can.withdraw && (
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
            {t("evidence.withdraw")}
          </Button>
        )}
      </Group>
      <Modal
        opened={preview}
        onClose={() => setPreview(false)}
        title={link.title}
        size="xl"
        closeButtonProps={{ "aria-label": t("evidence.closePreview") }}
      >
        <Stack>
          {f?.mediaType === "application/pdf" ? (
            <iframe title={link.title} src={content} style={{ width: "100%", height: "70vh", border: 0 }} />
          ) : (
            <img src={content} alt={link.title} style={{ maxWidth: "100%" }} />
          )}
          <Anchor href={`${content}?download=true`}>{t("evidence.download")}</Anchor>
        </Stack>
      </Modal>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("evidence.withdraw")}>
        <Stack>
          <Text size="sm">{t("evidence.withdrawConfirm", { title: link.title, level: link.level })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("assessment.cancel")}
            </Button>
            <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t("evidence.withdraw")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
