// Every Mantine component's styles, for the pages behind the login (see main.tsx).
import "@mantine/core/styles.css";
import { Anchor, AppShell, Burger, Group, NavLink, Text, Title, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Outlet, NavLink as RouterLink, useLocation } from "react-router";
import type { Answer } from "../api/types";
import { Bell } from "../inbox/InboxPage";
import { api, setCsrfToken } from "./api";
import { LanguageSwitch } from "./LanguageSwitch";
import { ME_KEY, useMe } from "./session";

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const queryClient = useQueryClient();
  const { pathname } = useLocation();

  const logout = async () => {
    await api("POST", "/api/auth/logout").catch(() => {});
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    window.location.assign("/login");
  };

  // A province's people get its side-by-side view in the menu.
  const grantOrg = me.data?.grants.find((g) => g.organizationId)?.organizationId ?? null;
  const grantKind = useQuery({
    queryKey: ["organization", grantOrg, "kind"],
    queryFn: () => api<Answer<"/api/organizations/{id}">>("GET", `/api/organizations/${grantOrg}`),
    enabled: Boolean(grantOrg),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const links = [
    { to: "/", label: t("nav.home"), end: true },
    { to: "/penilaian", label: t("nav.assessments"), end: false },
    ...(grantKind.data?.kind === "provinsi" && grantOrg
      ? [{ to: `/provinsi/${grantOrg}`, label: t("nav.province"), end: false }]
      : []),
    { to: "/organisasi", label: t("nav.organizations"), end: false },
    { to: "/bukti", label: t("nav.evidenceSearch"), end: false },
    // Administration only for those the server says may use it.
    ...(me.data?.can.manageUsers ? [{ to: "/admin/pengguna", label: t("nav.users"), end: false }] : []),
    ...(me.data?.can.manageCycles ? [{ to: "/admin/periode", label: t("nav.cycles"), end: false }] : []),
    ...(me.data?.can.manageFrameworks
      ? [{ to: "/admin/kerangka", label: t("nav.frameworks"), end: false }]
      : []),
    ...(me.data?.can.importResults ? [{ to: "/admin/hasil", label: t("nav.results"), end: false }] : []),
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            <Title order={3} c="teal.8">
              {t("common.appName")}
            </Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            <Bell />
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm">
              {me.data?.user.name}
            </Text>
            <UnstyledButton onClick={() => void logout()} aria-label={t("common.logout")}>
              <Text size="sm" c="teal.8" fw={600}>
                {t("common.logout")}
              </Text>
            </UnstyledButton>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.menu")}>
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={RouterLink}
            to={link.to}
            end={link.end}
            label={link.label}
            active={link.end ? pathname === link.to : pathname.startsWith(link.to)}
            onClick={close}
          />
        ))}
        <NavLink component={RouterLink} to="/kotak-masuk" label={t("nav.inbox")} mt="auto" onClick={close} />
        <NavLink component={RouterLink} to="/akun" label={t("nav.account")} onClick={close} />
        <NavLink component={RouterLink} to="/hasil" label={t("nav.publicResults")} onClick={close} />
        {/* The API's documentation is for those who set up integrations: the administrators. */}
        {me.data?.can.manageFrameworks && (
          <Anchor href="/api/docs" size="sm" p="sm">
            {t("nav.apiDocs")}
          </Anchor>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
