import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Popover,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import {
  type Framework,
  LEVEL_STAGE_OF_STATE,
  type LevelStage,
  type PlanConstraint,
  planYears,
  stageLevels,
  type YearPlan,
  type YearPlanStep,
} from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { type Assessment, formatIndex, type IndicatorRow, local, STAGES } from "../workspace/api";
import { ValueInput } from "../workspace/ValueInput";

type Rows = Answer<"/api/assessments/{id}/indicators">["items"];

/** Each indicator's level at a stage, through core's stage inheritance. */
function levelsAt(rows: Rows, stage: LevelStage): Record<string, number> {
  return stageLevels(
    rows.flatMap((r) =>
      STAGES.map((s) => ({ indicatorCode: r.code, stage: s, level: r.stages[s]?.level ?? null })),
    ),
  )[stage];
}

export type Baseline = "result" | "stage";

/** The instansi's own roadmap limits for one indicator (stored with its target). */
export interface CalendarLimits {
  max?: number;
  maxStep?: number;
  earliest?: Record<string, number>;
  budgeted?: boolean;
}

/** Change one indicator's limits: the plan follows at once, the target's save stores them. */
function LimitsEditor({
  step,
  framework,
  limits,
  onChange,
}: {
  step: YearPlanStep;
  framework: Framework;
  limits: CalendarLimits;
  onChange: (limits: CalendarLimits) => void;
}) {
  const { t } = useTranslation();
  const indicator = framework.indicatorByCode.get(step.indicator);
  const levels = indicator?.scale.values.filter((v) => v > step.from) ?? [];
  const earliest = limits.earliest?.[String(step.to)];
  const changed = Object.keys(limits).length > 0;
  return (
    <Popover width={280} position="bottom-end" withArrow>
      <Popover.Target>
        <Button
          size="compact-xs"
          variant={changed ? "light" : "subtle"}
          aria-label={t("roadmap.limitsFor", { code: step.indicator })}
        >
          {t("roadmap.limits")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Select
            label={t("roadmap.maxLevel")}
            data={levels.map((v) => ({ value: String(v), label: String(v) }))}
            value={limits.max === undefined ? null : String(limits.max)}
            onChange={(v) => onChange({ ...limits, max: v === null ? undefined : Number(v) })}
            clearable
            comboboxProps={{ withinPortal: false }}
          />
          <NumberInput
            label={t("roadmap.stepsPerYear")}
            min={1}
            max={5}
            value={limits.maxStep ?? ""}
            onChange={(v) => onChange({ ...limits, maxStep: typeof v === "number" ? v : undefined })}
          />
          <NumberInput
            label={t("roadmap.notBefore", { level: step.to })}
            min={2000}
            max={2200}
            value={earliest ?? ""}
            onChange={(v) =>
              onChange({
                ...limits,
                earliest:
                  typeof v === "number"
                    ? { ...limits.earliest, [String(step.to)]: v }
                    : Object.fromEntries(
                        Object.entries(limits.earliest ?? {}).filter(([l]) => l !== String(step.to)),
                      ),
              })
            }
          />
          <Checkbox
            label={t("roadmap.budgeted")}
            checked={limits.budgeted ?? false}
            onChange={(e) => onChange({ ...limits, budgeted: e.currentTarget.checked || undefined })}
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Limits without empty parts, so an untouched indicator stores nothing. */
const compact = (l: CalendarLimits): CalendarLimits =>
  Object.fromEntries(
    Object.entries(l).filter(
      ([, v]) => v !== undefined && !(typeof v === "object" && Object.keys(v as object).length === 0),
    ),
  ) as CalendarLimits;

interface Start {
  readonly levels: Record<string, number>;
  /** What the plan starts from, as the screen says it. */
  readonly label: string;
  readonly indexDisplay: string | null;
  /** The first evaluation year the plan can still change. */
  readonly startYear: number;
}

/**
 * Where a plan starts: the last result (this assessment's once an assessors' stage is complete,
 * else the instansi's last published one on the same index), or the stage now running.
 */
function useStarts(a: Assessment, rows: Rows, framework: Framework) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: ["assessment-history", a.id],
    queryFn: () => api<Answer<"/api/assessments/{id}/history">>("GET", `/api/assessments/${a.id}/history`),
  });
  const own = a.headline.stage !== "self" && a.headline.complete;
  const previous = own
    ? undefined
    : (history.data?.items ?? [])
        .filter(
          (h) =>
            h.assessmentId !== a.id &&
            h.year < a.cycle.year &&
            h.state === "published" &&
            h.index !== null &&
            h.indexName?.id === framework.definition.indexName?.id,
        )
        .sort((x, y) => y.year - x.year)[0];
  const previousRows = useQuery({
    queryKey: ["assessment-indicators-baseline", previous?.assessmentId],
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/indicators">>(
        "GET",
        `/api/assessments/${previous?.assessmentId}/indicators`,
      ),
    enabled: Boolean(previous),
  });
  const current = LEVEL_STAGE_OF_STATE[a.state];
  const stage: Start = {
    levels: levelsAt(rows, current),
    label: t("roadmap.fromStage", { stage: t(`stages.${current}`) }),
    indexDisplay: a.scores[current].complete ? a.scores[current].indexDisplay : null,
    startYear: a.cycle.year,
  };
  let result: Start | null = null;
  if (own)
    result = {
      levels: levelsAt(rows, a.headline.stage),
      label: t("roadmap.fromResult", { label: local(a.headline.label, i18n.language), year: a.cycle.year }),
      indexDisplay: a.headline.indexDisplay,
      startYear: a.cycle.year + 1,
    };
  else if (previous && previousRows.data && previous.stage)
    result = {
      levels: levelsAt(previousRows.data.items, previous.stage),
      label: t("roadmap.fromResult", {
        label: local(previous.headline.label, i18n.language),
        year: previous.year,
      }),
      indexDisplay: previous.indexDisplay,
      startYear: a.cycle.year,
    };
  return { stage, result };
}

function StepDetails({ step, framework, lang }: { step: YearPlanStep; framework: Framework; lang: string }) {
  const { t } = useTranslation();
  const indicator = framework.indicatorByCode.get(step.indicator);
  const levels = (indicator?.levels ?? []).filter((l) => l.value > step.from && l.value <= step.to);
  return (
    <Stack gap={2}>
      {levels.map((l) => (
        <Stack gap={0} key={l.value}>
          <Text size="xs">
            <b>{t("roadmap.criteria", { level: l.value })}</b> {local(l.criteria, lang)}
          </Text>
          {l.items && l.items.length > 0 ? (
            <List size="xs" spacing={0}>
              {l.items.map((item) => (
                <List.Item key={item.code}>
                  {item.code}: {local(item.text, lang)}
                </List.Item>
              ))}
            </List>
          ) : l.evidence ? (
            <Text size="xs" c="dimmed">
              {t("roadmap.evidence")} {local(l.evidence, lang)}
            </Text>
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}

export function Roadmap({
  assessment: a,
  rows,
  framework,
  target: chosen,
  setTarget,
  efforts,
  setEfforts,
  calendar,
  setCalendar,
  onSave,
  canSave,
}: {
  assessment: Assessment;
  rows: IndicatorRow[];
  framework: Framework;
  /** null: none chosen or stored; the roadmap then aims at the band above its start. */
  target: number | null;
  setTarget: (target: number) => void;
  efforts: Record<string, number>;
  setEfforts: (efforts: Record<string, number>) => void;
  calendar: Record<string, CalendarLimits>;
  setCalendar: (calendar: Record<string, CalendarLimits>) => void;
  onSave: ((plan: YearPlan | null, target: number) => Promise<void>) | null;
  canSave: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [saving, setSaving] = useState(false);
  const [years, setYears] = useState("3");
  const [maxStep, setMaxStep] = useState("1");
  const [choice, setChoice] = useState<Baseline | null>(null);
  const starts = useStarts(a, rows, framework);
  const baseline: Baseline = choice ?? (starts.result ? "result" : "stage");
  const start = baseline === "result" && starts.result ? starts.result : starts.stage;
  const bands = [...framework.predicates].sort((x, y) => x.min - y.min);
  const complete = framework.indicators.every((i) => start.levels[i.code] !== undefined);
  const startIndex = start.indexDisplay === null ? null : Number(start.indexDisplay);
  const goal =
    chosen ??
    bands.find((b) => startIndex !== null && b.min > startIndex)?.min ??
    bands[bands.length - 1]?.max ??
    5;
  const units = useMemo(
    () => new Map(rows.map((r) => [r.code, r.assignments.map((x) => x.unitName)])),
    [rows],
  );
  // The calendar's limits and each indicator's effort per level step, through core's planner.
  const result = useMemo(() => {
    if (!complete) return null;
    // Limits for a code this framework does not have are left out rather than refused.
    const codes = [...new Set([...Object.keys(efforts), ...Object.keys(calendar)])].filter((c) =>
      framework.indicatorByCode.has(c),
    );
    const constraints: Record<string, PlanConstraint> = Object.fromEntries(
      codes.map((code) => [
        code,
        { ...calendar[code], ...(efforts[code] !== undefined ? { cost: efforts[code] } : {}) },
      ]),
    );
    return planYears(framework, start.levels, goal, {
      constraints,
      startYear: start.startYear,
      years: Number(years),
      maxStep: Number(maxStep),
    });
  }, [complete, framework, start, goal, efforts, calendar, years, maxStep]);
  const save = async () => {
    if (!onSave) return;
    setSaving(true);
    try {
      await onSave(result?.reachable ? result : null, goal);
    } finally {
      setSaving(false);
    }
  };
  const span =
    result && result.startYear !== result.lastYear
      ? `${result.startYear}–${result.lastYear}`
      : String(result?.startYear ?? start.startYear);
  const reason = (s: YearPlanStep) =>
    s.reasons
      .map((r) => (r.text ? local(r.text, lang) : t(`roadmap.reason_${r.kind}`)))
      .filter((x, i, all) => all.indexOf(x) === i)
      .join(" ");
  return (
    <Card withBorder>
      <Title order={4}>{t("dashboard.planner")}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("roadmap.hint")}
      </Text>
      <Group align="end" mb="xs" gap="md">
        <ValueInput
          label={t("dashboard.target")}
          description={null}
          value={goal}
          onChange={(v) => v !== null && setTarget(v)}
          min={bands[0]?.min ?? 0}
          max={bands[bands.length - 1]?.max ?? 5}
          decimals={2}
          w={130}
        />
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t("roadmap.years")}
          </Text>
          <SegmentedControl
            aria-label={t("roadmap.years")}
            value={years}
            onChange={setYears}
            data={["1", "2", "3"].map((y) => ({
              value: y,
              label: t("roadmap.yearCount", { count: Number(y) }),
            }))}
          />
        </Stack>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t("roadmap.maxStep")}
          </Text>
          <SegmentedControl
            aria-label={t("roadmap.maxStep")}
            value={maxStep}
            onChange={setMaxStep}
            data={["1", "2", "3"].map((y) => ({ value: y, label: y }))}
          />
        </Stack>
        {canSave ? (
          <Button variant="light" loading={saving} onClick={() => void save()}>
            {t("dashboard.saveTarget")}
          </Button>
        ) : null}
        {Object.keys(efforts).length > 0 ? (
          <Button variant="subtle" onClick={() => setEfforts({})}>
            {t("dashboard.resetEfforts")}
          </Button>
        ) : null}
      </Group>
      <Group gap="xs" mb="sm" align="center">
        <Text size="sm">{t("roadmap.baseline")}</Text>
        <SegmentedControl
          size="xs"
          aria-label={t("roadmap.baseline")}
          value={baseline}
          onChange={(v) => setChoice(v as Baseline)}
          data={[
            { value: "result", label: t("roadmap.baselineResult"), disabled: !starts.result },
            { value: "stage", label: t("roadmap.baselineStage") },
          ]}
        />
        <Text size="sm" data-testid="plan-baseline">
          {start.label}
          {start.indexDisplay ? ` — ${formatIndex(start.indexDisplay, lang)}` : ""} ·{" "}
          {t("roadmap.span", { span })}
        </Text>
      </Group>
      {!complete || !result ? (
        <Text>{t("dashboard.plannerIncomplete")}</Text>
      ) : !result.reachable ? (
        <Alert color="orange" data-testid="plan-unreachable">
          {t("roadmap.unreachable", {
            last: result.lastYear,
            max: formatIndex(result.maxIndexDisplay, lang),
          })}
        </Alert>
      ) : result.steps.length === 0 ? (
        <Alert color="green">{t("dashboard.reached")}</Alert>
      ) : (
        <Stack gap="xs">
          <Text size="sm" data-testid="plan-summary">
            {t("dashboard.planSummary", {
              // Level steps: from a decimal value such as 1.95, reaching 5 passes four levels.
              steps: result.steps.reduce((n, s) => n + Math.ceil(s.to - s.from - 1e-9), 0),
              effort: new Intl.NumberFormat(lang === "id" ? "id-ID" : "en", {
                maximumFractionDigits: 2,
              }).format(result.totalCost),
              result: formatIndex(result.resultIndexDisplay, lang),
            })}{" "}
            {result.reachedIn !== null ? t("roadmap.reachedIn", { year: result.reachedIn }) : ""}
          </Text>
          <Group gap="xs" data-testid="plan-years">
            {result.years.map((y) => (
              <Badge key={y.year} variant="light" color={y.steps.length ? "indigo" : "gray"} size="lg">
                {t("roadmap.yearBadge", {
                  year: y.year,
                  steps: y.steps.length,
                  index: formatIndex(y.indexDisplay, lang),
                })}
              </Badge>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t("dashboard.planner")} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("assessment.code")}</Table.Th>
                  <Table.Th>{t("roadmap.year")}</Table.Th>
                  <Table.Th>{t("dashboard.levels")}</Table.Th>
                  <Table.Th>{t("roadmap.whatToDo")}</Table.Th>
                  <Table.Th>{t("roadmap.units")}</Table.Th>
                  <Table.Th>{t("dashboard.effort")}</Table.Th>
                  <Table.Th>{t("dashboard.after")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.steps.map((s, i) => (
                  // Keyed by the indicator's n-th step, not its year: a row whose limits move it to
                  // another year stays the same row (and its open limits editor stays open).
                  <Table.Tr
                    key={`${s.indicator}-${result.steps.slice(0, i).filter((x) => x.indicator === s.indicator).length}`}
                  >
                    <Table.Td>{s.indicator}</Table.Td>
                    <Table.Td miw={190}>
                      <Stack gap={2}>
                        <Text size="sm">{s.year}</Text>
                        {s.budgetYear !== null ? (
                          <Badge size="sm" color="orange" variant="light" tt="none">
                            {t("roadmap.budget", { year: s.budgetYear })}
                          </Badge>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {s.from} → {s.to}
                    </Table.Td>
                    <Table.Td maw={460}>
                      <Anchor component={Link} to={`/penilaian/${a.id}/indikator/${s.indicator}`} size="sm">
                        {local(framework.indicatorByCode.get(s.indicator)?.name, lang) || s.name}
                      </Anchor>
                      <StepDetails step={s} framework={framework} lang={lang} />
                      {s.reasons.length > 0 ? (
                        <Text size="xs" c="orange.8">
                          {t("roadmap.whyThisYear")} {reason(s)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {(units.get(s.indicator) ?? []).join(", ") || t("roadmap.noUnit")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {/* Who cannot store the plan reads the effort; nothing editable it cannot save. */}
                      {canSave ? (
                        <NumberInput
                          aria-label={t("dashboard.effortFor", { code: s.indicator })}
                          size="xs"
                          w={80}
                          min={0.5}
                          max={1000}
                          step={1}
                          decimalScale={1}
                          decimalSeparator={lang === "id" ? "," : "."}
                          allowedDecimalSeparators={[",", "."]}
                          value={efforts[s.indicator] ?? s.cost / Math.max(1, s.to - s.from)}
                          onChange={(v) =>
                            typeof v === "number" && v > 0 && setEfforts({ ...efforts, [s.indicator]: v })
                          }
                        />
                      ) : (
                        <Text size="sm">
                          {formatIndex(
                            String(efforts[s.indicator] ?? s.cost / Math.max(1, s.to - s.from)),
                            lang,
                          )}
                        </Text>
                      )}
                      {canSave && (
                        <LimitsEditor
                          step={s}
                          framework={framework}
                          limits={calendar[s.indicator] ?? {}}
                          onChange={(l) => {
                            const next = { ...calendar, [s.indicator]: compact(l) };
                            if (Object.keys(next[s.indicator] ?? {}).length === 0) delete next[s.indicator];
                            setCalendar(next);
                          }}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>{formatIndex(s.indexAfterDisplay, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      {result && Object.keys(efforts).some((code) => !result.steps.some((s) => s.indicator === code)) ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t("dashboard.otherEfforts", {
            list: Object.entries(efforts)
              .filter(([code]) => !result.steps.some((s) => s.indicator === code))
              .map(([code, cost]) => `${code} (${cost})`)
              .join(", "),
          })}
        </Text>
      ) : null}
      {result && Object.keys(calendar).some((code) => !result.steps.some((s) => s.indicator === code)) ? (
        <Group gap="xs" mt="xs">
          <Text size="sm" c="dimmed">
            {t("roadmap.otherLimits", {
              list: Object.keys(calendar)
                .filter((code) => !result.steps.some((s) => s.indicator === code))
                .join(", "),
            })}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setCalendar({})}>
            {t("roadmap.resetLimits")}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
