import { Button, Group, List, Text, ThemeIcon } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { EvidenceLink } from "../workspace/api";
import { local } from "../workspace/api";

type Finding = NonNullable<EvidenceLink["file"]>["findings"][number];

/** What the document says of itself: shown as its metadata, not as a warning. */
const METADATA = new Set<Finding["code"]>(["document_number", "document_date"]);

/**
 * What reading a file found, beside the file: its number and date as metadata, then each warning
 * with the words of the document that caused it. They inform the uploader and the assessor; the
 * assessor still decides.
 */
export function Findings({
  findings,
  onUseExisting,
  using = false,
}: {
  findings: readonly Finding[];
  /** Offered with a duplicate: link the evidence that already holds the file, and take this one off. */
  onUseExisting?: (evidenceId: string) => void;
  using?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const metadata = findings.filter((f) => METADATA.has(f.code));
  const warnings = findings.filter((f) => !METADATA.has(f.code));
  if (findings.length === 0) return null;
  return (
    <>
      {metadata.length > 0 && (
        <Text
          size="xs"
          c="dimmed"
          data-testid="finding-metadata"
          title={metadata.map((f) => f.excerpt).join("\n")}
        >
          {metadata.map((f) => local(f.message, i18n.language)).join(" · ")}
        </Text>
      )}
      {warnings.length > 0 && (
        <List
          size="xs"
          spacing={2}
          aria-label={t("evidence.findings")}
          icon={
            <ThemeIcon color="orange" size={14} radius="xl" variant="light">
              !
            </ThemeIcon>
          }
        >
          {warnings.map((f) => (
            <List.Item key={f.code} data-testid={`finding-${f.code}`}>
              <Group gap={4} wrap="wrap">
                <Text size="xs" c="orange.9">
                  {local(f.message, i18n.language)}
                </Text>
                {f.excerpt && (
                  <Text size="xs" c="dimmed" fs="italic">
                    {t("evidence.findingExcerpt", { excerpt: f.excerpt })}
                  </Text>
                )}
                {f.code === "duplicate" && f.evidenceId && onUseExisting && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    loading={using}
                    onClick={() => onUseExisting(f.evidenceId as string)}
                  >
                    {t("evidence.useExisting")}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
