import { Avatar, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { IconStarFilled } from "@tabler/icons-react";
import type { User } from "../api/types";
import { RoleBadges, StatusBadge, subscriptionLabel } from "./UserBadges";
import { UserActions } from "./UserActions";

function initialsOf(user: User): string {
  return user.initials || `${user.first_name[0] ?? ""}${user.last_name[0] ?? ""}` || user.email[0]!.toUpperCase();
}

function NameCell({ user }: { user: User }) {
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

/** The people of the firm, one row each. */
export function UsersTable({ users }: { users: User[] }) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Subscription type</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={56}>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid="user-row">
              <Table.Td>
                <NameCell user={user} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {user.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <RoleBadges user={user} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{subscriptionLabel(user.subscription_type)}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge user={user} />
              </Table.Td>
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
