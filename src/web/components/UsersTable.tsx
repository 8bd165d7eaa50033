import { Avatar, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { IconStarFilled } from "@tabler/icons-react";
import type { User, UserStatusFilter } from "../api/types";
import { ExpiresCell, SentCell } from "./InvitationCells";
import { RoleBadges, StatusBadge, subscriptionLabel } from "./UserBadges";
import { UserActions } from "./UserActions";

function initialsOf(user: User): string {
  return user.initials || `${user.first_name[0] ?? ""}${user.last_name[0] ?? ""}` || user.email[0]!.toUpperCase();
}

/** With `withEmail`, the email goes under the name (the Invited tab has no Email column). */
function NameCell({ user, withEmail = false }: { user: User; withEmail?: boolean }) {
  const name = user.name.trim() || user.email;
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar radius="xl" size={34} color={user.status === "deactivated" ? "gray" : "navy"}>
        {initialsOf(user)}
      </Avatar>
      <Stack gap={2}>
        <Text size="sm" fw={500} c={user.status === "deactivated" ? "dimmed" : undefined}>
          {name}
        </Text>
        {withEmail && name !== user.email && (
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        )}
        {user.is_primary_subscriber && (
          <Badge
            size="sm"
            color="navy"
            variant="light"
            w="fit-content"
            leftSection={<IconStarFilled size={10} color="var(--mantine-color-yellow-6)" />}
          >
            Primary subscriber
          </Badge>
        )}
      </Stack>
    </Group>
  );
}

/** The people of the firm, one row each. The Invited tab shows when each link was sent and expires. */
export function UsersTable({ users, status }: { users: User[]; status: UserStatusFilter }) {
  const invited = status === "invited";
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            {!invited && <Table.Th>Email</Table.Th>}
            <Table.Th>Roles</Table.Th>
            <Table.Th style={{ whiteSpace: "nowrap" }}>Subscription type</Table.Th>
            {invited ? (
              <>
                <Table.Th>Sent</Table.Th>
                <Table.Th>Expires</Table.Th>
              </>
            ) : (
              <Table.Th>Status</Table.Th>
            )}
            <Table.Th w={56}>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid="user-row">
              <Table.Td>
                <NameCell user={user} withEmail={invited} />
              </Table.Td>
              {!invited && (
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {user.email}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <RoleBadges user={user} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{subscriptionLabel(user.subscription_type)}</Text>
              </Table.Td>
              {invited ? (
                <>
                  <Table.Td>
                    <SentCell user={user} />
                  </Table.Td>
                  <Table.Td>
                    <ExpiresCell user={user} />
                  </Table.Td>
                </>
              ) : (
                <Table.Td>
                  <StatusBadge user={user} />
                </Table.Td>
              )}
              <Table.Td>
                <UserActions user={user} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
