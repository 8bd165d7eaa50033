import { useState } from "react";
import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAt, IconMailForward } from "@tabler/icons-react";
import { useCurrentUser } from "../api/queries";
import type { EmailChange, User } from "../api/types";
import { formatDate } from "../format";
import { ChangeEmailModal } from "./ChangeEmailModal";

/** The change asked for on this page: the email stays as it is until the new address confirms. */
function PendingNotice({ change, self, current }: { change: EmailChange; self: boolean; current: string }) {
  return (
    <Alert color="navy" variant="light" icon={<IconMailForward size={18} />} title="Waiting for confirmation" data-testid="email-change-pending">
      <Text size="sm">
        A confirmation link was sent to <b>{change.new_email}</b>; the email changes when it is followed. The link expires
        on {formatDate(change.expires_at, true)}.
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {self ? `Until then, keep signing in with ${current}.` : `Until then, they keep signing in with ${current}.`} Asking
        again replaces this link.
      </Text>
    </Alert>
  );
}

/** Login email (EML-1, EML-3): shown when the record's abilities allow changing it. */
export function LoginEmailCard({ user }: { user: User }) {
  const me = useCurrentUser();
  const [opened, setOpened] = useState(false);
  const [pending, setPending] = useState<EmailChange | null>(null);
  if (!user.abilities?.change_email) return null;
  const self = user.id === me.id;
  return (
    <Paper withBorder p="lg" mb="lg" data-testid="login-email-card">
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="nowrap" gap="md">
          <Stack gap={2}>
            <Title order={4}>Login email</Title>
            <Text size="sm" c="dimmed">
              {self ? "You sign in with" : "They sign in with"} <b>{user.email}</b>. A new address must confirm before it takes effect.
            </Text>
          </Stack>
          <Button variant="default" leftSection={<IconAt size={16} />} onClick={() => setOpened(true)} style={{ flexShrink: 0 }}>
            Change login email
          </Button>
        </Group>
        {pending && <PendingNotice change={pending} self={self} current={user.email} />}
      </Stack>
      <ChangeEmailModal user={user} self={self} opened={opened} onClose={() => setOpened(false)} onRequested={setPending} />
    </Paper>
  );
}
