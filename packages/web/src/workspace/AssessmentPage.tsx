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
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { todayWib } from "@matang/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { PageError } from "../app/PageError";
import { ItemsOverview } from "../evidence/ItemsOverview";
import { ZipImport } from "../evidence/ZipImport";
import { errorMessage } from "../i18n";
import { formatDate } from "../i18n/format";
import { OfficialPanel } from "../portal/OfficialPanel";
import { PortalPackage } from "../portal/PortalPackage";
import { AssignmentEditor, useUnits } from "./AssignmentEditor";
import {
  type Assessment,
  assessmentKey,
  compileFramework,
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
import { unitMessage, WhatsAppLink } from "./nudge";
import { ProvisionalNote } from "./ProvisionalNote";
import { StageComparison, StageProgress } from "./StageComparison";

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

function UnitProgress({ indicators, assessment }: { indicators: IndicatorRow[]; assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const today = todayWib();
  const units = new Map<
    string,
    { name: string; assigned: number; ready: number; unanswered: number; overdue: number }
  >();
  for (const row of indicators) {
    for (const a of row.assignments) {
      const entry = units.get(a.unitId) ?? {
        name: a.unitName,
        assigned: 0,
        ready: 0,
        unanswered: 0,
        overdue: 0,
      };
      entry.assigned++;
      // A unit is ready by its own proposal only: the coordinator's answer does not answer for it.
      const answer = row.unitAnswers.find((u) => u.unitId === a.unitId);
      if (answer?.status === "ready") entry.ready++;
      else {
        if (!answer) entry.unanswered++;
        // Once the instansi's answer is in, a unit's missing proposal no longer holds anything up.
        if (row.status !== "done" && a.dueDate && a.dueDate < today) entry.overdue++;
      }
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
            <Table.Th>{t("assessment.unanswered")}</Table.Th>
            <Table.Th>{t("assessment.overdue")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...units.entries()].map(([id, u]) => (
            <Table.Tr key={id} bg={u.overdue > 0 ? "red.0" : undefined}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{u.assigned}</Table.Td>
              <Table.Td>{u.ready}</Table.Td>
              <Table.Td>{u.unanswered}</Table.Td>
              <Table.Td>{u.overdue > 0 ? <Badge color="red">{u.overdue}</Badge> : 0}</Table.Td>
              <Table.Td>
                {(() => {
                  const message = unitMessage(
                    t,
                    i18n.language,
                    assessment,
                    { unitId: id, unitName: u.name },
                    indicators,
                    window.location.origin,
                  );
                  return message ? <WhatsAppLink message={message} /> : null;
                })()}
              </Table.Td>
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

/** Every indicator not ready to submit: what it lacks, who provides it, and a link to it. */
export function SubmissionChecklist({
  assessmentId,
  rows,
}: {
  assessmentId: string;
  rows: readonly IndicatorRow[];
}) {
  const { t, i18n } = useTranslation();
  const notReady = rows.filter((r) => r.gaps.length > 0);
  if (notReady.length === 0) return <Text size="sm">{t("submission.allReady")}</Text>;
  return (
    <Table.ScrollContainer minWidth={520} mah={420}>
      <Table striped data-testid="submission-checklist" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("submission.indicator")}</Table.Th>
            <Table.Th>{t("submission.units")}</Table.Th>
            <Table.Th>{t("submission.missing")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notReady.map((r) => (
            <Table.Tr key={r.code}>
              <Table.Td>
                <Anchor component={Link} to={`/penilaian/${assessmentId}/indikator/${r.code}`} size="sm">
                  {r.code}. {local(r.names, i18n.language)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.assignments.map((a) => a.unitName).join(", ") || "—"}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {r.gaps.map((g) => (
                    <Text
                      key={g.gap}
                      size="sm"
                      c={g.gap === "level" || g.gap === "explanation" ? "red" : "orange.8"}
                    >
                      {g.gap === "evidence"
                        ? t("submission.gap.evidence", {
                            levels: g.levels.join(", "),
                            count: g.levels.length,
                          })
                        : g.gap === "proposal"
                          ? t("submission.gap.proposal", { units: g.units.join(", ") })
                          : t(`submission.gap.${g.gap}`)}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Submitting, with what is not ready shown before, not after: the required answers block it
 * (the server's `blocked.submit`), evidence and proposals still missing are shown to chase.
 */
function SubmitButton({ assessment, rows }: { assessment: Assessment; rows: readonly IndicatorRow[] }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
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
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  // Permitted but not possible yet: the button stays, disabled, and says what is missing.
  const blocked = assessment.can.submit ? undefined : assessment.blocked.submit;
  const notReady = rows.filter((r) => r.gaps.length > 0).length;
  return (
    <>
      {blocked ? (
        <Stack gap={2} align="flex-end">
          <Group gap="xs">
            <Button variant="default" onClick={open}>
              {t("submission.open", { count: notReady })}
            </Button>
            <Button disabled>{t("assessment.submit")}</Button>
          </Group>
          <Text size="xs" c="dimmed" maw={320} ta="right" data-testid="submit-blocked">
            {blockedReason(t, blocked)}
          </Text>
        </Stack>
      ) : (
        <Button onClick={open}>{t("assessment.submit")}</Button>
      )}
      <Modal opened={opened} onClose={close} title={t("submission.title")} size="xl">
        <Stack>
          {blocked ? (
            <Alert color="orange">{t("submission.blockedHint")}</Alert>
          ) : (
            <Text>{t("assessment.submitConfirm")}</Text>
          )}
          {!blocked && notReady > 0 && <Text size="sm">{t("submission.warningsHint")}</Text>}
          <SubmissionChecklist assessmentId={assessment.id} rows={rows} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {blocked ? t("review.close") : t("assessment.cancel")}
            </Button>
            {!blocked && (
              <Button loading={submit.isPending} onClick={() => submit.mutate()}>
                {t("assessment.confirm")}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Under review, who acts next on an indicator: the review team, the assessor, or nobody (valid). */
export function ReviewNext({ next }: { next: "review" | "assessor" | null }) {
  const { t } = useTranslation();
  return (
    <Badge
      mt={4}
      display="block"
      variant="light"
      color={next === "assessor" ? "orange" : next === "review" ? "blue" : "green"}
      data-testid="review-next"
    >
      {t(`reviewNext.${next ?? "none"}`)}
    </Badge>
  );
}

type Move = Assessment["moves"][number];

/**
 * The moves the caller may make now (the server's list; submitting has its own button). Every
 * move is confirmed: moving on names the indicators this stage did not score (they keep the
 * earlier stage's level), and going back asks why.
 */
function MoveButtons({ assessment, rows }: { assessment: Assessment; rows: readonly IndicatorRow[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Move | null>(null);
  const [reason, setReason] = useState("");
  const move = useMutation({
    mutationFn: (m: Move) =>
      api("POST", `/api/assessments/${assessment.id}/transitions`, {
        to: m.to,
        version: assessment.version,
        ...(m.direction === "back" ? { reason } : m.unscored.length ? { confirm: true } : {}),
      }),
    onSuccess: (_data, m) => {
      setChosen(null);
      setReason("");
      notifications.show({ color: "green", message: t("review.moved", { state: t(`states.${m.to}`) }) });
      void queryClient.invalidateQueries({ queryKey: assessmentKey(assessment.id) });
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  const forward = assessment.moves.filter(
    (m) => m.direction === "forward" && m.operation !== "assessment.submit",
  );
  const back = assessment.moves.filter((m) => m.direction === "back");
  // Permitted but not possible yet (publication waiting for the review): say why.
  const why = assessment.blocked.publish ?? assessment.blocked.move;
  const name = (code: string) => {
    const row = rows.find((r) => r.code === code);
    return row ? local(row.names, i18n.language) : "";
  };
  return (
    <>
      {forward.map((m, i) => (
        <Button
          key={m.to}
          // Where two moves are open (the optional visit, or straight on), the later one is the usual.
          variant={i < forward.length - 1 ? "default" : "filled"}
          onClick={() => setChosen(m)}
        >
          {m.operation === "assessment.publish"
            ? t("review.publish")
            : t("review.advance", { state: t(`states.${m.to}`) })}
        </Button>
      ))}
      {forward.length === 0 && why && why.code !== "wrong_state" && (
        <Text size="xs" c="dimmed" maw={360} ta="right" data-testid="move-blocked">
          {blockedReason(t, why, assessment.blocked.publish ? "publish" : undefined)}
        </Text>
      )}
      {back.map((m) => (
        <Button key={m.to} variant="subtle" color="red" onClick={() => setChosen(m)}>
          {t("review.back", { state: t(`states.${m.to}`) })}
        </Button>
      ))}
      <Modal
        opened={chosen !== null}
        onClose={() => setChosen(null)}
        size="lg"
        title={
          chosen?.direction === "back"
            ? t("review.back", { state: t(`states.${chosen.to}`) })
            : chosen?.operation === "assessment.publish"
              ? t("review.publish")
              : t("review.advance", { state: t(`states.${chosen?.to ?? assessment.state}`) })
        }
      >
        {chosen && (
          <Stack>
            {chosen.direction === "back" ? (
              <>
                <Text size="sm">{t("review.backHint")}</Text>
                <Textarea
                  label={t("review.backReason")}
                  required
                  autosize
                  minRows={2}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                />
              </>
            ) : chosen.unscored.length > 0 ? (
              <>
                <Alert color="orange" title={t("review.unscoredTitle", { count: chosen.unscored.length })}>
                  {t("review.unscoredHint", { stage: t(`states.${assessment.state}`) })}
                </Alert>
                <Table.ScrollContainer minWidth={300} mah={280}>
                  <Table data-testid="unscored">
                    <Table.Tbody>
                      {chosen.unscored.map((code) => (
                        <Table.Tr key={code}>
                          <Table.Td>
                            <Anchor component={Link} to={`/penilaian/${assessment.id}/indikator/${code}`}>
                              {code}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{name(code)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            ) : (
              <Text size="sm">
                {chosen.operation === "assessment.publish"
                  ? t("review.publishConfirm")
                  : t("review.advanceConfirm", { state: t(`states.${chosen.to}`) })}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setChosen(null)}>
                {t("assessment.cancel")}
              </Button>
              <Button
                color={chosen.direction === "back" ? "red" : undefined}
                disabled={chosen.direction === "back" && !reason.trim()}
                loading={move.isPending}
                onClick={() => move.mutate(chosen)}
              >
                {chosen.direction === "back"
                  ? t("review.backConfirm")
                  : chosen.unscored.length > 0
                    ? t("review.moveAnyway")
                    : chosen.operation === "assessment.publish"
                      ? t("review.confirmPublish")
                      : t("review.confirmMove")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

/** An indicator's earliest due date, and whether it passed with the indicator not ready yet. */
function dueOf(r: IndicatorRow, today: string) {
  const due =
    r.assignments
      .map((x) => x.dueDate)
      .filter(Boolean)
      .sort()[0] ?? null;
  return { due, late: due !== null && due < today && r.status !== "done" && r.status !== "ready" };
}

export default function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const assessment = useAssessment(id);
  const indicators = useIndicators(id);
  const framework = useFramework(assessment.data?.cycle.frameworkId);
  const compiled = useMemo(
    () => (framework.data ? compileFramework(framework.data) : null),
    [framework.data],
  );
  // The instansi's other assessments: a new one is offered last year's answers on its first screen.
  const history = useQuery({
    queryKey: ["assessment", id, "history"],
    queryFn: () => api<Answer<"/api/assessments/{id}/history">>("GET", `/api/assessments/${id}/history`),
    enabled: assessment.data?.can.assign === true && assessment.data.state === "self_assessment",
  });
  const [status, setStatus] = useState<string>("all");
  const mobile = useMediaQuery("(max-width: 48em)") ?? false;
  const [selected, setSelected] = useState<string[]>([]);
  // The instansi's units, to narrow a portal package to one unit's items.
  const portalUnits = useUnits(assessment.data?.organization.id ?? "", assessment.data?.can.portal ?? false);
  if (assessment.isPending || indicators.isPending) return <Loader aria-label={t("common.loading")} />;
  if (assessment.isError) return <PageError error={assessment.error} />;
  if (indicators.isError) return <PageError error={indicators.error} />;
  const a = assessment.data;
  const rows = indicators.data.items;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const shown = status === "all" ? rows : rows.filter((r) => r.status === status);
  const stageWindow = a.cycle.schedule[a.state];
  const today = todayWib();
  const canAssign = a.can.assign;
  const fresh = canAssign && a.state === "self_assessment" && rows.every((r) => !r.stages.self);
  const earlier = (history.data?.items ?? []).some((h) => h.assessmentId !== a.id && h.year <= a.cycle.year);
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
          {canAssign && rows.some((r) => r.stages.self) && <CopyForward assessmentId={a.id} />}
          {(a.can.submit || a.blocked.submit) && <SubmitButton assessment={a} rows={rows} />}
          <MoveButtons assessment={a} rows={rows} />
        </Group>
      </Group>

      <EvaluationStatus assessment={a} />
      {fresh && earlier && (
        // A new cycle starts from last year's work, offered where the coordinator lands first.
        <Alert color="teal" title={t("lastYear.offerTitle")} data-testid="copy-offer">
          <Group justify="space-between">
            <Text size="sm">{t("lastYear.offer")}</Text>
            <CopyForward assessmentId={a.id} />
          </Group>
        </Alert>
      )}
      {a.can.overview && (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <HeadlineCard assessment={a} />
          <Card withBorder>
            {a.state === "self_assessment" ? (
              <>
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
              </>
            ) : (
              <>
                <Text size="sm" c="dimmed" mb="xs">
                  {t("stageCompare.progressTitle")}
                </Text>
                <StageProgress state={a.state} rows={rows} />
              </>
            )}
          </Card>
          <StageScores assessment={a} />
        </SimpleGrid>
      )}
      {a.can.overview && compiled && <StageComparison assessment={a} rows={rows} framework={compiled} />}
      <ProvisionalNote framework={framework.data} />
      {a.can.overview && <UnitProgress indicators={rows} assessment={a} />}
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
          {/* Six choices do not fit a phone's width in a row: a list there. */}
          {mobile ? (
            <Select
              size="xs"
              aria-label={t("assessment.status")}
              value={status}
              onChange={(v) => v && setStatus(v)}
              allowDeselect={false}
              data={[
                { value: "all", label: t("assessment.allStatuses") },
                ...STATUSES.map((s) => ({ value: s, label: `${t(`statuses.${s}`)} (${counts[s]})` })),
              ]}
            />
          ) : (
            <SegmentedControl
              size="xs"
              value={status}
              onChange={setStatus}
              data={[
                { value: "all", label: t("assessment.allStatuses") },
                ...STATUSES.map((s) => ({ value: s, label: `${t(`statuses.${s}`)} (${counts[s]})` })),
              ]}
            />
          )}
        </Group>
        {canAssign && selected.length > 0 && (
          // Stays in view under the header while more rows are ticked.
          <Card
            withBorder
            mb="sm"
            bg="gray.0"
            pos="sticky"
            top={64}
            style={{ zIndex: 5 }}
            data-testid="bulk-bar"
          >
            <Text size="sm" fw={600} mb="xs">
              {t("assign.bulk")}
            </Text>
            <AssignmentEditor
              assessmentId={a.id}
              organizationId={a.organization.id}
              rows={rows.filter((r) => selected.includes(r.code))}
              onDone={() => setSelected([])}
              bulk
            />
          </Card>
        )}
        {shown.length === 0 ? (
          <Text>{t("assessment.noIndicators")}</Text>
        ) : mobile ? (
          // On a phone each indicator is a card: name, unit, due date and status without scrolling sideways.
          <Stack gap="xs" data-testid="indicator-cards">
            {shown.map((r) => {
              const { due, late } = dueOf(r, today);
              return (
                <Card key={r.code} withBorder p="xs">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Anchor component={Link} to={`/penilaian/${a.id}/indikator/${r.code}`} size="sm">
                      {r.code}. {local(r.names, i18n.language)}
                    </Anchor>
                    <Badge color={STATUS_COLOR[r.status]} variant="light">
                      {t(`statuses.${r.status}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {r.assignments.map((x) => x.unitName).join(", ") || "—"}
                  </Text>
                  <Text size="xs" c={late ? "red" : "dimmed"} fw={late ? 700 : undefined}>
                    {t("assessment.dueDate")}: {formatDate(due, i18n.language)} · {t("assessment.claimed")}:{" "}
                    {formatValue(r.claimedLevel, r.decimals, i18n.language)} · {t("assessment.supported")}:{" "}
                    {r.supportedLevel ?? "—"}
                  </Text>
                  {r.review && <ReviewNext next={r.review.next} />}
                </Card>
              );
            })}
          </Stack>
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
                  const { due, late } = dueOf(r, today);
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
                        {formatDate(due, i18n.language)}
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
                        {r.review && <ReviewNext next={r.review.next} />}
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
