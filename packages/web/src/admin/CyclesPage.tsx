import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { INSTANSI_KINDS, SCHEDULE_STAGES } from "@matang/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer, Schemas } from "../api/types";
import { api } from "../app/api";
import { useMe } from "../app/session";
import { errorMessage } from "../i18n";
import { formatDate } from "../i18n/format";
import { OrganizationPicker } from "../organizations/OrganizationPicker";
import { local } from "../workspace/api";

const STAGES = SCHEDULE_STAGES;
type Cycle = Schemas["Cycle"];
type Schedule = Record<string, { start: string; end: string }>;

/** The stages' windows as date fields: the same when opening a cycle and when changing it. */
function ScheduleFields({ schedule, onChange }: { schedule: Schedule; onChange: (s: Schedule) => void }) {
  const { t } = useTranslation();
  const setDate = (stage: string, key: "start" | "end", value: string) =>
    onChange({
      ...schedule,
      [stage]: { start: schedule[stage]?.start ?? "", end: schedule[stage]?.end ?? "", [key]: value },
    });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {STAGES.map((stage) => (
        <Group key={stage} grow align="end" gap="xs">
          <TextInput
            type="date"
            label={`${t(`states.${stage}`)} · ${t("admin.start")}`}
            value={schedule[stage]?.start ?? ""}
            onChange={(e) => setDate(stage, "start", e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("admin.end")}
            value={schedule[stage]?.end ?? ""}
            onChange={(e) => setDate(stage, "end", e.currentTarget.value)}
          />
        </Group>
      ))}
    </SimpleGrid>
  );
}

/** Only complete windows are sent: a stage without dates has no window. */
const completeWindows = (schedule: Schedule) =>
  Object.fromEntries(Object.entries(schedule).filter(([, w]) => w.start && w.end));

/** A cycle's name and schedule after it was opened: a stage extended, a visit added. */
function ScheduleEditor({ cycle, onSaved }: { cycle: Cycle; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(cycle.name);
  const [schedule, setSchedule] = useState<Schedule>(cycle.schedule);
  const save = useMutation({
    mutationFn: () =>
      api("PUT", `/api/cycles/${cycle.id}`, {
        name: name.trim(),
        schedule: completeWindows(schedule),
        version: cycle.version,
      }),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("admin.scheduleSaved") });
      onSaved();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  return (
    <Stack gap="xs">
      <Title order={5}>{t("admin.schedule")}</Title>
      <TextInput label={t("admin.cycleName")} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <ScheduleFields schedule={schedule} onChange={setSchedule} />
      <Group justify="flex-end">
        <Button loading={save.isPending} disabled={!name.trim()} onClick={() => save.mutate()}>
          {t("admin.saveSchedule")}
        </Button>
      </Group>
    </Stack>
  );
}

/** Who takes part: each instansi with where its assessment stands. */
function ParticipantList({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const list = useQuery({
    queryKey: ["assessments", cycleId],
    queryFn: () => api<Answer<"/api/assessments">>("GET", `/api/assessments?cycle=${cycleId}`),
  });
  const items = (list.data?.items ?? []).filter((a) =>
    a.organizationName.toLowerCase().includes(q.trim().toLowerCase()),
  );
  if (!list.data?.items.length) return null;
  return (
    <Stack gap={4}>
      <TextInput
        label={t("admin.searchParticipants")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        w={320}
      />
      <Table.ScrollContainer minWidth={400} mah={320}>
        <Table striped stickyHeader data-testid="participants">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("assessments.instansi")}</Table.Th>
              <Table.Th>{t("assessment.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.slice(0, 200).map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/penilaian/${a.id}`} size="sm">
                    {a.organizationName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`states.${a.state}`)}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length > 200 && (
        <Text size="xs" c="dimmed">
          {t("admin.moreParticipants", { count: items.length - 200 })}
        </Text>
      )}
    </Stack>
  );
}

function NewCycle({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const frameworks = useQuery({
    queryKey: ["frameworks"],
    queryFn: () => api<Answer<"/api/frameworks">>("GET", "/api/frameworks"),
  });
  const year = new Date().getFullYear();
  const [name, setName] = useState("");
  const [cycleYear, setCycleYear] = useState(String(year));
  const [frameworkId, setFrameworkId] = useState<string | null>(null);
  const [kind, setKind] = useState("evaluation");
  const [schedule, setSchedule] = useState<Schedule>({});
  // After saving the form starts empty again, ready for the next cycle.
  const reset = () => {
    setName("");
    setCycleYear(String(year));
    setFrameworkId(null);
    setKind("evaluation");
    setSchedule({});
  };
  const create = useMutation({
    mutationFn: () =>
      api("POST", "/api/cycles", {
        year: Number(cycleYear),
        name: name.trim(),
        frameworkId,
        kind,
        schedule: completeWindows(schedule),
      }),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("admin.cycleCreated") });
      reset();
      onCreated();
    },
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
  });
  // A year the framework is not for: said before the cycle is opened (PermenPANRB 59/2020 ends in 2025).
  const chosen = frameworks.data?.items.find((f) => f.id === frameworkId);
  const offYear =
    chosen && chosen.years.length > 0 && !chosen.years.includes(Number(cycleYear))
      ? t("admin.offYear", {
          year: cycleYear,
          framework: chosen.title.id,
          years: `${Math.min(...chosen.years)}–${Math.max(...chosen.years)}`,
        })
      : null;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("admin.newCycle")}
      </Title>
      <Stack gap="xs">
        <Group grow align="end">
          <TextInput
            label={t("admin.cycleName")}
            placeholder={`Evaluasi SPBE ${year}`}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t("admin.year")}
            value={cycleYear}
            onChange={(e) => setCycleYear(e.currentTarget.value)}
          />
          <Select
            label={t("admin.framework")}
            value={frameworkId}
            onChange={setFrameworkId}
            data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: f.title.id }))}
          />
          <Select
            label={t("admin.kind")}
            value={kind}
            onChange={(v) => v && setKind(v)}
            data={[
              { value: "evaluation", label: t("admin.evaluation") },
              { value: "monitoring", label: t("admin.monitoring") },
            ]}
            allowDeselect={false}
          />
        </Group>
        {offYear && (
          <Alert color="orange" data-testid="off-year">
            {offYear}
          </Alert>
        )}
        <ScheduleFields schedule={schedule} onChange={setSchedule} />
        <Group justify="flex-end">
          <Button
            loading={create.isPending}
            disabled={!frameworkId || !name.trim()}
            onClick={() => create.mutate()}
          >
            {t("admin.createCycle")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Participants({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ["cycle", cycle.id],
    queryFn: () => api<Answer<"/api/cycles/{id}">>("GET", `/api/cycles/${cycle.id}`),
  });
  const [mode, setMode] = useState("all");
  const [kind, setKind] = useState<string>("kabupaten");
  const [province, setProvince] = useState<string | null>(null);
  const [instansi, setInstansi] = useState<string | null>(null);
  const [assessorEmail, setAssessorEmail] = useState("");
  const [assessorOrg, setAssessorOrg] = useState<string | null>(null);
  const onError = (e: unknown) => notifications.show({ color: "red", message: errorMessage(e) });
  const enrol = useMutation({
    mutationFn: () =>
      api<Answer<"/api/cycles/{id}/participants", "post">>(
        "POST",
        `/api/cycles/${cycle.id}/participants`,
        mode === "all"
          ? { all: true }
          : mode === "kind"
            ? { kinds: [kind] }
            : mode === "province"
              ? { province }
              : { organizationIds: instansi ? [instansi] : [] },
      ),
    onSuccess: (r) => {
      notifications.show({
        color: "green",
        message: t("admin.enrolled", { created: r.created, already: r.alreadyEnrolled }),
      });
      void queryClient.invalidateQueries({ queryKey: ["cycle", cycle.id] });
      void queryClient.invalidateQueries({ queryKey: ["assessments"] });
    },
    onError,
  });
  const assign = useMutation({
    mutationFn: async () => {
      const found = await api<Answer<"/api/users">>(
        "GET",
        `/api/users?q=${encodeURIComponent(assessorEmail.trim())}`,
      );
      const user = found.items.find((u) => u.email.toLowerCase() === assessorEmail.trim().toLowerCase());
      if (!user) throw new Error(t("admin.noSuchUser", { email: assessorEmail }));
      return api("POST", `/api/cycles/${cycle.id}/assessors`, {
        userId: user.id,
        organizationId: assessorOrg,
      });
    },
    onSuccess: () => notifications.show({ color: "green", message: t("admin.assessorAssigned") }),
    onError,
  });
  return (
    <Stack gap="sm">
      {cycle.can.assignAssessors && (
        <ScheduleEditor
          cycle={cycle}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: ["cycles"] })}
        />
      )}
      <Text size="sm">{t("admin.participants", { count: detail.data?.participants ?? 0 })}</Text>
      <ParticipantList cycleId={cycle.id} />
      {cycle.can.enrol && (
        <Group align="end" wrap="wrap">
          <Select
            label={t("admin.enrol")}
            value={mode}
            onChange={(v) => v && setMode(v)}
            allowDeselect={false}
            data={[
              { value: "all", label: t("admin.enrolAll") },
              { value: "kind", label: t("admin.enrolKind") },
              { value: "province", label: t("admin.enrolProvince") },
              { value: "one", label: t("admin.enrolOne") },
            ]}
            w={260}
          />
          {mode === "kind" && (
            <Select
              label={t("organizations.kind")}
              value={kind}
              onChange={(v) => v && setKind(v)}
              data={INSTANSI_KINDS.map((k) => ({ value: k, label: t(`organizations.kinds.${k}`) }))}
              allowDeselect={false}
            />
          )}
          {mode === "province" && (
            <OrganizationPicker
              label={t("organizations.kinds.provinsi")}
              kinds={["provinsi"]}
              value={province}
              onChange={setProvince}
            />
          )}
          {mode === "one" && (
            <OrganizationPicker label={t("assessments.instansi")} value={instansi} onChange={setInstansi} />
          )}
          <Button loading={enrol.isPending} onClick={() => enrol.mutate()}>
            {t("admin.enrolButton")}
          </Button>
        </Group>
      )}
      {cycle.can.assignAssessors && (
        <Group align="end" wrap="wrap">
          <TextInput
            label={t("admin.assessorEmail")}
            value={assessorEmail}
            onChange={(e) => setAssessorEmail(e.currentTarget.value)}
          />
          <OrganizationPicker
            label={t("assessments.instansi")}
            value={assessorOrg}
            onChange={setAssessorOrg}
          />
          <Button
            variant="light"
            loading={assign.isPending}
            disabled={!assessorEmail || !assessorOrg}
            onClick={() => assign.mutate()}
          >
            {t("admin.assignAssessor")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export default function CyclesPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const cycles = useQuery({
    queryKey: ["cycles"],
    queryFn: () => api<Answer<"/api/cycles">>("GET", "/api/cycles"),
  });
  const frameworks = useQuery({
    queryKey: ["frameworks"],
    queryFn: () => api<Answer<"/api/frameworks">>("GET", "/api/frameworks"),
  });
  // A framework by its title, as the regulation is known ("PermenPANRB 59/2020"), not its file id.
  const frameworkTitle = (id: string) => {
    const found = frameworks.data?.items.find((f) => f.id === id);
    return found ? local(found.title, i18n.language) : id;
  };
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack maw={1200}>
      <Title order={2}>{t("admin.cycles")}</Title>
      {me.data?.can.manageCycles && (
        <NewCycle onCreated={() => void queryClient.invalidateQueries({ queryKey: ["cycles"] })} />
      )}
      {cycles.isError && <Alert color="red">{errorMessage(cycles.error)}</Alert>}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.year")}</Table.Th>
            <Table.Th>{t("admin.cycleName")}</Table.Th>
            <Table.Th>{t("admin.framework")}</Table.Th>
            <Table.Th>{t("admin.scheduleColumn")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cycles.data?.items.map((c) => (
            <Fragment key={c.id}>
              <Table.Tr>
                <Table.Td>{c.year}</Table.Td>
                <Table.Td>
                  {c.name} <Badge variant="light">{t(`admin.${c.kind}`)}</Badge>
                </Table.Td>
                <Table.Td>{frameworkTitle(c.frameworkId)}</Table.Td>
                <Table.Td>
                  {/* The schedule stays in view: each stage's window. */}
                  {STAGES.filter((s) => c.schedule[s]).map((s) => (
                    <Text size="xs" key={s} style={{ whiteSpace: "nowrap" }}>
                      {t(`states.${s}`)}: {formatDate(c.schedule[s]?.start, i18n.language)} –{" "}
                      {formatDate(c.schedule[s]?.end, i18n.language)}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  {(c.can.enrol || c.can.assignAssessors) && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setOpen(open === c.id ? null : c.id)}
                    >
                      {t("admin.manageParticipants")}
                    </Button>
                  )}
                  {c.can.export && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      component="a"
                      href={`/api/cycles/${c.id}/export.xlsx`}
                    >
                      {t("admin.exportCycle")}
                    </Button>
                  )}
                  {c.can.calibrate && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      component={Link}
                      to={`/periode/${c.id}/kalibrasi`}
                    >
                      {t("calibration.open")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
              {open === c.id && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Participants cycle={c} key={c.version} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
