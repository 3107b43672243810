import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { todayWib } from "@matang/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { type FileProblem, FileProblems } from "../app/FileProblems";
import { sendForm } from "../evidence/upload";
import { errorMessage } from "../i18n";
import { formatIndex, itemsKey } from "../workspace/api";

type Official = Answer<"/api/assessments/{id}/official">;
type Report = Answer<"/api/assessments/{id}/official/import", "post">;
type Stage = "interim" | "final";

export const officialKey = (id: string) => ["assessment", id, "official"] as const;
const useOfficial = (id: string) =>
  useQuery({
    queryKey: officialKey(id),
    queryFn: () => api<Official>("GET", `/api/assessments/${id}/official`),
  });

export const STATUS_COLOR: Record<string, string> = {
  accepted: "green",
  wrong_object: "orange",
  not_uploaded: "red",
  auto_rejected: "grape",
};

/** How import problems come back (422 invalid_table): each with its sheet or text, line and field. */
const problemsOf = (e: unknown): FileProblem[] | string =>
  e instanceof ApiError && e.code === "invalid_table" && Array.isArray(e.details)
    ? (e.details as FileProblem[])
    : errorMessage(e);

/**
 * Bringing the portal's figures in: paste its table (or fill the template), check every line
 * first (a dry run lists the returns and their units), then import. Returns go to their units.
 */
function OfficialImport({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>("interim");
  const [asOf, setAsOf] = useState(todayWib());
  const [dueDate, setDueDate] = useState("");
  const [text, setText] = useState("");
  const [workbook, setWorkbook] = useState<File | null>(null);
  const [preview, setPreview] = useState<Report | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [problems, setProblems] = useState<FileProblem[] | string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (dryRun: boolean, file: File | null = workbook) => {
    setBusy(true);
    setProblems(null);
    setDone(null);
    try {
      let report: Report;
      if (file) {
        const form = new FormData();
        form.append("stage", stage);
        form.append("asOf", asOf);
        if (dueDate) form.append("dueDate", dueDate);
        if (dryRun) form.append("dryRun", "1");
        form.append("file", file, file.name);
        report = await sendForm<Report>(
          `/api/assessments/${assessmentId}/official/import.xlsx`,
          form,
          () => {},
        );
      } else {
        report = await api<Report>("POST", `/api/assessments/${assessmentId}/official/import`, {
          stage,
          asOf,
          dueDate: dueDate || null,
          text,
          dryRun,
        });
      }
      if (dryRun) setPreview(report);
      else {
        setPreview(null);
        setDone(report);
        setText("");
        setWorkbook(null);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: officialKey(assessmentId) }),
          queryClient.invalidateQueries({ queryKey: itemsKey(assessmentId) }),
        ]);
      }
    } catch (e) {
      setPreview(null);
      setProblems(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" data-testid="official-import">
      <Group align="end" gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={stage}
          onChange={(v) => setStage(v as Stage)}
          data={[
            { value: "interim", label: t("official.stages.interim") },
            { value: "final", label: t("official.stages.final") },
          ]}
        />
        <TextInput
          size="xs"
          type="date"
          label={t("official.asOf")}
          value={asOf}
          onChange={(e) => setAsOf(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          type="date"
          label={t("official.dueDate")}
          value={dueDate}
          onChange={(e) => setDueDate(e.currentTarget.value)}
        />
        <Anchor size="xs" href={`/api/assessments/${assessmentId}/official/template.xlsx`} mb={6}>
          {t("official.template")}
        </Anchor>
      </Group>
      <Textarea
        label={t("official.paste")}
        description={t("official.pasteHint")}
        autosize
        minRows={4}
        maxRows={12}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setWorkbook(null);
          setPreview(null);
        }}
        styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
      />
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          loading={busy}
          disabled={!text.trim()}
          onClick={() => void send(true, null)}
        >
          {t("official.check")}
        </Button>
        <FileButton
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(f) => {
            setWorkbook(f);
            setText("");
            if (f) void send(true, f);
          }}
        >
          {(props) => (
            <Button size="xs" variant="default" {...props}>
              {workbook ? t("official.workbookChosen", { name: workbook.name }) : t("official.workbook")}
            </Button>
          )}
        </FileButton>
      </Group>
      <FileProblems problems={problems} />
      {preview && (
        <Alert color="blue" data-testid="official-preview">
          <Text size="sm" fw={600}>
            {t("official.previewSummary", {
              verdicts: preview.verdicts,
              accepted: preview.accepted,
              returned: preview.returned.length,
              values: preview.values.length,
            })}
          </Text>
          {preview.returned.length > 0 && (
            <Text size="xs" mt={4}>
              {preview.returned.map((r) => `${r.item} → ${r.unitName ?? t("official.noUnit")}`).join(" · ")}
            </Text>
          )}
          <Button size="xs" mt="xs" loading={busy} onClick={() => void send(false)}>
            {t("official.import", { stage: t(`official.stages.${preview.stage}`) })}
          </Button>
        </Alert>
      )}
      {done && (
        <Alert color="green" data-testid="official-done">
          {t("official.imported", {
            verdicts: done.verdicts,
            returned: done.returned.filter((r) => r.isNew && r.unitId).length,
          })}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The portal's official figures, apart from Matang's own: per stage (interim, final) with the date
 * the portal showed them, the index and predicate, each indicator's value beside the instansi's
 * claim with the index points lost; and every item the portal returned, with its unit and note.
 */
export function OfficialPanel({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation();
  const official = useOfficial(assessmentId);
  const [stage, setStage] = useState<Stage | null>(null);
  if (official.isError) return <Alert color="red">{errorMessage(official.error)}</Alert>;
  if (!official.data) return null;
  const data = official.data;
  const shown = data.stages.find((s) => s.stage === stage) ?? data.stages.at(-1) ?? null;
  const returned = data.verdicts.filter((v) => v.status !== "accepted");
  const show = (v: number | null) => (v === null ? "—" : formatIndex(v.toFixed(2), i18n.language));
  return (
    <Card withBorder data-testid="official-panel">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t("official.title")}</Title>
        <Group gap="xs">
          {data.stages.some((s) => s.stage === "interim") && (
            <Button component={Link} to={`/penilaian/${assessmentId}/klarifikasi`} size="xs" variant="light">
              {t("clarification.open")}
            </Button>
          )}
          <Badge color="indigo" variant="light">
            {t("official.notMatang")}
          </Badge>
        </Group>
      </Group>
      {data.stages.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t("official.none")}
        </Text>
      ) : (
        <Stack gap="xs" mb="sm">
          <SimpleGrid cols={{ base: 1, sm: data.stages.length }}>
            {data.stages.map((s) => (
              <Card
                key={s.stage}
                withBorder
                padding="sm"
                onClick={() => setStage(s.stage)}
                style={{ cursor: "pointer" }}
                bg={shown?.stage === s.stage ? "indigo.0" : undefined}
                data-testid={`official-${s.stage}`}
              >
                <Text size="xs" c="dimmed">
                  {t("official.figure", { stage: t(`official.stages.${s.stage}`), date: s.asOf })}
                </Text>
                <Group gap="xs" align="baseline">
                  <Text fz={28} fw={700}>
                    {s.indexDisplay ? formatIndex(s.indexDisplay, i18n.language) : "—"}
                  </Text>
                  {s.predicate && <Badge variant="light">{s.predicate}</Badge>}
                </Group>
                <Text size="xs" c="dimmed">
                  {s.indexSource ? t(`official.source.${s.indexSource}`) : t("official.incomplete")}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          {shown && shown.indicators.length > 0 && (
            <Table.ScrollContainer minWidth={520} mah={300}>
              <Table stickyHeader aria-label={t("official.byIndicator")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("assessment.code")}</Table.Th>
                    <Table.Th>{t("official.claim")}</Table.Th>
                    <Table.Th>{t("official.value", { stage: t(`official.stages.${shown.stage}`) })}</Table.Th>
                    <Table.Th>{t("official.loss")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...shown.indicators]
                    .sort((a, b) => (b.loss ?? 0) - (a.loss ?? 0))
                    .map((i) => (
                      <Table.Tr key={i.code}>
                        <Table.Td>{i.code}</Table.Td>
                        <Table.Td>{show(i.claim)}</Table.Td>
                        <Table.Td fw={600}>{show(i.value)}</Table.Td>
                        <Table.Td c={i.loss && i.loss > 0 ? "red" : undefined}>
                          {i.loss === null ? "—" : formatIndex((-i.loss).toFixed(4), i18n.language)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
      {data.comparison.map((cmp) => (
        <Stack gap={4} mb="sm" key={cmp.stage} data-testid={`comparison-${cmp.stage}`}>
          <Text size="sm" fw={600}>
            {t("official.comparison", {
              against: t(`stages.${cmp.against}`),
              stage: t(`official.stages.${cmp.stage}`),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {t("official.comparisonSummary", {
              lenient: cmp.summary.lenient,
              strict: cmp.summary.strict,
              same: cmp.summary.same,
              effect: formatIndex(cmp.summary.effect.toFixed(4), i18n.language),
            })}
          </Text>
          <Table.ScrollContainer minWidth={520} mah={260}>
            <Table aria-label={t("official.comparisonTable", { stage: t(`official.stages.${cmp.stage}`) })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("assessment.code")}</Table.Th>
                  <Table.Th>{t("official.mock", { against: t(`stages.${cmp.against}`) })}</Table.Th>
                  <Table.Th>{t("official.value", { stage: t(`official.stages.${cmp.stage}`) })}</Table.Th>
                  <Table.Th>{t("official.difference")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...cmp.rows]
                  .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
                  .map((r) => (
                    <Table.Tr key={r.code}>
                      <Table.Td>{r.code}</Table.Td>
                      <Table.Td>{show(r.mock)}</Table.Td>
                      <Table.Td>{show(r.official)}</Table.Td>
                      <Table.Td>{formatIndex(r.difference.toFixed(2), i18n.language)}</Table.Td>
                      <Table.Td>
                        <Badge
                          size="sm"
                          variant="light"
                          color={
                            r.verdict === "lenient" ? "orange" : r.verdict === "strict" ? "blue" : "gray"
                          }
                        >
                          {t(`official.leniency.${r.verdict}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
      {returned.length > 0 && (
        <Stack gap={4} mb="sm">
          <Text size="sm" fw={600}>
            {t("official.returned", { count: returned.length })}
          </Text>
          <Table.ScrollContainer minWidth={620} mah={300}>
            <Table aria-label={t("official.returnedTable")}>
              <Table.Tbody>
                {returned.map((v) => (
                  <Table.Tr key={v.item}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{v.item}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={STATUS_COLOR[v.status]}>
                        {t(`official.statuses.${v.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{v.note || "—"}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{v.unitName ?? t("official.noUnit")}</Text>
                      {v.dueDate && (
                        <Text size="xs" c="dimmed">
                          {t("official.due", { date: v.dueDate })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      {data.can.import && <OfficialImport assessmentId={assessmentId} />}
    </Card>
  );
}

/** The portal's official figures in one line, for screens that lead with Matang's own (dashboard). */
export function OfficialStrip({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation();
  const official = useOfficial(assessmentId);
  const stages = official.data?.stages ?? [];
  if (stages.length === 0) return null;
  return (
    <Alert color="indigo" variant="light" data-testid="official-strip" title={t("official.notMatang")}>
      {stages
        .map((s) =>
          t("official.strip", {
            stage: t(`official.stages.${s.stage}`),
            index: s.indexDisplay ? formatIndex(s.indexDisplay, i18n.language) : "—",
            predicate: s.predicate ?? "—",
            date: s.asOf,
          }),
        )
        .join(" · ")}
    </Alert>
  );
}
