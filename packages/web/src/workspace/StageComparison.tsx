import { Anchor, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { compareLevels, type Framework, LEVEL_STAGE_OF_STATE, stageLevels } from "@matang/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Assessment, formatIndex, type IndicatorRow, local, STAGES, type Stage } from "./api";

/** How many indicators each stage scored itself (not what it inherited), up to the current one. */
export function stageProgress(state: Assessment["state"], rows: readonly IndicatorRow[]) {
  const last = STAGES.indexOf(LEVEL_STAGE_OF_STATE[state]);
  return STAGES.slice(0, last + 1).map((stage) => ({
    stage,
    scored: rows.filter((r) => r.stages[stage]?.level != null).length,
    total: rows.length,
  }));
}

export function StageProgress({
  state,
  rows,
}: {
  state: Assessment["state"];
  rows: readonly IndicatorRow[];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="stage-progress">
      {stageProgress(state, rows).map((p) => (
        <Text size="sm" key={p.stage} c={p.scored < p.total ? undefined : "teal.8"}>
          {t("stageCompare.progress", { scored: p.scored, total: p.total, stage: t(`stages.${p.stage}`) })}
        </Text>
      ))}
    </Stack>
  );
}

const signed = (value: number, places: number, language: string) => {
  const text = formatIndex(Math.abs(value).toFixed(places), language);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
};

/**
 * Two stages side by side over the whole assessment: the indicators whose level changed, largest
 * effect on the index first, each stage's levels as core inherits them.
 */
export function StageComparison({
  assessment,
  rows,
  framework,
}: {
  assessment: Assessment;
  rows: readonly IndicatorRow[];
  framework: Framework;
}) {
  const { t, i18n } = useTranslation();
  const reached = STAGES.slice(0, STAGES.indexOf(LEVEL_STAGE_OF_STATE[assessment.state]) + 1);
  const [from, setFrom] = useState<Stage>("self");
  const [to, setTo] = useState<Stage>(reached[reached.length - 1] ?? "self");
  const levels = useMemo(
    () =>
      stageLevels(
        rows.flatMap((r) =>
          STAGES.flatMap((stage) => {
            const level = r.stages[stage]?.level;
            return level == null ? [] : [{ indicatorCode: r.code, stage, level }];
          }),
        ),
      ),
    [rows],
  );
  const comparison = useMemo(
    () => compareLevels(framework, levels[from], levels[to]),
    [framework, levels, from, to],
  );
  if (reached.length < 2) return null;
  const options = reached.map((s) => ({ value: s, label: t(`stages.${s}`) }));
  const places = framework.valuePlaces;
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
        <Title order={4}>{t("stageCompare.title")}</Title>
        <Group gap="xs">
          <Select
            label={t("stageCompare.from")}
            data={options}
            value={from}
            onChange={(v) => v && setFrom(v as Stage)}
            allowDeselect={false}
            w={170}
          />
          <Select
            label={t("stageCompare.to")}
            data={options}
            value={to}
            onChange={(v) => v && setTo(v as Stage)}
            allowDeselect={false}
            w={170}
          />
        </Group>
      </Group>
      <Text size="sm" mb="xs" data-testid="stage-compare-summary">
        {t("stageCompare.summary", {
          count: comparison.indicators.length,
          difference: signed(comparison.difference, 2, i18n.language),
          notCompared: comparison.notCompared.length,
        })}
      </Text>
      {comparison.indicators.length > 0 && (
        <Table.ScrollContainer minWidth={560} mah={480}>
          <Table striped stickyHeader data-testid="stage-compare">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("assessment.code")}</Table.Th>
                <Table.Th>{t("assessment.name")}</Table.Th>
                <Table.Th>{t(`stages.${from}`)}</Table.Th>
                <Table.Th>{t(`stages.${to}`)}</Table.Th>
                <Table.Th>{t("stageCompare.levelDifference")}</Table.Th>
                <Table.Th>{t("stageCompare.indexEffect")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.indicators.map((d) => {
                const row = rows.find((r) => r.code === d.indicator);
                return (
                  <Table.Tr key={d.indicator}>
                    <Table.Td>{d.indicator}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/penilaian/${assessment.id}/indikator/${d.indicator}`}
                        size="sm"
                      >
                        {row ? local(row.names, i18n.language) : d.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatIndex(d.from.toFixed(places), i18n.language)}</Table.Td>
                    <Table.Td>{formatIndex(d.to.toFixed(places), i18n.language)}</Table.Td>
                    <Table.Td
                      c={d.difference < 0 ? "red.7" : "green.8"}
                      fw={600}
                      style={{ whiteSpace: "nowrap" }}
                    >
                      {signed(d.difference, places, i18n.language)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {signed(d.contribution, 3, i18n.language)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
