import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { PageError } from "../app/PageError";
import { errorMessage } from "../i18n";
import { RankChange } from "../results/RankChange";
import { formatIndex } from "../workspace/api";
import { ModelAnswersEditor } from "./ModelAnswersEditor";

type ProvinceView = Answer<"/api/organizations/{id}/province">;
type SortKey = "name" | "progress" | "current" | "published" | "rank" | "change" | "target";

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <Card withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
    </Card>
  );
}

/** The province target for the cycle's year, which its kabupaten/kota without their own are held to. */
function ProvinceTarget({ view }: { view: ProvinceView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const year = view.cycle?.year;
  const url = `/api/organizations/${view.province.id}/targets/${year}`;
  const stored = useQuery({
    queryKey: ["organization", view.province.id, "target", year],
    queryFn: () => api<Answer<"/api/organizations/{id}/targets/{year}">>("GET", url),
    enabled: year !== undefined,
  });
  const [value, setValue] = useState("");
  useEffect(() => setValue(stored.data?.index?.replace(".", ",") ?? ""), [stored.data]);
  if (!year) return null;
  const save = async () => {
    try {
      await api("PUT", url, { index: value, version: stored.data?.version ?? 0 });
      notifications.show({ color: "green", message: t("province.targetSaved") });
    } catch (error) {
      notifications.show({
        color: "red",
        message:
          error instanceof ApiError && error.status === 409
            ? t("province.targetConflict")
            : errorMessage(error),
      });
    }
    await queryClient.invalidateQueries({ queryKey: ["organization", view.province.id] });
    await queryClient.invalidateQueries({ queryKey: ["province", view.province.id] });
  };
  return (
    <Group align="end">
      <TextInput
        label={t("province.target", { year })}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        w={160}
        placeholder="3,00"
      />
      <Button variant="light" onClick={() => void save()} disabled={!value.trim()}>
        {t("province.saveTarget")}
      </Button>
    </Group>
  );
}

/** A province's kabupaten/kota side by side, the disparity between them, and its model answers. */
export default function ProvincePage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const [cycle, setCycle] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "name", descending: false });
  const cycles = useQuery({
    queryKey: ["cycles"],
    queryFn: () => api<Answer<"/api/cycles">>("GET", "/api/cycles"),
  });
  const view = useQuery({
    queryKey: ["province", id, cycle],
    queryFn: () =>
      api<ProvinceView>("GET", `/api/organizations/${id}/province${cycle ? `?cycle=${cycle}` : ""}`),
  });
  if (view.isPending) return <Loader aria-label={t("common.loading")} />;
  if (view.isError) return <PageError error={view.error} />;
  const v = view.data;
  const show = (s: string | null | undefined) => formatIndex(s ?? null, i18n.language);
  const d = v.disparity;
  const current = t("province.provisional");
  const published = t("province.published", { year: d.published.year ?? "—" });
  // The chart reads best ranked: highest current index first, then the last published one.
  const value = (m: (typeof v.members)[number]) => (m.assessment?.index ? Number(m.assessment.index) : 0);
  const last = (m: (typeof v.members)[number]) => (m.published ? Number(m.published.index) : 0);
  const chart = [...v.members]
    .sort((a, b) => value(b) - value(a) || last(b) - last(a) || a.name.localeCompare(b.name, "id"))
    .map((m) => ({
      name: m.name.replace(/^Pemerintah /, ""),
      [current]: value(m),
      [published]: last(m),
    }));
  const sorters: Record<SortKey, (m: (typeof v.members)[number]) => number | string> = {
    name: (m) => m.name,
    progress: (m) => (m.assessment ? m.assessment.answered / m.assessment.total : -1),
    current: (m) => (m.assessment?.index ? Number(m.assessment.index) : -1),
    published: (m) => (m.published ? Number(m.published.index) : -1),
    rank: (m) => m.published?.rankInProvince ?? Number.MAX_SAFE_INTEGER,
    change: (m) => m.published?.rankChange ?? 0,
    target: (m) => (m.target ? Number(m.target) : -1),
  };
  const rows = [...v.members].sort((a, b) => {
    const x = sorters[sort.key](a);
    const y = sorters[sort.key](b);
    const order = typeof x === "string" ? x.localeCompare(String(y), "id") : x - (y as number);
    return sort.descending ? -order : order;
  });
  const header = (key: SortKey, label: string) => (
    <Table.Th aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : "none"}>
      <UnstyledButton
        onClick={() =>
          setSort((s) => ({
            key,
            descending: s.key === key ? !s.descending : key !== "name" && key !== "rank",
          }))
        }
        fw={600}
        fz="sm"
      >
        {label} {sort.key === key ? (sort.descending ? "▼" : "▲") : ""}
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Stack maw={1300}>
      <Group justify="space-between" align="end">
        <Stack gap={0}>
          <Title order={2}>{t("province.title", { name: v.province.name })}</Title>
          <Text c="dimmed">{v.cycle ? v.cycle.name : t("province.noCycle")}</Text>
        </Stack>
        <Button
          variant="light"
          component="a"
          href={`/api/organizations/${id}/province.xlsx${cycle ? `?cycle=${cycle}` : ""}`}
        >
          {t("province.excel")}
        </Button>
        {v.cycle && v.can.calibrate && (
          <Button variant="light" component={Link} to={`/periode/${v.cycle.id}/kalibrasi?province=${id}`}>
            {t("calibration.open")}
          </Button>
        )}
        <Select
          label={t("province.cycle")}
          data={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={cycle ?? v.cycle?.id ?? null}
          onChange={setCycle}
          w={280}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        <Figure label={t("province.members")} value={v.members.length} />
        <Figure label={t("province.withIndex")} value={d.provisional.count} />
        <Figure label={t("province.mean")} value={show(d.provisional.mean)} />
        <Figure label={t("province.range")} value={show(d.provisional.range)} />
        <Figure label={t("province.stddev")} value={show(d.provisional.stddev)} />
        <Figure label={t("province.belowTarget")} value={d.belowTarget} />
      </SimpleGrid>
      {d.published.year ? (
        <Text size="sm" c="dimmed">
          {t("province.publishedSpread", {
            year: d.published.year,
            mean: show(d.published.mean),
            range: show(d.published.range),
            stddev: show(d.published.stddev),
            below: d.publishedBelowTarget,
          })}
        </Text>
      ) : null}
      {v.can.setTarget ? <ProvinceTarget view={v} /> : null}
      <Card withBorder>
        <Title order={4} mb="sm">
          {t("province.chart")}
        </Title>
        <BarChart
          h={Math.max(240, v.members.length * 28)}
          data={chart}
          dataKey="name"
          orientation="vertical"
          yAxisProps={{ width: 170 }}
          xAxisProps={{ domain: [0, 5] }}
          series={[
            { name: current, color: "teal.6" },
            { name: published, color: "indigo.4" },
          ]}
          withLegend
          valueFormatter={(x) => formatIndex(x.toFixed(2), i18n.language)}
        />
      </Card>
      <Card withBorder>
        <Table.ScrollContainer minWidth={950}>
          <Table striped aria-label={t("province.table")}>
            <Table.Thead>
              <Table.Tr>
                {header("name", t("province.member"))}
                {header("progress", t("province.progress"))}
                {header("current", current)}
                {header("published", published)}
                {header("rank", t("results.rankInProvince"))}
                {header("change", t("results.change"))}
                {header("target", t("province.targetColumn"))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => (
                <Table.Tr key={m.organizationId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organisasi/${m.organizationId}/riwayat`} size="sm">
                      {m.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td miw={160}>
                    {m.assessment ? (
                      <Stack gap={2}>
                        <Text size="xs">
                          {t(`states.${m.assessment.state}`)} · {m.assessment.answered}/{m.assessment.total}
                        </Text>
                        <Progress
                          value={(100 * m.assessment.answered) / m.assessment.total}
                          size="sm"
                          aria-label={t("province.progress")}
                        />
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("province.notEnrolled")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.assessment ? (
                      m.assessment.index ? (
                        <Anchor component={Link} to={`/penilaian/${m.assessment.id}/dasbor`} fw={600}>
                          {show(m.assessment.index)}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {show(m.assessment.floor)}–{show(m.assessment.ceiling)}
                        </Text>
                      )
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.published ? `${show(m.published.index)} (${m.published.predicate})` : "—"}
                  </Table.Td>
                  <Table.Td>
                    {m.published?.rankInProvince
                      ? `${m.published.rankInProvince}/${m.published.ofProvince}`
                      : "—"}
                  </Table.Td>
                  <Table.Td>
                    <RankChange change={m.published?.rankChange ?? null} />
                  </Table.Td>
                  <Table.Td>
                    {show(m.target)}{" "}
                    {m.belowTarget === true ? (
                      <Badge color="red" variant="light">
                        {t("province.below")}
                      </Badge>
                    ) : m.belowTarget === false ? (
                      <Badge color="green" variant="light">
                        {t("province.onTarget")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {v.cycle && v.can.manageModelAnswers ? (
        <ModelAnswersEditor provinceId={v.province.id} frameworkId={v.cycle.frameworkId} />
      ) : null}
    </Stack>
  );
}
