import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { User } from "../api/types";
import { formatDate } from "../format";
import { ADDON_NAMES } from "../../shared/pricing";

export function subscriptionLabel(type: User["subscription_type"]): string {
  return type === "attorney" ? "Attorney" : "Non-attorney";
}

/** The user's status; an invitation past its 24 hours shows as expired (INV-3). */
export function StatusBadge({ user }: { user: User }) {
  if (user.status === "invited") {
    if (user.invitation?.expired) {
      return (
        <Badge color="orange.9" variant="light">
          Invitation expired
        </Badge>
      );
    }
    return (
      <Tooltip label={user.invitation ? `Invitation valid until ${formatDate(user.invitation.expires_at, true)}` : "Invited"}>
        <Badge color="blue.9" variant="light">
          Invited
        </Badge>
      </Tooltip>
    );
  }
  if (user.status === "deactivated") {
    return (
      <Badge color="gray.9" variant="light">
        Deactivated
      </Badge>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color="teal.9" variant="light">
        Active
      </Badge>
      {user.scheduled_deactivation_at && (
        <Tooltip label={`Deactivation scheduled for ${formatDate(user.scheduled_deactivation_at, true)}`}>
          <Text size="xs" c="orange.8" fw={500}>
            Leaving {formatDate(user.scheduled_deactivation_at)}
          </Text>
        </Tooltip>
      )}
    </Group>
  );
}

export function RoleBadges({ user }: { user: User }) {
  if (user.roles.length === 0) return <Text size="sm" c="dimmed">No role</Text>;
  return (
    <Group gap={6}>
      {user.roles.map((role) => (
        <Badge key={role.id} color="navy" variant="outline" tt="none" fw={500}>
          {role.name}
        </Badge>
      ))}
    </Group>
  );
}

/** ADD-1: the add-ons the user holds. */
export function AddonBadges({ user }: { user: User }) {
  if (user.addons.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Group gap={4} data-testid="user-addons">
      {user.addons.map((key) => (
        <Badge key={key} size="sm" variant="outline" color="gray" tt="none" fw={500}>
          {ADDON_NAMES[key]}
        </Badge>
      ))}
    </Group>
  );
}
