import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../app/api";
import { useMe } from "../app/session";

interface Organization {
  id: string;
  name: string;
}

function OrganizationName({ id }: { id: string }) {
  const org = useQuery({
    queryKey: ["organization", id],
    queryFn: () => api<Organization>("GET", `/api/organizations/${id}`),
  });
  return <>{org.data?.name ?? "…"}</>;
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
      <Anchor component={Link} to="/organisasi">
        {t("home.organizationsLink")}
      </Anchor>
    </Stack>
  );
}
