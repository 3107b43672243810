import {
  Alert,
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
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { errorMessage } from "../i18n";
import { useUnits } from "./AssignmentEditor";
import {
  assessmentKey,
  type ExternalFeed,
  externalKey,
  formatIndex,
  type IndicatorRow,
  indicatorsKey,
  local,
  useExternal,
} from "./api";
import { parseValue } from "./ValueInput";

const STATE_COLOR = { recorded: "green", missing: "red", expired: "orange" } as const;
type Index = Answer<"/api/assessments/{id}/external-indices">["items"][number];

const decimal = (v: number | null | undefined, language: string) =>
  v == null ? "—" : language === "id" ? String(v).replace(".", ",") : String(v);

/** On an indicator fed by another agency's index: where its level comes from, never silently. */
export function ExternalNotice({ feed, assessmentId }: { feed: ExternalFeed; assessmentId: string }) {
  const { t, i18n } = useTranslation();
  const name = local(feed.name, i18n.language);
  return (
    <Alert color={feed.state === "recorded" ? "blue" : "orange"} data-testid="external-notice">
      <Text size="sm">
        {feed.state === "recorded"
          ? t("external.fedRecorded", {
              name,
              value: decimal(feed.value, i18n.language),
              date: feed.measuredOn,
              level: feed.level,
            })
          : feed.state === "expired"
            ? t("external.fedExpired", { name, date: feed.expiresOn, counted: feed.counted })
            : t("external.fedMissing", { name, counted: feed.counted })}
      </Text>
      <Anchor component={Link} to={`/penilaian/${assessmentId}#indeks-eksternal`} size="sm">
        {t("external.manage")}
      </Anchor>
    </Alert>
  );
}

function Effect({ assessmentId, index, value }: { assessmentId: string; index: Index; value: number }) {
  const { t, i18n } = useTranslation();
  const effect = useQuery({
    queryKey: ["external-effect", assessmentId, index.code, value],
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/external-indices/{code}/effect">>(
        "GET",
        `/api/assessments/${assessmentId}/external-indices/${index.code}/effect?value=${value}`,
      ),
    retry: false,
  });
  if (!effect.data) return null;
  const e = effect.data;
  return (
    <Text size="xs" c="dimmed" data-testid="external-effect">
      {t("external.effect", {
        name: index.code,
        from: decimal(e.from, i18n.language),
        to: decimal(e.to, i18n.language),
        indicators: e.indicators.map((x) => `${x.code} ${x.from ?? "—"} → ${x.to ?? "—"}`).join(", "),
        before: formatIndex(e.indexBefore, i18n.language),
        after: formatIndex(e.indexAfter, i18n.language),
        difference: formatIndex(e.difference, i18n.language),
      })}
    </Text>
  );
}

function RecordForm({
  assessmentId,
  index,
  onDone,
  units,
  documents,
}: {
  assessmentId: string;
  index: Index;
  onDone: () => void;
  units: { value: string; label: string }[];
  documents: { value: string; label: string }[];
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(index.value === null ? "" : decimal(index.value, i18n.language));
  const [date, setDate] = useState(index.measuredOn ?? "");
  const [note, setNote] = useState(index.note);
  const [unitId, setUnitId] = useState<string | null>(index.unitId);
  const [evidenceId, setEvidenceId] = useState<string | null>(index.evidenceId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const value = parseValue(text);
  const valid = value !== null && !Number.isNaN(value) && value >= index.min && value <= index.max;
  const save = async () => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await api("PUT", `/api/assessments/${assessmentId}/external-indices/${index.code}`, {
        value,
        measuredOn: date,
        note,
        unitId,
        evidenceId,
        version: index.version,
      });
      notifications.show({ color: "green", message: t("external.saved", { name: index.code }) });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t("external.conflict") : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group align="end" gap="xs">
        <TextInput
          size="xs"
          label={t("external.value", { min: index.min, max: index.max })}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          inputMode="decimal"
          w={140}
          error={text !== "" && !valid ? t("external.valueRange", { min: index.min, max: index.max }) : null}
          aria-label={t("external.valueOf", { name: index.code })}
        />
        <TextInput
          size="xs"
          type="date"
          label={t("external.measuredOn")}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          size="xs"
          label={t("external.note")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          flex={1}
        />
      </Group>
      <Group align="end" gap="xs">
        <Select
          size="xs"
          w={220}
          label={t("external.unit")}
          data={units}
          value={unitId}
          onChange={setUnitId}
          clearable
          searchable
        />
        <Select
          size="xs"
          flex={1}
          label={t("external.document")}
          placeholder={documents.length ? undefined : t("external.noDocument")}
          data={documents}
          value={evidenceId}
          onChange={setEvidenceId}
          clearable
        />
        <Button size="xs" loading={busy} disabled={!valid || !date} onClick={() => void save()}>
          {t("external.record")}
        </Button>
      </Group>
      {valid && value !== index.value && <Effect assessmentId={assessmentId} index={index} value={value} />}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The other agencies' indices that set some indicators' levels: value, band, expiry, the fed
 * indicators, and for the coordinator a form that says what a new value would do.
 */
export function ExternalIndicesPanel({
  assessmentId,
  organizationId,
  indicators,
}: {
  assessmentId: string;
  organizationId: string;
  indicators: IndicatorRow[];
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useExternal(assessmentId);
  const units = useUnits(organizationId, list.data?.can.record ?? false);
  if (!list.data || list.data.items.length === 0) return null;
  const refresh = () =>
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: externalKey(assessmentId) }),
      queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) }),
      queryClient.invalidateQueries({ queryKey: assessmentKey(assessmentId) }),
    ]);
  return (
    <Card withBorder id="indeks-eksternal" data-testid="external-indices">
      <Title order={4} mb="xs">
        {t("external.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("external.intro")}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("external.index")}</Table.Th>
            <Table.Th>{t("external.indicators")}</Table.Th>
            <Table.Th>{t("external.valueHeader")}</Table.Th>
            <Table.Th>{t("external.counts")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((x) => (
            <Table.Tr key={x.code} data-testid={`external-${x.code}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {local(x.name, i18n.language)}
                </Text>
                <Text size="xs" c="dimmed">
                  {x.owner}
                  {x.maxAgeMonths ? ` · ${t("external.maxAge", { months: x.maxAgeMonths })}` : ""}
                </Text>
                {list.data.can.record && (
                  <RecordForm
                    key={`${x.code}-${x.version}`}
                    assessmentId={assessmentId}
                    index={x}
                    onDone={refresh}
                    units={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                    // The source document is evidence already uploaded for a fed indicator's items.
                    documents={[
                      ...new Map(
                        indicators
                          .filter((r) => x.indicators.some((i) => i.code === r.code))
                          .flatMap((r) => r.evidence)
                          .map((e) => [
                            e.evidenceId,
                            { value: e.evidenceId, label: `${e.item ?? ""} ${e.title}`.trim() },
                          ]),
                      ).values(),
                    ]}
                  />
                )}
              </Table.Td>
              <Table.Td>
                {x.indicators.map((i) => (
                  <Anchor
                    key={i.code}
                    component={Link}
                    to={`/penilaian/${assessmentId}/indikator/${i.code}`}
                    size="sm"
                    mr="xs"
                  >
                    {i.code}
                  </Anchor>
                ))}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{decimal(x.value, i18n.language)}</Text>
                <Text size="xs" c="dimmed">
                  {x.measuredOn ? t("external.measured", { date: x.measuredOn }) : ""}
                  {x.expiresOn ? ` · ${t("external.expires", { date: x.expiresOn })}` : ""}
                </Text>
                {(x.evidenceTitle || x.unitName) && (
                  <Text size="xs" c="dimmed">
                    {[x.evidenceTitle && t("external.source", { title: x.evidenceTitle }), x.unitName]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={STATE_COLOR[x.state]} variant="light">
                  {t(`external.states.${x.state}`)}
                </Badge>
                <Text size="sm">{t("external.countsAs", { level: x.counted ?? "—" })}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
