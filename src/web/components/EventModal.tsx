import { useEffect, useState } from "react";
import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm } from "../api/forms";
import { useCalendars, useEveryone } from "../api/practice";
import { useMatterChoices, useSaveEvent } from "../api/practiceMutations";
import { useCurrentUser } from "../api/queries";
import type { CalendarEvent, EventBody } from "../api/types";
import { FormAlert } from "./FormAlert";
import { activeOptions, changedOnly, fromLocalInput, matterOptions, toLocalInput } from "./practiceForm";

interface Values {
  title: string;
  start: string;
  end: string;
  matter_id: string | null;
  calendar_id: string | null;
  attendee_ids: string[];
  conference_provider: string;
  conference_url: string;
}

const valuesOf = (event: CalendarEvent | undefined, ownCalendar: string | null): Values => ({
  title: event?.title ?? "",
  start: toLocalInput(event?.start_at),
  end: toLocalInput(event?.end_at),
  matter_id: event?.matter?.id ?? null,
  calendar_id: event?.calendar_id ?? ownCalendar,
  attendee_ids: event?.attendees.map((a) => a.id) ?? [],
  conference_provider: event?.conference?.provider ?? "",
  conference_url: event?.conference?.url ?? "",
});

/**
 * Create an event or edit one (PRC-6): the calendars offered are those the person may add to
 * (the firm calendar only for the primary subscriber, ACC-8); owners and attendees are active
 * users (PRC-2).
 */
export function EventModal({ opened, event, onClose }: { opened: boolean; event?: CalendarEvent; onClose: () => void }) {
  const me = useCurrentUser();
  const people = useEveryone();
  const calendars = useCalendars();
  const matters = useMatterChoices(opened);
  const save = useSaveEvent();
  const [alert, setAlert] = useState<string | null>(null);
  const writable = (calendars.data ?? []).filter((c) => c.abilities.add_events || c.id === event?.calendar_id);
  const own = (calendars.data ?? []).find((c) => c.kind === "user" && c.owner_id === me.id)?.id ?? null;
  const form = useForm<Values>({
    initialValues: valuesOf(undefined, own),
    validate: {
      title: (v) => (v.trim() ? null : "Give the event a title"),
      start: (v) => (fromLocalInput(v) ? null : "Enter when it starts"),
      end: (v, values) => (!fromLocalInput(v) ? "Enter when it ends" : v < values.start ? "The end cannot be before the start" : null),
      calendar_id: (v) => (v ? null : "Choose a calendar"),
      conference_url: (v, values) => (values.conference_provider.trim() && !v.trim() ? "Give the link" : null),
      conference_provider: (v, values) => (values.conference_url.trim() && !v.trim() ? "Name the service, e.g. Zoom" : null),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(event, own));
    form.resetDirty();
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens, or opens for another event, or once one's own calendar is known.
  }, [opened, event?.id, own]);

  const submit = (values: Values) => {
    setAlert(null);
    const calendar = writable.find((c) => c.id === values.calendar_id)!;
    const conference = values.conference_url.trim() ? { provider: values.conference_provider.trim(), url: values.conference_url.trim() } : null;
    const body: EventBody = {
      title: values.title.trim(),
      start_at: fromLocalInput(values.start)!,
      end_at: fromLocalInput(values.end)!,
      matter_id: values.matter_id,
      // The firm calendar's events are held in the name of whoever puts them there.
      owner_id: calendar.owner_id ?? event?.owner.id ?? me.id,
      calendar: calendar.kind,
      attendee_ids: values.attendee_ids,
      conference,
    };
    const before = event && {
      ...body,
      ...valuesOf(event, own),
      start_at: fromLocalInput(toLocalInput(event.start_at)),
      end_at: fromLocalInput(toLocalInput(event.end_at)),
      owner_id: event.owner.id,
      calendar: event.calendar,
      conference: event.conference ? { provider: event.conference.provider, url: event.conference.url } : null,
    };
    const changes = changedOnly(body, before);
    if (event && Object.keys(changes).length === 0) return onClose();
    save.mutate(
      { id: event?.id, body: changes },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: event ? `“${saved.title}” was saved.` : `“${saved.title}” was added.` });
          onClose();
        },
        onError: (error) => setAlert(applyProblemToForm(form, error)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={event ? "Edit event" : "New event"} size="lg" closeOnClickOutside={!save.isPending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Title" required maxLength={LIMITS.eventTitleMax} data-autofocus {...form.getInputProps("title")} />
          <Group grow align="flex-start">
            <TextInput label="Starts" type="datetime-local" required {...form.getInputProps("start")} />
            <TextInput label="Ends" type="datetime-local" required {...form.getInputProps("end")} />
          </Group>
          <Select
            label="Calendar"
            description="Whose calendar holds it: yours, a colleague's you manage, or the firm's."
            required
            searchable
            allowDeselect={false}
            data={writable.map((c) => ({ value: c.id, label: c.kind === "firm" ? "Firm calendar" : c.name }))}
            {...form.getInputProps("calendar_id")}
          />
          <Select
            label="Matter"
            placeholder={matters.isPending ? "Loading matters…" : "No matter"}
            searchable
            clearable
            data={matterOptions(matters.data)}
            nothingFoundMessage="No matter matches"
            {...form.getInputProps("matter_id")}
          />
          <MultiSelect
            label="Attendees"
            placeholder="Add people"
            searchable
            data={activeOptions(people.data?.active, event?.attendees)}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("attendee_ids")}
          />
          <Group grow align="flex-start">
            <TextInput label="Video call service" placeholder="Optional, e.g. Zoom" maxLength={LIMITS.conferenceProviderMax} {...form.getInputProps("conference_provider")} />
            <TextInput label="Video call link" placeholder="https://…" maxLength={LIMITS.urlMax} {...form.getInputProps("conference_url")} />
          </Group>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {event ? "Save event" : "Add event"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
