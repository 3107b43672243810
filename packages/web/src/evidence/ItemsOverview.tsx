import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { errorMessage } from "../i18n";
import { PORTAL_FILTERS, type PortalFilter, PortalMark, portalMatches } from "../portal/PortalMark";
import { useUnits } from "../workspace/AssignmentEditor";
import { indicatorsKey, itemsKey, local, useItems } from "../workspace/api";
import { ITEM_COLOR } from "./ItemsPanel";

type Item = Answer<"/api/assessments/{id}/items">["items"][number];
const PAGE = 40;
const STATUS_FILTERS = [
  "open",
  "all",
  "not_uploaded",
  "returned",
  "auto_rejected",
  "pending",
  "accepted",
] as const;

/** The coordinator names an item's unit and due date; conflicts say so instead of overwriting. */
function ItemAssignment({
  assessmentId,
  item,
  units,
}: {
  assessmentId: string;
  item: Item;
  units: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [due, setDue] = useState(item.dueDate ?? "");
  const save = async (unitId: string | null, dueDate: string | null) => {
    try {
      await api("PUT", `/api/assessments/${assessmentId}/items/${item.code}/assignment`, {
        unitId,
        dueDate,
        version: item.version,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: itemsKey(assessmentId) }),
        queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) }),
      ]);
    } catch (e) {
      notifications.show({
        color: "red",
        message: e instanceof ApiError && e.status === 409 ? t("items.assignConflict") : errorMessage(e),
      });
      await queryClient.invalidateQueries({ queryKey: itemsKey(assessmentId) });
    }
  };
  return (
    <Group gap={4} wrap="nowrap">
      <Select
        size="xs"
        w={170}
        placeholder={t("items.chooseUnit")}
        aria-label={t("items.unitFor", { item: item.code })}
        data={units}
        value={item.unitId}
        clearable
        searchable
        onChange={(v) => void save(v, v ? due || null : null)}
      />
      <TextInput
        size="xs"
        type="date"
        w={140}
        aria-label={t("items.dueFor", { item: item.code })}
        value={due}
        disabled={!item.unitId}
        onChange={(e) => setDue(e.currentTarget.value)}
        onBlur={() => item.unitId && due !== (item.dueDate ?? "") && void save(item.unitId, due || null)}
      />
    </Group>
  );
}

/**
 * Every evidence item of the assessment: per unit how many are accepted, returned, awaiting
 * review or missing, and the items still open — what the coordinator chases, and assigns.
 */
export function ItemsOverview({
  assessmentId,
  organizationId,
}: {
  assessmentId: string;
  organizationId: string;
}) {
  const { t, i18n } = useTranslation();
  const items = useItems(assessmentId);
  const [filter, setFilter] = useState<(typeof STATUS_FILTERS)[number]>("open");
  const [unit, setUnit] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [portal, setPortal] = useState<PortalFilter>("any");
  // Long lists render in pages: an instansi has over two hundred items.
  const [limit, setLimit] = useState(PAGE);
  // Only who assigns items lists the instansi's units (others may not read them).
  const units = useUnits(organizationId, items.data?.can.assign ?? false);
  if (!items.data || items.data.items.length === 0) return null;
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const needle = search.trim().toLowerCase();
  const shown = items.data.items.filter(
    (i) =>
      (filter === "all" || (filter === "open" ? i.status !== "accepted" : i.status === filter)) &&
      (unit === null || (unit === "" ? i.unitId === null : i.unitId === unit)) &&
      portalMatches(portal, i) &&
      (needle === "" ||
        i.code.toLowerCase().includes(needle) ||
        local(i.text, i18n.language).toLowerCase().includes(needle)),
  );
  return (
    <Card withBorder data-testid="items-overview">
      <Title order={4} mb="xs">
        {t("items.overview")}
      </Title>
      <Table mb="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("assessment.unit")}</Table.Th>
            <Table.Th>{t("items.total")}</Table.Th>
            <Table.Th>{t("itemStatuses.accepted")}</Table.Th>
            <Table.Th>{t("items.returnedOrRejected")}</Table.Th>
            <Table.Th>{t("itemStatuses.pending")}</Table.Th>
            <Table.Th>{t("itemStatuses.not_uploaded")}</Table.Th>
            <Table.Th>{t("assessment.overdue")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.data.byUnit.map((u) => (
            <Table.Tr key={u.unitId ?? ""}>
              <Table.Td>
                <Anchor component="button" size="sm" onClick={() => setUnit(u.unitId ?? "")}>
                  {u.unitName ?? t("items.noPjShort")}
                </Anchor>
              </Table.Td>
              <Table.Td>{u.total}</Table.Td>
              <Table.Td>{u.accepted}</Table.Td>
              <Table.Td c={u.returned ? "orange" : undefined}>{u.returned}</Table.Td>
              <Table.Td>{u.pending}</Table.Td>
              <Table.Td c={u.notUploaded ? "red" : undefined}>{u.notUploaded}</Table.Td>
              <Table.Td c={u.overdue ? "red" : undefined} fw={u.overdue ? 700 : undefined}>
                {u.overdue}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mb="xs" gap="xs">
        <Select
          size="xs"
          w={220}
          label={t("items.filterStatus")}
          value={filter}
          onChange={(v) => setFilter((v as typeof filter) ?? "open")}
          allowDeselect={false}
          data={STATUS_FILTERS.map((s) => ({ value: s, label: t(`items.filters.${s}`) }))}
        />
        <Select
          size="xs"
          w={220}
          label={t("items.filterUnit")}
          value={unit}
          onChange={setUnit}
          clearable
          data={[
            { value: "", label: t("items.noPjShort") },
            ...items.data.byUnit
              .filter((u) => u.unitId)
              .map((u) => ({ value: u.unitId ?? "", label: u.unitName ?? "" })),
          ]}
        />
        {items.data.can.portal && (
          <Select
            size="xs"
            w={220}
            label={t("portal.filter")}
            value={portal}
            onChange={(v) => setPortal((v as PortalFilter) ?? "any")}
            allowDeselect={false}
            data={PORTAL_FILTERS.map((f) => ({ value: f, label: t(`portal.filters.${f}`) }))}
          />
        )}
        <TextInput
          size="xs"
          w={220}
          label={t("items.search")}
          placeholder="I4-L1"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed" mt="lg">
          {t("items.shown", { count: shown.length, total: items.data.items.length })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={760} mah={480}>
        <Table stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("items.code")}</Table.Th>
              <Table.Th>{t("items.item")}</Table.Th>
              <Table.Th>{t("assessment.status")}</Table.Th>
              <Table.Th>{items.data.can.assign ? t("items.pjAndDue") : t("assessment.unit")}</Table.Th>
              {items.data.can.portal && <Table.Th>{t("portal.column")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.slice(0, limit).map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor
                    component={Link}
                    to={`/penilaian/${assessmentId}/indikator/${i.indicator}`}
                    size="sm"
                  >
                    {i.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{local(i.text, i18n.language)}</Text>
                  {i.status === "returned" && i.note && (
                    <Text size="xs" c="orange.8">
                      {t("evidence.reviewNote", { note: i.note })}
                    </Text>
                  )}
                  {i.official && i.official.status !== "accepted" && (
                    <Text size="xs" c="indigo.8">
                      {t("official.portalVerdict", { status: t(`official.statuses.${i.official.status}`) })}
                      {i.official.note ? ` — ${i.official.note}` : ""}
                    </Text>
                  )}
                  {i.status === "auto_rejected" && (
                    <Text size="xs" c="dimmed">
                      {t("items.autoRejectedBecause", { items: i.blockedBy.join(", ") })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge color={ITEM_COLOR[i.status]} variant="light">
                      {t(`itemStatuses.${i.status}`)}
                    </Badge>
                    {i.overdue && (
                      <Text size="xs" c="red" fw={700}>
                        {t("items.overdue", { date: i.dueDate })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {items.data.can.assign ? (
                    <ItemAssignment assessmentId={assessmentId} item={i} units={unitOptions} />
                  ) : (
                    <Text size="sm">
                      {i.unitName ?? "—"}
                      {i.dueDate ? ` · ${i.dueDate}` : ""}
                    </Text>
                  )}
                </Table.Td>
                {items.data.can.portal && (
                  <Table.Td>
                    <PortalMark assessmentId={assessmentId} item={i} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length > limit && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setLimit((l) => l + PAGE)}>
          {t("items.more", { count: Math.min(PAGE, shown.length - limit) })}
        </Button>
      )}
    </Card>
  );
}
