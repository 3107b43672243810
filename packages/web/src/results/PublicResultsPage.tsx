// Every Mantine component's styles, for the pages behind the login (see main.tsx).
import "@mantine/core/styles.css";
import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Container,
  Group,
  Loader,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { histogram, spread } from "@matang/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../app/LanguageSwitch";
import { errorMessage } from "../i18n";
import { formatIndex, local } from "../workspace/api";
import { INSTANSI_TYPES, type PublicResult, usePublicResults, usePublishedYears } from "./api";
import { RankChange } from "./RankChange";

const PAGE = 50;
const folded = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** Published results for everyone, no login: ranking, filters, charts and downloads. */
export default function PublicResultsPage() {
  const { t, i18n } = useTranslation();
  const years = usePublishedYears();
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear ?? years.data?.items[0]?.year ?? null;
  const results = usePublicResults(year);
  const [q, setQ] = useState("");
  const [type, setType] = useState<string | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const items = useMemo(() => {
    const needle = folded(q.trim());
    return (results.data?.items ?? []).filter(
      (i: PublicResult) =>
        (!type || i.type === type) &&
        (!province || i.province === province) &&
        (!needle || folded(i.organization).includes(needle) || folded(i.nameAsPublished).includes(needle)),
    );
  }, [results.data, q, type, province]);
  const show = (s: string | null) => formatIndex(s, i18n.language);
  // The figures and charts follow the filters: core's exact spread and bins over the rows shown.
  const top = Number(results.data?.distribution.at(-1)?.to ?? 5);
  const shown = useMemo(() => {
    const values = items.map((i) => i.index);
    return {
      all: spread(values),
      distribution: histogram(values, 0, top, "0.5"),
      byType: Object.fromEntries(
        INSTANSI_TYPES.map((k) => [k, spread(items.filter((i) => i.type === k).map((i) => i.index))]),
      ),
    };
  }, [items, top]);
  const indexName = results.data?.indexName ?? null;
  const previousIndexName = results.data?.previousIndexName ?? null;
  // A year on another index than the one before it (SPBE 2025 → Pemdi 2026): say so where it compares.
  const otherIndex =
    results.data?.previousYear != null &&
    indexName !== null &&
    previousIndexName !== null &&
    indexName.id !== previousIndexName.id;
  const query = new URLSearchParams({
    ...(year ? { year: String(year) } : {}),
    ...(type ? { type } : {}),
    ...(province ? { province } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  }).toString();

  return (
    <Container size="xl" py="md">
      <Group justify="space-between" mb="md">
        <Stack gap={0}>
          <Title order={2}>{t("results.title")}</Title>
          <Text c="dimmed">
            {indexName
              ? t("results.subtitle", { index: local(indexName, i18n.language), year })
              : t("results.subtitleGeneric")}
          </Text>
        </Stack>
        <Group>
          <LanguageSwitch />
          <Anchor href="/login">{t("results.login")}</Anchor>
        </Group>
      </Group>
      {years.isError ? <Alert color="red">{errorMessage(years.error)}</Alert> : null}
      {years.data && years.data.items.length === 0 ? <Alert>{t("results.none")}</Alert> : null}
      {year !== null ? (
        <Stack>
          <Group align="end" wrap="wrap">
            <Select
              label={t("results.year")}
              data={(years.data?.items ?? []).map((y) => String(y.year))}
              value={String(year)}
              onChange={(v) => {
                setYear(v ? Number(v) : null);
                setPage(1);
              }}
              allowDeselect={false}
              w={110}
            />
            <TextInput
              label={t("results.search")}
              placeholder={t("results.searchHint")}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
              w={260}
            />
            <Select
              label={t("results.type")}
              placeholder={t("results.allTypes")}
              data={INSTANSI_TYPES.map((k) => ({ value: k, label: t(`organizations.kinds.${k}`) }))}
              value={type}
              onChange={(v) => {
                setType(v);
                setPage(1);
              }}
              clearable
              w={170}
            />
            <Select
              label={t("results.province")}
              placeholder={t("results.allProvinces")}
              data={results.data?.provinces ?? []}
              value={province}
              onChange={(v) => {
                setProvince(v);
                setPage(1);
              }}
              searchable
              clearable
              w={280}
            />
            <Button component="a" href={`/api/public/results.xlsx?${query}`} variant="light" download>
              {t("results.downloadExcel")}
            </Button>
            <Button component="a" href={`/api/public/results.csv?${query}`} variant="light" download>
              {t("results.downloadCsv")}
            </Button>
            <Button component="a" href={`/api/public/results?${query}`} variant="light" target="_blank">
              {t("results.downloadJson")}
            </Button>
          </Group>
          {results.isPending ? <Loader aria-label={t("common.loading")} /> : null}
          {results.isError ? <Alert color="red">{errorMessage(results.error)}</Alert> : null}
          {results.data ? (
            <>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Card withBorder>
                  <Title order={4} mb="xs">
                    {t("results.distribution")}
                  </Title>
                  <BarChart
                    h={220}
                    data={shown.distribution.map((b) => ({
                      bin: `${show(b.from)}–${show(b.to)}`,
                      [t("results.count")]: b.count,
                    }))}
                    dataKey="bin"
                    series={[{ name: t("results.count"), color: "teal.6" }]}
                    // Counts are whole bodies.
                    yAxisProps={{ allowDecimals: false }}
                    valueFormatter={(v) => String(Math.round(v))}
                  />
                </Card>
                <Card withBorder>
                  <Title order={4} mb="xs">
                    {t("results.meanByType")}
                  </Title>
                  <BarChart
                    h={220}
                    data={INSTANSI_TYPES.filter((k) => shown.byType[k]?.count).map((k) => ({
                      type: t(`organizations.kinds.${k}`),
                      [t("results.mean")]: Number(shown.byType[k]?.mean ?? 0),
                    }))}
                    dataKey="type"
                    series={[{ name: t("results.mean"), color: "indigo.6" }]}
                    // The index's whole scale, so a mean of 2 does not look like the top.
                    yAxisProps={{ domain: [0, top] }}
                    valueFormatter={(v) => formatIndex(v.toFixed(2), i18n.language)}
                  />
                  {results.data.national && (
                    <Text size="sm" mt="xs" data-testid="national-index">
                      {t("results.national", {
                        year,
                        index: show(results.data.national.index),
                        mean: show(results.data.summary.all.mean),
                        count: results.data.summary.all.count,
                      })}{" "}
                      <Text span size="xs" c="dimmed">
                        {t("results.nationalNote", { source: results.data.national.source })}
                      </Text>
                    </Text>
                  )}
                  <Text size="sm" c="dimmed" mt="xs" data-testid="results-summary">
                    {t("results.summary", {
                      count: shown.all.count,
                      mean: show(shown.all.mean),
                      min: show(shown.all.min),
                      max: show(shown.all.max),
                    })}
                  </Text>
                </Card>
              </SimpleGrid>
              <Card withBorder>
                <Group justify="space-between" mb="xs">
                  <Title order={4}>{t("results.ranking", { year })}</Title>
                  <Text size="sm" c="dimmed">
                    {t("results.shown", { n: items.length, total: results.data.total })}
                  </Text>
                </Group>
                {otherIndex && indexName && previousIndexName ? (
                  <Alert color="blue" mb="xs" data-testid="other-index">
                    {t("results.otherIndex", {
                      year,
                      index: local(indexName, i18n.language),
                      previous: results.data.previousYear,
                      previousIndex: local(previousIndexName, i18n.language),
                    })}
                  </Alert>
                ) : null}
                <Table.ScrollContainer minWidth={900}>
                  <Table striped highlightOnHover aria-label={t("results.ranking", { year })}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("results.rank")}</Table.Th>
                        <Table.Th>
                          {results.data.previousYear && otherIndex && previousIndexName
                            ? t("results.changeSinceOther", {
                                year: results.data.previousYear,
                                index: local(previousIndexName, i18n.language),
                              })
                            : results.data.previousYear
                              ? t("results.changeSince", { year: results.data.previousYear })
                              : t("results.change")}
                        </Table.Th>
                        <Table.Th>{t("results.instansi")}</Table.Th>
                        <Table.Th>{t("results.type")}</Table.Th>
                        <Table.Th>{t("results.province")}</Table.Th>
                        <Table.Th>{t("results.index")}</Table.Th>
                        <Table.Th>{t("results.predicate")}</Table.Th>
                        <Table.Th>{t("results.rankInType")}</Table.Th>
                        <Table.Th>{t("results.percentile")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.slice((page - 1) * PAGE, page * PAGE).map((i) => (
                        <Table.Tr key={i.organizationId}>
                          <Table.Td>{i.rank}</Table.Td>
                          <Table.Td>
                            <RankChange change={i.rankChange} />
                          </Table.Td>
                          <Table.Td>{i.nameAsPublished}</Table.Td>
                          <Table.Td>{t(`organizations.kinds.${i.type}`)}</Table.Td>
                          <Table.Td>
                            {i.province ?? "—"}
                            {i.rankInProvince ? (
                              <Text span size="xs" c="dimmed">
                                {" "}
                                ({i.rankInProvince}/{i.ofProvince})
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td fw={600}>{show(i.index)}</Table.Td>
                          <Table.Td style={{ whiteSpace: "nowrap" }}>
                            <Badge variant="light">{i.predicate}</Badge>
                          </Table.Td>
                          <Table.Td>
                            {i.rankInType}/{i.ofType}
                          </Table.Td>
                          <Table.Td>{i.percentile}%</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {items.length > PAGE ? (
                  <Pagination
                    mt="sm"
                    total={Math.ceil(items.length / PAGE)}
                    value={page}
                    onChange={setPage}
                  />
                ) : null}
              </Card>
              {results.data.carried.length > 0 ? (
                <Card withBorder>
                  <Title order={4}>{t("results.carriedTitle", { year })}</Title>
                  <Text size="sm" c="dimmed" mb="xs">
                    {t("results.carriedHint")}
                  </Text>
                  <Table.ScrollContainer minWidth={640}>
                    <Table aria-label={t("results.carriedTitle", { year })}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t("results.instansi")}</Table.Th>
                          <Table.Th>{t("results.province")}</Table.Th>
                          <Table.Th>{t("results.index")}</Table.Th>
                          <Table.Th>{t("results.carriedFrom")}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {results.data.carried.slice(0, 200).map((c) => (
                          <Table.Tr key={c.organizationId}>
                            <Table.Td>{c.organization}</Table.Td>
                            <Table.Td>{c.province ?? "—"}</Table.Td>
                            <Table.Td>{formatIndex(c.index, i18n.language)}</Table.Td>
                            <Table.Td>
                              <Badge variant="light" color="gray">
                                {t("results.carried", { year: c.fromYear })}
                              </Badge>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Card>
              ) : null}
            </>
          ) : null}
        </Stack>
      ) : null}
    </Container>
  );
}
