import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { todayWib } from "@matang/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError, api } from "../app/api";
import { ItemsOverview } from "../evidence/ItemsOverview";
import { ZipImport } from "../evidence/ZipImport";
import { errorMessage } from "../i18n";
import { OfficialPanel } from "../portal/OfficialPanel";
import { PortalPackage } from "../portal/PortalPackage";
import { AssignmentEditor, useUnits } from "./AssignmentEditor";
import {
  type Assessment,
  assessmentKey,
  formatIndex,
  formatValue,
  type IndicatorRow,
  type IndicatorStatus,
  local,
  STAGES,
  useAssessment,
  useFramework,
  useIndicators,
} from "./api";
import { blockedReason } from "./blocked";
import { CopyForward } from "./CopyForward";
import { EvaluationStatus } from "./EvaluationStatus";
import { ExternalIndicesPanel } from "./ExternalIndices";
import { ProvisionalNote } from "./ProvisionalNote";

export const STATUS_COLOR: Record<IndicatorStatus, string> = {
  not_started: "gray",
  in_progress: "blue",
  ready: "teal",
  returned: "orange",
  done: "green",
};
const STATUSES = Object.keys(STATUS_COLOR) as IndicatorStatus[];

/** The assessment's one headline figure, labelled as core labels it (the same on every page). */
function HeadlineCard({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const h = assessment.headline;
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed" data-testid="headline-label">
        {i18n.language === "en" ? h.label.en : h.label.id}
      </Text>
      {h.complete ? (
        <Group align="baseline" gap="xs">
          <Title order={2} data-testid="headline-figure">
            {formatIndex(h.indexDisplay, i18n.language)}
          </Title>
          <Badge>{local(h.predicateName, i18n.language)}</Badge>
        </Group>
      ) : (
        <Title order={3} data-testid="headline-figure">
          {t("assessment.between", {
            floor: formatIndex(h.floorDisplay, i18n.language),
            ceiling: formatIndex(h.ceilingDisplay, i18n.language),
          })}
        </Title>
      )}
    </Card>
  );
}

function UnitProgress({ indicators }: { indicators: IndicatorRow[] }) {
  const { t } = useTranslation();
  const today = todayWib();
  const units = new Map<string, { name: string; assigned: number; ready: number; overdue: number }>();
  for (const row of indicators) {
    for (const a of row.assignments) {
      const entry = units.get(a.unitId) ?? { name: a.unitName, assigned: 0, ready: 0, overdue: 0 };
      entry.assigned++;
      const answer = row.unitAnswers.find((u) => u.unitId === a.unitId);
      const ready = answer?.status === "ready" || row.status === "done";
      if (ready) entry.ready++;
      else if (a.dueDate && a.dueDate < today) entry.overdue++;
      units.set(a.unitId, entry);
    }
  }
  if (units.size === 0) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("assessment.units")}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("assessment.unit")}</Table.Th>
            <Table.Th>{t("assessment.assigned")}</Table.Th>
            <Table.Th>{t("assessment.readyCount")}</Table.Th>
            <Table.Th>{t("assessment.overdue")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...units.entries()].map(([id, u]) => (
            <Table.Tr key={id} bg={u.overdue > 0 ? "red.0" : undefined}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{u.assigned}</Table.Td>
              <Table.Td>{u.ready}</Table.Td>
              <Table.Td>{u.overdue > 0 ? <Badge color="red">{u.overdue}</Badge> : 0}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function StageScores({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("assessment.scores")}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("assessment.stage")}</Table.Th>
            <Table.Th>{t("assessment.index")}</Table.Th>
            <Table.Th>{t("assessment.predicate")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {STAGES.map((stage) => {
            const s = assessment.scores[stage];
            return (
              <Table.Tr key={stage}>
                <Table.Td>{t(`stages.${stage}`)}</Table.Td>
                <Table.Td>
                  {s.complete
                    ? formatIndex(s.indexDisplay, i18n.language)
                    : s.answered === 0
                      ? "—"
                      : `${formatIndex(s.floorDisplay, i18n.language)}–${formatIndex(s.ceilingDisplay, i18n.language)}`}
                </Table.Td>
                <Table.Td>{local(s.predicateName, i18n.language) || "—"}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function SubmitButton({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const [missing, setMissing] = useState<string[] | null>(null);
  const submit = useMutation({
    mutationFn: () =>
      api("POST", `/api/assessments/${assessment.id}/transitions`, {
        to: assessment.moves.find((m) => m.operation === "assessment.submit")?.to,
        version: assessment.version,
      }),
    onSuccess: () => {
      close();
      notifications.show({ color: "green", message: t("assessment.submitted") });
      void queryClient.invalidateQueries({ queryKey: assessmentKey(assessment.id) });
    },
    onError: (error) => {
      close();
      if (error instanceof ApiError && error.code === "incomplete") {
        setMissing((error.details as { missing: string[] }).missing);
      } else notifications.show({ color: "red", message: errorMessage(error) });
    },
  });
  // Permitted but not possible yet: the button stays, disabled, and says what is missing.
  const blocked = assessment.can.submit ? undefined : assessment.blocked.submit;
  return (
    <>
      {blocked ? (
        <Stack gap={2} align="flex-end">
          <Button disabled>{t("assessment.submit")}</Button>
          <Text size="xs" c="dimmed" maw={320} ta="right" data-testid="submit-blocked">
            {blockedReason(t, blocked)}
          </Text>
        </Stack>
      ) : (
        <Button onClick={open}>{t("assessment.submit")}</Button>
      )}
      {missing && (
        <Alert color="orange" withCloseButton onClose={() => setMissing(null)} role="alert">
          {t("assessment.missing", { count: missing.length, codes: missing.join(", ") })}
        </Alert>
      )}
      <Modal opened={opened} onClose={close} title={t("assessment.submit")}>
        <Stack>
          <Text>{t("assessment.submitConfirm")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("assessment.cancel")}
            </Button>
            <Button loading={submit.isPending} onClick={() => submit.mutate()}>
              {t("assessment.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function MoveButtons({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (to: string) =>
      api("POST", `/api/assessments/${assessment.id}/transitions`, { to, version: assessment.version }),
    onSuccess: (_data, to) => {
      notifications.show({ color: "green", message: t("review.moved", { state: t(`states.${to}`) }) });
      void queryClient.invalidateQueries({ queryKey: assessmentKey(assessment.id) });
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  // The server lists the moves the caller may make now; submitting has its own button.
  const targets = assessment.moves.filter(
    (m) => m.direction === "forward" && m.operation !== "assessment.submit",
  );
  return (
    <>
      {targets.map((m, i) => (
        <Button
          key={m.to}
          // Where two moves are open (the optional visit, or straight on), the later one is the usual.
          variant={i < targets.length - 1 ? "default" : "filled"}
          loading={move.isPending}
          onClick={() => move.mutate(m.to)}
        >
          {m.operation === "assessment.publish"
            ? t("review.publish")
            : t("review.advance", { state: t(`states.${m.to}`) })}
        </Button>
      ))}
    </>
  );
}

export default function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const assessment = useAssessment(id);
  const indicators = useIndicators(id);
  const framework = useFramework(assessment.data?.cycle.frameworkId);
  const [status, setStatus] = useState<string>("all");
  const [selected, setSelected] = useState<string[]>([]);
  // The instansi's units, to narrow a portal package to one unit's items.
  const portalUnits = useUnits(assessment.data?.organization.id ?? "", assessment.data?.can.portal ?? false);
  if (assessment.isPending || indicators.isPending) return <Loader aria-label={t("common.loading")} />;
  if (assessment.isError) return <Alert color="red">{errorMessage(assessment.error)}</Alert>;
  if (indicators.isError) return <Alert color="red">{errorMessage(indicators.error)}</Alert>;
  const a = assessment.data;
  const rows = indicators.data.items;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const shown = status === "all" ? rows : rows.filter((r) => r.status === status);
  const stageWindow = a.cycle.schedule[a.state];
  const today = todayWib();
  const canAssign = a.can.assign;
  const toggle = (code: string) =>
    setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));

  return (
    <Stack maw={1200}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{a.organization.name}</Title>
          <Text c="dimmed">
            {a.cycle.name} · <Badge variant="light">{t(`states.${a.state}`)}</Badge>
          </Text>
          {stageWindow && (
            <Text size="sm" c={a.stageOpen ? undefined : "red"}>
              {a.stageOpen
                ? t("assessment.stageEnds", { stage: t(`states.${a.state}`), date: stageWindow.end })
                : t("assessment.stageClosed")}
            </Text>
          )}
        </Stack>
        <Group>
          <Anchor component={Link} to={`/penilaian/${a.id}/dasbor`}>
            {t("nav.dashboard")}
          </Anchor>
          {a.can.checklist && (
            <Anchor component={Link} to={`/penilaian/${a.id}/perbaikan`}>
              {t("checklist.link")}
            </Anchor>
          )}
          {a.submittedAt && (
            <Anchor href={`/api/assessments/${a.id}/minutes.pdf`}>{t("assessment.minutes")}</Anchor>
          )}
          <Anchor href={`/api/assessments/${a.id}/report.pdf`}>{t("assessment.report")}</Anchor>
          <Anchor href={`/api/assessments/${a.id}/export.xlsx`}>{t("assessment.excel")}</Anchor>
          {canAssign && <CopyForward assessmentId={a.id} />}
          {(a.can.submit || a.blocked.submit) && <SubmitButton assessment={a} />}
          <MoveButtons assessment={a} />
        </Group>
      </Group>

      <EvaluationStatus assessment={a} />
      {a.can.overview && (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <HeadlineCard assessment={a} />
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t("assessment.byStatus")}
            </Text>
            <Group gap="xs" mt="xs">
              {STATUSES.map((s) => (
                <Badge key={s} color={STATUS_COLOR[s]} variant="light">
                  {t(`statuses.${s}`)}: {counts[s]}
                </Badge>
              ))}
            </Group>
          </Card>
          <StageScores assessment={a} />
        </SimpleGrid>
      )}
      <ProvisionalNote framework={framework.data} />
      {a.can.overview && <UnitProgress indicators={rows} />}
      {rows.some((r) => r.itemCounts.length > 0) && (
        <ItemsOverview assessmentId={a.id} organizationId={a.organization.id} />
      )}
      {rows.some((r) => r.itemCounts.length > 0 && r.can.addEvidence) && <ZipImport assessmentId={a.id} />}
      {a.can.overview && <OfficialPanel assessmentId={a.id} />}
      {a.can.portal && (
        <PortalPackage
          assessmentId={a.id}
          indicators={rows.map((r) => ({ code: r.code, name: local(r.names, i18n.language) }))}
          units={portalUnits.data?.items ?? []}
        />
      )}
      {rows.some((r) => r.external) && (
        <ExternalIndicesPanel assessmentId={a.id} organizationId={a.organization.id} indicators={rows} />
      )}

      <Card withBorder>
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={4}>
            {a.can.overview ? t("assessment.indicators") : t("assessment.myIndicators")}
          </Title>
          <SegmentedControl
            size="xs"
            value={status}
            onChange={setStatus}
            data={[
              { value: "all", label: t("assessment.allStatuses") },
              ...STATUSES.map((s) => ({ value: s, label: `${t(`statuses.${s}`)} (${counts[s]})` })),
            ]}
          />
        </Group>
        {canAssign && selected.length > 0 && (
          <Card withBorder mb="sm" bg="gray.0">
            <Text size="sm" fw={600} mb="xs">
              {t("assign.bulk")}
            </Text>
            <AssignmentEditor
              assessmentId={a.id}
              organizationId={a.organization.id}
              rows={rows.filter((r) => selected.includes(r.code))}
              onDone={() => setSelected([])}
            />
          </Card>
        )}
        {shown.length === 0 ? (
          <Text>{t("assessment.noIndicators")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {canAssign && (
                    <Table.Th>
                      <Checkbox
                        aria-label={t("assign.selectAll")}
                        checked={shown.length > 0 && shown.every((r) => selected.includes(r.code))}
                        onChange={(e) =>
                          setSelected(
                            e.currentTarget.checked
                              ? [...new Set([...selected, ...shown.map((r) => r.code)])]
                              : [],
                          )
                        }
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t("assessment.code")}</Table.Th>
                  <Table.Th>{t("assessment.name")}</Table.Th>
                  <Table.Th>{t("assessment.unit")}</Table.Th>
                  <Table.Th>{t("assessment.dueDate")}</Table.Th>
                  <Table.Th>{t("assessment.status")}</Table.Th>
                  <Table.Th>{t("assessment.claimed")}</Table.Th>
                  <Table.Th>{t("assessment.supported")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => {
                  const due =
                    r.assignments
                      .map((x) => x.dueDate)
                      .filter(Boolean)
                      .sort()[0] ?? null;
                  const late = due !== null && due < today && r.status !== "done" && r.status !== "ready";
                  return (
                    <Table.Tr key={r.code}>
                      {canAssign && (
                        <Table.Td>
                          <Checkbox
                            aria-label={t("assign.select", { code: r.code })}
                            checked={selected.includes(r.code)}
                            onChange={() => toggle(r.code)}
                          />
                        </Table.Td>
                      )}
                      <Table.Td>{r.code}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/penilaian/${a.id}/indikator/${r.code}`}>
                          {local(r.names, i18n.language)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.assignments.map((x) => x.unitName).join(", ") || "—"}</Table.Td>
                      <Table.Td
                        c={late ? "red" : undefined}
                        fw={late ? 700 : undefined}
                        style={{ whiteSpace: "nowrap" }}
                      >
                        {due ?? "—"}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Badge
                          color={STATUS_COLOR[r.status]}
                          variant="light"
                          style={{ overflow: "visible" }}
                          styles={{ label: { overflow: "visible" } }}
                        >
                          {t(`statuses.${r.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatValue(r.claimedLevel, r.decimals, i18n.language)}</Table.Td>
                      <Table.Td>
                        {r.supportedLevel ?? "—"}
                        {r.itemCounts.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {r.itemCounts.map((c) => `L${c.level} ${c.accepted}/${c.total}`).join(" · ")}
                          </Text>
                        )}
                        {r.external && (
                          <Badge
                            size="xs"
                            variant="light"
                            color={r.external.state === "recorded" ? "grape" : "orange"}
                          >
                            {r.external.index}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
