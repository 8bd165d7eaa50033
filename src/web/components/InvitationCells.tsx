import { Badge, Text, Tooltip } from "@mantine/core";
import type { User } from "../api/types";
import { formatDate, formatRelative } from "../format";

/** A time as "in 23 hours" / "5 minutes ago", with the exact date and time on hover. */
export function RelativeTime({ iso, future = false }: { iso: string | null | undefined; future?: boolean }) {
  if (!iso) return <Text size="sm" c="dimmed">—</Text>;
  // The server's clock is the judge; a "sent" time a little ahead of this browser is still "just now".
  const text = !future && new Date(iso).getTime() > Date.now() ? "just now" : formatRelative(iso);
  return (
    <Tooltip label={formatDate(iso, true)} openDelay={200}>
      <Text size="sm" component="time" dateTime={iso} style={{ cursor: "default", whiteSpace: "nowrap" }}>
        {text}
      </Text>
    </Tooltip>
  );
}

/** An invitation created unsent (IMP-5) says so, until it is sent from its row's actions. */
export function SentCell({ user }: { user: User }) {
  if (user.invitation && !user.invitation.sent_at) {
    return (
      <Badge color="gray" variant="light" data-testid="unsent-badge">
        Not sent
      </Badge>
    );
  }
  return <RelativeTime iso={user.invitation?.sent_at} />;
}

/** When the link stops working; an expired one is marked so (INV-3) and still holds its license. */
export function ExpiresCell({ user }: { user: User }) {
  const invitation = user.invitation;
  if (!invitation) return <Text size="sm" c="dimmed">—</Text>;
  if (invitation.expired) {
    return (
      <Tooltip label={`Expired ${formatDate(invitation.expires_at, true)}. Resend it for a new 24-hour link.`}>
        <Badge color="orange.9" variant="light" data-testid="expired-badge">
          Expired
        </Badge>
      </Tooltip>
    );
  }
  return <RelativeTime iso={invitation.expires_at} future />;
}
