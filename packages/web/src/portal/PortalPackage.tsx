import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { local } from "../workspace/api";

type Preview = Answer<"/api/assessments/{id}/portal/package">;

/** "840 KB", "12,5 MB": small packages are not "0 MB". */
const sizeText = (bytes: number, language: string) => {
  const locale = language === "en" ? "en-GB" : "id-ID";
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024).toLocaleString(locale)} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
};

/**
 * The evidence package for the national portal: choose what goes in (one indicator, one unit's
 * items, only what was accepted internally), see what the portal would refuse and what to do
 * about it before downloading, then download the ZIP (files named by item, index sheet, notes).
 */
export function PortalPackage({
  assessmentId,
  indicators,
  units,
}: {
  assessmentId: string;
  indicators: { code: string; name: string }[];
  units: { id: string; name: string }[];
}) {
  const { t, i18n } = useTranslation();
  const [indicator, setIndicator] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [acceptedOnly, setAcceptedOnly] = useState(false);
  const query = new URLSearchParams({
    ...(indicator ? { indicator } : {}),
    ...(unit ? { unit } : {}),
    ...(acceptedOnly ? { accepted: "1" } : {}),
  }).toString();
  const preview = useQuery({
    queryKey: ["assessment", assessmentId, "portal-package", query],
    queryFn: () => api<Preview>("GET", `/api/assessments/${assessmentId}/portal/package?${query}`),
  });
  const held = preview.data?.entries.filter((e) => !e.included) ?? [];
  return (
    <Card withBorder data-testid="portal-package">
      <Title order={4} mb={4}>
        {t("portal.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("portal.hint")}
      </Text>
      <Group align="end" gap="xs" mb="sm" wrap="wrap">
        <Select
          size="xs"
          w={260}
          label={t("portal.indicator")}
          placeholder={t("portal.allIndicators")}
          data={indicators.map((i) => ({ value: i.code, label: `${i.code} · ${i.name}` }))}
          value={indicator}
          onChange={setIndicator}
          clearable
          searchable
        />
        <Select
          size="xs"
          w={220}
          label={t("portal.unit")}
          placeholder={t("portal.allUnits")}
          data={units.map((u) => ({ value: u.id, label: u.name }))}
          value={unit}
          onChange={setUnit}
          clearable
          searchable
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t("portal.acceptedOnly")}
          checked={acceptedOnly}
          onChange={(e) => setAcceptedOnly(e.currentTarget.checked)}
        />
        <Button
          size="xs"
          component="a"
          href={`/api/assessments/${assessmentId}/portal/package.zip?${query}`}
          download
          disabled={!preview.data || preview.data.totals.files === 0}
        >
          {t("portal.download")}
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {preview.data && (
        <Stack gap="xs">
          <Text size="sm" fw={600} data-testid="portal-totals">
            {t("portal.totals", {
              files: preview.data.totals.files,
              size: sizeText(preview.data.totals.bytes, i18n.language),
              held: preview.data.totals.held,
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {t("portal.profile", {
              name: preview.data.profile.name,
              types: preview.data.profile.acceptedTypes.join(", "),
              max: preview.data.profile.maxFileMb,
            })}
            {preview.data.profile.note ? ` ${local(preview.data.profile.note, i18n.language)}` : ""}
          </Text>
          {held.length > 0 && (
            <Table.ScrollContainer minWidth={700} mah={320}>
              <Table stickyHeader aria-label={t("portal.heldTitle")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("items.code")}</Table.Th>
                    <Table.Th>{t("portal.document")}</Table.Th>
                    <Table.Th>{t("portal.whatToDo")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {held.map((e) => (
                    <Table.Tr key={`${e.code}-${e.evidenceId}`}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{e.code}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.title}</Text>
                        <Text size="xs" c="dimmed">
                          {e.units.join(", ")}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {e.problems.map((p) => (
                          <Group key={p.code} gap={4} wrap="nowrap" align="flex-start">
                            <Badge
                              size="sm"
                              variant="light"
                              color={p.code === "not_a_file" ? "gray" : "orange"}
                            >
                              {t(`portal.problems.${p.code}`)}
                            </Badge>
                            <Text size="xs">{local(p.message, i18n.language)}</Text>
                          </Group>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Card>
  );
}
