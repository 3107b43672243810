import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { ASSESSOR_STAGE_OF_STATE, REVIEW_STAGE, todayWib } from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { formatDate } from "../i18n/format";
import { linkOf, messageOf } from "../inbox/InboxPage";
import {
  type Assessment,
  type IndicatorRow,
  local,
  useAssessment,
  useAssessments,
  useIndicators,
} from "../workspace/api";

interface Task {
  readonly key: string;
  readonly text: string;
  readonly to: string;
  readonly due: string | null;
  readonly late: boolean;
}

/**
 * What the caller has to do on one assessment, from what the server says they may do (`can`):
 * their unit's proposals, the instansi's answers, evidence to review, scores of this stage,
 * verdicts to give, corrections asked for — each linked, with its due date.
 */
function tasksOf(t: TFunction, language: string, a: Assessment, rows: readonly IndicatorRow[]): Task[] {
  const today = todayWib();
  const base = `/penilaian/${a.id}`;
  const indicator = (code: string) => `${base}/indikator/${encodeURIComponent(code)}`;
  const tasks: Task[] = [];
  for (const r of rows) {
    const own = r.assignments.find((x) => x.unitId === r.answerUnitId);
    const answer = r.unitAnswers.find((u) => u.unitId === r.answerUnitId);
    if (r.can.answer && answer?.status !== "ready") {
      const due = own?.dueDate ?? null;
      tasks.push({
        key: `answer-${r.code}`,
        text:
          answer?.status === "returned"
            ? t("tasks.returned", { code: r.code, note: answer.returnNote ?? "" })
            : t("tasks.answer", { code: r.code, name: local(r.names, language) }),
        to: indicator(r.code),
        due,
        late: due !== null && due < today,
      });
    }
    for (const item of r.items)
      if (item.mine && (item.status === "not_uploaded" || item.status === "returned") && r.can.addEvidence)
        tasks.push({
          key: `item-${item.code}`,
          text: t(item.status === "returned" ? "tasks.itemReturned" : "tasks.item", { code: item.code }),
          to: indicator(r.code),
          due: item.dueDate,
          late: item.dueDate !== null && item.dueDate < today,
        });
    if (r.review?.next === "assessor" && r.can.score)
      tasks.push({
        key: `correct-${r.code}`,
        text: t("tasks.correct", { code: r.code }),
        to: indicator(r.code),
        due: null,
        late: false,
      });
  }
  const window = a.cycle.schedule[a.state];
  const stageDue = window?.end ?? null;
  const count = (n: number, key: string, to: string) => {
    if (n > 0) tasks.push({ key, text: t(`tasks.${key}`, { count: n }), to, due: stageDue, late: false });
  };
  count(rows.filter((r) => r.can.consolidate && r.status !== "done").length, "consolidate", base);
  count(
    rows.flatMap((r) => r.evidence.filter((e) => e.can.review && e.review === "pending")).length,
    "review",
    base,
  );
  const stage = ASSESSOR_STAGE_OF_STATE[a.state];
  if (stage && stage !== REVIEW_STAGE)
    count(rows.filter((r) => r.can.score && r.stages[stage]?.level == null).length, "score", base);
  count(rows.filter((r) => r.can.validate && r.review?.next === "review").length, "validate", base);
  if (a.can.submit) count(1, "submit", base);
  if (a.can.publish) count(1, "publish", base);
  return tasks;
}

/** One assessment's tasks, with the current stage's deadline. */
function AssessmentTasks({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const assessment = useAssessment(id);
  const indicators = useIndicators(id);
  if (!assessment.data || !indicators.data) return null;
  const a = assessment.data;
  const tasks = tasksOf(t, i18n.language, a, indicators.data.items).sort((x, y) =>
    (x.due ?? "9999").localeCompare(y.due ?? "9999"),
  );
  if (tasks.length === 0) return null;
  const end = a.cycle.schedule[a.state]?.end;
  return (
    <Stack gap={4} data-testid="tasks-of">
      <Group justify="space-between">
        <Anchor component={Link} to={`/penilaian/${a.id}`} fw={600}>
          {a.organization.name} · {a.cycle.name}
        </Anchor>
        <Text size="xs" c={a.stageOpen ? "dimmed" : "red"}>
          {t(`states.${a.state}`)}
          {end ? ` · ${t("tasks.stageEnds", { date: formatDate(end, i18n.language) })}` : ""}
        </Text>
      </Group>
      {tasks.slice(0, 12).map((task) => (
        <Group key={task.key} justify="space-between" wrap="nowrap" pl="sm">
          <Anchor component={Link} to={task.to} size="sm">
            {task.text}
          </Anchor>
          {task.due && (
            <Badge variant="light" color={task.late ? "red" : "gray"}>
              {task.late ? t("tasks.late") : t("tasks.due", { date: formatDate(task.due, i18n.language) })}
            </Badge>
          )}
        </Group>
      ))}
      {tasks.length > 12 && (
        <Text size="xs" c="dimmed" pl="sm">
          {t("tasks.more", { count: tasks.length - 12 })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The home page's work list: the assessments under way (newest year first, published ones left
 * out), each with what the caller has to do there, and the latest unread notifications.
 */
export function Tasks() {
  const { t, i18n } = useTranslation();
  const list = useAssessments();
  const unread = useQuery({
    queryKey: ["notifications", "unread"],
    queryFn: () => api<Answer<"/api/notifications">>("GET", "/api/notifications?unread=true"),
  });
  const active = (list.data?.items ?? []).filter((a) => a.state !== "published").slice(0, 6);
  const notes = (unread.data?.items ?? []).slice(0, 5);
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("tasks.title")}
      </Title>
      <Stack gap="md">
        {active.map((a) => (
          <AssessmentTasks key={a.id} id={a.id} />
        ))}
        {active.length === 0 && <Text c="dimmed">{t("tasks.none")}</Text>}
        {notes.length > 0 && (
          <Stack gap={4}>
            <Anchor component={Link} to="/kotak-masuk" fw={600}>
              {t("tasks.notifications", { count: unread.data?.unread ?? notes.length })}
            </Anchor>
            {notes.map((n) => (
              <Anchor key={n.id} component={Link} to={linkOf(n) ?? "/kotak-masuk"} size="sm" pl="sm">
                {messageOf(t, n, i18n.language)}
              </Anchor>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
