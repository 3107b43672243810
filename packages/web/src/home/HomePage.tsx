import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Answer } from "../api/types";
import { api } from "../app/api";
import { useMe } from "../app/session";
import { MyChecklist } from "../checklist/ChecklistPage";
import { useAssessments } from "../workspace/api";
import { Tasks } from "./Tasks";

type Organization = Answer<"/api/organizations/{id}">;

function OrganizationName({ id }: { id: string }) {
  const org = useQuery({
    queryKey: ["organization", id],
    queryFn: () => api<Organization>("GET", `/api/organizations/${id}`),
  });
  return <>{org.data?.name ?? "…"}</>;
}

/** The assessments the user works on, each with its dashboard first: what leadership looks at. */
function YourAssessments() {
  const { t } = useTranslation();
  const list = useAssessments();
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("home.assessments")}
      </Title>
      <Stack gap="xs">
        {items.slice(0, 5).map((a) => (
          <Group key={a.id} justify="space-between">
            <Anchor component={Link} to={`/penilaian/${a.id}`}>
              {a.organizationName}
            </Anchor>
            <Group gap="xs">
              <Badge variant="light">{t(`states.${a.state}`)}</Badge>
              <Anchor component={Link} to={`/penilaian/${a.id}/dasbor`} size="sm">
                {t("home.dashboardOf")}
              </Anchor>
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Stack maw={900}>
      <Title order={2}>{t("home.welcome", { name: me.user.name })}</Title>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t("home.rolesTitle")}
        </Title>
        {me.grants.length === 0 ? (
          <Text>{t("home.noRoles")}</Text>
        ) : (
          <Stack gap="xs">
            {me.grants.map((g) => (
              <Group key={`${g.role}-${g.organizationId}`} gap="sm">
                <Badge variant="light">{t(`roles.${g.role}`)}</Badge>
                <Text size="sm">
                  {g.organizationId ? <OrganizationName id={g.organizationId} /> : t("home.national")}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <Tasks />
      <MyChecklist />
      <YourAssessments />
      <Anchor component={Link} to="/organisasi">
        {t("home.organizationsLink")}
      </Anchor>
    </Stack>
  );
}
