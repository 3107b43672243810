import { Alert, Button, Paper, PasswordInput, Stack, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../app/api";
import { errorMessage } from "../i18n";

export default function PasswordPage() {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { currentPassword: "", newPassword: "", repeat: "" },
    validate: {
      currentPassword: (v) => (v ? null : t("account.required")),
      newPassword: (v) => (v.length >= 10 ? null : t("account.tooShort")),
      repeat: (v, values) => (v === values.newPassword ? null : t("account.mismatch")),
    },
  });
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => api("POST", "/api/auth/password", v),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: "green", message: t("account.changed") });
    },
  });
  return (
    <Paper withBorder p="lg" maw={480}>
      <form
        onSubmit={form.onSubmit(({ currentPassword, newPassword }) =>
          change.mutate({ currentPassword, newPassword }),
        )}
        noValidate
      >
        <Stack>
          <Title order={2}>{t("account.title")}</Title>
          {change.isError && (
            <Alert color="red" role="alert">
              {errorMessage(change.error)}
            </Alert>
          )}
          <PasswordInput
            label={t("account.current")}
            autoComplete="current-password"
            visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
            key={form.key("currentPassword")}
            {...form.getInputProps("currentPassword")}
          />
          <PasswordInput
            label={t("account.new")}
            description={t("account.newHint")}
            autoComplete="new-password"
            visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
            key={form.key("newPassword")}
            {...form.getInputProps("newPassword")}
          />
          <PasswordInput
            label={t("account.repeat")}
            autoComplete="new-password"
            visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
            key={form.key("repeat")}
            {...form.getInputProps("repeat")}
          />
          <Button type="submit" loading={change.isPending}>
            {t("account.submit")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
