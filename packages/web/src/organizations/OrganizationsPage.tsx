import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Loader,
  Pagination,
  Progress,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { INSTANSI_KINDS } from "@matang/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Answer } from "../api/types";
import { api, errorFrom, getCsrfToken } from "../app/api";
import { type FileProblem, FileProblems } from "../app/FileProblems";
import { useMe } from "../app/session";
import { errorMessage } from "../i18n";

const KINDS = [...INSTANSI_KINDS, "unit"] as const;
const PAGE_SIZE = 25;

type Organization = Page["items"][number];

type Page = Answer<"/api/organizations">;

/** An instansi's setting: may whoever uploaded evidence also accept it (small teams). */
function SelfAcceptanceSwitch({ organization, onDone }: { organization: Organization; onDone: () => void }) {
  const { t } = useTranslation();
  const change = useMutation({
    mutationFn: (allow: boolean) =>
      api("PUT", `/api/organizations/${organization.id}/settings`, {
        allowSelfAcceptance: allow,
        version: organization.version,
      }),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("organizations.settingSaved") });
      onDone();
    },
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  return (
    <Tooltip label={t("organizations.selfAcceptanceHint")} multiline w={320}>
      <Switch
        size="xs"
        label={t("organizations.selfAcceptance")}
        checked={organization.allowSelfAcceptance}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
      />
    </Tooltip>
  );
}

/** Admins load the instansi registry from a CSV; upload progress, then the summary or every problem. */
function RegistryImport({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [problems, setProblems] = useState<FileProblem[] | string | null>(null);
  const send = () => {
    if (!file) return;
    setProblems(null);
    setResult(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/organizations/import?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", "text/csv");
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onload = () => {
      setProgress(null);
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // reported below
      }
      if (xhr.status === 200) {
        const r = data as { total: number; created: number; matched: number; linked: number };
        setResult(t("organizations.imported", r));
        onDone();
      } else {
        const error = errorFrom(xhr.status, data, xhr.statusText);
        setProblems(Array.isArray(error.details) ? (error.details as FileProblem[]) : errorMessage(error));
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setProblems(t("errors.network_error"));
    };
    xhr.send(file);
  };
  return (
    <Card withBorder>
      <Group align="end" wrap="wrap">
        <FileInput
          label={t("organizations.importFile")}
          accept=".csv,text/csv"
          value={file}
          onChange={setFile}
          w={320}
          clearable
        />
        <Button disabled={!file} loading={progress !== null} onClick={send}>
          {t("organizations.import")}
        </Button>
      </Group>
      {progress !== null && (
        <Progress mt="xs" value={Math.round(progress * 100)} aria-label={t("organizations.import")} />
      )}
      {result && (
        <Alert color="green" mt="xs">
          {result}
        </Alert>
      )}
      <FileProblems problems={problems} />
    </Card>
  );
}

export default function OrganizationsPage() {
  const { t } = useTranslation();
  // Search state lives in the URL, so a result can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const kind = params.get("kind") ?? "";
  // Browsing as a tree: the organization whose children are listed.
  const parent = params.get("parent") ?? "";
  const parentOrg = useQuery({
    queryKey: ["organization", parent],
    queryFn: () => api<Answer<"/api/organizations/{id}">>("GET", `/api/organizations/${parent}`),
    enabled: Boolean(parent),
  });
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
    queryKey: ["organizations", debouncedQ, kind, page, parent],
    queryFn: () => {
      const search = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
      if (debouncedQ.trim()) search.set("q", debouncedQ.trim());
      if (kind) search.set("kind", kind);
      if (parent) search.set("parent", parent);
      return api<Page>("GET", `/api/organizations?${search}`);
    },
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));

  const me = useMe().data;
  const queryClient = useQueryClient();
  return (
    <Stack maw={1100}>
      <Title order={2}>{t("organizations.title")}</Title>
      {me?.can.importRegistry && (
        <RegistryImport onDone={() => void queryClient.invalidateQueries({ queryKey: ["organizations"] })} />
      )}
      {parent && parentOrg.data && (
        <Group gap="xs">
          <Anchor component="button" type="button" onClick={() => update({ parent: "", page: "" })}>
            {t("organizations.all")}
          </Anchor>
          {parentOrg.data.parent && (
            <>
              <Text c="dimmed">/</Text>
              <Anchor
                component="button"
                type="button"
                onClick={() => update({ parent: parentOrg.data?.parent?.id ?? "", page: "" })}
              >
                {parentOrg.data.parent.name}
              </Anchor>
            </>
          )}
          <Text c="dimmed">/</Text>
          <Text fw={600}>{parentOrg.data.name}</Text>
        </Group>
      )}
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
                    <Table.Th>{t("organizations.views")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>
                        {o.children > 0 ? (
                          <Anchor
                            component="button"
                            type="button"
                            onClick={() => update({ parent: o.id, q: "", kind: "", page: "" })}
                          >
                            {o.name} ({t("organizations.childCount", { count: o.children })})
                          </Anchor>
                        ) : (
                          o.name
                        )}
                        {/* Found by a search, a unit names its government (not needed inside it). */}
                        {!parent && o.kind === "unit" && o.parentName && (
                          <Text size="xs" c="dimmed">
                            {o.parentName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Badge variant="light" style={{ overflow: "visible" }}>
                          {t(`organizations.kinds.${o.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{o.category ?? "—"}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {o.kind === "unit" ? null : (
                          <Group gap="xs">
                            <Anchor component={Link} to={`/organisasi/${o.id}/riwayat`} size="sm">
                              {t("organizations.history")}
                            </Anchor>
                            {o.kind === "provinsi" ? (
                              <Anchor component={Link} to={`/provinsi/${o.id}`} size="sm">
                                {t("organizations.provinceView")}
                              </Anchor>
                            ) : null}
                            {o.can.configure && (
                              <SelfAcceptanceSwitch
                                organization={o}
                                onDone={() =>
                                  void queryClient.invalidateQueries({ queryKey: ["organizations"] })
                                }
                              />
                            )}
                          </Group>
                        )}
                      </Table.Td>
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
