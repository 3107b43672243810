import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { errorMessage } from "../i18n";
import { useMe } from "./session";

/** Pages behind it need a session; without one the user goes to the login page and back. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100vh">
        <Stack>
          <Alert color="red">{errorMessage(me.error)}</Alert>
          <Button onClick={() => void me.refetch()}>{t("common.retry")}</Button>
        </Stack>
      </Center>
    );
  }
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}
