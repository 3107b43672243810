import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import type { Answer } from "../api/types";
import { api, setCsrfToken } from "../app/api";
import { LanguageSwitch } from "../app/LanguageSwitch";
import { ME_KEY, useMe } from "../app/session";
import { errorMessage } from "../i18n";

/** Only paths inside the app are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : t("login.emailRequired")),
      password: (v) => (v ? null : t("login.passwordRequired")),
    },
  });
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) =>
      api<Answer<"/api/auth/login", "post">>("POST", "/api/auth/login", values),
    onSuccess: (data) => {
      setCsrfToken(data.csrfToken);
      queryClient.setQueryData(ME_KEY, data);
      navigate(safeNext(params.get("next")), { replace: true });
    },
  });

  if (me.data) return <Navigate to={safeNext(params.get("next"))} replace />;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={2}>{t("login.title")}</Title>
              <LanguageSwitch />
            </Group>
            <Text c="dimmed" size="sm">
              {t("common.tagline")}
            </Text>
            {login.isError && (
              <Alert color="red" role="alert">
                {errorMessage(login.error)}
              </Alert>
            )}
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              key={form.key("email")}
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
              required
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={login.isPending}>
              {t("login.submit")}
            </Button>
          </Stack>
        </form>
        <Anchor component={Link} to="/hasil" size="sm" mt="md" display="block" ta="center">
          {t("login.publicResults")}
        </Anchor>
      </Paper>
    </Center>
  );
}
