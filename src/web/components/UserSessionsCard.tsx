import { useId } from "react";
import { Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconDeviceDesktop, IconLogout } from "@tabler/icons-react";
import { useSignOutEverywhere, useUserSessions } from "../api/userSessions";
import type { User, UserSession } from "../api/types";
import { describeAgent, formatDate } from "../format";
import { EmptyState } from "./EmptyState";
import { LoadError } from "./LoadError";

/** SES-2: asks before ending every session and API token of the user; they stay active. */
function useConfirmSignOutEverywhere(user: User) {
  const signOut = useSignOutEverywhere();
  const confirm = () =>
    modals.openConfirmModal({
      title: `Sign ${user.name} out everywhere?`,
      children: (
        <Text size="sm">
          Every browser they are signed in on and every API token they made stops working at once. Their account stays
          active: they can sign in again with their password.
        </Text>
      ),
      labels: { confirm: "Sign out everywhere", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => signOut.mutate(user),
    });
  return { confirm, pending: signOut.isPending };
}

/** Short columns stay on one line; the long agent string is what wraps. */
const NOWRAP = { whiteSpace: "nowrap" } as const;

function SessionRow({ session }: { session: UserSession }) {
  const device = describeAgent(session.user_agent);
  return (
    <Table.Tr data-testid="user-session-row">
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {device}
          </Text>
          {/* The whole agent string too, unless the summary already is it. */}
          {session.user_agent && session.user_agent !== device && (
            <Text size="xs" c="dimmed" style={{ wordBreak: "break-word" }}>
              {session.user_agent}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td style={NOWRAP}>
        <Text size="sm" ff="monospace">
          {session.ip ?? "—"}
        </Text>
      </Table.Td>
      <Table.Td style={NOWRAP}>
        <Text size="sm">{formatDate(session.created_at, true)}</Text>
      </Table.Td>
      <Table.Td style={NOWRAP}>
        <Text size="sm">{session.current ? "Now (this session)" : formatDate(session.last_seen_at, true)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * A user's live sessions (SES-2): when and where they signed in, and when each was last seen.
 * Shown only when the record's abilities allow it; signing them out empties it in place.
 */
export function UserSessionsCard({ user }: { user: User }) {
  const allowed = Boolean(user.abilities?.view_sessions);
  const sessions = useUserSessions(user.id, allowed);
  const signOut = useConfirmSignOutEverywhere(user);
  const headingId = useId();
  if (!allowed) return null;

  const list = sessions.data?.data ?? [];
  let body;
  if (sessions.isPending) {
    body = (
      <Center py={40}>
        <Loader size="sm" aria-label="Loading sessions" />
      </Center>
    );
  } else if (sessions.isError) {
    body = <LoadError error={sessions.error} title="Could not load their sessions" onRetry={() => void sessions.refetch()} />;
  } else if (list.length === 0) {
    body = (
      <EmptyState icon={<IconDeviceDesktop size={26} stroke={1.5} />} title="Not signed in anywhere">
        {user.status === "active" ? "They have no open sessions. They will appear here when they sign in." : "Only active users can sign in."}
      </EmptyState>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th style={NOWRAP}>IP address</Table.Th>
              <Table.Th style={NOWRAP}>Signed in</Table.Th>
              <Table.Th style={NOWRAP}>Last seen</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Paper withBorder mt="lg" data-testid="user-sessions-card">
      <Group justify="space-between" align="center" wrap="nowrap" gap="md" p="lg" pb="sm">
        <Stack gap={2}>
          <Title order={4} id={headingId}>
            Sessions
          </Title>
          <Text size="sm" c="dimmed">
            Where they are signed in to Chambers. API tokens are not listed, but signing out everywhere ends them too.
          </Text>
        </Stack>
        {user.abilities?.sign_out_everywhere && (
          <Button variant="default" color="red" leftSection={<IconLogout size={16} />} onClick={signOut.confirm} loading={signOut.pending} style={{ flexShrink: 0 }}>
            Sign out everywhere
          </Button>
        )}
      </Group>
      {body}
    </Paper>
  );
}
