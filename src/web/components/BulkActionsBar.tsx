import { Button, Group, Menu, Text } from "@mantine/core";
import { IconChevronDown, IconShieldPlus } from "@tabler/icons-react";
import { plural } from "../format";

/** Shown while users are ticked: how many, the actions for all of them, and a way to untick. */
export function BulkActionsBar({ count, onAssignRoles, onClear }: { count: number; onAssignRoles: () => void; onClear: () => void }) {
  return (
    <Group
      justify="space-between"
      px="md"
      py={8}
      bg="navy.0"
      style={{ borderBottom: "1px solid var(--mantine-color-navy-1)" }}
      data-testid="bulk-bar"
    >
      <Group gap="sm">
        <Text size="sm" fw={600} c="navy.9">
          {plural(count, "user")} selected
        </Text>
        <Button variant="subtle" size="compact-sm" color="gray" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
      <Menu position="bottom-end" shadow="md" width={200}>
        <Menu.Target>
          <Button size="xs" rightSection={<IconChevronDown size={14} />}>
            Actions
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconShieldPlus size={16} stroke={1.6} />} onClick={onAssignRoles}>
            Assign roles
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
