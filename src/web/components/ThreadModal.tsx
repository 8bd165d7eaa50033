import { useEffect, useState } from "react";
import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm } from "../api/forms";
import { useEveryone } from "../api/practice";
import { useCreateThread, useEveryContact, useMatterChoices } from "../api/practiceMutations";
import { useCurrentUser } from "../api/queries";
import type { Thread } from "../api/types";
import { FormAlert } from "./FormAlert";
import { activeOptions, matterOptions } from "./practiceForm";

interface Values {
  subject: string;
  participant_user_ids: string[];
  participant_contact_ids: string[];
  matter_id: string | null;
}

const EMPTY: Values = { subject: "", participant_user_ids: [], participant_contact_ids: [], matter_id: null };

/** Start a secure-message thread (PRC-8) with colleagues and contacts, optionally on a matter; its author takes part. */
export function ThreadModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (thread: Thread) => void }) {
  const me = useCurrentUser();
  const people = useEveryone();
  const contacts = useEveryContact(opened);
  const matters = useMatterChoices(opened);
  const create = useCreateThread();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: { subject: (v) => (v.trim() ? null : "Give the thread a subject") },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(EMPTY);
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens.
  }, [opened]);

  const submit = (values: Values) => {
    setAlert(null);
    create.mutate(
      { ...values, subject: values.subject.trim() },
      {
        onSuccess: (thread) => {
          notifications.show({ color: "teal", message: `“${thread.subject}” was started.` });
          onCreated(thread);
        },
        onError: (error) => setAlert(applyProblemToForm(form, error)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New thread" size="lg" closeOnClickOutside={!create.isPending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Subject" required maxLength={LIMITS.threadSubjectMax} data-autofocus {...form.getInputProps("subject")} />
          <MultiSelect
            label="Colleagues"
            description="You take part in every thread you start."
            placeholder="Add people"
            searchable
            data={activeOptions(people.data?.active.filter((u) => u.id !== me.id))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("participant_user_ids")}
          />
          <MultiSelect
            label="Contacts"
            placeholder={contacts.isPending ? "Loading contacts…" : "Add contacts"}
            searchable
            data={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("participant_contact_ids")}
          />
          <Select
            label="Matter"
            description="Those who may open the matter may read the thread."
            placeholder={matters.isPending ? "Loading matters…" : "No matter"}
            searchable
            clearable
            data={matterOptions(matters.data)}
            {...form.getInputProps("matter_id")}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Start thread
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
