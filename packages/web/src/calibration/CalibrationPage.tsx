import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Alert, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { PageError } from "../app/PageError";
import { OrganizationPicker } from "../organizations/OrganizationPicker";
import { local } from "../workspace/api";

type Calibration = Answer<"/api/cycles/{id}/calibration">;
type IndicatorRow = Calibration["indicators"][number];

const REASONS = ["wrong_document", "not_uploaded", "outdated", "other"] as const;
const REASON_COLORS = ["red.6", "orange.5", "yellow.5", "gray.5"];

/**
 * Calibration: which indicators are over-claimed most, and why evidence goes back — for a cycle,
 * a province's instansi or one instansi, each beside its peers of the same kind. Figures over
 * fewer than five instansi are counts only (the server leaves their means and rates out).
 */
export default function CalibrationPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const province = params.get("province");
  const organization = params.get("organization");
  const scope = new URLSearchParams({
    ...(province ? { province } : {}),
    ...(organization ? { organization } : {}),
  }).toString();
  const data = useQuery({
    queryKey: ["calibration", id, scope],
    queryFn: () => api<Calibration>("GET", `/api/cycles/${id}/calibration${scope ? `?${scope}` : ""}`),
  });
  const number = (x: number, digits = 2) =>
    x.toLocaleString(i18n.language === "en" ? "en-GB" : "id-ID", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${number(Math.abs(x))}`;
  const percent = (x: number) => `${number(x * 100, 0)}%`;
  if (data.isPending) return <Loader aria-label={t("common.loading")} />;
  if (data.isError) return <PageError error={data.error} />;
  const c = data.data;
  const few = (n: number) => t("calibration.few", { count: n, min: c.minGroup });
  // The most over-claimed first: those with a mean (five instansi or more).
  const biased = c.indicators
    .filter((i): i is IndicatorRow & { meanBias: number } => i.meanBias !== null)
    .sort((a, b) => b.meanBias - a.meanBias);
  const overclaimed = biased.filter((i) => i.meanBias > 0).slice(0, 15);
  const returned = [...c.indicators]
    .filter((i) => i.returned > 0)
    .sort((a, b) => b.returned - a.returned)
    .slice(0, 15);
  const byReason = (i: IndicatorRow) =>
    Object.fromEntries(REASONS.map((r) => [t(`calibration.reason_${r}`), i.returnsByReason[r] ?? 0]));
  return (
    <Stack maw={1300}>
      <Group justify="space-between" align="end">
        <Stack gap={0}>
          <Title order={2}>{t("calibration.title")}</Title>
          <Text c="dimmed">
            {c.cycle.name} · {c.scope ? c.scope.name : t("calibration.national")} ·{" "}
            {t("calibration.instansi", { count: c.instansi })}
          </Text>
        </Stack>
        <Group align="end">
          {!organization && (
            <OrganizationPicker
              label={t("calibration.province")}
              value={province}
              onChange={(p) => setParams(p ? { province: p } : {}, { replace: true })}
              kinds={["provinsi"]}
              placeholder={t("calibration.national")}
            />
          )}
          <Button
            component="a"
            variant="light"
            href={`/api/cycles/${id}/calibration.xlsx${scope ? `?${scope}` : ""}`}
          >
            {t("calibration.excel")}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t("calibration.hint", { min: c.minGroup })}
      </Text>
      {c.instansi === 0 ? (
        <Alert color="gray">{t("calibration.nothing")}</Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={4}>{t("calibration.overclaimedTitle")}</Title>
            {overclaimed.length === 0 ? (
              <Text size="sm" c="dimmed">
                {biased.length === 0 ? few(c.instansi) : t("calibration.noneOverclaimed")}
              </Text>
            ) : (
              <BarChart
                h={Math.max(160, overclaimed.length * 28)}
                data={overclaimed.map((i) => ({
                  indicator: i.code,
                  [t("calibration.meanBias")]: i.meanBias,
                }))}
                dataKey="indicator"
                orientation="vertical"
                yAxisProps={{ width: 60 }}
                series={[{ name: t("calibration.meanBias"), color: "orange.6" }]}
                valueFormatter={(v) => signed(v)}
                withBarValueLabel
              />
            )}
          </Card>
          <Card withBorder>
            <Title order={4}>{t("calibration.returnsTitle")}</Title>
            {returned.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("calibration.noReturns")}
              </Text>
            ) : (
              <BarChart
                h={Math.max(160, returned.length * 28)}
                data={returned.map((i) => ({ indicator: i.code, ...byReason(i) }))}
                dataKey="indicator"
                type="stacked"
                orientation="vertical"
                yAxisProps={{ width: 60 }}
                withLegend
                series={REASONS.map((r, k) => ({
                  name: t(`calibration.reason_${r}`),
                  color: REASON_COLORS[k] ?? "gray.5",
                }))}
              />
            )}
          </Card>
        </SimpleGrid>
      )}
      {c.organizations.length > 0 && (
        <Card withBorder>
          <Title order={4}>{t("calibration.organizationsTitle")}</Title>
          <BarChart
            h={Math.max(160, Math.min(c.organizations.length, 30) * 30)}
            data={c.organizations.slice(0, 30).map((o) => ({
              name: o.name,
              [t("calibration.own")]: o.meanBias ?? 0,
              [t("calibration.peers")]: o.peers.meanBias ?? 0,
            }))}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 220 }}
            withLegend
            series={[
              { name: t("calibration.own"), color: "indigo.6" },
              { name: t("calibration.peers"), color: "gray.5" },
            ]}
            valueFormatter={(v) => signed(v)}
          />
          <Table striped mt="sm" data-testid="calibration-organizations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("calibration.organization")}</Table.Th>
                <Table.Th>{t("calibration.own")}</Table.Th>
                <Table.Th>{t("calibration.overclaimedCount")}</Table.Th>
                <Table.Th>{t("calibration.peers")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.organizations.map((o) => (
                <Table.Tr key={o.organizationId}>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>{o.meanBias === null ? "—" : signed(o.meanBias)}</Table.Td>
                  <Table.Td>
                    {t("calibration.ofCompared", { count: o.overclaimed, total: o.compared })}
                  </Table.Td>
                  <Table.Td>
                    {o.peers.meanBias === null
                      ? few(o.peers.count)
                      : t("calibration.peersMean", { mean: signed(o.peers.meanBias), count: o.peers.count })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {c.instansi > 0 && (
        <Card withBorder>
          <Title order={4}>{t("calibration.indicatorsTitle")}</Title>
          <Table striped data-testid="calibration-indicators">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("calibration.indicator")}</Table.Th>
                <Table.Th>{t("calibration.compared")}</Table.Th>
                <Table.Th>{t("calibration.meanBias")}</Table.Th>
                <Table.Th>{t("calibration.overclaimShare")}</Table.Th>
                <Table.Th>{t("calibration.returnRate")}</Table.Th>
                <Table.Th>{t("calibration.mainReason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...c.indicators]
                .sort(
                  (a, b) =>
                    (b.meanBias ?? Number.NEGATIVE_INFINITY) - (a.meanBias ?? Number.NEGATIVE_INFINITY),
                )
                .map((i) => {
                  const main = REASONS.filter((r) => (i.returnsByReason[r] ?? 0) > 0).sort(
                    (a, b) => (i.returnsByReason[b] ?? 0) - (i.returnsByReason[a] ?? 0),
                  )[0];
                  return (
                    <Table.Tr key={i.code}>
                      <Table.Td title={local(i.name, i18n.language)}>
                        <b>{i.code}</b> {local(i.name, i18n.language).slice(0, 60)}
                        {local(i.name, i18n.language).length > 60 ? "…" : ""}
                      </Table.Td>
                      <Table.Td>{i.compared}</Table.Td>
                      <Table.Td>{i.meanBias === null ? few(i.compared) : signed(i.meanBias)}</Table.Td>
                      <Table.Td>
                        {i.overclaimShare === null
                          ? t("calibration.ofCompared", { count: i.overclaimed, total: i.compared })
                          : percent(i.overclaimShare)}
                      </Table.Td>
                      <Table.Td>
                        {i.returnRate === null
                          ? t("calibration.returnedCount", { count: i.returned, total: i.reviewed })
                          : percent(i.returnRate)}
                      </Table.Td>
                      <Table.Td>{main ? t(`calibration.reason_${main}`) : "—"}</Table.Td>
                    </Table.Tr>
                  );
                })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
