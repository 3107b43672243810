import { Button, Group, MultiSelect, SegmentedControl, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { todayWib } from "@matang/core";
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
 * For several (`bulk`) it starts empty and adds the units to each indicator's own, unless told to
 * replace them; a due date in the past is refused.
 */
export function AssignmentEditor({
  assessmentId,
  organizationId,
  rows,
  onDone,
  bulk = false,
}: {
  assessmentId: string;
  organizationId: string;
  rows: IndicatorRow[];
  onDone?: () => void;
  bulk?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useUnits(organizationId);
  const single = !bulk && rows.length === 1 ? rows[0] : undefined;
  const [chosen, setChosen] = useState<string[]>(single?.assignments.map((a) => a.unitId) ?? []);
  const [due, setDue] = useState<string>(single?.assignments[0]?.dueDate ?? "");
  const [mode, setMode] = useState<"add" | "replace">("add");
  const [saving, setSaving] = useState(false);
  // A due date already passed is a typo, never a plan (an existing one may stay as it is).
  const past = due !== "" && due < todayWib() && due !== single?.assignments[0]?.dueDate;
  const unitsFor = (row: IndicatorRow) => {
    const next = chosen.map((unitId) => ({ unitId, dueDate: due || null }));
    if (!bulk || mode === "replace") return next;
    const kept = row.assignments
      .filter((a) => !chosen.includes(a.unitId))
      .map((a) => ({ unitId: a.unitId, dueDate: a.dueDate }));
    return [...kept, ...next];
  };
  const save = async () => {
    setSaving(true);
    let failed = 0;
    for (const row of rows) {
      try {
        await api("PUT", `/api/assessments/${assessmentId}/indicators/${row.code}/assignments`, {
          units: unitsFor(row),
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
      {bulk && (
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as "add" | "replace")}
          data={[
            { value: "add", label: t("assign.add") },
            { value: "replace", label: t("assign.replace") },
          ]}
        />
      )}
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
        min={todayWib()}
        error={past ? t("assign.pastDue") : undefined}
        onChange={(e) => setDue(e.currentTarget.value)}
      />
      <Button
        loading={saving}
        disabled={rows.length === 0 || past || (bulk && chosen.length === 0)}
        onClick={() => void save()}
      >
        {rows.length > 1 ? t("assign.saveMany", { count: rows.length }) : t("assign.save")}
      </Button>
    </Group>
  );
}
