import { Button, Group, Menu, Text } from "@mantine/core";
import { IconChevronDown, IconLogout, IconShieldPlus, IconUserMinus, IconUsersPlus } from "@tabler/icons-react";
import { plural } from "../format";
import type { BulkAction } from "./BulkChangeModal";

/** Shown while users are ticked: how many, the actions for all of them, and a way to untick. */
export function BulkActionsBar({ count, onAssignRoles, onAction, onClear }: {
  count: number;
  onAssignRoles: () => void;
  /** USR-7: add to or remove from a group, sign out everywhere. */
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}) {
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
      <Menu position="bottom-end" shadow="md" width={220}>
        <Menu.Target>
          <Button size="xs" rightSection={<IconChevronDown size={14} />}>
            Actions
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconShieldPlus size={16} stroke={1.6} />} onClick={onAssignRoles}>
            Assign roles
          </Menu.Item>
          <Menu.Item leftSection={<IconUsersPlus size={16} stroke={1.6} />} onClick={() => onAction("add_to_group")}>
            Add to a group
          </Menu.Item>
          <Menu.Item leftSection={<IconUserMinus size={16} stroke={1.6} />} onClick={() => onAction("remove_from_group")}>
            Remove from a group
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} stroke={1.6} />} color="red" onClick={() => onAction("sign_out_everywhere")}>
            Sign out everywhere
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
