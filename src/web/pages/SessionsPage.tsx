import { Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconDeviceDesktop } from "@tabler/icons-react";
import { useEndSession } from "../api/mutations";
import { useSessions } from "../api/queries";
import type { Session } from "../api/types";
import { ChangePasswordCard } from "../components/ChangePasswordCard";
import { EmptyState } from "../components/EmptyState";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { TokensCard } from "../components/TokensCard";
import { describeAgent, formatDate } from "../format";

function SessionRow({ session }: { session: Session }) {
  const end = useEndSession();
  const device = describeAgent(session.user_agent);
  const confirm = () =>
    modals.openConfirmModal({
      title: "Sign out this session?",
      children: (
        <Text size="sm">
          {device}
          {session.ip ? ` (${session.ip})` : ""} will be signed out at its next request.
        </Text>
      ),
      labels: { confirm: "Sign out", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => end.mutate(session.id),
    });
  return (
    <Table.Tr data-testid="session-row" data-current={session.current ? "true" : "false"}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <IconDeviceDesktop size={20} stroke={1.5} color="var(--mantine-color-gray-6)" />
          <Stack gap={0}>
            <Text size="sm" fw={500} title={session.user_agent ?? undefined}>
              {device}
            </Text>
            {session.current && (
              <Badge size="xs" color="teal.9" variant="light" w="fit-content">
                This session
              </Badge>
            )}
          </Stack>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" ff="monospace">
          {session.ip ?? "—"}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(session.created_at, true)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{session.current ? "Now" : formatDate(session.last_seen_at, true)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        {!session.current && (
          <Button size="xs" variant="default" color="red" onClick={confirm} loading={end.isPending}>
            Sign out
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function SessionsCard() {
  const sessions = useSessions();
  let body;
  if (sessions.isPending) {
    body = (
      <Center py={48}>
        <Loader size="sm" aria-label="Loading sessions" />
      </Center>
    );
  } else if (sessions.isError) {
    body = <LoadError error={sessions.error} title="Could not load sessions" onRetry={() => void sessions.refetch()} />;
  } else if (sessions.data.data.length === 0) {
    body = <EmptyState icon={<IconDeviceDesktop size={26} stroke={1.5} />} title="No sessions" />;
  } else {
    const rows = [...sessions.data.data].sort((a, b) => Number(b.current) - Number(a.current));
    body = (
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th>IP address</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }
  return (
    <Paper withBorder>
      <Stack gap={2} p="lg" pb="sm">
        <Title order={4}>Active sessions</Title>
        <Text size="sm" c="dimmed">
          Browsers and devices signed in to your account. Sign out any you do not recognise.
        </Text>
      </Stack>
      {body}
    </Paper>
  );
}

export function SessionsPage() {
  return (
    <>
      <PageHeader title="Sessions & tokens" description="Your password, where you are signed in, and the API tokens you have created." />
      <Stack gap="lg">
        <ChangePasswordCard />
        <SessionsCard />
        <TokensCard />
      </Stack>
    </>
  );
}
