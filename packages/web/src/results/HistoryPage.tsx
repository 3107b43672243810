import { LineChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Anchor, Card, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { PageError } from "../app/PageError";
import { formatIndex, local } from "../workspace/api";
import { RankChange } from "./RankChange";

type OrganizationHistory = Answer<"/api/organizations/{id}/history">;

export type Target = Answer<"/api/organizations/{id}/targets">["items"][number];

export function useHistory(id: string) {
  return useQuery({
    queryKey: ["organization", id, "history"],
    queryFn: () => api<OrganizationHistory>("GET", `/api/organizations/${id}/history`),
  });
}

/** Stored targets, when the user may read them (an empty list otherwise). */
export function useTargets(id: string, readable: boolean) {
  return useQuery({
    queryKey: ["organization", id, "targets"],
    queryFn: () =>
      api<Answer<"/api/organizations/{id}/targets">>("GET", `/api/organizations/${id}/targets`).catch(() => ({
        items: [],
      })),
    enabled: readable,
  });
}

const PUBLISHED_COLORS = ["indigo.6", "grape.6", "blue.4"];
const OWN_COLORS = ["teal.6", "lime.7", "cyan.6"];

/** Published index, Matang's own index and the target, year by year, as a chart. */
export function HistoryChart({ id, height = 240 }: { id: string; height?: number }) {
  const { t, i18n } = useTranslation();
  const history = useHistory(id);
  const targets = useTargets(id, history.data?.can.readTargets ?? false);
  if (history.isPending) return <Loader aria-label={t("common.loading")} />;
  if (history.isError) return <PageError error={history.error} />;
  const target = t("orgHistory.target");
  // The published national index of each year: a fact beside the instansi's own figures.
  const national = t("orgHistory.national");
  // SPBE (to 2025) and Pemdi (from 2026) values are not one scale: one line per index, never joined.
  const nameOf = (n: { id: string; en?: string } | null) => (n ? local(n, i18n.language) : "");
  const names = [
    ...new Set(
      history.data.years.flatMap((y) => [
        ...(y.published ? [nameOf(y.indexName)] : []),
        ...y.assessments.filter((a) => a.index !== null).map((a) => nameOf(a.indexName)),
      ]),
    ),
  ];
  const label = (base: string, name: string) => (names.length > 1 && name ? `${base} (${name})` : base);
  const published = (name: string) => label(t("orgHistory.published"), name);
  const own = (name: string) => label(t("orgHistory.matang"), name);
  const data: Record<string, string | number | null>[] = history.data.years.map((y) => {
    const row: Record<string, string | number | null> = { year: String(y.year) };
    if (y.published) row[published(nameOf(y.indexName))] = Number(y.published.index);
    for (const name of names) {
      const mine = [...y.assessments].reverse().find((a) => a.index !== null && nameOf(a.indexName) === name);
      if (mine?.index) row[own(name)] = Number(mine.index);
    }
    if (y.national) row[national] = Number(y.national.index);
    const goal = targets.data?.items.find((x) => x.year === y.year)?.index;
    row[target] = goal ? Number(goal) : null;
    return row;
  });
  for (const x of targets.data?.items ?? []) {
    if (x.index && !data.some((d) => d.year === String(x.year)))
      data.push({ year: String(x.year), [target]: Number(x.index) });
  }
  // Every year between the first and the last, so that the spacing is time (a year without a
  // figure stays a gap, which connectNulls bridges on each line).
  const years = data.map((d) => Number(d.year));
  for (let year = Math.min(...years) + 1; year < Math.max(...years); year++)
    if (!years.includes(year)) data.push({ year: String(year) });
  data.sort((a, b) => String(a.year).localeCompare(String(b.year)));
  if (data.length === 0) return <Text c="dimmed">{t("orgHistory.none")}</Text>;
  return (
    <LineChart
      h={height}
      data={data}
      dataKey="year"
      connectNulls
      series={[
        // Only the lines that have points.
        ...names.flatMap((name, i) =>
          [
            { name: published(name), color: PUBLISHED_COLORS[i % PUBLISHED_COLORS.length] ?? "indigo.6" },
            { name: own(name), color: OWN_COLORS[i % OWN_COLORS.length] ?? "teal.6" },
          ].filter((line) => data.some((d) => typeof d[line.name] === "number")),
        ),
        ...(data.some((d) => typeof d[national] === "number")
          ? [{ name: national, color: "gray.5", strokeDasharray: "2 4" }]
          : []),
        { name: target, color: "red.6", strokeDasharray: "5 5" },
      ]}
      withLegend
      // Each point says its value; the first and last years are not cut at the edges.
      withPointLabels
      dotProps={{ r: 4 }}
      xAxisProps={{ padding: { left: 32, right: 32 } }}
      yAxisProps={{ domain: [0, 5] }}
      // A year without a figure has no label (the point labels ask for it too).
      valueFormatter={(v) => (typeof v === "number" ? formatIndex(v.toFixed(2), i18n.language) : "")}
    />
  );
}

/** An organization's results over the years: table and chart, joined with Matang's assessments. */
export default function HistoryPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const history = useHistory(id);
  if (history.isPending) return <Loader aria-label={t("common.loading")} />;
  if (history.isError) return <PageError error={history.error} />;
  const show = (s: string | null | undefined) => formatIndex(s ?? null, i18n.language);
  return (
    <Stack maw={1200}>
      <Title order={2}>{t("orgHistory.title", { name: history.data.organization.name })}</Title>
      <Card withBorder>
        <HistoryChart id={id} />
      </Card>
      <Card withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t("orgHistory.table")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("results.year")}</Table.Th>
                <Table.Th>{t("orgHistory.published")}</Table.Th>
                <Table.Th>{t("results.predicate")}</Table.Th>
                <Table.Th>{t("results.rank")}</Table.Th>
                <Table.Th>{t("results.change")}</Table.Th>
                <Table.Th>{t("results.rankInType")}</Table.Th>
                <Table.Th>{t("results.rankInProvince")}</Table.Th>
                <Table.Th>{t("results.domains")}</Table.Th>
                <Table.Th>{t("orgHistory.matang")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.years.map((y) => (
                <Table.Tr key={y.year}>
                  <Table.Td>
                    {y.year}
                    {/* The index the official figure of that year is on (none without one). */}
                    {y.published && y.indexName && (
                      <Text size="xs" c="dimmed">
                        {local(y.indexName, i18n.language)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fw={600}>{show(y.published?.index)}</Table.Td>
                  <Table.Td>{y.published?.predicate ?? "—"}</Table.Td>
                  <Table.Td>{y.published ? `${y.published.rank}/${y.published.of}` : "—"}</Table.Td>
                  <Table.Td>
                    <RankChange change={y.published?.rankChange ?? null} />
                  </Table.Td>
                  <Table.Td>{y.published ? `${y.published.rankInType}/${y.published.ofType}` : "—"}</Table.Td>
                  <Table.Td>
                    {y.published?.rankInProvince
                      ? `${y.published.rankInProvince}/${y.published.ofProvince}`
                      : "—"}
                  </Table.Td>
                  <Table.Td>
                    {y.published
                      ? Object.entries(y.published.domains)
                          .map(([d, v]) => `${d} ${show(v)}`)
                          .join(" · ")
                      : "—"}
                  </Table.Td>
                  <Table.Td>
                    {y.assessments.length === 0
                      ? "—"
                      : y.assessments.map((a) => (
                          <Group key={a.id} gap={4}>
                            <Anchor component={Link} to={`/penilaian/${a.id}/dasbor`} size="sm">
                              {a.cycle}
                            </Anchor>
                            <Text size="sm">
                              {a.index
                                ? `${show(a.index)} (${t(`stages.${a.stage}`)})`
                                : t("orgHistory.incomplete")}
                            </Text>
                          </Group>
                        ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}
