import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Indicator,
  Loader,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { formatDate, formatDateTime } from "../i18n/format";

type Inbox = Answer<"/api/notifications">;
type Item = Inbox["items"][number];
const INBOX_KEY = ["notifications"];
const COUNT_KEY = ["notifications", "count"];

/** Where a notification leads: the indicator it is about, else its assessment. */
export function linkOf(n: Pick<Item, "assessmentId" | "indicator">): string | null {
  if (!n.assessmentId) return null;
  return n.indicator
    ? `/penilaian/${n.assessmentId}/indikator/${encodeURIComponent(n.indicator)}`
    : `/penilaian/${n.assessmentId}`;
}

/** One notification in words: what happened, to which indicator, with the note that came with it. */
export function messageOf(t: TFunction, n: Item, language: string): string {
  const parts = [
    t(`inbox.kinds.${n.kind}`, {
      defaultValue: t("inbox.kinds.other"),
      indicator: n.indicator ?? "",
      to: n.to ? t(`states.${n.to}`) : "",
    }),
  ];
  if (n.dueDate) parts.push(t("inbox.due", { date: formatDate(n.dueDate, language) }));
  if (n.note) parts.push(t("inbox.note", { note: n.note }));
  return parts.join(" · ");
}

/** The bell in the header: the unread count, polled, leading to the inbox. */
export function Bell() {
  const { t } = useTranslation();
  const count = useQuery({
    queryKey: COUNT_KEY,
    queryFn: () => api<Answer<"/api/notifications/count">>("GET", "/api/notifications/count"),
    refetchInterval: 60_000,
  });
  const unread = count.data?.unread ?? 0;
  return (
    <Indicator label={unread > 99 ? "99+" : unread} size={16} disabled={unread === 0} color="red" offset={4}>
      <ActionIcon
        component={Link}
        to="/kotak-masuk"
        variant="subtle"
        size="lg"
        aria-label={t("inbox.bell", { count: unread })}
        data-testid="bell"
      >
        <svg
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}

/** Every notification, newest first; opening one marks it read and goes where it points. */
export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const inbox = useQuery({ queryKey: INBOX_KEY, queryFn: () => api<Inbox>("GET", "/api/notifications") });
  const mark = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api("POST", "/api/notifications/read", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
  if (inbox.isPending) return <Loader aria-label={t("common.loading")} />;
  if (inbox.isError) return <Alert color="red">{errorMessage(inbox.error)}</Alert>;
  const open = async (n: Item) => {
    if (!n.readAt) await mark.mutateAsync({ ids: [n.id] });
    const to = linkOf(n);
    if (to) navigate(to);
  };
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={2}>{t("inbox.title")}</Title>
        <Button
          variant="default"
          disabled={inbox.data.unread === 0}
          loading={mark.isPending}
          onClick={() => mark.mutate({ all: true })}
        >
          {t("inbox.markAll")}
        </Button>
      </Group>
      {inbox.data.items.length === 0 && <Text c="dimmed">{t("inbox.empty")}</Text>}
      {inbox.data.items.map((n) => (
        <Card
          key={n.id}
          withBorder
          p="sm"
          bg={n.readAt ? undefined : "teal.0"}
          style={{ cursor: linkOf(n) ? "pointer" : undefined }}
          onClick={() => void open(n)}
          data-testid="notification"
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Text size="sm" fw={n.readAt ? 400 : 600}>
                {messageOf(t, n, i18n.language)}
              </Text>
              {n.organization && (
                <Text size="xs" c="dimmed">
                  {n.organization} · {n.cycle}
                </Text>
              )}
            </Stack>
            <Stack gap={2} align="flex-end">
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {formatDateTime(n.createdAt, i18n.language)}
              </Text>
              {!n.readAt && (
                <Badge size="xs" color="teal">
                  {t("inbox.new")}
                </Badge>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
