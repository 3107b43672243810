import { Alert, Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { NOT_EVALUATED_REASONS } from "@matang/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { type Assessment, assessmentKey } from "./api";

/**
 * Not evaluated in this cycle: the instansi's own monitoring, never published — said on the board.
 * An administrator records it (and why) here.
 */
export function EvaluationStatus({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const value = a.evaluation.evaluated ? "evaluated" : (a.evaluation.reason ?? "evaluated");
  const save = async (next: string | null) => {
    if (!next || next === value) return;
    try {
      await api("PUT", `/api/assessments/${a.id}/evaluation`, {
        evaluated: next === "evaluated",
        reason: next === "evaluated" ? null : next,
        version: a.version,
      });
      notifications.show({ color: "green", message: t("evaluation.saved") });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    }
    await queryClient.invalidateQueries({ queryKey: assessmentKey(a.id) });
  };
  return (
    <>
      {a.can.setEvaluation ? (
        <Select
          label={t("evaluation.label")}
          w={300}
          allowDeselect={false}
          value={value}
          onChange={(v) => void save(v)}
          data={[
            { value: "evaluated", label: t("evaluation.evaluated") },
            ...NOT_EVALUATED_REASONS.map((r) => ({
              value: r,
              label: `${t("evaluation.notEvaluated")}: ${t(`evaluation.reason_${r}`)}`,
            })),
          ]}
        />
      ) : null}
      {a.evaluation.evaluated ? null : (
        <Alert color="gray" title={t("evaluation.notEvaluated")} data-testid="not-evaluated">
          {t("evaluation.monitoring", {
            reason: t(`evaluation.reason_${a.evaluation.reason ?? "off_year"}`),
          })}
        </Alert>
      )}
    </>
  );
}
