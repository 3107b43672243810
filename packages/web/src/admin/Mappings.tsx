import { Badge, Card, Group, ScrollArea, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { local } from "../workspace/api";

export type Mapping = Answer<"/api/framework-mappings">["items"][number];

export const useMappings = (enabled = true) =>
  useQuery({
    queryKey: ["framework-mappings"],
    queryFn: () => api<Answer<"/api/framework-mappings">>("GET", "/api/framework-mappings"),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });

/**
 * A shipped mapping between two frameworks, row by row, for people to review: each old
 * indicator (and levels), the new items its evidence goes to, and why — or why nothing does.
 */
export function MappingTable({ mapping, height = 420 }: { mapping: Mapping; height?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid={`mapping-${mapping.id}`}>
      <Text size="sm">{local(mapping.note, i18n.language)}</Text>
      <ScrollArea.Autosize mah={height} type="auto">
        <Table striped stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={260}>{t("mapping.from", { framework: mapping.from })}</Table.Th>
              <Table.Th>{t("mapping.to", { framework: mapping.to })}</Table.Th>
              <Table.Th w={300}>{t("mapping.why")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mapping.entries.map((e) => (
              <Table.Tr key={`${e.from}-${e.levels?.join(",") ?? "all"}`}>
                <Table.Td>
                  <Text size="sm">
                    <b>{e.from}</b> {local(e.fromName, i18n.language)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.levels ? t("mapping.levels", { levels: e.levels.join(", ") }) : t("mapping.allLevels")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {e.items.length === 0 ? (
                    <Badge color="gray" variant="light">
                      {t("mapping.none")}
                    </Badge>
                  ) : (
                    <Stack gap={2}>
                      {e.items.map((item) => (
                        <Text size="sm" key={item.code}>
                          <code>{item.code}</code> {local(item.text, i18n.language)}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{local(e.note, i18n.language)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** Every shipped mapping, in the framework administration. */
export function MappingsCard() {
  const { t, i18n } = useTranslation();
  const mappings = useMappings();
  if (!mappings.data?.items.length) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t("mapping.title")}
      </Title>
      <Stack>
        {mappings.data.items.map((m) => (
          <Stack key={m.id} gap={4}>
            <Group gap="xs">
              <Text fw={600}>{local(m.title, i18n.language)}</Text>
              <Badge variant="light" color="orange">
                {t("mapping.suggestion")}
              </Badge>
            </Group>
            <MappingTable mapping={m} />
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
