import { Accordion, Alert, Button, Group, List, Modal, Select, Stack, Table, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MappingTable, useMappings } from "../admin/Mappings";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { local } from "./api";

type Report = Answer<"/api/assessments/{id}/copy-forward", "post">;

/**
 * Start from the instansi's previous assessment: on the same framework its answers and evidence;
 * from SPBE to Pemdi its evidence only, placed on the likely items by the shipped mapping. Nothing
 * carried counts until reviewed; what went where is reported.
 */
export function CopyForward({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mappings = useMappings(report?.mapping != null);
  // The instansi's other assessments, newest first; by default the server takes the latest earlier one.
  const history = useQuery({
    queryKey: ["assessment", assessmentId, "history"],
    queryFn: () =>
      api<Answer<"/api/assessments/{id}/history">>("GET", `/api/assessments/${assessmentId}/history`),
    enabled: open,
  });
  const sources = (history.data?.items ?? [])
    .filter((h) => h.assessmentId !== assessmentId)
    .sort((a, b) => b.year - a.year);
  const [from, setFrom] = useState<string | null>(null);
  const mapping = mappings.data?.items.find((m) => m.id === report?.mapping?.id);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(
        await api<Report>("POST", `/api/assessments/${assessmentId}/copy-forward`, from ? { from } : {}),
      );
      await queryClient.invalidateQueries({ queryKey: ["assessment", assessmentId] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setOpen(false);
    setReport(null);
    setError(null);
  };
  const reasonOf = (code: string, fallback: string) => {
    const entry = mapping?.entries.find((e) => e.from === code);
    return entry ? local(entry.note, i18n.language) : fallback;
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t("copy.button")}
      </Button>
      <Modal opened={open} onClose={close} title={t("copy.title")} size="xl">
        {!report ? (
          <Stack>
            <Text size="sm">{t("copy.explain")}</Text>
            <Text size="sm">{t("copy.explainMapping")}</Text>
            <Select
              label={t("copy.from")}
              placeholder={t("copy.latest")}
              data={sources.map((h) => ({
                value: h.assessmentId,
                label: `${h.cycle} (${t(`states.${h.state}`)})`,
              }))}
              value={from}
              onChange={setFrom}
              clearable
              disabled={sources.length === 0}
            />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("assessment.cancel")}
              </Button>
              <Button loading={busy} onClick={() => void run()}>
                {t("copy.confirm")}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack data-testid="copy-report">
            <Alert color="green">
              {report.mapping
                ? t("copy.doneMapping", {
                    links: report.evidenceLinks,
                    items: report.items.length,
                    mapping: local(report.mapping.title, i18n.language),
                  })
                : t("copy.done", { copied: report.copied.length, links: report.evidenceLinks })}
            </Alert>
            {report.items.length > 0 && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("copy.item")}</Table.Th>
                    <Table.Th>{t("copy.documents")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.items.map((i) => (
                    <Table.Tr key={i.code}>
                      <Table.Td>
                        <code>{i.code}</code>
                      </Table.Td>
                      <Table.Td>{i.evidence}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {report.skipped.length > 0 && (
              <>
                <Text size="sm" fw={600}>
                  {t("copy.skipped", { count: report.skipped.length })}
                </Text>
                <List size="sm">
                  {report.skipped.map((s) => (
                    <List.Item key={s.code}>
                      <b>{s.code}</b>: {reasonOf(s.code, s.reason)}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            {mapping && (
              <Accordion variant="contained">
                <Accordion.Item value="mapping">
                  <Accordion.Control>{t("copy.seeMapping")}</Accordion.Control>
                  <Accordion.Panel>
                    <MappingTable mapping={mapping} height={320} />
                  </Accordion.Panel>
                </Accordion.Item>
              </Accordion>
            )}
            <Group justify="flex-end">
              <Button onClick={close}>{t("copy.close")}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
