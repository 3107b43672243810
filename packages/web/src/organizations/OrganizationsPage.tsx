import {
  Alert,
  Badge,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../app/api";
import { errorMessage } from "../i18n";

const KINDS = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "unit"] as const;
const PAGE_SIZE = 25;

interface Organization {
  id: string;
  kind: (typeof KINDS)[number];
  category: string | null;
  name: string;
  parentId: string | null;
}

interface Page {
  items: Organization[];
  total: number;
}

export default function OrganizationsPage() {
  const { t } = useTranslation();
  // Search state lives in the URL, so a result can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const kind = params.get("kind") ?? "";
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const [debouncedQ] = useDebouncedValue(q, 250);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const query = useQuery({
    queryKey: ["organizations", debouncedQ, kind, page],
    queryFn: () => {
      const search = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
      if (debouncedQ.trim()) search.set("q", debouncedQ.trim());
      if (kind) search.set("kind", kind);
      return api<Page>("GET", `/api/organizations?${search}`);
    },
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack maw={1100}>
      <Title order={2}>{t("organizations.title")}</Title>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t("organizations.search")}
          placeholder={t("organizations.searchPlaceholder")}
          value={q}
          onChange={(e) => update({ q: e.currentTarget.value, page: "" })}
          w={320}
        />
        <Select
          label={t("organizations.kind")}
          placeholder={t("organizations.allKinds")}
          clearable
          value={kind || null}
          onChange={(v) => update({ kind: v ?? "", page: "" })}
          data={KINDS.map((k) => ({ value: k, label: t(`organizations.kinds.${k}`) }))}
          w={220}
        />
        {query.isFetching && <Loader size="sm" aria-label={t("common.loading")} />}
      </Group>
      {query.isError && <Alert color="red">{errorMessage(query.error)}</Alert>}
      {query.data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t("organizations.total", { count: query.data.total })}
          </Text>
          {query.data.items.length === 0 ? (
            <Text>{t("organizations.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("organizations.name")}</Table.Th>
                    <Table.Th>{t("organizations.kind")}</Table.Th>
                    <Table.Th>{t("organizations.category")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>{o.name}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">{t(`organizations.kinds.${o.kind}`)}</Badge>
                      </Table.Td>
                      <Table.Td>{o.category ?? "—"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {pages > 1 && (
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={(p) => update({ page: String(p) })}
              getControlProps={(control) => ({
                "aria-label":
                  control === "previous"
                    ? t("common.previous")
                    : control === "next"
                      ? t("common.next")
                      : undefined,
              })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
