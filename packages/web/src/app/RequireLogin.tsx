import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { errorMessage } from "../i18n";
import { useMe } from "./session";

/** Pages behind it need a session; without one the user goes to the login page and back. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const away = !me.isPending && !me.isError && !me.data;
  // The login page is a page of its own (login/index.html), not a route of this app.
  useEffect(() => {
    if (away)
      window.location.replace(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }, [away, location.pathname, location.search]);
  if (me.isPending || away) {
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
  return children;
}
