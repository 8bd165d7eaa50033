import { useEffect, useState } from "react";
import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm, EMAIL_SHAPE } from "../api/forms";
import { useSaveContact } from "../api/practiceMutations";
import { useCurrentUser } from "../api/queries";
import type { Contact, ContactBody } from "../api/types";
import { CustomRatesField, ratesBody, ratesOf, type RateRow } from "./CustomRatesField";
import { FormAlert } from "./FormAlert";
import { changedOnly } from "./practiceForm";

interface Values {
  name: string;
  email: string;
  custom_rates: RateRow[];
}

const valuesOf = (contact?: Contact): Values => ({ name: contact?.name ?? "", email: contact?.email ?? "", custom_rates: ratesOf(contact?.custom_rates ?? []) });

/** Create a contact or edit one: name, email and, for those who manage rates, custom rates (GRP-4). */
export function ContactModal({ opened, contact, onClose }: { opened: boolean; contact?: Contact; onClose: () => void }) {
  const me = useCurrentUser();
  const save = useSaveContact();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(),
    validate: {
      name: (v) => (v.trim() ? null : "Enter the contact's name"),
      email: (v) => (!v.trim() || EMAIL_SHAPE.test(v.trim()) ? null : "Enter a valid email address"),
    },
  });
  const can = contact ? { edit: Boolean(contact.abilities.edit), rates: Boolean(contact.abilities.manage_rates) } : { edit: true, rates: me.abilities.set_custom_rates };

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(contact));
    form.resetDirty();
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens, or opens for another contact.
  }, [opened, contact?.id]);

  const submit = (values: Values) => {
    setAlert(null);
    const body: Partial<ContactBody> = {};
    if (can.edit) Object.assign(body, { name: values.name.trim(), email: values.email.trim() || null });
    if (can.rates) body.custom_rates = ratesBody(values.custom_rates);
    const changes = changedOnly(body, contact && { name: contact.name, email: contact.email ?? null, custom_rates: ratesBody(ratesOf(contact.custom_rates)) });
    if (contact && Object.keys(changes).length === 0) return onClose();
    save.mutate(
      { id: contact?.id, body: changes },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: contact ? `${saved.name} was saved.` : `${saved.name} was added.` });
          onClose();
        },
        onError: (error) => setAlert(applyProblemToForm(form, error)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? `Edit ${contact.name}` : "New contact"} size="lg" closeOnClickOutside={!save.isPending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Name" required disabled={!can.edit} maxLength={LIMITS.contactNameMax} data-autofocus placeholder="A person or an organisation" {...form.getInputProps("name")} />
          <TextInput label="Email" type="email" disabled={!can.edit} placeholder="Optional" {...form.getInputProps("email")} />
          {can.rates && (
            <CustomRatesField value={form.values.custom_rates} onChange={(rows) => form.setFieldValue("custom_rates", rows)} current={contact?.custom_rates} error={form.errors.custom_rates as string | undefined} />
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {contact ? "Save contact" : "Add contact"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
