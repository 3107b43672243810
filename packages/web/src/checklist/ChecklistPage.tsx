import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { CHECKLIST_STATUSES, type ChecklistStatus } from "@matang/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import type { Answer, Schemas } from "../api/types";
import { ApiError, api } from "../app/api";
import { PageError } from "../app/PageError";
import { errorMessage } from "../i18n";
import { formatDate } from "../i18n/format";
import { useUnits } from "../workspace/AssignmentEditor";
import { local } from "../workspace/api";

type Checklist = Answer<"/api/assessments/{id}/checklist">;
export type ChecklistItem = Schemas["ChecklistItem"];

export const checklistKey = (id: string) => ["checklist", id];

export const useChecklist = (id: string, enabled = true) =>
  useQuery({
    queryKey: checklistKey(id),
    queryFn: () => api<Checklist>("GET", `/api/assessments/${id}/checklist`),
    enabled,
  });

export const STATUS_COLORS: Record<ChecklistStatus, string> = {
  open: "gray",
  in_progress: "blue",
  done: "orange",
  verified: "green",
};

/** The statuses this caller may set from the item's current one (the server checks again). */
function statusesFor(item: ChecklistItem): ChecklistStatus[] {
  if (item.can.manage) return [...CHECKLIST_STATUSES];
  if (item.status === "verified" || item.status === "done") return [item.status];
  return ["open", "in_progress", "done"];
}

export function StatusBadge({ status }: { status: ChecklistStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none">
      {t(`checklist.status_${status}`)}
    </Badge>
  );
}

/** Change one item: its unit moves it along; the coordinator also assigns and sets the due date. */
export function ItemEditor({
  item,
  organizationId,
  onClose,
  onSaved,
}: {
  item: ChecklistItem;
  organizationId: string;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const units = useUnits(organizationId, item.can.manage);
  const [status, setStatus] = useState<ChecklistStatus>(item.status);
  const [note, setNote] = useState(item.note);
  const [owner, setOwner] = useState<string | null>(item.ownerUnit?.id ?? null);
  const [due, setDue] = useState(item.dueDate ?? "");
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await api("PATCH", `/api/checklist/${item.id}`, {
        ...(status !== item.status ? { status } : {}),
        ...(note !== item.note ? { note } : {}),
        ...(item.can.manage && owner !== (item.ownerUnit?.id ?? null) ? { ownerUnitId: owner } : {}),
        ...(item.can.manage && due !== (item.dueDate ?? "") ? { dueDate: due || null } : {}),
        version: item.version,
      });
      notifications.show({ color: "green", message: t("checklist.saved") });
      await onSaved();
      onClose();
    } catch (error) {
      notifications.show({
        color: "red",
        message:
          error instanceof ApiError && error.status === 409 ? t("checklist.conflict") : errorMessage(error),
      });
      if (error instanceof ApiError && error.status === 409) await onSaved();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t("checklist.edit")} size="lg">
      <Stack>
        <Text size="sm" fw={500}>
          {item.indicator} · {local(item.title, i18n.language)}
        </Text>
        {item.detail ? (
          <Text size="sm" c="dimmed">
            {item.detail}
          </Text>
        ) : null}
        <Select
          label={t("checklist.status")}
          data={statusesFor(item).map((s) => ({ value: s, label: t(`checklist.status_${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v as ChecklistStatus)}
          allowDeselect={false}
        />
        <Textarea
          label={t("checklist.note")}
          description={t("checklist.noteHint")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={4000}
        />
        {item.can.manage ? (
          <Group grow>
            <Select
              label={t("checklist.owner")}
              data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={owner}
              onChange={setOwner}
              clearable
              searchable
            />
            <TextInput
              label={t("checklist.due")}
              type="date"
              value={due}
              onChange={(e) => setDue(e.currentTarget.value)}
            />
          </Group>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("checklist.cancel")}
          </Button>
          <Button loading={saving} onClick={() => void save()}>
            {t("checklist.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The checklist items of a list, with what each caller may do. */
export function ChecklistTable({
  items,
  assessmentId,
  organizationId,
  onSaved,
  label,
}: {
  items: ChecklistItem[];
  assessmentId: string;
  organizationId: string;
  onSaved: () => Promise<void>;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<ChecklistItem | null>(null);
  const date = (d: string | null) => formatDate(d, i18n.language);
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table aria-label={label} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("assessment.code")}</Table.Th>
              <Table.Th>{t("checklist.what")}</Table.Th>
              <Table.Th>{t("checklist.owner")}</Table.Th>
              <Table.Th>{t("checklist.due")}</Table.Th>
              <Table.Th>{t("checklist.status")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id} data-testid={`checklist-${i.id}`}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/penilaian/${assessmentId}/indikator/${i.indicator}`}
                    size="sm"
                  >
                    {i.indicator}
                  </Anchor>
                </Table.Td>
                <Table.Td maw={520}>
                  <Text size="sm">{local(i.title, i18n.language)}</Text>
                  {i.detail ? (
                    <Text size="xs" c="dimmed">
                      {i.detail}
                    </Text>
                  ) : null}
                  <Group gap={4} mt={2}>
                    <Badge size="xs" variant="outline" color={i.source === "official" ? "red" : "gray"}>
                      {t(`checklist.source_${i.source}`)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t("checklist.since", { year: i.firstYear })}
                    </Text>
                  </Group>
                  {i.note ? (
                    <Text size="xs" mt={2}>
                      {t("checklist.noteShown", { note: i.note })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{i.ownerUnit?.name ?? t("checklist.noOwner")}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={i.overdue ? "red" : undefined} fw={i.overdue ? 600 : undefined}>
                    {date(i.dueDate)}
                    {i.overdue ? ` · ${t("checklist.overdue")}` : ""}
                  </Text>
                </Table.Td>
                <Table.Td miw={150}>
                  <StatusBadge status={i.status} />
                </Table.Td>
                <Table.Td>
                  {i.can.work || i.can.manage ? (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(i)}
                      aria-label={t("checklist.editFor", {
                        code: i.indicator,
                        title: local(i.title, i18n.language),
                      })}
                    >
                      {t("checklist.change")}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing ? (
        <ItemEditor
          item={editing}
          organizationId={organizationId}
          onClose={() => setEditing(null)}
          onSaved={onSaved}
        />
      ) : null}
    </>
  );
}

export default function ChecklistPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const checklist = useChecklist(id);
  const queryClient = useQueryClient();
  const [building, setBuilding] = useState(false);
  if (checklist.isPending) return <Loader aria-label={t("common.loading")} />;
  if (checklist.isError) return <PageError error={checklist.error} />;
  const d = checklist.data;
  const status = params.get("status");
  const unit = params.get("unit");
  const items = d.items.filter(
    (i) =>
      (!status || i.status === status) &&
      (!unit || (unit === "none" ? i.ownerUnit === null : i.ownerUnit?.id === unit)),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: checklistKey(id) });
  const build = async () => {
    setBuilding(true);
    try {
      const r = await api<Answer<"/api/assessments/{id}/checklist", "post">>(
        "POST",
        `/api/assessments/${id}/checklist`,
        {},
      );
      notifications.show({
        color: "green",
        message: t("checklist.built", { added: r.added, refreshed: r.refreshed }),
      });
      await refresh();
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    } finally {
      setBuilding(false);
    }
  };
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const p = d.progress;
  const unitName = (name: string) => name || t("checklist.noOwner");
  const chart = p.units.map((u) => ({
    unit: unitName(u.name),
    ...Object.fromEntries(CHECKLIST_STATUSES.map((s) => [t(`checklist.status_${s}`), u.byStatus[s]])),
  }));
  const colors: Record<ChecklistStatus, string> = {
    open: "gray.5",
    in_progress: "blue.6",
    done: "orange.5",
    verified: "green.7",
  };
  return (
    <Stack maw={1200}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{t("checklist.title", { name: d.organization.name })}</Title>
          <Text c="dimmed" size="sm">
            {t("checklist.subtitle")}
          </Text>
        </Stack>
        <Group>
          <Anchor component={Link} to={`/penilaian/${id}`}>
            {t("dashboard.workspace")}
          </Anchor>
          <Anchor href={`/api/assessments/${id}/checklist.xlsx`}>{t("checklist.excel")}</Anchor>
          <Anchor href={`/api/assessments/${id}/checklist.pdf`}>{t("checklist.pdf")}</Anchor>
          {d.can.build ? (
            <Button variant="light" loading={building} onClick={() => void build()}>
              {t("checklist.build")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group gap="xs" data-testid="checklist-summary">
        <Badge size="lg" variant="light">
          {t("checklist.total", { count: p.total })}
        </Badge>
        {CHECKLIST_STATUSES.map((s) => (
          <Badge key={s} size="lg" variant="light" color={STATUS_COLORS[s]}>
            {t(`checklist.status_${s}`)}: {p.byStatus[s]}
          </Badge>
        ))}
        <Badge size="lg" variant={p.overdue ? "filled" : "light"} color="red">
          {t("checklist.overdueCount", { count: p.overdue })}
        </Badge>
      </Group>
      {p.total === 0 ? (
        <Alert color="gray">{t("checklist.empty")}</Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={4} mb="xs">
              {t("checklist.byUnit")}
            </Title>
            <BarChart
              h={Math.max(160, 44 * chart.length)}
              data={chart}
              dataKey="unit"
              type="stacked"
              orientation="vertical"
              yAxisProps={{ width: 170, interval: 0 }}
              series={CHECKLIST_STATUSES.map((s) => ({ name: t(`checklist.status_${s}`), color: colors[s] }))}
              withLegend
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="xs">
              {t("checklist.byAspect")}
            </Title>
            <Table aria-label={t("checklist.byAspect")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("checklist.aspect")}</Table.Th>
                  <Table.Th>{t("checklist.items")}</Table.Th>
                  <Table.Th>{t("checklist.status_verified")}</Table.Th>
                  <Table.Th>{t("checklist.overdueHeader")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.aspects.map((a) => (
                  <Table.Tr key={a.key}>
                    <Table.Td>
                      {a.key} {a.name}
                    </Table.Td>
                    <Table.Td>{a.total}</Table.Td>
                    <Table.Td>{a.byStatus.verified}</Table.Td>
                    <Table.Td c={a.overdue ? "red" : undefined}>{a.overdue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </SimpleGrid>
      )}
      <Card withBorder>
        <Group mb="sm" align="end">
          <Select
            label={t("checklist.status")}
            placeholder={t("checklist.all")}
            data={CHECKLIST_STATUSES.map((s) => ({ value: s, label: t(`checklist.status_${s}`) }))}
            value={status}
            onChange={(v) => set("status", v)}
            clearable
            w={220}
          />
          <Select
            label={t("checklist.owner")}
            placeholder={t("checklist.all")}
            data={p.units.map((u) => ({ value: u.key || "none", label: unitName(u.name) }))}
            value={unit}
            onChange={(v) => set("unit", v)}
            clearable
            w={300}
          />
          <Text size="sm" c="dimmed">
            {t("checklist.shown", { count: items.length, total: d.items.length })}
          </Text>
        </Group>
        <ChecklistTable
          items={items}
          assessmentId={id}
          organizationId={d.organization.id}
          onSaved={refresh}
          label={t("checklist.tableLabel")}
        />
      </Card>
    </Stack>
  );
}

/** Beside an indicator: what earlier evaluations left to fix on it, until verified. */
export function IndicatorChecklist({
  assessmentId,
  organizationId,
  code,
  enabled,
}: {
  assessmentId: string;
  organizationId: string;
  code: string;
  enabled: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const checklist = useChecklist(assessmentId, enabled);
  const items = (checklist.data?.items ?? []).filter((i) => i.indicator === code && i.status !== "verified");
  if (!enabled || items.length === 0) return null;
  return (
    <Card withBorder data-testid="indicator-checklist">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t("checklist.forIndicator", { count: items.length })}</Title>
        <Anchor component={Link} to={`/penilaian/${assessmentId}/perbaikan`} size="sm">
          {t("checklist.all")}
        </Anchor>
      </Group>
      <ChecklistTable
        items={items}
        assessmentId={assessmentId}
        organizationId={organizationId}
        onSaved={() => queryClient.invalidateQueries({ queryKey: checklistKey(assessmentId) })}
        label={t("checklist.forIndicator", { count: items.length })}
      />
    </Card>
  );
}

const HOME_ITEMS = 8;

/** A unit's home page: the items it owns, soonest due first. */
export function MyChecklist() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mine = useQuery({
    queryKey: ["checklist", "mine"],
    queryFn: () => api<Answer<"/api/checklist/mine">>("GET", "/api/checklist/mine"),
  });
  const items = mine.data?.items ?? [];
  if (items.length === 0) return null;
  const byAssessment = new Map<string, typeof items>();
  for (const i of items) {
    const key = i.lastAssessmentId ?? "";
    byAssessment.set(key, [...(byAssessment.get(key) ?? []), i]);
  }
  return (
    <Card withBorder data-testid="my-checklist">
      <Title order={4} mb="xs">
        {t("checklist.mine", { count: items.length })}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("checklist.mineHint", { overdue: items.filter((i) => i.overdue).length })}
      </Text>
      {[...byAssessment].map(([assessmentId, list]) => (
        <Stack key={assessmentId} gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {list[0]?.organization.name}
            </Text>
            <Anchor component={Link} to={`/penilaian/${assessmentId}/perbaikan`} size="sm">
              {t("checklist.seeAll", { count: list.length })}
            </Anchor>
          </Group>
          <ChecklistTable
            // Soonest due first (the server's order): the rest is one click away.
            items={list.slice(0, HOME_ITEMS)}
            assessmentId={assessmentId}
            organizationId={list[0]?.organization.id ?? ""}
            onSaved={() => queryClient.invalidateQueries({ queryKey: ["checklist", "mine"] })}
            label={t("checklist.mine", { count: items.length })}
          />
        </Stack>
      ))}
    </Card>
  );
}
