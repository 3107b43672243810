import {
  Accordion,
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { ApiError, api } from "../app/api";
import { errorMessage } from "../i18n";
import { aspectsOf, type FrameworkTree, local, useFramework } from "../workspace/api";
import { MappingsCard } from "./Mappings";

type Aspect = ReturnType<typeof aspectsOf>[number];

function AspectTable({ a }: { a: Aspect }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4} mb="sm">
      <Text fw={600} size="sm">
        {a.code} · {local(a.name, i18n.language)} ({a.weight}%)
      </Text>
      <Table>
        <Table.Tbody>
          {a.indicators.map((ind) => {
            const items = ind.levels.reduce((n, l) => n + (l.items?.length ?? 0), 0);
            return (
              <Table.Tr key={ind.code}>
                <Table.Td w={60}>{ind.code}</Table.Td>
                <Table.Td>
                  {local(ind.name, i18n.language)}
                  {ind.aliases?.length ? (
                    <Text size="xs" c="dimmed">
                      {t("frameworks.aliases", { aliases: ind.aliases.join(", ") })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td w={70}>{ind.weight}%</Table.Td>
                <Table.Td w={150}>
                  <Group gap={4}>
                    <Badge variant="light">{ind.scale}</Badge>
                    {ind.external && (
                      <Badge variant="light" color="grape">
                        {ind.external}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td w={160}>
                  {t("frameworks.levels", { count: ind.levels.length })}
                  {items > 0 && ` · ${t("frameworks.items", { count: items })}`}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Where a provisional framework comes from, how sure each part is and what is still open. */
function Provenance({ tree }: { tree: FrameworkTree }) {
  const { t, i18n } = useTranslation();
  const p = tree.provisional;
  if (!p) return null;
  return (
    <Card withBorder data-testid="framework-provenance">
      <Title order={4} mb="xs">
        {t("frameworks.provenance")}
      </Title>
      <Text size="sm" mb="sm">
        {local(p.note, i18n.language)}
      </Text>
      {p.confidence && (
        <Table mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("frameworks.subject")}</Table.Th>
              <Table.Th>{t("frameworks.confidence")}</Table.Th>
              <Table.Th>{t("frameworks.sources")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.confidence.map((c) => (
              <Table.Tr key={c.subject.id}>
                <Table.Td>{local(c.subject, i18n.language)}</Table.Td>
                <Table.Td>
                  <Badge color={CONFIDENCE_COLOR[c.level]} variant="light">
                    {t(`frameworks.levelsOfConfidence.${c.level}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.sources?.join(", ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {p.openQuestions && (
        <>
          <Text fw={600} size="sm">
            {t("frameworks.openQuestions")}
          </Text>
          <List size="sm" mb="sm">
            {p.openQuestions.map((q) => (
              <List.Item key={q.id}>{local(q, i18n.language)}</List.Item>
            ))}
          </List>
        </>
      )}
      {p.sources && (
        <>
          <Text fw={600} size="sm">
            {t("frameworks.sources")}
          </Text>
          <List size="xs">
            {p.sources.map((s) => (
              <List.Item key={s.code}>
                <b>{s.code}</b> {s.text}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}

const CONFIDENCE_COLOR = { high: "green", medium: "yellow", low: "orange", unknown: "gray" } as const;

function Tree({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const tree = useFramework(id);
  if (!tree.data) return null;
  return (
    <Stack>
      <Provenance tree={tree.data} />
      {tree.data.domains ? (
        <Accordion multiple variant="separated">
          {tree.data.domains.map((d) => (
            <Accordion.Item key={d.code} value={d.code}>
              <Accordion.Control>
                {d.code} · {local(d.name, i18n.language)}
              </Accordion.Control>
              <Accordion.Panel>
                {d.aspects.map((a) => (
                  <AspectTable key={a.code} a={a} />
                ))}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : (
        <Card withBorder>
          {aspectsOf(tree.data).map((a) => (
            <AspectTable key={a.code} a={a} />
          ))}
        </Card>
      )}
    </Stack>
  );
}

export default function FrameworksPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ["frameworks"],
    queryFn: () => api<Answer<"/api/frameworks">>("GET", "/api/frameworks"),
  });
  const [open, setOpen] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ path: string; code: string; message: string }[] | string | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  const importFile = async () => {
    if (!file) return;
    setBusy(true);
    setProblems(null);
    try {
      let definition: unknown;
      try {
        definition = JSON.parse(await file.text());
      } catch (e) {
        setProblems(t("frameworks.notJson", { message: e instanceof Error ? e.message : String(e) }));
        return;
      }
      const created = await api<Answer<"/api/frameworks", "post">>("POST", "/api/frameworks", definition);
      notifications.show({ color: "green", message: t("frameworks.imported", created) });
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ["frameworks"] });
    } catch (e) {
      if (e instanceof ApiError && e.code === "invalid_framework")
        setProblems(e.details as { path: string; code: string; message: string }[]);
      else setProblems(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={1200}>
      <Title order={2}>{t("frameworks.title")}</Title>
      <Card withBorder>
        <Group align="end" wrap="wrap">
          <FileInput
            label={t("frameworks.file")}
            accept=".json,application/json"
            value={file}
            onChange={setFile}
            w={340}
            clearable
          />
          <Button disabled={!file} loading={busy} onClick={() => void importFile()}>
            {t("frameworks.import")}
          </Button>
        </Group>
        {typeof problems === "string" && (
          <Alert color="red" mt="sm" role="alert">
            {problems}
          </Alert>
        )}
        {Array.isArray(problems) && (
          <Alert
            color="red"
            mt="sm"
            role="alert"
            title={t("frameworks.problems", { count: problems.length })}
          >
            <Table>
              <Table.Tbody>
                {problems.map((p) => (
                  <Table.Tr key={`${p.path}-${p.message}`}>
                    <Table.Td>
                      <code>{p.path || "—"}</code>
                    </Table.Td>
                    <Table.Td>
                      {i18n.exists(`frameworkProblems.${p.code}`) && (
                        <Text size="sm">{t(`frameworkProblems.${p.code}`)}</Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {p.message}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Alert>
        )}
      </Card>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("frameworks.id")}</Table.Th>
            <Table.Th>{t("frameworks.name")}</Table.Th>
            <Table.Th>{t("frameworks.years")}</Table.Th>
            <Table.Th>{t("frameworks.indicators")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <code>{f.id}</code>
              </Table.Td>
              <Table.Td>
                {local(f.title, i18n.language)}
                {f.provisional && (
                  <Badge
                    ml="xs"
                    color="orange"
                    variant="light"
                    title={local(f.provisional.note, i18n.language)}
                  >
                    {t("frameworks.provisional")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{f.years.join(", ")}</Table.Td>
              <Table.Td>{f.indicators}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setOpen(open === f.id ? null : f.id)}
                >
                  {t("frameworks.view")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <Tree id={open} />}
      <MappingsCard />
    </Stack>
  );
}
