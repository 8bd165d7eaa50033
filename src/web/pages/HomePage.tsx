import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBriefcase, IconCalendarEvent, IconChecklist, IconShieldLock, IconUserCircle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useCurrentUser } from "../api/queries";
import { MarkAllReadButton, NotificationList } from "../components/NotificationBell";
import { PageHeader } from "../components/PageHeader";

function WorkLink({ to, icon, title, text }: { to: string; icon: ReactNode; title: string; text: string }) {
  return (
    <Paper withBorder p="md" component={Link} to={to} style={{ textDecoration: "none", color: "inherit" }}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="navy" size={36} radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">
            {text}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

/**
 * The start page of everyone without administrative permissions (CON-2): who they are, their
 * work, their notifications, and where to manage their sign-ins.
 */
export function HomePage() {
  const me = useCurrentUser();
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={`Welcome, ${me.first_name || me.name}`} description={`${me.firm.name}. Your work, your notifications and your account.`} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <WorkLink to="/matters" icon={<IconBriefcase size={20} stroke={1.5} />} title="Matters" text="The matters you work on." />
        <WorkLink to="/tasks" icon={<IconChecklist size={20} stroke={1.5} />} title="Tasks" text="What is yours to do, soonest due first." />
        <WorkLink to="/calendar" icon={<IconCalendarEvent size={20} stroke={1.5} />} title="Calendar" text="Your events and the calendars you follow." />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="lg" data-testid="home-profile">
          <Title order={2} fz="h4" mb="sm">
            Your profile
          </Title>
          <Stack gap={6}>
            <Text size="sm">
              <Text span fw={600}>
                {me.name}
              </Text>{" "}
              · {me.email}
            </Text>
            <Group gap={6}>
              <Text size="sm">Roles:</Text>
              {me.roles.map((role) => (
                <Badge key={role.id} variant="light" color="navy.8">
                  {role.name}
                </Badge>
              ))}
            </Group>
            {me.groups.length > 0 && (
              <Text size="sm">Groups: {me.groups.map((g) => g.name).join(", ")}</Text>
            )}
          </Stack>
          <Group gap="sm" mt="md">
            <Button component={Link} to={`/settings/users/${me.id}`} variant="default" size="sm" leftSection={<IconUserCircle size={16} />}>
              Edit your profile
            </Button>
            <Button component={Link} to="/settings/sessions" variant="default" size="sm" leftSection={<IconShieldLock size={16} />}>
              Password, sessions & tokens
            </Button>
          </Group>
        </Paper>
        <Paper withBorder data-testid="home-notifications">
          <Group justify="space-between" px="lg" pt="lg" pb="sm">
            <Title order={2} fz="h4">
              Notifications
            </Title>
            <MarkAllReadButton />
          </Group>
          <NotificationList maxHeight={360} />
        </Paper>
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Something missing? Your roles decide what you can see and do;{" "}
        <Anchor component={Link} to="/settings/account" size="sm" underline="always">
          your firm&apos;s account page
        </Anchor>{" "}
        names who runs it.
      </Text>
    </Stack>
  );
}
