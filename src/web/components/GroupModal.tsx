import { LIMITS } from "../../shared/limits";
import { useEffect, useState } from "react";
import { Alert, Button, Checkbox, Group as Row, Modal, MultiSelect, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconArchive } from "@tabler/icons-react";
import { applyProblemToForm } from "../api/forms";
import { usePeople, useSaveGroup } from "../api/groups";
import type { Group, GroupBody } from "../api/types";
import { FormAlert } from "./FormAlert";

interface Values {
  name: string;
  description: string;
  exclude_from_custom_rates: boolean;
  member_ids: string[];
}

const EMPTY: Values = { name: "", description: "", exclude_from_custom_rates: false, member_ids: [] };

const valuesOf = (group?: Group): Values =>
  group
    ? { name: group.name, description: group.description, exclude_from_custom_rates: group.exclude_from_custom_rates, member_ids: group.member_ids }
    : EMPTY;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** For an edit, only what changed; an archived group's name and members are left alone (GRP-2). */
function toBody(values: Values, group?: Group): Partial<GroupBody> {
  const body: Partial<GroupBody> = {
    name: values.name.trim(),
    description: values.description.trim(),
    exclude_from_custom_rates: values.exclude_from_custom_rates,
    member_ids: values.member_ids,
  };
  if (!group) return body;
  if (group.archived || body.name === group.name) delete body.name;
  if (body.description === group.description) delete body.description;
  if (body.exclude_from_custom_rates === group.exclude_from_custom_rates) delete body.exclude_from_custom_rates;
  if (group.archived || sameSet(values.member_ids, group.member_ids)) delete body.member_ids;
  return body;
}

/** Create a group or edit one (GRP-1): name unique among active groups, description, rates option, members. */
export function GroupModal({ opened, group, onClose }: { opened: boolean; group?: Group; onClose: () => void }) {
  const people = usePeople();
  const save = useSaveGroup();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: { name: (v) => (v.trim() ? null : "Enter a name for the group") },
  });
  const archived = Boolean(group?.archived);

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(group));
    form.resetDirty();
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens, or opens for another group.
  }, [opened, group?.id]);

  const submit = (values: Values) => {
    setAlert(null);
    const body = toBody(values, group);
    if (group && Object.keys(body).length === 0) return onClose();
    save.mutate(
      { id: group?.id, body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: group ? `${saved.name} was saved.` : `${saved.name} was created.` });
          onClose();
        },
        onError: (error) => setAlert(applyProblemToForm(form, error)),
      },
    );
  };

  // Active and invited people can join; current members who have left stay listed so they are kept.
  const options = (people.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.name.trim() || u.email}${u.status === "invited" ? " (invited)" : ""}`,
  }));
  for (const id of group?.member_ids ?? []) {
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: "Former user (deactivated)" });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={group ? `Edit ${group.name}` : "Create a group"} size="lg" closeOnClickOutside={!save.isPending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {archived && (
            <Alert color="gray" variant="light" icon={<IconArchive size={18} />}>
              This group is archived. Unarchive it to change its name or members.
            </Alert>
          )}
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Name" required maxLength={LIMITS.nameMax} disabled={archived} data-autofocus placeholder="e.g. Litigation team" {...form.getInputProps("name")} />
          <Textarea label="Description" placeholder="Optional" autosize minRows={2} maxRows={5} maxLength={LIMITS.descriptionMax} {...form.getInputProps("description")} />
          <Checkbox
            label="Exclude from custom billing rates"
            description="The group is not offered when a custom billing rate is set on a matter or a contact."
            {...form.getInputProps("exclude_from_custom_rates", { type: "checkbox" })}
          />
          <MultiSelect
            label="Members"
            description="Active and invited users of the firm."
            placeholder={people.isPending ? "Loading people…" : "Add people"}
            data={options}
            searchable
            clearable
            disabled={archived}
            hidePickedOptions
            maxDropdownHeight={260}
            nothingFoundMessage="Nobody matches"
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("member_ids")}
          />
          <Row justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {group ? "Save group" : "Create group"}
            </Button>
          </Row>
        </Stack>
      </form>
    </Modal>
  );
}
