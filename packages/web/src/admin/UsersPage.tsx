import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { todayWib } from "@matang/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { PageError } from "../app/PageError";
import { type Role, useMe } from "../app/session";
import { errorMessage } from "../i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { OrganizationPicker } from "../organizations/OrganizationPicker";

type UsersPage = Answer<"/api/users">;
type Grant = { role: Role; organizationId: string | null; endsOn?: string | null };

function GrantForm({
  onSubmit,
  busy,
  label,
  roles,
}: {
  onSubmit: (g: Grant) => void;
  busy: boolean;
  label: string;
  /** The roles the caller may give, as the server says. */
  roles: readonly Role[];
}) {
  const { t } = useTranslation();
  // No role is preselected: giving one is a decision, never a default.
  const [role, setRole] = useState<Role | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  // An acting post or a project ends on a date; empty: until withdrawn.
  const [endsOn, setEndsOn] = useState("");
  const endsPast = endsOn !== "" && endsOn < todayWib();
  // Only a national administrator grants national roles; anyone else picks an organization.
  const national = useMe().data?.can.manageFrameworks ?? false;
  return (
    <Group align="end" wrap="wrap">
      <Select
        label={t("admin.role")}
        value={role}
        onChange={(v) => setRole(v as Role | null)}
        placeholder={t("admin.chooseRole")}
        data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        w={200}
      />
      <OrganizationPicker
        label={t("admin.organization")}
        placeholder={national ? t("admin.national") : t("admin.chooseOrganization")}
        required={!national}
        value={organizationId}
        onChange={setOrganizationId}
      />
      <TextInput
        type="date"
        label={t("admin.endsOn")}
        value={endsOn}
        min={todayWib()}
        error={endsPast ? t("errors.ends_in_past") : undefined}
        onChange={(e) => setEndsOn(e.currentTarget.value)}
      />
      <Button
        loading={busy}
        disabled={!role || (!national && !organizationId) || endsPast}
        onClick={() => role && onSubmit({ role, organizationId, endsOn: endsOn || null })}
      >
        {label}
      </Button>
    </Group>
  );
}

/** Someone leaves their post: everything they hold goes to a successor in one step. */
function Handover({
  leaver,
  onClose,
  onDone,
}: {
  leaver: { id: string; name: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [deactivate, setDeactivate] = useState(true);
  const run = useMutation({
    mutationFn: async () => {
      const found = await api<UsersPage>("GET", `/api/users?q=${encodeURIComponent(email.trim())}`);
      const successor = found.items.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
      if (!successor) throw new Error(t("admin.noSuchUser", { email }));
      return api<Answer<"/api/users/{id}/handover", "post">>("POST", `/api/users/${leaver.id}/handover`, {
        successorId: successor.id,
        deactivate,
      });
    },
    onSuccess: (r) => {
      notifications.show({
        color: "green",
        message: t("admin.handedOver", {
          grants: r.grants,
          assessors: r.assessorAssignments,
          name: r.successor.name,
        }),
      });
      onDone();
      onClose();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  return (
    <Modal opened onClose={onClose} title={t("admin.handoverTitle", { name: leaver.name })}>
      <Stack>
        <Text size="sm">{t("admin.handoverHint")}</Text>
        <TextInput
          label={t("admin.successorEmail")}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          required
        />
        <Checkbox
          label={t("admin.deactivateLeaver")}
          checked={deactivate}
          onChange={(e) => setDeactivate(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("assessment.cancel")}
          </Button>
          <Button
            color="orange"
            loading={run.isPending}
            disabled={!email.trim()}
            onClick={() => run.mutate()}
          >
            {t("admin.handoverConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const users = useQuery({
    queryKey: ["users", debounced],
    queryFn: () =>
      api<UsersPage>(
        "GET",
        `/api/users?pageSize=100${debounced ? `&q=${encodeURIComponent(debounced)}` : ""}`,
      ),
  });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });
  const onError = (e: unknown) => notifications.show({ color: "red", message: errorMessage(e) });
  const create = useMutation({
    mutationFn: (grant: Grant) =>
      api<Answer<"/api/users", "post">>("POST", "/api/users", {
        email: email.trim(),
        name: name.trim(),
        grants: [grant],
      }),
    onSuccess: (result) => {
      setPassword(result.password);
      setEmail("");
      setName("");
      void refresh();
    },
    onError,
  });
  const grant = useMutation({
    mutationFn: ({ userId, g }: { userId: string; g: Grant }) =>
      api("POST", `/api/users/${userId}/grants`, g),
    onSuccess: () => void refresh(),
    onError,
  });
  const revoke = useMutation({
    mutationFn: ({ userId, grantId }: { userId: string; grantId: string }) =>
      api("DELETE", `/api/users/${userId}/grants/${grantId}`),
    onSuccess: () => void refresh(),
    onError,
  });
  const unlock = useMutation({
    mutationFn: (userId: string) => api("POST", `/api/users/${userId}/unlock`),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("admin.unlocked") });
      void refresh();
    },
    onError,
  });
  const [granting, setGranting] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const invite = useMutation({
    mutationFn: (grant: Grant) =>
      api<Answer<"/api/users/invitations", "post">>("POST", "/api/users/invitations", {
        email: email.trim(),
        name: name.trim(),
        grants: [grant],
      }),
    onSuccess: (result) => {
      setLink({ url: `${window.location.origin}${result.path}`, expiresAt: result.expiresAt });
      setEmail("");
      setName("");
      void refresh();
    },
    onError,
  });
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState<{ id: string; name: string } | null>(null);

  return (
    <Stack maw={1100}>
      <Title order={2}>{t("admin.users")}</Title>
      {users.data?.can.create && (
        <Card withBorder>
          <Title order={4} mb="sm">
            {t("admin.newUser")}
          </Title>
          <Stack gap="xs">
            <Group grow>
              <TextInput
                label={t("login.email")}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                required
              />
              <TextInput
                label={t("admin.name")}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                required
              />
            </Group>
            <SegmentedControl
              value={inviting ? "invite" : "password"}
              onChange={(v) => setInviting(v === "invite")}
              data={[
                { value: "password", label: t("admin.withPassword") },
                { value: "invite", label: t("admin.withLink") },
              ]}
              w="fit-content"
            />
            <GrantForm
              roles={users.data.can.roles}
              busy={create.isPending || invite.isPending}
              label={inviting ? t("admin.invite") : t("admin.create")}
              onSubmit={(g) => (inviting ? invite.mutate(g) : create.mutate(g))}
            />
          </Stack>
        </Card>
      )}
      <Modal opened={link !== null} onClose={() => setLink(null)} title={t("admin.inviteLink")}>
        {link && (
          <Stack>
            <Text size="sm">
              {t("admin.inviteHint", { date: formatDateTime(link.expiresAt, i18n.language) })}
            </Text>
            <Code block data-testid="invite-link" style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
              {link.url}
            </Code>
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button onClick={copy} variant={copied ? "light" : "filled"}>
                  {copied ? t("admin.copied") : t("admin.copyLink")}
                </Button>
              )}
            </CopyButton>
          </Stack>
        )}
      </Modal>
      {leaving && (
        <Handover leaver={leaving} onClose={() => setLeaving(null)} onDone={() => void refresh()} />
      )}
      <Modal opened={password !== null} onClose={() => setPassword(null)} title={t("admin.passwordOnce")}>
        <Stack>
          <Text size="sm">{t("admin.passwordHint")}</Text>
          <Code block fz="lg">
            {password}
          </Code>
        </Stack>
      </Modal>
      <TextInput label={t("admin.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={320} />
      {users.isError && <PageError error={users.error} />}
      <Table.ScrollContainer minWidth={700}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("admin.name")}</Table.Th>
              <Table.Th>{t("login.email")}</Table.Th>
              <Table.Th>{t("admin.roles")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>
                  {u.email}
                  {u.locked && (
                    <Group gap={4} mt={4}>
                      <Badge color="red" variant="light">
                        {t("admin.locked")}
                      </Badge>
                      {u.can.unlock && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="red"
                          loading={unlock.isPending && unlock.variables === u.id}
                          onClick={() => unlock.mutate(u.id)}
                        >
                          {t("admin.unlock")}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {u.grants.map((g) => (
                      <Badge
                        key={g.id}
                        variant="light"
                        rightSection={
                          g.can.revoke && (
                            <ActionIcon
                              size="xs"
                              variant="transparent"
                              aria-label={t("admin.revoke", { role: t(`roles.${g.role}`) })}
                              onClick={() => revoke.mutate({ userId: u.id, grantId: g.id })}
                            >
                              ×
                            </ActionIcon>
                          )
                        }
                      >
                        {t(`roles.${g.role}`)} ·{" "}
                        {g.organizationName
                          ? [g.organizationName, g.organizationParentName].filter(Boolean).join(" — ")
                          : t("admin.national")}
                        {g.endsOn
                          ? ` · ${t("admin.until", { date: formatDate(g.endsOn, i18n.language) })}`
                          : ""}
                      </Badge>
                    ))}
                  </Group>
                  {granting === u.id && (
                    <GrantForm
                      roles={users.data?.can.roles ?? []}
                      busy={grant.isPending}
                      label={t("admin.grant")}
                      onSubmit={(g) =>
                        grant.mutate({ userId: u.id, g }, { onSuccess: () => setGranting(null) })
                      }
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  {u.can.grant && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setGranting(granting === u.id ? null : u.id)}
                    >
                      {t("admin.addRole")}
                    </Button>
                  )}
                  {u.can.manage && u.can.grant && u.active && u.grants.length > 0 && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="orange"
                      onClick={() => setLeaving({ id: u.id, name: u.name })}
                    >
                      {t("admin.handover")}
                    </Button>
                  )}
                  {!u.active && (
                    <Badge color="gray" variant="light">
                      {t("admin.inactive")}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
