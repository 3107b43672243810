import { Button, Group, MultiSelect, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { errorMessage } from "../i18n";
import { type IndicatorRow, indicatorsKey } from "./api";

/** The units (OPD) of an instansi, to choose who answers an indicator. */
export function useUnits(organizationId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["units", organizationId],
    queryFn: () =>
      api<Answer<"/api/organizations">>(
        "GET",
        `/api/organizations?parent=${organizationId}&kind=unit&pageSize=500`,
      ),
  });
}

/**
 * Set the responsible units and a due date for one or several indicators. Each indicator is
 * saved with its own assignment version, so a concurrent change is reported, not overwritten.
 */
export function AssignmentEditor({
  assessmentId,
  organizationId,
  rows,
  onDone,
}: {
  assessmentId: string;
  organizationId: string;
  rows: IndicatorRow[];
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useUnits(organizationId);
  const single = rows.length === 1 ? rows[0] : undefined;
  const [chosen, setChosen] = useState<string[]>(single?.assignments.map((a) => a.unitId) ?? []);
  const [due, setDue] = useState<string>(single?.assignments[0]?.dueDate ?? "");
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    let failed = 0;
    for (const row of rows) {
      try {
        await api("PUT", `/api/assessments/${assessmentId}/indicators/${row.code}/assignments`, {
          units: chosen.map((unitId) => ({ unitId, dueDate: due || null })),
          version: row.assignmentVersion,
        });
      } catch (e) {
        failed++;
        notifications.show({ color: "red", message: `${row.code}: ${errorMessage(e)}` });
      }
    }
    setSaving(false);
    if (failed < rows.length)
      notifications.show({ color: "green", message: t("assign.saved", { count: rows.length - failed }) });
    await queryClient.invalidateQueries({ queryKey: indicatorsKey(assessmentId) });
    onDone?.();
  };
  return (
    <Group align="end" wrap="wrap">
      <MultiSelect
        label={t("assign.units")}
        data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={chosen}
        onChange={setChosen}
        searchable
        w={360}
      />
      <TextInput
        type="date"
        label={t("assign.due")}
        value={due}
        onChange={(e) => setDue(e.currentTarget.value)}
      />
      <Button loading={saving} disabled={rows.length === 0} onClick={() => void save()}>
        {rows.length > 1 ? t("assign.saveMany", { count: rows.length }) : t("assign.save")}
      </Button>
    </Group>
  );
}
