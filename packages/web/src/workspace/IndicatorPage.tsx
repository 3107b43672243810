import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  Timeline,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { ASSESSOR_STAGE_OF_STATE, CORRECTION_STAGE, startingLevel } from "@matang/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { PageError } from "../app/PageError";
import { IndicatorChecklist } from "../checklist/ChecklistPage";
import { EvidenceGap } from "../evidence/EvidenceGap";
import { EvidencePanel } from "../evidence/EvidencePanel";
import { ItemsPanel } from "../evidence/ItemsPanel";
import { errorMessage } from "../i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { ModelAnswers } from "../province/ModelAnswers";
import { STATUS_COLOR } from "./AssessmentPage";
import { AssignmentEditor } from "./AssignmentEditor";
import {
  assessmentKey,
  formatValue,
  type IndicatorRow,
  indicatorsKey,
  indicatorsOf,
  local,
  STAGES,
  useAssessment,
  useFramework,
  useIndicators,
} from "./api";
import { blockedReason } from "./blocked";
import { ExternalNotice } from "./ExternalIndices";
import { LastYear } from "./LastYear";
import { indicatorMessage, WhatsAppLink } from "./nudge";
import { ProvisionalNote } from "./ProvisionalNote";
import { ValueInput } from "./ValueInput";

interface Draft {
  level: number | null;
  text: string;
  version: number;
}

interface Conflict {
  current: { level: number | null; text: string; version: number };
  mine: Draft;
  status?: "in_progress" | "ready";
}

/** The level cards: every level's criteria and evidence guidance, the chosen one highlighted. */
function LevelCards({
  levels,
  chosen,
  chosenLabel,
  onChoose,
}: {
  levels: { value: number; name: string; criteria: string; evidence: string }[];
  chosen: number | null;
  /** What the highlighted level is (chosen by the user, or the score under review). */
  chosenLabel: string;
  onChoose: ((level: number) => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: levels.length > 5 ? 3 : levels.length }} spacing="xs">
      {levels.map((l) => {
        const selected = chosen === l.value;
        const body = (
          <Card
            key={l.value}
            withBorder
            h="100%"
            p="sm"
            bg={selected ? "teal.0" : undefined}
            style={{
              borderColor: selected ? "var(--mantine-color-teal-6)" : undefined,
              borderWidth: selected ? 2 : 1,
            }}
          >
            <Group justify="space-between" mb={4} gap={4}>
              <Text fw={700} size="sm">
                {t("indicator.level", { level: l.value })} · {l.name}
              </Text>
              {selected && (
                <Badge size="xs" style={{ flexShrink: 0 }}>
                  {chosenLabel}
                </Badge>
              )}
            </Group>
            <Text size="sm">{l.criteria}</Text>
            {l.evidence && (
              <Text size="xs" c="dimmed" mt={6}>
                <b>{t("indicator.evidenceGuide")}:</b> {l.evidence}
              </Text>
            )}
          </Card>
        );
        return onChoose ? (
          <UnstyledButton
            key={l.value}
            onClick={() => onChoose(l.value)}
            aria-pressed={selected}
            aria-label={t("indicator.choose", { level: l.value })}
            style={{ height: "100%" }}
          >
            {body}
          </UnstyledButton>
        ) : (
          <div key={l.value}>{body}</div>
        );
      })}
    </SimpleGrid>
  );
}

function ConflictNotice({
  conflict,
  onTheirs,
  onMine,
}: {
  conflict: Conflict;
  onTheirs: () => void;
  onMine: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t("indicator.conflictTitle")} role="alert">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t("indicator.conflictBody")}
          </Text>
          <Text size="sm">
            {t("indicator.levelField")}: {conflict.current.level ?? "—"}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {conflict.current.text || "—"}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t("indicator.yours")}
          </Text>
          <Text size="sm">
            {t("indicator.levelField")}: {conflict.mine.level ?? "—"}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {conflict.mine.text || "—"}
          </Text>
        </Stack>
      </SimpleGrid>
      <Group mt="sm">
        <Button size="xs" variant="default" onClick={onTheirs}>
          {t("indicator.useTheirs")}
        </Button>
        <Button size="xs" onClick={onMine}>
          {t("indicator.keepMine")}
        </Button>
      </Group>
    </Alert>
  );
}

function Thread({ assessmentId, code }: { assessmentId: string; code: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ["thread", assessmentId, code];
  const thread = useQuery({
    queryKey: key,
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/indicators/{code}/thread">>(
        "GET",
        `/api/assessments/${assessmentId}/indicators/${code}/thread`,
      ),
  });
  const [body, setBody] = useState("");
  const post = useMutation({
    mutationFn: () => api("POST", `/api/assessments/${assessmentId}/indicators/${code}/comments`, { body }),
    onSuccess: () => {
      setBody("");
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Card withBorder>
      <Tabs defaultValue="comments">
        <Tabs.List>
          <Tabs.Tab value="comments">{t("indicator.comments")}</Tabs.Tab>
          <Tabs.Tab value="history">{t("indicator.history")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="comments" pt="sm">
          <Stack gap="xs">
            {thread.data?.comments.length === 0 && <Text c="dimmed">{t("indicator.noComments")}</Text>}
            {thread.data?.comments.map((c) => (
              <Stack key={c.id} gap={0}>
                <Text size="xs" c="dimmed">
                  {c.author} · {when(c.createdAt)}
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {c.body}
                </Text>
              </Stack>
            ))}
            <Textarea
              aria-label={t("indicator.comments")}
              placeholder={t("indicator.commentPlaceholder")}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                disabled={!body.trim()}
                loading={post.isPending}
                onClick={() => post.mutate()}
              >
                {t("indicator.post")}
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <Timeline bulletSize={12} lineWidth={2}>
            {thread.data?.history.map((h) => (
              <Timeline.Item
                key={`${h.at}-${h.action}`}
                title={`${h.actor} ${i18n.exists(`history.${h.action}`) ? t(`history.${h.action}`) : h.action}`}
              >
                <Text size="xs" c="dimmed">
                  {when(h.at)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

/** Level + explanation editor with save buttons and optimistic-concurrency handling. */
function AnswerEditor({
  title,
  initial,
  chosenLevel,
  setChosenLevel,
  save,
  actions,
  note,
  scale,
  fill,
}: {
  title: string;
  initial: Draft;
  /** Text put in from elsewhere (a unit's proposal), replacing what is typed. */
  fill?: { text: string; at: number } | null;
  chosenLevel: number | null;
  setChosenLevel: (level: number | null) => void;
  save: (draft: Draft, status?: "in_progress" | "ready") => Promise<unknown>;
  actions: { label: string; status?: "in_progress" | "ready"; variant?: string }[];
  note?: string | null;
  /** A decimal scale: the value is typed (the level cards still set a whole level). */
  scale?: { min: number; max: number; decimals: number } | null;
}) {
  const { i18n } = useTranslation();
  const { t } = useTranslation();
  const [text, setText] = useState(initial.text);
  const [version, setVersion] = useState(initial.version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(initial.text);
    setVersion(initial.version);
  }, [initial.text, initial.version]);
  useEffect(() => {
    if (fill) setText(fill.text);
  }, [fill]);

  const run = async (draft: Draft, status?: "in_progress" | "ready") => {
    setSaving(true);
    setError(null);
    try {
      await save(draft, status);
      setConflict(null);
      notifications.show({ color: "green", message: t("indicator.saved") });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === "version_conflict") {
        const current = (
          e.details as {
            current?: { level: number | null; explanation?: string; note?: string; version: number } | null;
          }
        )?.current;
        setConflict({
          current: {
            level: current?.level ?? null,
            text: current?.explanation ?? current?.note ?? "",
            version: current?.version ?? 0,
          },
          mine: draft,
          status,
        });
      } else setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {note && (
          <Alert color="orange" role="alert">
            {note}
          </Alert>
        )}
        {scale && scale.decimals > 0 ? (
          <ValueInput
            value={chosenLevel}
            onChange={setChosenLevel}
            min={scale.min}
            max={scale.max}
            decimals={scale.decimals}
          />
        ) : (
          <Text size="sm">
            {t("indicator.levelField")}: <b>{formatValue(chosenLevel, 0, i18n.language)}</b>
          </Text>
        )}
        <Textarea
          label={t("indicator.explanation")}
          description={t("indicator.explanationHint")}
          placeholder={t("indicator.explanationPlaceholder")}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={5}
        />
        {conflict && (
          <ConflictNotice
            conflict={conflict}
            onTheirs={() => {
              setText(conflict.current.text);
              setChosenLevel(conflict.current.level);
              setVersion(conflict.current.version);
              setConflict(null);
            }}
            onMine={() => void run({ ...conflict.mine, version: conflict.current.version }, conflict.status)}
          />
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          {actions.map((a) => (
            <Button
              key={a.label}
              variant={a.variant ?? "filled"}
              loading={saving}
              onClick={() => void run({ level: chosenLevel, text, version }, a.status)}
            >
              {a.label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

function Proposals({
  row,
  assessmentId,
  canReturn,
  onUse,
}: {
  row: IndicatorRow;
  assessmentId: string;
  canReturn: boolean;
  /** Take a unit's proposal into the instansi's answer (where the caller writes it). */
  onUse: ((answer: { level: number | null; explanation: string }) => void) | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const send = useMutation({
    mutationFn: (unitId: string) =>
      api("POST", `/api/assessments/${assessmentId}/indicators/${row.code}/return`, { unitId, note }),
    onSuccess: (_d, unitId) => {
      setReturning(null);
      setNote("");
      notifications.show({
        color: "green",
        message: t("indicator.returnedTo", {
          unit: row.assignments.find((a) => a.unitId === unitId)?.unitName ?? "",
        }),
      });
      void queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) });
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t("indicator.proposals")}
      </Title>
      <Stack gap="xs">
        {row.assignments.map((a) => {
          const answer = row.unitAnswers.find((u) => u.unitId === a.unitId);
          return (
            <Stack key={a.unitId} gap={4}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {a.unitName}
                </Text>
                <Group gap="xs">
                  {answer ? (
                    <Badge
                      variant="light"
                      color={
                        answer.status === "ready" ? "teal" : answer.status === "returned" ? "orange" : "blue"
                      }
                    >
                      {t(`statuses.${answer.status}`)} · {t("indicator.levelField")} {answer.level ?? "—"}
                    </Badge>
                  ) : (
                    <Badge variant="light" color="gray">
                      {t("indicator.noProposal")}
                    </Badge>
                  )}
                  {onUse && answer && (answer.level !== null || answer.explanation) && (
                    <Button size="compact-xs" variant="light" onClick={() => onUse(answer)}>
                      {t("indicator.useProposal")}
                    </Button>
                  )}
                  {canReturn && answer && answer.status !== "returned" && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="orange"
                      onClick={() => setReturning(a.unitId)}
                    >
                      {t("indicator.returnToUnit")}
                    </Button>
                  )}
                </Group>
              </Group>
              {answer?.explanation && (
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {answer.explanation}
                </Text>
              )}
              {answer?.status === "returned" && answer.returnNote && (
                <Text size="sm" c="orange.8" data-testid="return-note">
                  {t("indicator.returnedNote", { note: answer.returnNote })}
                </Text>
              )}
              {returning === a.unitId && (
                <Group align="end">
                  <Textarea
                    label={t("indicator.returnNote")}
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                    flex={1}
                    autosize
                  />
                  <Button
                    size="xs"
                    color="orange"
                    disabled={!note.trim()}
                    loading={send.isPending}
                    onClick={() => send.mutate(a.unitId)}
                  >
                    {t("indicator.sendToUnit")}
                  </Button>
                </Group>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

/** The score stage an assessor works on in each state. */

function VerdictEditor({
  assessmentId,
  code,
  current,
  onSaved,
}: {
  assessmentId: string;
  code: string;
  current: { verdict: string | null; note: string; version: number } | undefined;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  // A corrected score is looked at again: the choice starts from "valid".
  const [verdict, setVerdict] = useState(current?.verdict === "not_valid" ? "not_valid" : "valid");
  const [note, setNote] = useState(current?.note ?? "");
  const save = useMutation({
    mutationFn: () =>
      api("PUT", `/api/assessments/${assessmentId}/indicators/${code}/stages/validation`, {
        verdict,
        note,
        version: current?.version ?? 0,
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("indicator.saved") });
      await onSaved();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t("review.verdict")}
      </Title>
      <Stack gap="xs">
        <SegmentedControl
          value={verdict}
          onChange={setVerdict}
          data={[
            { value: "valid", label: t("review.valid") },
            { value: "not_valid", label: t("review.notValid") },
          ]}
        />
        <Textarea
          label={t("review.note")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t("review.saveVerdict")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The level the instansi's stored plan aims at for this indicator, when there is one. */
function TargetLevel({
  organizationId,
  year,
  code,
  readable,
}: {
  organizationId: string;
  year: number;
  code: string;
  readable: boolean;
}) {
  const { t } = useTranslation();
  const url = `/api/organizations/${organizationId}/targets/${year}`;
  const target = useQuery({
    queryKey: ["target", url],
    queryFn: () => api<Answer<"/api/organizations/{id}/targets/{year}">>("GET", url).catch(() => null),
    // Only those the server says may read the instansi's targets ask for them.
    enabled: readable,
  });
  const level = target.data?.indicators[code];
  if (level === undefined) return null;
  return (
    <Badge color="grape" variant="light">
      {t("indicator.targetLevel", { level, year })}
    </Badge>
  );
}

export default function IndicatorPage() {
  const { t, i18n } = useTranslation();
  const { id = "", code = "" } = useParams();
  const queryClient = useQueryClient();
  const assessment = useAssessment(id);
  const indicators = useIndicators(id);
  const framework = useFramework(assessment.data?.cycle.frameworkId);
  const row = indicators.data?.items.find((r) => r.code === code);
  // What the user may do here comes from the server (`can`), never from their roles.
  const can = row?.can;
  const ownUnit = row?.assignments.find((a) => a.unitId === row.answerUnitId);
  const ownAnswer = row?.unitAnswers.find((u) => u.unitId === ownUnit?.unitId);
  const stage = assessment.data ? ASSESSOR_STAGE_OF_STATE[assessment.data.state] : undefined;
  // In the review, an assessor corrects the final score the review team sent back (core's CORRECTION_STAGE).
  const scoreStage = stage === "validation" ? CORRECTION_STAGE : stage;
  const canScore = (can?.score ?? false) && scoreStage !== undefined;
  const canValidate = can?.validate ?? false;
  // The level an assessor starts from: their own score, else what the previous stage left (core).
  const inherited = row
    ? startingLevel(
        Object.fromEntries(STAGES.map((s) => [s, row.stages[s]?.level])),
        stage === "validation" || !stage ? "final" : stage,
      )
    : null;
  // An instansi answer not written yet starts from the unit's proposal when there is just one.
  const proposals = (row?.unitAnswers ?? []).filter((u) => u.level !== null || u.explanation.trim());
  const startFrom =
    can?.consolidate && !row?.stages.self && proposals.length === 1 ? proposals[0] : undefined;
  // The review team looks at the final score (what earlier stages left), not the instansi's claim.
  const initialLevel = can?.answer
    ? (ownAnswer?.level ?? null)
    : canScore || canValidate
      ? inherited
      : (row?.stages.self?.level ?? startFrom?.level ?? null);
  const [chosen, setChosen] = useState<number | null>(initialLevel);
  const [fill, setFill] = useState<{ text: string; at: number } | null>(null);
  useEffect(() => setChosen(initialLevel), [initialLevel]);
  const navigate = useNavigate();
  const codes = indicators.data?.items.map((r) => r.code) ?? [];
  const position = codes.indexOf(code);
  const previous = position > 0 ? codes[position - 1] : undefined;
  const next = position >= 0 && position < codes.length - 1 ? codes[position + 1] : undefined;
  const go = (target: string | undefined) => target && navigate(`/penilaian/${id}/indikator/${target}`);
  useHotkeys([
    ["alt+ArrowLeft", () => go(previous)],
    ["alt+ArrowRight", () => go(next)],
  ]);

  if (assessment.isPending || indicators.isPending || framework.isPending)
    return <Loader aria-label={t("common.loading")} />;
  if (assessment.isError) return <PageError error={assessment.error} />;
  if (indicators.isError) return <PageError error={indicators.error} />;
  if (framework.isError) return <PageError error={framework.error} />;
  if (!row) return <PageError error={new ApiError(403, "forbidden", t("errors.forbidden"))} />;

  const a = assessment.data;
  const definition = indicatorsOf(framework.data).find((i) => i.code === code);
  const scale = framework.data.scales.find((s) => s.id === definition?.scale);
  const valueScale = scale?.decimals
    ? {
        min: Math.min(...scale.levels.map((l) => l.value)),
        max: Math.max(...scale.levels.map((l) => l.value)),
        decimals: scale.decimals,
      }
    : null;
  const usesItems = (definition?.levels ?? []).some((l) => (l.items?.length ?? 0) > 0);
  const levels = (scale?.levels ?? []).map((l) => {
    const criteria = definition?.levels.find((x) => x.value === l.value);
    return {
      value: l.value,
      name: local(l.name, i18n.language),
      criteria: local(criteria?.criteria, i18n.language),
      evidence: local(criteria?.evidence, i18n.language),
    };
  });
  // After a save everything that shows it follows: the row, the board, the history.
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: indicatorsKey(id) }),
      queryClient.invalidateQueries({ queryKey: assessmentKey(id) }),
      queryClient.invalidateQueries({ queryKey: ["thread", id, code] }),
    ]);
  };

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Anchor component={Link} to={`/penilaian/${id}`} size="sm">
          ← {t("indicator.back")}
        </Anchor>
        <Group gap="xs">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {t("review.keys")}
          </Text>
          <Button size="compact-sm" variant="default" disabled={!previous} onClick={() => go(previous)}>
            ← {t("review.previous")}
          </Button>
          <Button size="compact-sm" variant="default" disabled={!next} onClick={() => go(next)}>
            {t("review.next")} →
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>
            {row.code}. {local(row.names, i18n.language)}
          </Title>
          <Text size="sm" c="dimmed">
            {a.organization.name} · {a.cycle.name}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Badge color={STATUS_COLOR[row.status]}>{t(`statuses.${row.status}`)}</Badge>
          <Text size="sm">
            {t("indicator.supportedLevel", { level: row.supportedLevel ?? t("indicator.none") })}
          </Text>
          {row.itemCounts.length > 0 && (
            <Text size="xs" c="dimmed">
              {row.itemCounts.map((c) => `L${c.level} ${c.accepted}/${c.total}`).join(" · ")}
            </Text>
          )}
        </Stack>
      </Group>
      <ProvisionalNote framework={framework.data} />
      {row.external && <ExternalNotice feed={row.external} assessmentId={id} />}
      {!row.external && (
        <EvidenceGap
          // A unit answering reads the gap against its own proposal until the instansi claims a level.
          row={{
            ...row,
            claimedLevel: can?.answer ? (ownAnswer?.level ?? row.claimedLevel) : row.claimedLevel,
          }}
          guide={levels.find((l) => l.value === row.gating.blockedAt)?.evidence ?? ""}
        />
      )}
      <Group gap="md">
        <Text size="sm">
          <b>{t("indicator.assignedTo")}:</b>{" "}
          {row.assignments.length
            ? row.assignments
                .map((x) => `${x.unitName}${x.dueDate ? ` (${formatDate(x.dueDate, i18n.language)})` : ""}`)
                .join(", ")
            : t("indicator.noAssignment")}
        </Text>
        {a.can.overview && row.assignments.length > 0 && (
          <WhatsAppLink message={indicatorMessage(t, i18n.language, a, row, window.location.origin)} />
        )}
      </Group>

      <IndicatorChecklist
        assessmentId={id}
        organizationId={a.organization.id}
        code={code}
        enabled={a.can.checklist}
      />
      {row.can.assign && (
        <Card withBorder>
          <Title order={5} mb="xs">
            {t("assign.title")}
          </Title>
          <AssignmentEditor
            assessmentId={id}
            organizationId={a.organization.id}
            rows={[row]}
            key={row.assignmentVersion}
          />
        </Card>
      )}
      <Group justify="space-between">
        <Title order={4}>{t("indicator.levels")}</Title>
        <TargetLevel
          organizationId={a.organization.id}
          year={a.cycle.year}
          code={code}
          readable={a.can.readTargets}
        />
      </Group>
      <LevelCards
        levels={levels}
        chosen={chosen}
        chosenLabel={canValidate && !canScore ? t("indicator.underReview") : t("indicator.chosen")}
        onChoose={row.can.answer || row.can.consolidate || canScore ? setChosen : null}
      />
      <ModelAnswers assessmentId={id} code={code} />
      <LastYear
        assessmentId={id}
        code={code}
        decimals={row.decimals}
        canCopy={row.can.consolidate && !row.stages.self}
        onCopied={refresh}
      />

      {!row.can.answer && !row.can.consolidate && !canScore && !canValidate && (
        // Why nothing can be changed: the work the user is permitted is blocked (closed, wrong
        // state), or none of this indicator's work is theirs.
        <Alert color="gray" data-testid="read-only">
          {(() => {
            const why = a.blocked.edit ?? a.blocked.score ?? a.blocked.validate;
            return why ? blockedReason(t, why) : t("indicator.readOnlyForYou");
          })()}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          {row.can.answer && ownUnit && (
            <AnswerEditor
              title={t("indicator.unitAnswer", { unit: ownUnit.unitName })}
              initial={{
                level: ownAnswer?.level ?? null,
                text: ownAnswer?.explanation ?? "",
                version: ownAnswer?.version ?? 0,
              }}
              chosenLevel={chosen}
              setChosenLevel={setChosen}
              note={
                ownAnswer?.status === "returned"
                  ? t("indicator.returnedNote", { note: ownAnswer.returnNote ?? "" })
                  : null
              }
              save={async (draft, status) => {
                await api("PUT", `/api/assessments/${id}/indicators/${code}/units/${ownUnit.unitId}`, {
                  level: draft.level,
                  explanation: draft.text,
                  status: status ?? "in_progress",
                  version: draft.version,
                });
                await refresh();
              }}
              actions={[
                { label: t("indicator.saveDraft"), status: "in_progress", variant: "default" },
                { label: t("indicator.markReady"), status: "ready" },
              ]}
            />
          )}
          {!ownUnit && row.assignments.length > 0 && (
            <Proposals
              row={row}
              assessmentId={id}
              canReturn={row.can.returnProposal}
              onUse={
                row.can.consolidate
                  ? (answer) => {
                      setChosen(answer.level);
                      setFill({ text: answer.explanation, at: Date.now() });
                    }
                  : null
              }
            />
          )}
          {row.can.consolidate && (
            <AnswerEditor
              title={t("indicator.instansiAnswer")}
              initial={{
                level: row.stages.self?.level ?? startFrom?.level ?? null,
                text: row.stages.self?.note ?? startFrom?.explanation ?? "",
                version: row.stages.self?.version ?? 0,
              }}
              chosenLevel={chosen}
              setChosenLevel={setChosen}
              scale={valueScale}
              fill={fill}
              save={async (draft) => {
                await api("PUT", `/api/assessments/${id}/indicators/${code}/answer`, {
                  level: draft.level,
                  explanation: draft.text,
                  version: draft.version,
                });
                await refresh();
              }}
              actions={[{ label: t("indicator.saveAnswer") }]}
            />
          )}
          {row.review && (
            <Alert
              color={row.review.next === "assessor" ? "orange" : row.review.next ? "blue" : "green"}
              title={t(`reviewNext.${row.review.next ?? "none"}`)}
              data-testid="review-state"
            >
              {row.stages.validation?.note
                ? t("reviewNext.note", { note: row.stages.validation.note })
                : t(`reviewNext.${row.review.next ?? "none"}Hint`)}
            </Alert>
          )}
          {canScore && scoreStage && (
            <AnswerEditor
              key={scoreStage}
              title={t("review.stageScore", { stage: t(`stages.${scoreStage}`) })}
              initial={{
                level: row.stages[scoreStage]?.level ?? null,
                text: row.stages[scoreStage]?.note ?? "",
                version: row.stages[scoreStage]?.version ?? 0,
              }}
              chosenLevel={chosen}
              setChosenLevel={setChosen}
              scale={valueScale}
              save={async (draft) => {
                await api("PUT", `/api/assessments/${id}/indicators/${code}/stages/${scoreStage}`, {
                  level: draft.level,
                  note: draft.text,
                  version: draft.version,
                });
                await refresh();
              }}
              actions={[{ label: t("review.saveScore") }]}
            />
          )}
          {canValidate && (
            <VerdictEditor assessmentId={id} code={code} current={row.stages.validation} onSaved={refresh} />
          )}
          <Card withBorder>
            <Title order={4} mb="xs">
              {t("indicator.stageScores")}
            </Title>
            <Table>
              <Table.Tbody>
                {STAGES.map((s) => {
                  const level = row.stages[s]?.level;
                  const self = row.stages.self?.level;
                  const places = valueScale?.decimals ?? 0;
                  const diff =
                    s !== "self" && level != null && self != null
                      ? Math.round((level - self) * 10 ** places) / 10 ** places
                      : null;
                  return (
                    <Table.Tr key={s}>
                      <Table.Td>{t(`stages.${s}`)}</Table.Td>
                      <Table.Td fw={600}>{formatValue(level, places, i18n.language)}</Table.Td>
                      <Table.Td>
                        {diff !== null && diff !== 0 && (
                          <Badge
                            color={diff < 0 ? "red" : "green"}
                            variant="light"
                            title={t("review.difference")}
                          >
                            {diff > 0 ? "+" : ""}
                            {formatValue(diff, places, i18n.language)}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" style={{ whiteSpace: "pre-wrap" }}>
                          {row.stages[s]?.note}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
        <Stack>
          {usesItems ? (
            <ItemsPanel
              assessmentId={id}
              indicator={code}
              items={row.items}
              counts={row.itemCounts}
              links={row.evidence}
              canAdd={row.can.addEvidence}
              levelName={(level) => levels.find((l) => l.value === level)?.name ?? ""}
            />
          ) : (
            <EvidencePanel
              assessmentId={id}
              indicator={code}
              levels={levels.map((l) => l.value)}
              links={row.evidence}
              units={row.assignments}
              canAdd={row.can.addEvidence}
            />
          )}
          <Thread assessmentId={id} code={code} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
