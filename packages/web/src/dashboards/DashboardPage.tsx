import { BarChart, GaugeChart, RadarChart } from "@mantine/charts";
import type { Answer } from "../api/types";
import { OfficialStrip } from "../portal/OfficialPanel";
import "@mantine/charts/styles.css";
import {
  Alert,
  Anchor,
  Card,
  ColorSwatch,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  formatIndex as exactDisplay,
  type Framework,
  LEVEL_STAGE_OF_STATE,
  ratioOfDecimal,
  readiness,
  type YearPlan,
} from "@matang/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError, api } from "../app/api";
import { PageError } from "../app/PageError";
import { errorMessage } from "../i18n";
import { HistoryChart } from "../results/HistoryPage";
import {
  type Assessment,
  compileFramework as compile,
  formatIndex,
  type IndicatorRow,
  local,
  STAGES,
  type Stage,
  useAssessment,
  useFramework,
  useIndicators,
} from "../workspace/api";
import { type CalendarLimits, Roadmap } from "./Roadmap";

const BAND_COLORS = ["red.6", "orange.5", "yellow.5", "teal.5", "green.7", "blue.6", "grape.6"];

/** A number as the user reads it, through the core's exact rounding. */
const show = (value: number, language: string, places = 2) =>
  formatIndex(exactDisplay(ratioOfDecimal(Number(value.toFixed(12))), places), language);

function Gauge({ a, framework, stage }: { a: Assessment; framework: Framework; stage: Stage }) {
  const { t, i18n } = useTranslation();
  const s = a.scores[stage];
  const bands = [...framework.predicates].sort((x, y) => x.min - y.min);
  const min = bands[0]?.min ?? 0;
  const max = bands[bands.length - 1]?.max ?? 5;
  const value = s.complete ? (s.index ?? min) : s.floor;
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {i18n.language === "en" ? a.headline.label.en : a.headline.label.id}
      </Text>
      <Group justify="center">
        <GaugeChart
          value={value}
          min={min}
          max={max}
          size={220}
          thickness={18}
          sections={bands.map((b, i) => ({
            value: b.max,
            color: BAND_COLORS[i % BAND_COLORS.length] ?? "gray",
          }))}
          // The marker stands at the index once it is known; while indicators are unscored the
          // label gives the range instead of a point that is not yet true.
          {...(s.complete && s.index !== null
            ? { target: s.index, targetColor: "dark.7", targetSize: 5 }
            : {})}
          aria-label={
            s.complete
              ? `${formatIndex(s.indexDisplay, i18n.language)} · ${s.predicateName ? local(s.predicateName, i18n.language) : ""}`
              : t("assessment.between", {
                  floor: formatIndex(s.floorDisplay, i18n.language),
                  ceiling: formatIndex(s.ceilingDisplay, i18n.language),
                })
          }
          label={
            <Stack gap={0} align="center">
              <Text fz={34} fw={700}>
                {s.complete ? formatIndex(s.indexDisplay, i18n.language) : "…"}
              </Text>
              <Text size="sm">
                {(s.predicateName && local(s.predicateName, i18n.language)) ||
                  t("assessment.between", {
                    floor: formatIndex(s.floorDisplay, i18n.language),
                    ceiling: formatIndex(s.ceilingDisplay, i18n.language),
                  })}
              </Text>
            </Stack>
          }
        />
      </Group>
      <Stack gap={2} mt="xs" aria-label={t("dashboard.bands")}>
        {bands.map((b, i) => {
          const here = s.complete && s.predicateName?.id === b.name.id;
          return (
            <Group key={b.name.id} gap={8} wrap="nowrap" data-testid="gauge-band">
              <ColorSwatch
                size={12}
                color={`var(--mantine-color-${(BAND_COLORS[i % BAND_COLORS.length] ?? "gray").replace(".", "-")})`}
              />
              <Text size="sm" fw={here ? 700 : 400} style={{ flex: 1 }}>
                {(i18n.language === "en" && b.name.en) || b.name.id}
              </Text>
              <Text size="sm" c="dimmed" fw={here ? 700 : 400}>
                ≥ {formatIndex(b.min.toFixed(2), i18n.language)}
              </Text>
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}

function GapList({
  rows,
  framework,
  assessmentId,
}: {
  rows: IndicatorRow[];
  framework: Framework;
  assessmentId: string;
}) {
  const { t, i18n } = useTranslation();
  const claimed: Record<string, number> = {};
  const supported: Record<string, number> = {};
  for (const r of rows) {
    if (r.claimedLevel === null) continue;
    const scale = framework.indicatorByCode.get(r.code)?.scale;
    if (!scale) continue;
    claimed[r.code] = r.claimedLevel;
    supported[r.code] = r.supportedLevel ?? scale.min;
  }
  // What the index would lose if only accepted evidence counted, largest first (core's readiness).
  const comparison = readiness(framework, claimed, supported);
  const gaps = comparison.indicators.filter((d) => d.difference < 0);
  // Why the supported level stops where it does: the first level whose evidence is not accepted.
  const why = (code: string) => {
    const g = rows.find((r) => r.code === code)?.gating;
    return g?.blockedAt != null && g.blockedBy
      ? t(`dashboard.blocked_${g.blockedBy}`, { level: g.blockedAt })
      : "";
  };
  // What to upload for that level (the framework's guidance).
  const guideOf = (code: string) => {
    const level = rows.find((r) => r.code === code)?.gating.blockedAt;
    const def = framework.indicatorByCode.get(code)?.levels.find((l) => l.value === level);
    const guide = local(def?.evidence, i18n.language);
    return level != null && guide ? t("evidenceGap.upload", { level, guide }) : "";
  };
  const indexOf = (s: typeof comparison.from) =>
    s.complete
      ? formatIndex(s.indexDisplay, i18n.language)
      : `${formatIndex(s.floorDisplay, i18n.language)}–${formatIndex(s.ceilingDisplay, i18n.language)}`;
  return (
    <Card withBorder>
      <Title order={4}>{t("dashboard.readiness")}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("dashboard.gapsHint")} {t("evidenceGap.lowerLevels")}
      </Text>
      <Group mb="sm" gap="xl">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t("dashboard.claimedIndex")}
          </Text>
          <Text fz={26} fw={700} data-testid="claimed-index">
            {indexOf(comparison.from)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t("dashboard.supportedIndex")}
          </Text>
          <Text fz={26} fw={700} c={gaps.length ? "red.7" : "green.7"} data-testid="supported-index">
            {indexOf(comparison.to)}
          </Text>
        </Stack>
      </Group>
      {gaps.length === 0 ? (
        // With nothing claimed yet there is nothing to back: saying "every claim is backed" would mislead.
        <Text>{Object.keys(claimed).length === 0 ? t("dashboard.noClaims") : t("dashboard.noGaps")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("assessment.code")}</Table.Th>
                <Table.Th>{t("assessment.name")}</Table.Th>
                <Table.Th>{t("assessment.claimed")}</Table.Th>
                <Table.Th>{t("assessment.supported")}</Table.Th>
                <Table.Th>{t("dashboard.why")}</Table.Th>
                <Table.Th>{t("dashboard.atRisk")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gaps.slice(0, 15).map((g) => (
                <Table.Tr key={g.indicator}>
                  <Table.Td>{g.indicator}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/penilaian/${assessmentId}/indikator/${g.indicator}`}
                      size="sm"
                    >
                      {local(framework.indicatorByCode.get(g.indicator)?.name, i18n.language) || g.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{show(g.from, i18n.language, framework.valuePlaces)}</Table.Td>
                  <Table.Td>
                    {rows.find((r) => r.code === g.indicator)?.supportedLevel === null
                      ? t("dashboard.noneSupported", { level: g.to })
                      : g.to}
                  </Table.Td>
                  <Table.Td data-testid={`why-${g.indicator}`}>
                    {why(g.indicator)}
                    <Text size="xs" c="dimmed">
                      {guideOf(g.indicator)}
                    </Text>
                  </Table.Td>
                  <Table.Td c="red">−{show(-g.contribution, i18n.language, 3)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const assessment = useAssessment(id);
  const indicators = useIndicators(id);
  const tree = useFramework(assessment.data?.cycle.frameworkId);
  const framework = useMemo(() => (tree.data ? compile(tree.data) : null), [tree.data]);
  // One target for the planner: the stored one, else the next predicate band up.
  const [target, setTarget] = useState<number | null>(null);
  const [efforts, setEfforts] = useState<Record<string, number> | null>(null);
  const [calendar, setCalendar] = useState<Record<string, CalendarLimits> | null>(null);
  const queryClient = useQueryClient();
  const targetUrl = assessment.data
    ? `/api/organizations/${assessment.data.organization.id}/targets/${assessment.data.cycle.year}`
    : "";
  const stored = useQuery({
    queryKey: ["target", targetUrl],
    queryFn: () => api<Answer<"/api/organizations/{id}/targets/{year}">>("GET", targetUrl).catch(() => null),
    enabled: Boolean(targetUrl) && (assessment.data?.can.readTargets ?? false),
  });
  if (assessment.isPending || indicators.isPending || tree.isPending)
    return <Loader aria-label={t("common.loading")} />;
  if (assessment.isError) return <PageError error={assessment.error} />;
  if (indicators.isError) return <PageError error={indicators.error} />;
  if (tree.isError || !framework) return <Alert color="red">{errorMessage(tree.error)}</Alert>;
  const a = assessment.data;
  // The same headline as every page (core's rule): its stage is the one leadership looks at.
  const stage = a.headline.stage;
  const compared: Stage[] = stage === "self" ? ["self"] : ["self", stage];
  const value = (n: number | null, floor: number) => Number((n ?? floor).toFixed(4));
  // A framework without domains (Pemdi) shows its aspects in the bars instead.
  const byDomain = a.scores.self.domains.length > 0;
  const groupsOf = (s: Stage) => (byDomain ? a.scores[s].domains : a.scores[s].aspects);
  const domains = groupsOf("self").map((d, i) => ({
    domain: `${d.code} ${d.name}`,
    ...Object.fromEntries(
      compared.map((s) => [
        t(`stages.${s}`),
        value(groupsOf(s)[i]?.index ?? null, groupsOf(s)[i]?.floor ?? 0),
      ]),
    ),
  }));
  const aspects = a.scores.self.aspects.map((x, i) => ({
    aspect: x.code,
    ...Object.fromEntries(
      compared.map((s) => [
        t(`stages.${s}`),
        value(a.scores[s].aspects[i]?.index ?? null, a.scores[s].aspects[i]?.floor ?? 0),
      ]),
    ),
  }));
  const colors = ["teal.6", "indigo.6"];
  const series = compared.map((s, i) => ({ name: t(`stages.${s}`), color: colors[i] ?? "gray.6" }));
  // Only complete stages: a half-scored stage has no index yet, and its floor would mislead.
  // Stages the assessment has reached: a later stage inherits an earlier one's levels, which is
  // not yet a result of that stage.
  const reached = STAGES.slice(0, STAGES.indexOf(LEVEL_STAGE_OF_STATE[a.state]) + 1);
  const stageIndices = reached
    .filter((s) => a.scores[s].complete)
    .map((s) => ({
      stage: t(`stages.${s}`),
      [t("assessment.index")]: value(a.scores[s].index, a.scores[s].floor),
    }));
  const bands = [...framework.predicates].sort((x, y) => x.min - y.min);
  const axisMax = bands[bands.length - 1]?.max ?? 5;
  // The user's target, else the stored one; without either the roadmap aims at the band above
  // its starting point.
  const chosenTarget = target ?? (stored.data?.index ? Number(stored.data.index) : null);
  const chosenEfforts = efforts ?? stored.data?.efforts ?? {};
  const chosenCalendar = calendar ?? stored.data?.calendar ?? {};
  const canSave = assessment.data?.can.setTargets ?? false;
  // The target, the effort per indicator and the plan's levels are stored for the year.
  const saveTarget = async (result: YearPlan | null, index: number) => {
    try {
      await api("PUT", targetUrl, {
        index: index.toFixed(2),
        indicators: Object.fromEntries((result?.steps ?? []).map((s) => [s.indicator, s.to])),
        efforts: chosenEfforts,
        calendar: chosenCalendar,
        version: stored.data?.version ?? 0,
      });
      notifications.show({ color: "green", message: t("dashboard.targetSaved") });
    } catch (error) {
      notifications.show({
        color: "red",
        message:
          error instanceof ApiError && error.status === 409
            ? t("dashboard.targetConflict")
            : errorMessage(error),
      });
    }
    await queryClient.invalidateQueries({ queryKey: ["organization", a.organization.id] });
    await queryClient.invalidateQueries({ queryKey: ["target", targetUrl] });
  };

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2}>{t("dashboard.title", { name: a.organization.name })}</Title>
          <Text c="dimmed">
            {a.cycle.name} · {t(`states.${a.state}`)}
          </Text>
        </Stack>
        <Group>
          {a.can.checklist && (
            <Anchor component={Link} to={`/penilaian/${a.id}/perbaikan`}>
              {t("checklist.link")}
            </Anchor>
          )}
          {a.can.calibrate && (
            <Anchor
              component={Link}
              to={`/periode/${a.cycle.id}/kalibrasi?organization=${a.organization.id}`}
            >
              {t("calibration.open")}
            </Anchor>
          )}
          <Anchor component={Link} to={`/penilaian/${a.id}`}>
            {t("dashboard.workspace")}
          </Anchor>
        </Group>
      </Group>
      {a.can.overview && <OfficialStrip assessmentId={a.id} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Gauge a={a} framework={framework} stage={stage} />
        <Card withBorder>
          <Title order={4} mb="sm">
            {t("dashboard.stages")}
          </Title>
          <BarChart
            h={220}
            data={stageIndices}
            dataKey="stage"
            series={[{ name: t("assessment.index"), color: "teal.6" }]}
            yAxisProps={{ domain: [0, axisMax] }}
            valueFormatter={(v) => formatIndex(v.toFixed(2), i18n.language)}
          />
          {/* Why a stage has no bar: not reached yet, or not every indicator has its level there. */}
          <Stack gap={0} mt="xs" data-testid="absent-stages">
            {STAGES.filter((s) => !reached.includes(s) || !a.scores[s].complete).map((s) => (
              <Text size="xs" c="dimmed" key={s}>
                {t(`stages.${s}`)}:{" "}
                {reached.includes(s)
                  ? t("dashboard.stageIncomplete", {
                      answered: a.scores[s].answered,
                      total: a.scores[s].total,
                    })
                  : t("dashboard.stageNotReached")}
              </Text>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">
            {byDomain ? t("dashboard.domains") : t("dashboard.aspectValues")}
          </Title>
          <BarChart
            h={byDomain ? 260 : 320}
            data={domains}
            dataKey="domain"
            series={series}
            orientation="vertical"
            yAxisProps={{ width: byDomain ? 150 : 220 }}
            xAxisProps={{ domain: [0, axisMax] }}
            withLegend
            valueFormatter={(v) => formatIndex(v.toFixed(2), i18n.language)}
          />
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">
            {t("dashboard.aspects")}
          </Title>
          <RadarChart
            h={260}
            data={aspects}
            dataKey="aspect"
            series={series.map((s) => ({ ...s, opacity: 0.25 }))}
            withLegend
            withPolarRadiusAxis
            // One scale from 0 to the top of the index, its ticks between the first two spokes so
            // that they do not sit on the first spoke's name.
            polarRadiusAxisProps={{
              domain: [0, axisMax],
              tickCount: 6,
              angle: 90 - 180 / Math.max(aspects.length, 1),
            }}
          />
          {/* The spokes carry codes to stay legible; their names are here. */}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={2} verticalSpacing={0} data-testid="aspect-names">
            {a.scores.self.aspects.map((x) => (
              <Text key={x.code} size="xs" c="dimmed">
                <b>{x.code}</b> {x.name}
              </Text>
            ))}
          </SimpleGrid>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t("dashboard.trend")}</Title>
          <Anchor component={Link} to={`/organisasi/${a.organization.id}/riwayat`} size="sm">
            {t("dashboard.fullHistory")}
          </Anchor>
        </Group>
        <HistoryChart id={a.organization.id} height={220} />
      </Card>
      <GapList rows={indicators.data.items} framework={framework} assessmentId={a.id} />
      {/* Not before the stored target is read: a default goal shown first would be what a quick
          edit or save starts from. */}
      {stored.isLoading ? (
        <Loader aria-label={t("common.loading")} />
      ) : (
        <Roadmap
          assessment={a}
          rows={indicators.data.items}
          framework={framework}
          target={chosenTarget}
          setTarget={setTarget}
          efforts={chosenEfforts}
          setEfforts={setEfforts}
          calendar={chosenCalendar}
          setCalendar={setCalendar}
          canSave={canSave}
          onSave={saveTarget}
        />
      )}
    </Stack>
  );
}
