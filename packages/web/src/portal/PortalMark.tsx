import { Badge, Checkbox, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { errorMessage } from "../i18n";
import { formatDate } from "../i18n/format";
import { itemsKey } from "../workspace/api";

type Item = Answer<"/api/assessments/{id}/items">["items"][number];

export const PORTAL_FILTERS = ["any", "not_uploaded", "uploaded", "changed"] as const;
export type PortalFilter = (typeof PORTAL_FILTERS)[number];

export const portalMatches = (filter: PortalFilter, item: Item) =>
  filter === "any" ||
  (filter === "not_uploaded" && item.portal === null) ||
  (filter === "uploaded" && item.portal !== null) ||
  (filter === "changed" && item.portal?.changed === true);

/**
 * "Uploaded to the portal" for one item: who marked it and when, and a warning when its file
 * changed in Matang afterwards (it needs uploading again). A stale mark is refused, not overwritten.
 */
export function PortalMark({ assessmentId, item }: { assessmentId: string; item: Item }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const toggle = async (uploaded: boolean) => {
    setBusy(true);
    try {
      await api("PUT", `/api/assessments/${assessmentId}/portal/uploads/${item.code}`, {
        uploaded,
        version: item.portal?.version ?? 0,
      });
    } catch (e) {
      notifications.show({
        color: "red",
        message: e instanceof ApiError && e.status === 409 ? t("portal.markConflict") : errorMessage(e),
      });
    } finally {
      await queryClient.invalidateQueries({ queryKey: itemsKey(assessmentId) });
      setBusy(false);
    }
  };
  const at = item.portal ? formatDate(item.portal.markedAt, i18n.language) : "";
  return (
    <Stack gap={2}>
      <Checkbox
        size="xs"
        disabled={busy}
        checked={item.portal !== null}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        label={t("portal.uploaded")}
        aria-label={t("portal.uploadedFor", { item: item.code })}
      />
      {item.portal && (
        <Text size="xs" c="dimmed">
          {t("portal.markedBy", { name: item.portal.markedBy ?? "—", date: at })}
        </Text>
      )}
      {item.portal?.changed && (
        <Badge color="orange" variant="light" size="sm" title={t("portal.changedHint")}>
          {t("portal.changed")}
        </Badge>
      )}
    </Stack>
  );
}
