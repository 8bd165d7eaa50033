import { Button, Group, Paper, Progress, Stack, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { IconCertificate } from "@tabler/icons-react";
import { useCurrentUser, useLicenses } from "../api/queries";
import { formatDate, plural } from "../format";

/**
 * The firm's licenses at a glance, above the user list (LIC-10). Shown only to those the server
 * lets read licenses: a refused GET /licenses simply hides it.
 */
export function LicenseBanner({ onManage }: { onManage?: () => void }) {
  const licenses = useLicenses();
  const closed = useCurrentUser().firm.status === "closed";
  if (!licenses.data) return null;
  const l = licenses.data;
  const share = (n: number) => (l.total > 0 ? (n / l.total) * 100 : 0);
  return (
    <Paper withBorder p="md" mb="lg" data-testid="license-banner">
      <Group justify="space-between" wrap="nowrap" gap="lg">
        <Group gap="md" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
          <ThemeIcon size={40} radius="md" variant="light" color="navy">
            <IconCertificate size={22} stroke={1.5} />
          </ThemeIcon>
          <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} data-testid="license-summary">
                {l.available} of {plural(l.total, "license")} available
              </Text>
              <Text size="sm" c="dimmed">
                {l.occupied} in use
                {l.pending_removal > 0 && ` · ${l.pending_removal} pending removal`}
                {closed ? " · Account closed: no renewal" : ` · Renews ${formatDate(l.next_renewal_at)}`}
              </Text>
            </Group>
            <Progress.Root size="sm" maw={420} aria-hidden>
              <Tooltip label={`${l.occupied} in use`}>
                <Progress.Section value={share(l.occupied)} color="navy.7" />
              </Tooltip>
              <Tooltip label={`${l.pending_removal} pending removal`}>
                <Progress.Section value={share(l.pending_removal)} color="orange.4" />
              </Tooltip>
            </Progress.Root>
            {l.available === 0 && (
              <Text size="xs" c="dimmed">
                Every license is taken: inviting someone will first ask you to confirm buying one.
              </Text>
            )}
          </Stack>
        </Group>
        {onManage && (
          <Button variant="default" onClick={onManage}>
            Manage licenses
          </Button>
        )}
      </Group>
    </Paper>
  );
}
