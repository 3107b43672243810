import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export type FileProblem = {
  /** Where several sheets or files were read: which one. */
  file?: string;
  line: number;
  field: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
};

/** Every problem an import found, by line and field, in the user's language where known. */
export function FileProblems({ problems }: { problems: FileProblem[] | string | null }) {
  const { t, i18n } = useTranslation();
  if (problems === null) return null;
  if (typeof problems === "string")
    return (
      <Alert color="red" mt="xs" role="alert">
        {problems}
      </Alert>
    );
  const several = new Set(problems.map((p) => p.file ?? "")).size > 1;
  return (
    <Alert
      color="red"
      mt="xs"
      role="alert"
      title={t("organizations.importProblems", { count: problems.length })}
    >
      {problems.slice(0, 50).map((p) => (
        <Text key={`${p.file}-${p.line}-${p.field}-${p.message}`} size="sm">
          {several && p.file ? `${p.file}: ` : ""}
          {t("organizations.problemLine", {
            line: p.line,
            field: p.field,
            // In the user's language when the problem's kind is known; the server's text otherwise.
            message:
              p.code && i18n.exists(`fileProblems.${p.code}`)
                ? t(`fileProblems.${p.code}`, p.params ?? {})
                : p.message,
          })}
        </Text>
      ))}
    </Alert>
  );
}
