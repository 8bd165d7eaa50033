import { LIMITS } from "../../shared/limits";
import { useEffect, useState } from "react";
import { Button, Checkbox, Group, Modal, ScrollArea, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { applyProblemToForm } from "../api/forms";
import { useCreateRole, usePermissions, useUpdateRole } from "../api/roles";
import type { PermissionKey, Role } from "../api/types";
import { FormAlert } from "./FormAlert";

interface Values {
  name: string;
  permissions: string[];
}

/**
 * Create a custom role (name and permissions) or, given `role`, rename one (ROL-2). A name
 * already taken comes back from the server onto the Name field.
 */
export function RoleModal({ opened, role, onClose }: { opened: boolean; role?: Role; onClose: () => void }) {
  const permissions = usePermissions();
  const create = useCreateRole();
  const update = useUpdateRole();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: "", permissions: [] },
    validate: { name: (v) => (v.trim() ? null : "Enter a name for the role") },
  });
  const renaming = Boolean(role);
  const pending = create.isPending || update.isPending;

  useEffect(() => {
    if (!opened) return;
    form.setValues({ name: role?.name ?? "", permissions: [] });
    form.resetDirty();
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens, or opens for another role.
  }, [opened, role?.id]);

  const submit = (values: Values) => {
    setAlert(null);
    const name = values.name.trim();
    const onError = (error: unknown) => setAlert(applyProblemToForm(form, error));
    const done = (message: string) => {
      notifications.show({ color: "teal", message });
      onClose();
    };
    if (role) {
      update.mutate({ id: role.id, body: { name } }, { onSuccess: (saved) => done(`The role is now called ${saved.name}.`), onError });
    } else {
      create.mutate({ name, permissions: values.permissions as PermissionKey[] }, { onSuccess: (saved) => done(`${saved.name} was created.`), onError });
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={renaming ? `Rename ${role?.name}` : "Create a role"} size={renaming ? "md" : "lg"} closeOnClickOutside={!pending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {!renaming && (
            <Text size="sm" c="dimmed">
              A custom role is a named set of permissions. You can change its permissions later in the matrix, and
              assign it to people from Manage users.
            </Text>
          )}
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Name" required maxLength={LIMITS.roleNameMax} data-autofocus placeholder="e.g. Intake coordinator" {...form.getInputProps("name")} />
          {!renaming && (
            <Checkbox.Group label="Permissions" description="Leave all unticked for a role that grants nothing extra." {...form.getInputProps("permissions")}>
              <ScrollArea.Autosize mah={340} mt="xs" type="auto">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={10}>
                  {(permissions.data ?? []).map((p) => (
                    <Checkbox key={p.key} value={p.key} label={p.description} size="sm" />
                  ))}
                </SimpleGrid>
              </ScrollArea.Autosize>
            </Checkbox.Group>
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {renaming ? "Rename role" : "Create role"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
