// Every Mantine component's styles, for the pages behind the login (see main.tsx).
import "@mantine/core/styles.css";
import {
  Alert,
  Anchor,
  Button,
  Center,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { LanguageSwitch } from "../app/LanguageSwitch";
import { errorMessage } from "../i18n";
import { formatDateTime } from "../i18n/format";

/** An invited person chooses their password through the one-time link they were sent. */
export default function InvitationPage() {
  const { t, i18n } = useTranslation();
  const { token = "" } = useParams();
  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () =>
      api<Answer<"/api/invitations/{token}">>("GET", `/api/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const accept = useMutation({
    mutationFn: () => api("POST", `/api/invitations/${encodeURIComponent(token)}`, { password }),
  });
  const mismatch = again !== "" && again !== password;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={440} maw="100%">
        <Stack>
          <Title order={2}>{t("invitation.title")}</Title>
          {invitation.isPending && <Loader aria-label={t("common.loading")} />}
          {invitation.isError && (
            <>
              <Alert color="orange">{errorMessage(invitation.error)}</Alert>
              <Anchor href="/login">{t("invitation.toLogin")}</Anchor>
            </>
          )}
          {invitation.data && accept.isSuccess && (
            <>
              <Alert color="green">{t("invitation.done")}</Alert>
              <Button component="a" href="/login">
                {t("invitation.toLogin")}
              </Button>
            </>
          )}
          {invitation.data && !accept.isSuccess && (
            <>
              <Text>{t("invitation.for", { name: invitation.data.name, email: invitation.data.email })}</Text>
              <Text size="sm" c="dimmed">
                {t("invitation.until", { date: formatDateTime(invitation.data.expiresAt, i18n.language) })}
              </Text>
              <PasswordInput
                label={t("invitation.password")}
                description={t("invitation.passwordHint")}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <PasswordInput
                label={t("invitation.again")}
                value={again}
                error={mismatch ? t("invitation.mismatch") : undefined}
                onChange={(e) => setAgain(e.currentTarget.value)}
              />
              {accept.isError && <Alert color="red">{errorMessage(accept.error)}</Alert>}
              <Button
                loading={accept.isPending}
                disabled={!password || password !== again}
                onClick={() => accept.mutate()}
              >
                {t("invitation.save")}
              </Button>
            </>
          )}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
