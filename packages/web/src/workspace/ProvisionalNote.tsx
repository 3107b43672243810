import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type FrameworkTree, local } from "./api";

/** The short note shown wherever a provisional framework (compiled before its official text) is used. */
export function ProvisionalNote({ framework }: { framework: FrameworkTree | undefined }) {
  const { t, i18n } = useTranslation();
  if (!framework?.provisional) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title={t("frameworks.provisionalTitle")}
      data-testid="provisional-note"
    >
      {local(framework.provisional.note, i18n.language)}
    </Alert>
  );
}
