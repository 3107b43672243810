import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { type FileProblem, FileProblems } from "../app/FileProblems";
import { errorMessage } from "../i18n";
import { formatDate } from "../i18n/format";

type Report = Answer<"/api/results/import", "post">;
type Years = Answer<"/api/results/years">;
const YEARS_KEY = ["results", "years"];

/**
 * The years imported, each a draft until published: the count of bodies beside the year before's,
 * so a partial import is seen before it reaches the public page.
 */
function ResultYears() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const years = useQuery({ queryKey: YEARS_KEY, queryFn: () => api<Years>("GET", "/api/results/years") });
  const publish = useMutation({
    mutationFn: (year: number) => api("POST", `/api/results/years/${year}/publish`),
    onSuccess: async (_d, year) => {
      notifications.show({ color: "green", message: t("resultYears.published", { year }) });
      await queryClient.invalidateQueries({ queryKey: YEARS_KEY });
      await queryClient.invalidateQueries({ queryKey: ["public"] });
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  const items = years.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t("resultYears.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("resultYears.hint")}
      </Text>
      <Table data-testid="result-years">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("resultYears.year")}</Table.Th>
            <Table.Th>{t("resultYears.count")}</Table.Th>
            <Table.Th>{t("resultYears.status")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((y) => (
            <Table.Tr key={y.year}>
              <Table.Td>{y.year}</Table.Td>
              <Table.Td>
                {t("resultYears.bodies", { count: y.count })}
                {y.previousCount !== null && (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    {t("resultYears.previous", { count: y.previousCount })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {y.published ? (
                  <Badge color="green" variant="light">
                    {t("resultYears.isPublished", {
                      date: y.publishedAt ? formatDate(y.publishedAt, i18n.language) : "",
                    })}
                  </Badge>
                ) : (
                  <Badge color="orange" variant="light">
                    {t("resultYears.draft")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!y.published && (
                  <Button size="xs" loading={publish.isPending} onClick={() => publish.mutate(y.year)}>
                    {t("resultYears.publish", { year: y.year })}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The choice "a body Matang does not know yet" for an unmatched line. */
const NEW = "__new__";

/**
 * Official results into Matang: check the file first (nothing is written), pick the right body
 * for each uncertain name (or leave it out), then import. Nothing is merged without a person.
 */
export default function ResultsImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | string>("");
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Report | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [choices, setChoices] = useState<Record<number, string | null>>({});
  const [problems, setProblems] = useState<FileProblem[] | string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (text: string, dryRun: boolean) => {
    setBusy(true);
    setProblems(null);
    try {
      const confirmations = Object.entries(choices)
        .filter(([, id]) => id && id !== NEW)
        .map(([line, organizationId]) => ({ line: Number(line), organizationId }));
      // A body genuinely new: created with the import, of the row's type and province.
      const create = Object.entries(choices)
        .filter(([, id]) => id === NEW)
        .map(([line]) => Number(line));
      return await api<Report>("POST", "/api/results/import", {
        csv: text,
        source: file?.name ?? "upload.csv",
        ...(typeof year === "number" ? { year } : {}),
        dryRun,
        confirmations: dryRun ? [] : confirmations,
        create: dryRun ? [] : create,
      });
    } catch (error) {
      setProblems(
        error instanceof ApiError && Array.isArray(error.details)
          ? (error.details as FileProblem[])
          : errorMessage(error),
      );
      return null;
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    setDone(null);
    setChoices({});
    setPreview(await send(text, true));
  };

  const commit = async () => {
    if (!csv) return;
    const report = await send(csv, false);
    if (report) {
      setDone(report);
      setPreview(null);
      notifications.show({ color: "green", message: t("resultsImport.done", { ...report }) });
      await queryClient.invalidateQueries({ queryKey: ["public"] });
      await queryClient.invalidateQueries({ queryKey: YEARS_KEY });
    }
  };

  const [undone, setUndone] = useState<Record<number, boolean>>({});
  const ruleLine = (m: Report["matchedBy"][number]) =>
    t("resultsImport.ruleLine", {
      line: m.line,
      name: m.name,
      organization: m.organization,
      rule: t(`resultsImport.rules.${m.rule}`),
      detail: m.detail,
    });
  const undo = async (m: Report["matchedBy"][number]) => {
    try {
      await api("DELETE", `/api/results/${m.year}/${m.organizationId}`);
      setUndone((x) => ({ ...x, [m.line]: true }));
      notifications.show({ color: "green", message: t("resultsImport.undone", { name: m.name }) });
      await queryClient.invalidateQueries({ queryKey: ["public"] });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    }
  };

  const counts = (r: Report) => (
    <SimpleGrid cols={{ base: 2, sm: 5 }}>
      {(["total", "created", "updated", "unchanged", "confirmed"] as const).map((k) => (
        <Card withBorder key={k} p="xs">
          <Text size="xs" c="dimmed">
            {t(`resultsImport.${k}`)}
          </Text>
          <Text fw={700} fz="xl">
            {r[k]}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );

  return (
    <Stack maw={1100}>
      <Title order={2}>{t("resultsImport.title")}</Title>
      <Text c="dimmed">{t("resultsImport.hint")}</Text>
      <ResultYears />
      <Card withBorder>
        <Group align="end" wrap="wrap">
          <FileInput
            label={t("resultsImport.file")}
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              setPreview(null);
              setDone(null);
            }}
            w={320}
            clearable
          />
          <NumberInput
            label={t("resultsImport.year")}
            description={t("resultsImport.yearHint")}
            value={year}
            onChange={setYear}
            min={2000}
            max={2200}
            w={160}
          />
          <Button disabled={!file} loading={busy && !preview} onClick={() => void check()}>
            {t("resultsImport.check")}
          </Button>
        </Group>
        <FileProblems problems={problems} />
      </Card>
      {preview ? (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t("resultsImport.preview")}
          </Title>
          {counts(preview)}
          {preview.matchedBy.length > 0 && (
            <Alert
              color="blue"
              mt="sm"
              title={t("resultsImport.byRule", { count: preview.matchedBy.length })}
              data-testid="matched-by-rule"
            >
              {preview.matchedBy.map((m) => (
                <Text size="sm" key={m.line}>
                  {ruleLine(m)}
                </Text>
              ))}
            </Alert>
          )}
          {preview.unmatched.length > 0 ? (
            <>
              <Alert color="yellow" mt="sm">
                {t("resultsImport.uncertain", { count: preview.unmatched.length })}
              </Alert>
              <Table mt="xs" aria-label={t("resultsImport.uncertainTable")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("resultsImport.line")}</Table.Th>
                    <Table.Th>{t("resultsImport.published")}</Table.Th>
                    <Table.Th>{t("resultsImport.match")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.unmatched.map((u) => (
                    <Table.Tr key={u.line}>
                      <Table.Td>{u.line}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{u.name}</Text>
                        <Text size="xs" c="dimmed">
                          {t(`organizations.kinds.${u.kind}`)}
                          {u.region ? ` · ${u.region}` : ""}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t("resultsImport.matchFor", { name: u.name })}
                          placeholder={
                            u.candidates.length === 0
                              ? t("resultsImport.noCandidate")
                              : t("resultsImport.leaveOut")
                          }
                          data={[
                            ...u.candidates.map((c) => ({
                              value: c.id,
                              label: `${c.name} (${Math.round(c.similarity * 100)}%)`,
                            })),
                            { value: NEW, label: t("resultsImport.createNew", { name: u.name }) },
                          ]}
                          value={choices[u.line] ?? null}
                          onChange={(v) => setChoices((x) => ({ ...x, [u.line]: v }))}
                          clearable
                          w={380}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
          <Group mt="md">
            <Button loading={busy} onClick={() => void commit()}>
              {t("resultsImport.import", {
                count: preview.imported + Object.values(choices).filter(Boolean).length,
              })}
            </Button>
          </Group>
        </Card>
      ) : null}
      {done ? (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t("resultsImport.report")}
          </Title>
          {counts(done)}
          {done.createdBodies.length > 0 ? (
            <Alert color="teal" mt="sm">
              {done.createdBodies.map((b) => (
                <Text key={b.line} size="sm">
                  {t("resultsImport.created", { name: b.name })}
                </Text>
              ))}
            </Alert>
          ) : null}
          {done.matchedBy.length > 0 ? (
            <Alert color="blue" mt="sm" title={t("resultsImport.matchedReport")} data-testid="matched-report">
              <Stack gap={4}>
                {done.matchedBy.map((m) => (
                  <Group key={m.line} justify="space-between" wrap="nowrap">
                    <Text size="sm">{ruleLine(m)}</Text>
                    {undone[m.line] ? (
                      <Badge color="gray">{t("resultsImport.undoneBadge")}</Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        aria-label={`${t("resultsImport.undo")}: ${m.name}`}
                        onClick={() => void undo(m)}
                      >
                        {t("resultsImport.undo")}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </Alert>
          ) : null}
          {done.unmatched.length > 0 ? (
            <Alert color="gray" mt="sm" title={t("resultsImport.leftOut", { count: done.unmatched.length })}>
              {done.unmatched.map((u) => (
                <Text key={u.line} size="sm">
                  {t("resultsImport.leftOutLine", { line: u.line, name: u.name })}
                </Text>
              ))}
            </Alert>
          ) : null}
        </Card>
      ) : null}
    </Stack>
  );
}
