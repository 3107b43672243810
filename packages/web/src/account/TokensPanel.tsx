import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { formatDateTime } from "../i18n/format";

type Created = Answer<"/api/auth/tokens", "post">;

/** API tokens for integrations: listed without secrets, revocable; a new secret is shown once. */
export default function TokensPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Created | null>(null);
  const tokens = useQuery({
    queryKey: ["auth", "tokens"],
    queryFn: () => api<Answer<"/api/auth/tokens">>("GET", "/api/auth/tokens"),
  });
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: "", expiresInDays: 90 },
    validate: {
      name: (v) => (v.trim() ? null : t("account.required")),
      expiresInDays: (v) => (v >= 1 && v <= 365 ? null : t("tokens.daysRange")),
    },
  });
  const create = useMutation({
    mutationFn: (v: { name: string; expiresInDays: number }) => api<Created>("POST", "/api/auth/tokens", v),
    onSuccess: (result) => {
      setCreated(result);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["auth", "tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/auth/tokens/${id}`),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("tokens.revoked") });
      void queryClient.invalidateQueries({ queryKey: ["auth", "tokens"] });
    },
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  const date = (value: string | null) => formatDateTime(value, i18n.language);
  const items = tokens.data?.items ?? [];

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2}>{t("tokens.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("tokens.intro")}
        </Text>
        {created && (
          <Alert color="yellow" title={t("tokens.createdTitle", { name: created.name })} role="status">
            <Stack gap="xs">
              <Text size="sm">{t("tokens.shownOnce")}</Text>
              <Group gap="xs" wrap="nowrap">
                <Code style={{ wordBreak: "break-all" }} data-testid="new-token">
                  {created.token}
                </Code>
                <CopyButton value={created.token}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy}>
                      {copied ? t("tokens.copied") : t("tokens.copy")}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Button size="xs" variant="subtle" onClick={() => setCreated(null)} w="fit-content">
                {t("tokens.done")}
              </Button>
            </Stack>
          </Alert>
        )}
        <form onSubmit={form.onSubmit((v) => create.mutate({ ...v, name: v.name.trim() }))} noValidate>
          <Group align="flex-end">
            <TextInput
              label={t("tokens.name")}
              placeholder={t("tokens.namePlaceholder")}
              maxLength={100}
              key={form.key("name")}
              {...form.getInputProps("name")}
            />
            <NumberInput
              label={t("tokens.days")}
              min={1}
              max={365}
              w={160}
              key={form.key("expiresInDays")}
              {...form.getInputProps("expiresInDays")}
            />
            <Button type="submit" loading={create.isPending}>
              {t("tokens.create")}
            </Button>
          </Group>
        </form>
        {create.isError && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        {tokens.isError && (
          <Alert color="red" role="alert">
            {errorMessage(tokens.error)}
          </Alert>
        )}
        {items.length === 0 && tokens.isSuccess ? (
          <Text size="sm">{t("tokens.none")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-label={t("tokens.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("tokens.name")}</Table.Th>
                  <Table.Th>{t("tokens.createdAt")}</Table.Th>
                  <Table.Th>{t("tokens.lastUsedAt")}</Table.Th>
                  <Table.Th>{t("tokens.expiresAt")}</Table.Th>
                  <Table.Th>{t("tokens.status")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>{date(token.createdAt)}</Table.Td>
                    <Table.Td>{date(token.lastUsedAt)}</Table.Td>
                    <Table.Td>{date(token.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={token.active ? "teal" : "gray"} variant="light">
                        {token.active
                          ? t("tokens.active")
                          : token.revokedAt
                            ? t("tokens.revokedBadge")
                            : t("tokens.expired")}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {token.active && (
                        <Tooltip label={t("tokens.revoke")}>
                          <ActionIcon
                            variant="light"
                            color="red"
                            aria-label={t("tokens.revokeNamed", { name: token.name })}
                            loading={revoke.isPending && revoke.variables === token.id}
                            onClick={() => {
                              if (window.confirm(t("tokens.confirmRevoke", { name: token.name })))
                                revoke.mutate(token.id);
                            }}
                          >
                            ✕
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
