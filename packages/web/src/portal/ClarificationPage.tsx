import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { errorMessage } from "../i18n";
import { useUnits } from "../workspace/AssignmentEditor";
import { formatIndex, local, useAssessment } from "../workspace/api";
import { STATUS_COLOR } from "./OfficialPanel";

type Workspace = Answer<"/api/assessments/{id}/clarification">;
type Row = Workspace["indicators"][number];
type Draft = Row["clarification"];
const STATUSES = ["to_prepare", "ready", "presented", "concluded"] as const;
const key = (id: string) => ["assessment", id, "clarification"] as const;

/** One indicator's answer to the portal: who answers and attends, when, what we say and show, the outcome. */
function IndicatorCard({
  assessmentId,
  row,
  units,
  editable,
}: {
  assessmentId: string;
  row: Row;
  units: { value: string; label: string }[];
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(row.clarification);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const show = (v: number | null, places = 2) =>
    v === null ? "—" : formatIndex(v.toFixed(places), i18n.language);
  const save = async () => {
    setBusy(true);
    try {
      await api("PUT", `/api/assessments/${assessmentId}/clarification/indicators/${row.code}`, {
        responderUnitId: draft.responderUnitId,
        responderName: draft.responderName,
        attendees: draft.attendees,
        slot: draft.slot,
        rebuttal: draft.rebuttal,
        evidenceIds: draft.evidenceIds,
        status: draft.status,
        outcome: draft.outcome,
        itemOutcomes: draft.itemOutcomes,
        version: row.clarification.version,
      });
      notifications.show({ color: "green", message: t("clarification.saved", { code: row.code }) });
      const fresh = await queryClient.fetchQuery({
        queryKey: key(assessmentId),
        queryFn: () => api<Workspace>("GET", `/api/assessments/${assessmentId}/clarification`),
      });
      const mine = fresh.indicators.find((i) => i.code === row.code);
      if (mine) setDraft(mine.clarification);
    } catch (e) {
      notifications.show({
        color: "red",
        message: e instanceof ApiError && e.status === 409 ? t("clarification.conflict") : errorMessage(e),
      });
      if (e instanceof ApiError && e.status === 409)
        await queryClient.invalidateQueries({ queryKey: key(assessmentId) });
    } finally {
      setBusy(false);
    }
  };
  const changed = JSON.stringify(draft) !== JSON.stringify(row.clarification);
  return (
    <Card withBorder data-testid={`clarify-${row.code}`}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={0}>
          <Anchor component={Link} to={`/penilaian/${assessmentId}/indikator/${row.code}`} fw={700}>
            {row.code} · {local(row.name, i18n.language)}
          </Anchor>
          <Text size="sm">
            {t("clarification.figures", {
              claim: show(row.claim),
              interim: show(row.interim),
            })}
            {row.loss !== null && (
              <Text span c="red" fw={600}>
                {" "}
                {t("clarification.loss", { loss: show(-row.loss, 4) })}
              </Text>
            )}
          </Text>
          {row.gained && (
            <Text size="sm" c={row.gained.value > 0 ? "green.8" : undefined} fw={600}>
              {t("clarification.gained", { value: show(row.final), index: show(row.gained.index, 4) })}
            </Text>
          )}
        </Stack>
        <Badge
          variant="light"
          color={draft.status === "concluded" ? "green" : draft.status === "ready" ? "teal" : "gray"}
        >
          {t(`clarification.statuses.${draft.status}`)}
        </Badge>
      </Group>
      {row.returned.length > 0 && (
        <Stack gap={2} mb="xs">
          {row.returned.map((r) => (
            <Group key={r.item} gap={6} wrap="nowrap" align="flex-start">
              <Badge size="sm" variant="light" color={STATUS_COLOR[r.status]}>
                {r.item}
              </Badge>
              <Text size="sm">
                {t(`official.statuses.${r.status}`)}
                {r.note ? ` — ${r.note}` : ""}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="xs">
        <Select
          label={t("clarification.responderUnit")}
          data={units}
          value={draft.responderUnitId}
          onChange={(v) => set("responderUnitId", v)}
          clearable
          searchable
          disabled={!editable}
        />
        <TextInput
          label={t("clarification.responderName")}
          value={draft.responderName}
          onChange={(e) => set("responderName", e.currentTarget.value)}
          disabled={!editable}
        />
        <TextInput
          label={t("clarification.attendees")}
          value={draft.attendees}
          onChange={(e) => set("attendees", e.currentTarget.value)}
          disabled={!editable}
        />
        <TextInput
          type="time"
          label={t("clarification.slot")}
          value={draft.slot}
          onChange={(e) => set("slot", e.currentTarget.value)}
          disabled={!editable}
        />
      </SimpleGrid>
      <Textarea
        mt="xs"
        label={t("clarification.rebuttal")}
        description={t("clarification.rebuttalHint")}
        autosize
        minRows={3}
        value={draft.rebuttal}
        onChange={(e) => set("rebuttal", e.currentTarget.value)}
        disabled={!editable}
      />
      <MultiSelect
        mt="xs"
        label={t("clarification.documents")}
        description={t("clarification.documentsHint")}
        data={row.evidence.map((e) => ({ value: e.id, label: `${e.item ? `${e.item} — ` : ""}${e.title}` }))}
        value={draft.evidenceIds}
        onChange={(v) => set("evidenceIds", v)}
        searchable
        disabled={!editable}
      />
      <Group mt="xs" align="end" gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={draft.status}
          onChange={(v) => set("status", v as Draft["status"])}
          data={STATUSES.map((s) => ({ value: s, label: t(`clarification.statuses.${s}`) }))}
          disabled={!editable}
        />
      </Group>
      {(draft.status === "presented" || draft.status === "concluded") && (
        <Stack gap="xs" mt="xs">
          <Textarea
            label={t("clarification.outcome")}
            autosize
            minRows={2}
            value={draft.outcome}
            onChange={(e) => set("outcome", e.currentTarget.value)}
            disabled={!editable}
          />
          {row.returned.map((r) => (
            <Select
              key={r.item}
              size="xs"
              w={320}
              label={t("clarification.itemOutcome", { item: r.item })}
              data={[
                { value: "accepted", label: t("clarification.itemOutcomes.accepted") },
                { value: "still_returned", label: t("clarification.itemOutcomes.still_returned") },
              ]}
              value={draft.itemOutcomes[r.item] ?? null}
              onChange={(v) => {
                const next = { ...draft.itemOutcomes };
                if (v) next[r.item] = v as "accepted" | "still_returned";
                else delete next[r.item];
                set("itemOutcomes", next);
              }}
              clearable
              disabled={!editable}
            />
          ))}
        </Stack>
      )}
      {editable && (
        <Group mt="sm" justify="flex-end">
          <Button size="xs" loading={busy} disabled={!changed} onClick={() => void save()}>
            {t("clarification.save", { code: row.code })}
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** The session's date and place: what the brief prints at its head. */
function SessionForm({
  assessmentId,
  session,
  editable,
}: {
  assessmentId: string;
  session: Workspace["session"];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(session.date);
  const [place, setPlace] = useState(session.place);
  const save = async () => {
    try {
      await api("PUT", `/api/assessments/${assessmentId}/clarification/session`, {
        date,
        place,
        version: session.version,
      });
      notifications.show({ color: "green", message: t("clarification.sessionSaved") });
    } catch (e) {
      notifications.show({ color: "red", message: errorMessage(e) });
    } finally {
      await queryClient.invalidateQueries({ queryKey: key(assessmentId) });
    }
  };
  return (
    <Group align="end" gap="xs" wrap="wrap">
      <TextInput
        type="date"
        label={t("clarification.date")}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        disabled={!editable}
      />
      <TextInput
        w={320}
        label={t("clarification.place")}
        value={place}
        onChange={(e) => setPlace(e.currentTarget.value)}
        disabled={!editable}
      />
      {editable && (
        <Button
          size="xs"
          variant="default"
          onClick={() => void save()}
          disabled={date === session.date && place === session.place}
        >
          {t("clarification.saveSession")}
        </Button>
      )}
    </Group>
  );
}

/**
 * The clarification (interviu) workspace: the indicators the portal valued below the claim,
 * largest loss of index first, each with its returned items, the instansi's answer and outcome;
 * the session; the printable brief; and once later official values are in, what it gained.
 */
export default function ClarificationPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const assessment = useAssessment(id);
  const workspace = useQuery({
    queryKey: key(id),
    queryFn: () => api<Workspace>("GET", `/api/assessments/${id}/clarification`),
  });
  const units = useUnits(assessment.data?.organization.id ?? "", workspace.data?.can.edit ?? false);
  if (workspace.isPending || assessment.isPending) return <Loader aria-label={t("common.loading")} />;
  if (workspace.isError) return <Alert color="red">{errorMessage(workspace.error)}</Alert>;
  if (assessment.isError) return <Alert color="red">{errorMessage(assessment.error)}</Alert>;
  const w = workspace.data;
  const show = (v: number | null | undefined, places = 2) =>
    v === null || v === undefined ? "—" : formatIndex(v.toFixed(places), i18n.language);
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{t("clarification.title")}</Title>
          <Anchor component={Link} to={`/penilaian/${id}`} size="sm">
            {assessment.data.organization.name} · {assessment.data.cycle.name}
          </Anchor>
        </Stack>
        <Button component="a" href={`/api/assessments/${id}/clarification/brief.pdf`} variant="light">
          {t("clarification.brief")}
        </Button>
      </Group>
      {!w.open ? (
        <Alert>{t("clarification.closed")}</Alert>
      ) : (
        <>
          <Card withBorder>
            <Text size="sm" data-testid="clarification-summary">
              {w.interim
                ? t("clarification.summary", {
                    index: show(w.interim.index),
                    date: w.interim.asOf,
                    count: w.indicators.filter((i) => i.loss !== null).length,
                    loss: show(w.totals.loss, 4),
                  })
                : t("clarification.byHand")}
            </Text>
            {w.final && w.totals.gained !== null && (
              <Text
                size="sm"
                fw={700}
                c={w.totals.gained > 0 ? "green.8" : undefined}
                data-testid="clarification-gained"
              >
                {t("clarification.totalGained", {
                  final: show(w.final.index),
                  date: w.final.asOf,
                  gained: show(w.totals.gained),
                })}
              </Text>
            )}
            <Title order={5} mt="sm" mb={4}>
              {t("clarification.session")}
            </Title>
            <SessionForm
              key={w.session.version}
              assessmentId={id}
              session={w.session}
              editable={w.can.edit}
            />
          </Card>
          {w.indicators.map((row) => (
            <IndicatorCard
              key={`${row.code}-${row.clarification.version}`}
              assessmentId={id}
              row={row}
              units={unitOptions}
              editable={w.can.edit}
            />
          ))}
        </>
      )}
    </Stack>
  );
}
