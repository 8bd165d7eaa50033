import { useState } from "react";
import { Alert, Button, Group, List, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconAlertTriangle } from "@tabler/icons-react";
import { problemMessage } from "../api/problem";
import { useCurrentUser, useGroups } from "../api/queries";
import type { BulkUsersBody, BulkUsersResult, User } from "../api/types";
import { useBulkChangeUsers } from "../api/userEdit";
import { plural } from "../format";
import { FormAlert } from "./FormAlert";
import { displayName, namesOf } from "./userNames";

export type BulkAction = BulkUsersBody["action"];

const TITLES: Record<BulkAction, string> = {
  add_to_group: "Add to a group",
  remove_from_group: "Remove from a group",
  sign_out_everywhere: "Sign out everywhere",
};

const BUTTONS: Record<BulkAction, string> = {
  add_to_group: "Add to group",
  remove_from_group: "Remove from group",
  sign_out_everywhere: "Sign them out",
};

/** "3 users added to Litigation". */
function doneText(action: BulkAction, count: number, group: string): string {
  const who = plural(count, "user");
  if (action === "add_to_group") return `${who} added to ${group}.`;
  if (action === "remove_from_group") return `${who} removed from ${group}.`;
  return `${who} signed out everywhere.`;
}

/** What was done, and every user it was refused for with the server's reason (USR-7). */
function Outcome({ action, result, users, group }: { action: BulkAction; result: BulkUsersResult; users: User[]; group: string }) {
  const byId = new Map(users.map((u) => [u.id, u]));
  return (
    <Stack gap="sm" data-testid="bulk-outcome">
      {result.updated.length > 0 && <Text size="sm">{doneText(action, result.updated.length, group)}</Text>}
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title={`Refused for ${plural(result.refused.length, "user")}`} data-testid="bulk-refusals">
        <Text size="sm" mb={6}>
          Nothing changed for {result.refused.length === 1 ? "this user, who stays" : "these users, who stay"} selected:
        </Text>
        <List size="sm" spacing={2}>
          {result.refused.map((r) => {
            const user = byId.get(r.user_id);
            return (
              <List.Item key={r.user_id}>
                <b>{user ? displayName(user) : r.user_id}</b>: {r.detail}
              </List.Item>
            );
          })}
        </List>
      </Alert>
    </Stack>
  );
}

/**
 * USR-7: one change to every selected user, each judged as if alone. When some are refused the
 * dialog stays, naming each with the reason; those done leave the selection.
 */
export function BulkChangeModal({ action, users, onClose, onDone }: {
  action: BulkAction | null;
  users: User[];
  onClose: () => void;
  /** The users changed (or already as asked), to leave the selection. */
  onDone: (updated: User[]) => void;
}) {
  const me = useCurrentUser();
  const groups = useGroups();
  const archived = useGroups(true);
  const change = useBulkChangeUsers();
  const [groupId, setGroupId] = useState<string | null>(null);
  const [groupError, setGroupError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ result: BulkUsersResult; sent: User[]; group: string } | null>(null);

  const forGroup = action === "add_to_group" || action === "remove_from_group";
  // Archived groups can still be left, never joined (GRP-2).
  const groupOptions = [
    ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name })),
    ...(action === "remove_from_group" ? (archived.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (archived)` })) : []),
  ];
  const groupName = groupOptions.find((g) => g.value === groupId)?.label ?? "";

  const close = () => {
    setGroupId(null);
    setGroupError(null);
    setAlert(null);
    setOutcome(null);
    onClose();
  };

  const submit = () => {
    if (!action) return;
    setAlert(null);
    if (forGroup && !groupId) return setGroupError("Choose the group.");
    const sent = users;
    const body: BulkUsersBody = { action, user_ids: sent.map((u) => u.id), ...(forGroup && groupId ? { group_id: groupId } : {}) };
    change.mutate(body, {
      onSuccess: (result) => {
        const updated = new Set(result.updated);
        onDone(sent.filter((u) => updated.has(u.id)));
        if (result.refused.length === 0) {
          notifications.show({ color: "teal", message: doneText(action, result.updated.length, groupName) });
          close();
        } else {
          setOutcome({ result, sent, group: groupName });
        }
      },
      onError: (error) => setAlert(problemMessage(error)),
    });
  };

  const includesMe = users.some((u) => u.id === me.id);
  return (
    <Modal opened={action !== null} onClose={close} title={action ? TITLES[action] : ""} size="md">
      {action && outcome ? (
        <Stack gap="md">
          <Outcome action={action} result={outcome.result} users={outcome.sent} group={outcome.group} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {action === "sign_out_everywhere"
              ? `Every session and API token of ${plural(users.length, "selected user")} (${namesOf(users)}) ends at once. They stay active and can sign in again.`
              : `${action === "add_to_group" ? "Adds" : "Removes"} ${plural(users.length, "selected user")} (${namesOf(users)}) ${action === "add_to_group" ? "to" : "from"} the group. Their other groups are kept.`}{" "}
            Each person is checked as if changed alone; anyone refused is named, with the reason.
          </Text>
          <FormAlert>{alert}</FormAlert>
          {action === "sign_out_everywhere" && includesMe && (
            <Alert color="orange.9" variant="light" icon={<IconAlertTriangle size={18} />}>
              You are among them: this browser is signed out too.
            </Alert>
          )}
          {forGroup && (
            <Select
              label="Group"
              required
              placeholder={groups.isPending ? "Loading groups…" : "Choose a group"}
              data={groupOptions}
              value={groupId}
              onChange={(value) => {
                setGroupId(value);
                setGroupError(null);
              }}
              error={groupError}
              searchable
              nothingFoundMessage="No group matches"
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={change.isPending}>
              Cancel
            </Button>
            <Button onClick={submit} loading={change.isPending} color={action === "sign_out_everywhere" ? "red" : undefined} disabled={users.length === 0}>
              {action ? BUTTONS[action] : ""}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
