import { Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { UploadState } from "./upload";

/** How far an upload is, and when the connection dropped, that it will go on by itself. */
export function UploadProgress({
  name,
  fraction,
  state,
}: {
  name: string;
  fraction: number;
  state: UploadState;
}) {
  const { t } = useTranslation();
  const label = state === "resuming" ? t("evidence.resuming", { name }) : t("evidence.uploading", { name });
  return (
    <Stack gap={4}>
      <Text size="sm" c={state === "resuming" ? "orange.8" : undefined} role="status">
        {label}
      </Text>
      <Progress
        value={Math.round(fraction * 100)}
        color={state === "resuming" ? "orange" : undefined}
        striped={state === "resuming"}
        animated={state === "resuming"}
        aria-label={label}
      />
    </Stack>
  );
}
