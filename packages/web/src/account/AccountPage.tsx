import { Stack } from "@mantine/core";
import PasswordPage from "./PasswordPage";
import TokensPanel from "./TokensPanel";

/** The caller's own account: the password, and the API tokens made from it. */
export default function AccountPage() {
  return (
    <Stack maw={960}>
      <PasswordPage />
      <TokensPanel />
    </Stack>
  );
}
