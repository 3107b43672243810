import { Anchor, Badge, Card, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";

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
export function EvidenceSearch({ assessmentId, initial = "" }: { assessmentId?: string; initial?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const found = useQuery({
    queryKey: ["evidence-search", assessmentId ?? "", debounced],
    queryFn: () =>
      api<Found>(
        "GET",
        `/api/evidence/search?${new URLSearchParams({ q: debounced, ...(assessmentId ? { assessment: assessmentId } : {}) })}`,
      ),
    enabled: debounced.length >= 2,
  });
  return (
    <Stack gap="xs">
      <TextInput
        label={assessmentId ? t("evidenceSearch.inAssessment") : t("evidenceSearch.label")}
        description={t("evidenceSearch.hint")}
        placeholder={t("evidenceSearch.placeholder")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        rightSection={found.isFetching ? <Loader size="xs" aria-label="…" /> : null}
      />
      {found.isError && <Text c="red">{errorMessage(found.error)}</Text>}
      {found.data && debounced.length >= 2 && (
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
                <Text size="xs" c="dimmed">
                  {hit.organizationName} · {hit.year}
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

/** The evidence search page: every year of every instansi the reader may see, filtered by year. */
export default function EvidenceSearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <Stack maw={1000}>
      <Title order={2}>{t("evidenceSearch.title")}</Title>
      <EvidenceSearch initial={params.get("q") ?? ""} />
    </Stack>
  );
}
