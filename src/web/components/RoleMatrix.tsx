import { ActionIcon, Button, Center, Checkbox, Code, Group, Menu, Stack, Table, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { IconCheck, IconDots, IconLock, IconMinus, IconPencil, IconPlus, IconShieldPlus, IconTrash } from "@tabler/icons-react";
import type { PermissionInfo, Role } from "../api/types";
import { plural } from "../format";

const BUILT_IN_BG = "var(--mantine-color-gray-0)";
const STICKY = { position: "sticky", left: 0, zIndex: 1, background: "var(--mantine-color-body)" } as const;

export interface MatrixActions {
  onToggle: (role: Role, permission: string, granted: boolean) => void;
  onRename: (role: Role) => void;
  onDelete: (role: Role) => void;
  onCreate: () => void;
}

function RoleHeader({ role, actions }: { role: Role; actions?: MatrixActions }) {
  const name = (
    <Text size="sm" fw={600} lh={1.25} style={{ wordBreak: "normal", hyphens: "none" }}>
      {role.name}
    </Text>
  );
  return (
    <Table.Th ta="center" miw={100} bg={role.system ? BUILT_IN_BG : undefined} data-testid="role-column" style={{ verticalAlign: "bottom" }}>
      <Stack gap={2} align="center">
        {role.system ? <Tooltip label="Built-in role: it cannot be changed or deleted">{name}</Tooltip> : name}
        <Group gap={2} wrap="nowrap" justify="center" mih={22}>
          <Text size="xs" c="dimmed" fw={400}>
            {plural(role.holders, "holder")}
          </Text>
          {!role.system && actions && (
            <Menu position="bottom-end" shadow="md" width={180} withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Actions for role ${role.name}`}>
                  <IconDots size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.onRename(role)}>
                  Rename
                </Menu.Item>
                <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => actions.onDelete(role)}>
                  Delete
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Stack>
    </Table.Th>
  );
}

/** A built-in role's cell: a plain mark, nothing to click. */
function ReadOnlyCell({ granted, label }: { granted: boolean; label: string }) {
  return (
    <Center role="img" aria-label={`${label}: ${granted ? "granted" : "not granted"}`} data-granted={granted}>
      {granted ? (
        <IconCheck size={18} stroke={2.4} color="var(--mantine-color-navy-7)" />
      ) : (
        <IconMinus size={14} stroke={1.5} color="var(--mantine-color-gray-4)" />
      )}
    </Center>
  );
}

/** Shown in the place of the custom columns while there are none. */
function NoCustomRoles({ rows, onCreate }: { rows: number; onCreate?: () => void }) {
  return (
    <Table.Td rowSpan={rows} w={230} style={{ verticalAlign: "top", borderLeft: "1px solid var(--mantine-color-gray-2)" }} data-testid="no-custom-roles">
      <Stack align="center" gap="xs" ta="center" pt={48} px="md">
        <ThemeIcon size={44} radius="xl" variant="light" color="navy">
          <IconShieldPlus size={22} stroke={1.5} />
        </ThemeIcon>
        <Text fw={600}>No custom roles yet</Text>
        <Text size="sm" c="dimmed">
          When the built-in roles do not fit someone, create a role with exactly the permissions they need.
        </Text>
        {onCreate && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} mt={4} onClick={onCreate}>
            Create role
          </Button>
        )}
      </Stack>
    </Table.Td>
  );
}

/**
 * ROL-1, ROL-2: permissions down the side, roles across the top. Built-in roles are shown
 * read-only; custom roles, when `actions` are given, toggle a permission with a click.
 */
export function RoleMatrix({ roles, permissions, actions }: { roles: Role[]; permissions: PermissionInfo[]; actions?: MatrixActions }) {
  const builtIn = roles.filter((r) => r.system);
  const custom = roles.filter((r) => !r.system);
  return (
    <Table.ScrollContainer minWidth={260 + 100 * roles.length + (custom.length ? 0 : 230)}>
      <Table verticalSpacing={10} horizontalSpacing="md" aria-label="Permissions by role" withColumnBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ ...STICKY, zIndex: 2 }} />
            <Table.Th colSpan={builtIn.length} ta="center" bg={BUILT_IN_BG} py={6}>
              <Group gap={6} justify="center">
                <IconLock size={13} color="var(--mantine-color-gray-6)" />
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.5 }}>
                  Built-in · read-only
                </Text>
              </Group>
            </Table.Th>
            <Table.Th colSpan={Math.max(custom.length, 1)} ta="center" py={6} style={{ borderLeft: "1px solid var(--mantine-color-gray-2)" }}>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.5 }}>
                Custom
              </Text>
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            <Table.Th style={{ ...STICKY, zIndex: 2, verticalAlign: "bottom" }}>Permission</Table.Th>
            {builtIn.map((role) => (
              <RoleHeader key={role.id} role={role} />
            ))}
            {custom.map((role) => (
              <RoleHeader key={role.id} role={role} actions={actions} />
            ))}
            {custom.length === 0 && <Table.Th style={{ borderLeft: "1px solid var(--mantine-color-gray-2)" }} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {permissions.map((permission, index) => (
            <Table.Tr key={permission.key} data-testid="permission-row">
              <Table.Td style={STICKY} miw={260}>
                <Text size="sm">{permission.description}</Text>
                <Code fz={11} c="dimmed" bg="transparent" p={0}>
                  {permission.key}
                </Code>
              </Table.Td>
              {roles.map((role) => {
                const granted = role.permissions.includes(permission.key);
                const label = `${role.name}: ${permission.description}`;
                return (
                  <Table.Td key={role.id} bg={role.system ? BUILT_IN_BG : undefined}>
                    {role.system || !actions ? (
                      <ReadOnlyCell granted={granted} label={label} />
                    ) : (
                      <Checkbox
                        mx="auto"
                        w="fit-content"
                        checked={granted}
                        aria-label={label}
                        onChange={() => actions.onToggle(role, permission.key, !granted)}
                      />
                    )}
                  </Table.Td>
                );
              })}
              {custom.length === 0 && index === 0 && <NoCustomRoles rows={permissions.length} onCreate={actions?.onCreate} />}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
