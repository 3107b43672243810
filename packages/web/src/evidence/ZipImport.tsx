import { Alert, Button, Card, FileButton, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { errorMessage } from "../i18n";
import { indicatorsKey, itemsKey } from "../workspace/api";
import { sendForm } from "./upload";

type Report = Answer<"/api/assessments/{id}/evidence/zip", "post">;

/**
 * Last year's evidence in one go: a ZIP of a folder whose files are named by item code
 * (I9-L1-01_…), optionally with a mapping sheet; what went where and what matched nothing.
 */
export function ZipImport({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (zip: File | null) => {
    if (!zip) return;
    setError(null);
    setReport(null);
    setProgress(0);
    const form = new FormData();
    if (mapping) form.append("mapping", await mapping.text());
    form.append("file", zip, zip.name);
    try {
      setReport(await sendForm<Report>(`/api/assessments/${assessmentId}/evidence/zip`, form, setProgress));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: itemsKey(assessmentId) }),
        queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) }),
      ]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Card withBorder data-testid="zip-import">
      <Title order={4} mb={4}>
        {t("zip.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("zip.hint")}
      </Text>
      <Group gap="xs">
        <FileButton onChange={setMapping} accept=".csv,text/csv">
          {(props) => (
            <Button variant="default" size="xs" {...props}>
              {mapping ? t("zip.mappingChosen", { name: mapping.name }) : t("zip.mapping")}
            </Button>
          )}
        </FileButton>
        <FileButton onChange={(f) => void send(f)} accept=".zip,application/zip">
          {(props) => (
            <Button size="xs" loading={progress !== null} {...props}>
              {t("zip.choose")}
            </Button>
          )}
        </FileButton>
      </Group>
      {progress !== null && (
        <Stack gap={2} mt="xs">
          <Text size="xs">{progress < 1 ? t("zip.sending") : t("zip.reading")}</Text>
          <Progress
            value={Math.round(progress * 100)}
            aria-label={t("zip.sending")}
            animated={progress >= 1}
          />
        </Stack>
      )}
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
      {report && (
        <Stack gap="xs" mt="sm" data-testid="zip-report">
          <Text size="sm" fw={600}>
            {t("zip.summary", {
              imported: report.imported.length,
              files: report.files,
              unmatched: report.unmatched.length,
            })}
          </Text>
          <Table>
            <Table.Tbody>
              {report.imported.map((i) => (
                <Table.Tr key={i.file}>
                  <Table.Td>{i.file}</Table.Td>
                  <Table.Td>{i.item}</Table.Td>
                  <Table.Td c="dimmed">{t("zip.awaitingReview")}</Table.Td>
                </Table.Tr>
              ))}
              {report.unmatched.map((u) => (
                <Table.Tr key={u.file}>
                  <Table.Td>{u.file}</Table.Td>
                  <Table.Td c="orange">{t("zip.notImported")}</Table.Td>
                  <Table.Td c="dimmed">{t(`zip.reasons.${u.code}`, { defaultValue: u.reason })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
