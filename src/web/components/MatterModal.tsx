import { useEffect, useState } from "react";
import { Button, Group, Modal, MultiSelect, Radio, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { LIMITS } from "../../shared/limits";
import { ACCESS_KINDS, MATTER_STATUSES, type MatterStatus } from "../../shared/practice-enums";
import { applyProblemToForm } from "../api/forms";
import { useEveryone } from "../api/practice";
import { useEveryContact, useSaveMatter } from "../api/practiceMutations";
import { useCurrentUser, useGroups } from "../api/queries";
import type { Matter, MatterBody } from "../api/types";
import { CustomRatesField, ratesBody, ratesOf, type RateRow } from "./CustomRatesField";
import { FormAlert } from "./FormAlert";
import { activeOptions, changedOnly } from "./practiceForm";

type AccessKind = (typeof ACCESS_KINDS)[number];

interface Values {
  number: string;
  description: string;
  status: MatterStatus;
  responsible_attorney_id: string | null;
  originating_attorney_id: string | null;
  client_id: string | null;
  access_kind: AccessKind;
  group_ids: string[];
  custom_rates: RateRow[];
}

const STATUS_LABEL: Record<MatterStatus, string> = { open: "Open", pending: "Pending", closed: "Closed" };
const ACCESS_LABEL: Record<AccessKind, string> = { everyone: "Everyone in the firm", groups: "Chosen groups", private: "Only me (private)" };

const valuesOf = (matter: Matter | undefined, meId: string): Values => ({
  number: matter?.number ?? "",
  description: matter?.description ?? "",
  status: matter?.status ?? "open",
  responsible_attorney_id: matter?.responsible_attorney.id ?? meId,
  originating_attorney_id: matter?.originating_attorney.id ?? meId,
  client_id: matter?.client?.id ?? null,
  access_kind: matter?.access.kind ?? "everyone",
  group_ids: matter?.access.group_ids ?? [],
  custom_rates: ratesOf(matter?.custom_rates ?? []),
});

/** Create a matter or edit one (PRC-1, GRP-3, GRP-4); each part is open only to whom its ability allows. */
export function MatterModal({ opened, matter, onClose }: { opened: boolean; matter?: Matter; onClose: () => void }) {
  const me = useCurrentUser();
  const people = useEveryone();
  const groups = useGroups();
  const contacts = useEveryContact(opened);
  const save = useSaveMatter();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(undefined, me.id),
    validate: {
      number: (v) => (v.trim() ? null : "Enter the matter's number"),
      description: (v) => (v.trim() ? null : "Describe the matter"),
      responsible_attorney_id: (v) => (v ? null : "Choose the responsible attorney"),
      originating_attorney_id: (v) => (v ? null : "Choose the originating attorney"),
      group_ids: (v, values) => (values.access_kind === "groups" && v.length === 0 ? "Choose at least one group" : null),
    },
  });
  const can = matter
    ? { edit: Boolean(matter.abilities.edit), access: Boolean(matter.abilities.change_access), rates: Boolean(matter.abilities.manage_rates) }
    : { edit: true, access: me.abilities.set_matter_access, rates: me.abilities.set_custom_rates };

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(matter, me.id));
    form.resetDirty();
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens, or opens for another matter.
  }, [opened, matter?.id]);

  const submit = (values: Values) => {
    setAlert(null);
    const body: Partial<MatterBody> = {};
    if (can.edit) {
      Object.assign(body, {
        number: values.number.trim(),
        description: values.description.trim(),
        status: values.status,
        responsible_attorney_id: values.responsible_attorney_id!,
        originating_attorney_id: values.originating_attorney_id!,
        client_id: values.client_id,
      });
    }
    if (can.access) body.access = values.access_kind === "groups" ? { kind: "groups", group_ids: values.group_ids } : { kind: values.access_kind };
    if (can.rates) body.custom_rates = ratesBody(values.custom_rates);
    const before = matter && {
      ...valuesOf(matter, me.id),
      access: matter.access.kind === "groups" ? { kind: "groups", group_ids: matter.access.group_ids } : { kind: matter.access.kind },
      custom_rates: ratesBody(ratesOf(matter.custom_rates)),
    };
    const changes = changedOnly(body, before);
    if (matter && Object.keys(changes).length === 0) return onClose();
    save.mutate(
      { id: matter?.id, body: changes },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: matter ? `Matter ${saved.number} was saved.` : `Matter ${saved.number} was created.` });
          onClose();
        },
        onError: (error) => setAlert(applyProblemToForm(form, error)),
      },
    );
  };

  const attorneys = activeOptions(people.data?.active, [matter?.responsible_attorney, matter?.originating_attorney]);
  const groupOptions = (groups.data ?? []).map((g) => ({ value: g.id, label: g.name }));
  for (const g of matter?.groups ?? []) if (!groupOptions.some((o) => o.value === g.id)) groupOptions.push({ value: g.id, label: `${g.name} (archived)` });

  return (
    <Modal opened={opened} onClose={onClose} title={matter ? `Edit matter ${matter.number}` : "New matter"} size="xl" closeOnClickOutside={!save.isPending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <Group grow align="flex-start">
            <TextInput label="Number" required disabled={!can.edit} maxLength={LIMITS.matterNumberMax} data-autofocus placeholder="e.g. 2026-0142" {...form.getInputProps("number")} />
            <Select
              label="Status"
              required
              disabled={!can.edit}
              allowDeselect={false}
              data={MATTER_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
              {...form.getInputProps("status")}
            />
          </Group>
          <Textarea label="Description" required disabled={!can.edit} autosize minRows={2} maxRows={5} maxLength={LIMITS.matterDescriptionMax} {...form.getInputProps("description")} />
          <Group grow align="flex-start">
            <Select label="Responsible attorney" description="Active users only." required searchable allowDeselect={false} disabled={!can.edit} data={attorneys} {...form.getInputProps("responsible_attorney_id")} />
            <Select label="Originating attorney" description="Active users only." required searchable allowDeselect={false} disabled={!can.edit} data={attorneys} {...form.getInputProps("originating_attorney_id")} />
          </Group>
          <Select
            label="Client"
            placeholder={contacts.isPending ? "Loading contacts…" : "No client"}
            searchable
            clearable
            disabled={!can.edit}
            data={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            nothingFoundMessage="No contact by that name"
            {...form.getInputProps("client_id")}
          />
          <Radio.Group label="Who may open it" description={can.access ? undefined : "You may not change who sees this matter."} {...form.getInputProps("access_kind")}>
            <Group mt={6}>
              {ACCESS_KINDS.map((kind) => (
                <Radio key={kind} value={kind} label={ACCESS_LABEL[kind]} disabled={!can.access} />
              ))}
            </Group>
          </Radio.Group>
          {form.values.access_kind === "groups" && (
            <MultiSelect label="Groups" required searchable disabled={!can.access} data={groupOptions} placeholder="Choose groups" comboboxProps={{ withinPortal: true }} {...form.getInputProps("group_ids")} />
          )}
          {can.rates && (
            <CustomRatesField value={form.values.custom_rates} onChange={(rows) => form.setFieldValue("custom_rates", rows)} current={matter?.custom_rates} error={form.errors.custom_rates as string | undefined} />
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {matter ? "Save matter" : "Create matter"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
