import { useState } from "react";
import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { fieldName, isProblem, problemMessage } from "../api/problem";
import type { User } from "../api/types";
import { useAssignRoles } from "../api/userEdit";
import { plural } from "../format";
import { FormAlert } from "./FormAlert";
import { RolesSelect } from "./RolesSelect";
import { displayName, namesOf } from "./userNames";

interface Refusal {
  user: User;
  message: string;
}

/** The users a 400 names (`user_ids.N`, N the position in the request), with the server's reason. */
function refusalsOf(error: unknown, sent: User[]): Refusal[] {
  if (!isProblem(error)) return [];
  return error.errors.flatMap(({ path, message }) => {
    const match = /^user_ids\.(\d+)$/.exec(fieldName(path));
    const user = match ? sent[Number(match[1])] : undefined;
    return user ? [{ user, message }] : [];
  });
}

/**
 * ROL-4: adds the chosen roles to every selected user; roles they hold are kept. The server
 * does all or nothing, so when it refuses some users, the console names them and offers to
 * leave them out.
 */
export function AssignRolesModal({ opened, users, onClose, onDeselect, onAssigned }: {
  opened: boolean;
  users: User[];
  onClose: () => void;
  onDeselect: (users: User[]) => void;
  onAssigned: () => void;
}) {
  const assign = useAssignRoles();
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [roleError, setRoleError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [alert, setAlert] = useState<string | null>(null);

  const close = () => {
    setRoleIds([]);
    setRoleError(null);
    setRefusals([]);
    setAlert(null);
    onClose();
  };

  const submit = () => {
    setAlert(null);
    setRefusals([]);
    if (roleIds.length === 0) return setRoleError("Choose at least one role");
    const sent = users;
    assign.mutate(
      { user_ids: sent.map((u) => u.id), role_ids: roleIds },
      {
        onSuccess: ({ updated }) => {
          notifications.show({
            color: "teal",
            message: updated === 0 ? "Everyone selected already held those roles." : `Roles added to ${plural(updated, "user")}.`,
          });
          close();
          onAssigned();
        },
        onError: (error) => {
          const found = refusalsOf(error, sent);
          setRefusals(found);
          if (found.length === 0) setAlert(problemMessage(error));
        },
      },
    );
  };

  const leaveOut = () => {
    onDeselect(refusals.map((r) => r.user));
    setRefusals([]);
  };

  return (
    <Modal opened={opened} onClose={close} title="Assign roles" size="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The roles you choose are added to {plural(users.length, "selected user")} ({namesOf(users)}). Roles they already hold are
          kept; nothing is taken away.
        </Text>
        <FormAlert>{alert}</FormAlert>
        {refusals.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Nothing was changed" data-testid="assign-refusals">
            <Text size="sm" mb={6}>
              The roles of {refusals.length === 1 ? "this user" : "these users"} cannot be changed by you:
            </Text>
            <List size="sm" spacing={2}>
              {refusals.map(({ user, message }) => (
                <List.Item key={user.id}>
                  <b>{displayName(user)}</b>: {message}
                </List.Item>
              ))}
            </List>
            {refusals.length < users.length && (
              <Button size="xs" variant="white" color="red" mt="sm" onClick={leaveOut}>
                Leave {refusals.length === 1 ? "them" : "these users"} out
              </Button>
            )}
          </Alert>
        )}
        <RolesSelect
          label="Roles to add"
          value={roleIds}
          onChange={(value) => {
            setRoleIds(value);
            setRoleError(null);
          }}
          error={roleError}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={close} disabled={assign.isPending}>
            Cancel
          </Button>
          <Button onClick={submit} loading={assign.isPending} disabled={users.length === 0}>
            Assign roles
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
