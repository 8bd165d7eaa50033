import { ActionIcon, Avatar, Badge, Group as Row, Menu, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconArchive, IconArchiveOff, IconDots, IconPencil } from "@tabler/icons-react";
import type { Group, User } from "../api/types";
import { formatDate, plural } from "../format";

function initialsOf(user: User): string {
  return user.initials || `${user.first_name[0] ?? ""}${user.last_name[0] ?? ""}` || user.email[0]!.toUpperCase();
}

/** Up to four faces, then how many in all. */
function Members({ ids, people }: { ids: string[]; people: Map<string, User> }) {
  const known = ids.map((id) => people.get(id)).filter((u): u is User => Boolean(u));
  return (
    <Row gap="sm" wrap="nowrap">
      {known.length > 0 && (
        <Tooltip.Group openDelay={200}>
          <Avatar.Group spacing={6}>
            {known.slice(0, 4).map((user) => (
              <Tooltip key={user.id} label={user.name.trim() || user.email} withArrow>
                <Avatar size={30} radius="xl" color="navy" variant="filled" style={{ border: "2px solid var(--mantine-color-body)" }}>
                  {initialsOf(user)}
                </Avatar>
              </Tooltip>
            ))}
          </Avatar.Group>
        </Tooltip.Group>
      )}
      <Text size="sm" c={ids.length ? undefined : "dimmed"} data-testid="member-count">
        {plural(ids.length, "member")}
      </Text>
    </Row>
  );
}

export interface GroupRowActions {
  onEdit: (group: Group) => void;
  onArchive: (group: Group, archive: boolean) => void;
}

/** The firm's groups, one row each, with their members and rates option (GRP-1, GRP-2). */
export function GroupsTable({ groups, people, actions }: { groups: Group[]; people: Map<string, User>; actions?: GroupRowActions }) {
  const archived = groups.some((g) => g.archived);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Groups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group</Table.Th>
            <Table.Th w={240}>Members</Table.Th>
            <Table.Th w={200}>Custom billing rates</Table.Th>
            {archived && <Table.Th w={140}>Archived</Table.Th>}
            <Table.Th w={56}>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.id} data-testid="group-row">
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" fw={500} c={group.archived ? "dimmed" : undefined}>
                    {group.name}
                  </Text>
                  {group.description && (
                    <Text size="xs" c="dimmed" lineClamp={2} maw={520}>
                      {group.description}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Members ids={group.member_ids} people={people} />
              </Table.Td>
              <Table.Td>
                {group.exclude_from_custom_rates ? (
                  <Badge color="orange.9" variant="light">
                    Excluded
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    Offered
                  </Text>
                )}
              </Table.Td>
              {archived && (
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDate(group.archived_at)}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                {actions && (
                  <Menu position="bottom-end" withinPortal shadow="md" width={200}>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${group.name}`}>
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.onEdit(group)}>
                        Edit
                      </Menu.Item>
                      {group.archived ? (
                        <Menu.Item leftSection={<IconArchiveOff size={16} />} onClick={() => actions.onArchive(group, false)}>
                          Unarchive
                        </Menu.Item>
                      ) : (
                        <Menu.Item leftSection={<IconArchive size={16} />} onClick={() => actions.onArchive(group, true)}>
                          Archive
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
