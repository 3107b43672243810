import {
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  NumberInput,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { INSTANSI_KINDS } from "@matang/core";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { OrganizationPicker } from "../organizations/OrganizationPicker";

type Found = Answer<"/api/evidence/search">;
type Hit = Found["items"][number];

/** The snippet with its matches marked: built as text and <mark> elements, never as markup. */
function Snippet({ hit }: { hit: Hit }) {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const m of hit.marks) {
    if (m.start > at) parts.push({ text: hit.snippet.slice(at, m.start), mark: false });
    parts.push({ text: hit.snippet.slice(m.start, m.end), mark: true });
    at = m.end;
  }
  parts.push({ text: hit.snippet.slice(at), mark: false });
  return (
    <Text size="sm" c="dimmed" data-testid="search-snippet">
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one snippet never move.
        p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>,
      )}
    </Text>
  );
}

/**
 * Search what the evidence says (its title and text, read in the background; "peraturan" also
 * finds "pengaturan"), within one assessment or across every year the reader may see.
 */
export function EvidenceSearch({
  assessmentId,
  initial = "",
  filters = {},
  onQuery,
}: {
  assessmentId?: string;
  initial?: string;
  /** The evidence page's filters (instansi, year, indicator, level, unit, status): enough to list without words. */
  filters?: Record<string, string>;
  onQuery?: (q: string) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const words = debounced.length >= 2 ? debounced : "";
  const filtered = Object.keys(filters).length > 0;
  const found = useQuery({
    queryKey: ["evidence-search", assessmentId ?? "", words, filters],
    queryFn: () =>
      api<Found>(
        "GET",
        `/api/evidence/search?${new URLSearchParams({
          ...(words ? { q: words } : {}),
          ...(assessmentId ? { assessment: assessmentId } : {}),
          ...filters,
        })}`,
      ),
    enabled: words !== "" || filtered,
  });
  const shown = found.data && (words !== "" || filtered);
  const reading = useQuery({
    queryKey: ["evidence-reading", assessmentId],
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/evidence-reading">>(
        "GET",
        `/api/assessments/${assessmentId}/evidence-reading`,
      ),
    enabled: Boolean(assessmentId),
    // While files wait, how far reading has come is worth watching.
    refetchInterval: (q) => ((q.state.data?.pending ?? 0) > 0 && q.state.dataUpdateCount < 60 ? 5000 : false),
  });
  return (
    <Stack gap="xs">
      <TextInput
        label={assessmentId ? t("evidenceSearch.inAssessment") : t("evidenceSearch.label")}
        description={t("evidenceSearch.hint")}
        placeholder={t("evidenceSearch.placeholder")}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          onQuery?.(e.currentTarget.value);
        }}
        rightSection={found.isFetching ? <Loader size="xs" aria-label="…" /> : null}
      />
      {reading.data && reading.data.files > 0 && (
        <Stack gap={2} data-testid="reading-progress">
          <Progress
            value={(100 * (reading.data.files - reading.data.pending)) / reading.data.files}
            size="sm"
            aria-label={t("evidenceSearch.readingLabel")}
          />
          <Text size="xs" c="dimmed">
            {[
              t("evidenceSearch.readingDone", { count: reading.data.done, files: reading.data.files }),
              reading.data.pending > 0 && t("evidenceSearch.readingPending", { count: reading.data.pending }),
              reading.data.noText > 0 && t("evidenceSearch.readingNoText", { count: reading.data.noText }),
              reading.data.skipped > 0 && t("evidenceSearch.readingSkipped", { count: reading.data.skipped }),
              reading.data.failed > 0 && t("evidenceSearch.readingFailed", { count: reading.data.failed }),
              reading.data.ocrPages > 0 && t("evidenceSearch.readingOcr", { count: reading.data.ocrPages }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
      )}
      {found.isError && <Text c="red">{errorMessage(found.error)}</Text>}
      {shown && (
        <Stack gap={6} data-testid="search-results">
          <Text size="sm">{t("evidenceSearch.count", { count: found.data.total })}</Text>
          {found.data.items.map((hit) => (
            <Card
              key={`${hit.evidenceId}-${hit.assessmentId}-${hit.indicator}-${hit.level}`}
              withBorder
              p="xs"
            >
              <Group gap="xs" wrap="wrap">
                <Anchor
                  component={Link}
                  to={`/penilaian/${hit.assessmentId}/indikator/${encodeURIComponent(hit.indicator)}`}
                  fw={600}
                >
                  {hit.title}
                </Anchor>
                <Badge variant="light" size="sm">
                  {t("evidenceSearch.where", { indicator: hit.indicator, level: hit.level })}
                </Badge>
                {hit.item && (
                  <Badge variant="outline" size="sm">
                    {hit.item}
                  </Badge>
                )}
                <Badge
                  variant="dot"
                  size="sm"
                  color={hit.status === "accepted" ? "green" : hit.status === "revision" ? "red" : "gray"}
                >
                  {t(`reviews.${hit.status}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {[hit.organizationName, hit.unitName, hit.year].filter(Boolean).join(" · ")}
                </Text>
              </Group>
              <Snippet hit={hit} />
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

const FILTERS = ["organization", "year", "indicator", "level", "unit", "status"] as const;

/**
 * The evidence page: search every year of every instansi the reader may see, or list evidence by
 * instansi, year, indicator, level, unit and verdict. The filters live in the address, to share.
 */
export default function EvidenceSearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [indicator, setIndicator] = useState(params.get("indicator") ?? "");
  // The indicator is typed: it filters once typing pauses, and goes into the address on leaving.
  const [debouncedIndicator] = useDebouncedValue(indicator.trim(), 300);
  const filters = Object.fromEntries(
    FILTERS.flatMap((k) => {
      const v = k === "indicator" ? debouncedIndicator : params.get(k)?.trim();
      return v ? [[k, v]] : [];
    }),
  );
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const number = (v: string | number) => (typeof v === "number" ? String(v) : null);
  return (
    <Stack maw={1000}>
      <Title order={2}>{t("evidenceSearch.title")}</Title>
      <Group align="end" gap="sm" data-testid="search-filters">
        <OrganizationPicker
          label={t("evidenceSearch.organization")}
          value={params.get("organization")}
          onChange={(id) => set("organization", id)}
          kinds={[...INSTANSI_KINDS]}
          placeholder={t("evidenceSearch.any")}
        />
        <NumberInput
          label={t("evidenceSearch.year")}
          w={110}
          min={2000}
          max={2100}
          value={params.get("year") ?? ""}
          onChange={(v) => set("year", number(v))}
        />
        <TextInput
          label={t("evidenceSearch.indicator")}
          w={110}
          value={indicator}
          onChange={(e) => setIndicator(e.currentTarget.value)}
          onBlur={() => set("indicator", indicator.trim() || null)}
        />
        <NumberInput
          label={t("evidenceSearch.level")}
          w={90}
          min={0}
          max={100}
          value={params.get("level") ?? ""}
          onChange={(v) => set("level", number(v))}
        />
        <OrganizationPicker
          label={t("evidenceSearch.unit")}
          value={params.get("unit")}
          onChange={(id) => set("unit", id)}
          kinds={["unit"]}
          placeholder={t("evidenceSearch.any")}
        />
        <Select
          label={t("evidenceSearch.status")}
          w={170}
          clearable
          placeholder={t("evidenceSearch.any")}
          data={(["pending", "accepted", "revision"] as const).map((s) => ({
            value: s,
            label: t(`reviews.${s}`),
          }))}
          value={params.get("status")}
          onChange={(v) => set("status", v)}
        />
      </Group>
      <EvidenceSearch
        initial={params.get("q") ?? ""}
        filters={filters}
        onQuery={(q) => set("q", q.trim() || null)}
      />
    </Stack>
  );
}
