import { useState } from "react";
import { Button, Center, Group, Loader, Paper, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy, IconLock, IconPlus } from "@tabler/icons-react";
import { notifyError } from "../api/mutations";
import { isProblem } from "../api/problem";
import { useCurrentUser, useRoles } from "../api/queries";
import { useDeleteRole, usePermissions, useUpdateRole } from "../api/roles";
import type { PermissionKey, Role } from "../api/types";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { RoleMatrix, type MatrixActions } from "../components/RoleMatrix";
import { RoleModal } from "../components/RoleModal";
import { plural } from "../format";

function samePermissions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

/** " (2 added, 1 removed)". */
function describeChange(added: number, removed: number): string {
  const parts = [added ? `${added} added` : "", removed ? `${removed} removed` : ""].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** The permission matrix (ROL-1, ROL-2): built-in roles to read, custom roles to shape. */
export function RolesPage() {
  const me = useCurrentUser();
  const roles = useRoles();
  const permissions = usePermissions();
  const update = useUpdateRole();
  const remove = useDeleteRole();
  const [dialog, setDialog] = useState<{ role?: Role } | null>(null);
  // Ticked boxes wait here, by role, until "Save changes" (CON-3: nothing is saved without a word).
  const [drafts, setDrafts] = useState<Record<string, string[]>>({});
  const canManage = me.abilities.manage_roles;
  const shown = roles.data?.map((role) => (drafts[role.id] ? { ...role, permissions: drafts[role.id] as Role["permissions"] } : role));
  const changed = (roles.data ?? []).filter((role) => drafts[role.id] && !samePermissions(drafts[role.id]!, role.permissions));

  const save = () => {
    for (const role of changed) {
      const next = drafts[role.id]!;
      const added = next.filter((p) => !role.permissions.includes(p as PermissionKey)).length;
      const removed = role.permissions.filter((p) => !next.includes(p)).length;
      update.mutate(
        { id: role.id, body: { permissions: next as PermissionKey[] } },
        {
          onSuccess: (saved) => {
            setDrafts(({ [role.id]: _, ...rest }) => rest);
            notifications.show({
              color: "teal",
              title: "Saved",
              message: `${saved.name} now grants ${plural(saved.permissions.length, "permission")}${describeChange(added, removed)}. Its holders have them from their next click.`,
            });
          },
          onError: (error) => notifyError(`Could not save ${role.name}`, error),
        },
      );
    }
  };

  const confirmDelete = (role: Role) =>
    modals.openConfirmModal({
      title: `Delete ${role.name}`,
      children: (
        <Text size="sm">
          The role and its permissions are removed for good. A role that someone still holds cannot be deleted.
        </Text>
      ),
      labels: { confirm: "Delete role", cancel: "Keep it" },
      confirmProps: { color: "red" },
      onConfirm: () =>
        remove.mutate(role, {
          onSuccess: () => notifications.show({ color: "teal", message: `${role.name} was deleted.` }),
          onError: (error) => {
            if (!isProblem(error, "role_in_use")) return notifyError("Could not delete the role", error);
            const holders = Number(error.extra.holders ?? 0);
            notifications.show({
              color: "red",
              title: `${role.name} is still in use`,
              message: `${plural(holders, "user")} ${holders === 1 ? "holds" : "hold"} this role. Take it away from them in Manage users, then delete it.`,
            });
          },
        }),
    });

  const actions: MatrixActions | undefined = canManage
    ? {
        onToggle: (role, key, granted) => {
          const next = granted ? [...role.permissions, key] : role.permissions.filter((p) => p !== key);
          setDrafts((d) => ({ ...d, [role.id]: next }));
        },
        onRename: (role) => setDialog({ role }),
        onDelete: confirmDelete,
        onCreate: () => setDialog({}),
      }
    : undefined;

  const loading = roles.isPending || permissions.isPending;
  const error = roles.error ?? permissions.error;
  return (
    <>
      <PageHeader
        title="Roles & permissions"
        description="What each role lets its holders do. A person's permissions are the sum of all their roles, so adding a role never takes anything away."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} stroke={1.6} />} onClick={() => setDialog({})}>
              Create role
            </Button>
          )
        }
      />
      <RoleModal opened={dialog !== null} role={dialog?.role} onClose={() => setDialog(null)} />
      <Paper withBorder>
        {loading ? (
          <Center py={64}>
            <Loader size="sm" aria-label="Loading roles" />
          </Center>
        ) : error ? (
          <LoadError error={error} title="Could not load roles" onRetry={() => void Promise.all([roles.refetch(), permissions.refetch()])} />
        ) : (
          <RoleMatrix roles={shown!} permissions={permissions.data!} actions={actions} />
        )}
        {changed.length > 0 && (
          // Sticks to the window's bottom over the table: above the frozen permission column
          // (z-index 1 and 2 in RoleMatrix), with its buttons on the left, clear of the toasts
          // that stack up in the bottom-right corner.
          <Group
            justify="flex-start"
            gap="md"
            px="md"
            py="sm"
            data-testid="unsaved-roles"
            style={{ position: "sticky", bottom: 0, zIndex: 3, background: "var(--mantine-color-yellow-0)", borderTop: "1px solid var(--mantine-color-yellow-3)" }}
          >
            <Group gap="sm">
              <Button leftSection={<IconDeviceFloppy size={16} />} onClick={save} loading={update.isPending}>
                Save changes
              </Button>
              <Button variant="default" onClick={() => setDrafts({})} disabled={update.isPending}>
                Discard
              </Button>
            </Group>
            <Text size="sm" fw={500}>
              Unsaved changes to {changed.map((r) => r.name).join(", ")}
            </Text>
          </Group>
        )}
      </Paper>
      <Group gap={6} mt="sm" c="dimmed" wrap="nowrap" align="flex-start">
        <IconLock size={14} style={{ marginTop: 3, flexShrink: 0 }} />
        <Text size="xs">
          Built-in roles come with every firm and cannot be changed or deleted; Administrator always has every
          permission. For a different mix, create a custom role: tick its boxes, then save. Saved changes apply to its holders on their next click.
        </Text>
      </Group>
    </>
  );
}
