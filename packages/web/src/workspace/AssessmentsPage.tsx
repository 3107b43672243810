import { Anchor, Badge, Loader, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageError } from "../app/PageError";
import { useAssessments } from "./api";

const SHOWN = 100;

export default function AssessmentsPage() {
  const { t } = useTranslation();
  const list = useAssessments();
  const [filter, setFilter] = useState("");
  if (list.isPending) return <Loader aria-label={t("common.loading")} />;
  if (list.isError) return <PageError error={list.error} />;
  const items = list.data.items.filter((a) =>
    a.organizationName.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <Stack maw={1100}>
      <Title order={2}>{t("assessments.title")}</Title>
      {list.data.items.length === 0 ? (
        <Text>{t("assessments.empty")}</Text>
      ) : (
        <>
          {list.data.items.length > 10 && (
            <TextInput
              label={t("assessments.filter")}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              w={320}
            />
          )}
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("assessments.instansi")}</Table.Th>
                <Table.Th>{t("assessments.cycle")}</Table.Th>
                <Table.Th>{t("assessments.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.slice(0, SHOWN).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/penilaian/${a.id}`}>
                      {a.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.cycleName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`states.${a.state}`)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
