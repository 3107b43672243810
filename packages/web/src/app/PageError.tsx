import { Alert, Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useRouteError } from "react-router";
import { errorMessage } from "../i18n";
import { ApiError } from "./api";

/**
 * A page that cannot be shown (not permitted, not there, or the server failed) says why and
 * offers a way back: the previous page and the home page.
 */
export function PageError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = error instanceof ApiError ? error.status : null;
  return (
    <Stack maw={640} data-testid="page-error">
      <Alert color={status === 403 || status === 404 ? "orange" : "red"}>
        <Text>{error === null ? t("errors.not_found") : errorMessage(error)}</Text>
      </Alert>
      <Group>
        <Button variant="default" onClick={() => navigate(-1)}>
          ← {t("pageError.back")}
        </Button>
        <Anchor component={Link} to="/">
          {t("pageError.home")}
        </Anchor>
      </Group>
    </Stack>
  );
}

/** An address the app does not have. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t("pageError.notFoundTitle")}</Title>
      <PageError error={null} />
    </Stack>
  );
}

/**
 * A page that failed while being drawn (a fault of Matang, not of the user): said in the user's
 * language, with the way back, instead of the router's bare English message.
 */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Stack p="md">
      <Title order={2}>{t("pageError.crashTitle")}</Title>
      <Text c="dimmed">{t("pageError.crash")}</Text>
      <PageError error={error instanceof ApiError ? error : new Error(t("pageError.crash"))} />
    </Stack>
  );
}
