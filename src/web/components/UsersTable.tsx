import { Anchor, Avatar, Badge, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import { IconStarFilled } from "@tabler/icons-react";
import { Link } from "react-router";
import type { User, UserStatusFilter } from "../api/types";
import { ExpiresCell, SentCell } from "./InvitationCells";
import { AddonBadges, RoleBadges, StatusBadge, subscriptionLabel } from "./UserBadges";
import { UserActions } from "./UserActions";

function initialsOf(user: User): string {
  return user.initials || `${user.first_name[0] ?? ""}${user.last_name[0] ?? ""}` || user.email[0]!.toUpperCase();
}

/** With `withEmail`, the email goes under the name (the Invited tab has no Email column). */
function NameCell({ user, withEmail = false }: { user: User; withEmail?: boolean }) {
  const name = user.name.trim() || user.email;
  const color = user.status === "deactivated" ? "dimmed" : "var(--mantine-color-text)";
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar radius="xl" size={34} color={user.status === "deactivated" ? "gray" : "navy"}>
        {initialsOf(user)}
      </Avatar>
      <Stack gap={2}>
        {user.abilities?.view ? (
          <Anchor component={Link} to={`/settings/users/${user.id}`} size="sm" fw={500} c={color} underline="hover" data-testid="user-link">
            {name}
          </Anchor>
        ) : (
          <Text size="sm" fw={500} c={color}>
            {name}
          </Text>
        )}
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

/** Which rows are ticked, for the bulk actions; absent when the viewer has none to offer. */
export interface RowSelection {
  isSelected: (user: User) => boolean;
  toggle: (user: User) => void;
  /** Ticks every row shown, or clears them all when all were ticked. */
  toggleAll: (users: User[]) => void;
}

function SelectAll({ users, selection }: { users: User[]; selection: RowSelection }) {
  const count = users.filter(selection.isSelected).length;
  return (
    <Checkbox
      size="xs"
      aria-label="Select every user shown"
      checked={count > 0 && count === users.length}
      indeterminate={count > 0 && count < users.length}
      onChange={() => selection.toggleAll(users)}
    />
  );
}

/** The people of the firm, one row each. The Invited tab shows when each link was sent and expires. */
export function UsersTable({ users, status, selection }: { users: User[]; status: UserStatusFilter; selection?: RowSelection }) {
  const invited = status === "invited";
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40} pr={0}>
                <SelectAll users={users} selection={selection} />
              </Table.Th>
            )}
            <Table.Th>Name</Table.Th>
            {!invited && <Table.Th>Email</Table.Th>}
            <Table.Th>Roles</Table.Th>
            <Table.Th style={{ whiteSpace: "nowrap" }}>Subscription type</Table.Th>
            {!invited && <Table.Th>Add-ons</Table.Th>}
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
            <Table.Tr
              key={user.id}
              data-testid="user-row"
              bg={selection?.isSelected(user) ? "var(--mantine-color-navy-0)" : undefined}
            >
              {selection && (
                <Table.Td pr={0}>
                  <Checkbox
                    size="xs"
                    aria-label={`Select ${user.name.trim() || user.email}`}
                    checked={selection.isSelected(user)}
                    onChange={() => selection.toggle(user)}
                  />
                </Table.Td>
              )}
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
              {!invited && (
                <Table.Td>
                  <AddonBadges user={user} />
                </Table.Td>
              )}
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
