import { useEffect, useState } from "react";
import { Anchor, Badge, Button, Checkbox, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconCalendarEvent, IconVideo } from "@tabler/icons-react";
import { useCalendars, useEvents, useSetVisibleCalendars } from "../api/practice";
import { useCurrentUser } from "../api/queries";
import type { CalendarEvent } from "../api/types";
import { formatDate } from "../format";
import { EventModal } from "../components/EventModal";
import { PageHeader } from "../components/PageHeader";
import { EditButton, FilterBar, NewButton, PagedListBody, PersonFilter, PersonName, SegmentFilter, useUrlFilters, MatterCell, ListTable, type Column } from "../components/PracticeParts";

const WHEN = [
  { value: "upcoming", label: "Upcoming" },
  { value: "all", label: "All" },
];
const CALENDAR = [
  { value: "all", label: "Every calendar" },
  { value: "firm", label: "Firm calendar" },
];

function OwnerCell({ event }: { event: CalendarEvent }) {
  return (
    <Stack gap={2}>
      <PersonName person={event.owner} />
      {event.calendar === "firm" && (
        <Badge color="navy" variant="light" w="fit-content">
          Firm calendar
        </Badge>
      )}
    </Stack>
  );
}

const COLUMNS: Column[] = [{ label: "Event" }, { label: "When", w: 200 }, { label: "Matter", w: 240 }, { label: "Owner", w: 190 }, { label: "Attendees", w: 220 }, { label: "Actions", w: 100 }];

function EventsTable({ events, onEdit }: { events: CalendarEvent[]; onEdit: (event: CalendarEvent) => void }) {
  return (
    <ListTable label="Calendar events" minWidth={960} columns={COLUMNS}>
      {events.map((event) => (
        <Table.Tr key={event.id} data-testid="event-row">
          <Table.Td>
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {event.title}
              </Text>
              {event.conference && (
                <Anchor href={event.conference.url} target="_blank" rel="noreferrer" size="xs" display="inline-flex" style={{ alignItems: "center", gap: 4 }}>
                  <IconVideo size={14} aria-hidden /> Join on {event.conference.provider}
                </Anchor>
              )}
            </Stack>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{formatDate(event.start_at, true)}</Text>
            <Text size="xs" c="dimmed">
              until {formatDate(event.end_at, true)}
            </Text>
          </Table.Td>
          <Table.Td>
            <MatterCell matter={event.matter} />
          </Table.Td>
          <Table.Td data-testid="owner">
            <OwnerCell event={event} />
          </Table.Td>
          <Table.Td>
            {event.attendees.length === 0 ? (
              <Text size="sm" c="dimmed">
                None
              </Text>
            ) : (
              <Stack gap={2}>
                {event.attendees.map((person) => (
                  <PersonName key={person.id} person={person} />
                ))}
              </Stack>
            )}
          </Table.Td>
          <Table.Td>{event.abilities.edit && <EditButton label={`Edit event ${event.title}`} onClick={() => onEdit(event)} />}</Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/** PRC-9: whose calendars to show beside one's own, saved for the next visit. */
function VisibleCalendarsCard() {
  const me = useCurrentUser();
  const calendars = useCalendars();
  const save = useSetVisibleCalendars();
  const others = (calendars.data ?? []).filter((c) => c.kind === "user" && c.owner_id && c.owner_id !== me.id);
  const shown = others.filter((c) => c.visible).map((c) => c.owner_id!);
  const firm = calendars.data?.find((c) => c.kind === "firm");
  const [picked, setPicked] = useState<string[]>(shown);
  const shownKey = shown.join(",");
  useEffect(() => setPicked(shownKey ? shownKey.split(",") : []), [shownKey]);
  const changed = picked.slice().sort().join(",") !== shown.slice().sort().join(",");
  return (
    <Paper withBorder p="md" mb="lg">
      <Title order={3} fz="md" mb={4}>
        Calendars beside yours
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Choose whose calendars you keep an eye on. A deactivated colleague’s calendar leaves every view.
      </Text>
      <Checkbox.Group label="Show the calendars of" value={picked} onChange={setPicked}>
        <ScrollArea.Autosize mah={220} mt={6} type="auto">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs" verticalSpacing="xs" data-testid="calendar-picker">
            {others.map((c) => (
              <Checkbox key={c.id} value={c.owner_id!} label={c.name} />
            ))}
          </SimpleGrid>
        </ScrollArea.Autosize>
      </Checkbox.Group>
      {calendars.isSuccess && others.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody else in the firm has a calendar yet.
        </Text>
      )}
      <Group justify="space-between" mt="sm" gap="sm">
        <Text size="sm" c="dimmed" data-testid="firm-calendar-note">
          {firm ? `The firm calendar is always shown${firm.abilities.add_events ? "; you manage it" : "; only the primary subscriber manages it"}.` : ""}
        </Text>
        <Button variant="default" disabled={!changed} loading={save.isPending} onClick={() => save.mutate(picked)}>
          Save
        </Button>
      </Group>
    </Paper>
  );
}

/** Calendar events (PRC-6): whose calendar holds each, its matter and attendees, deactivated owners included (PRC-3). */
export function CalendarPage() {
  const [params, set] = useUrlFilters();
  const when = params.get("when") === "all" ? "all" : "upcoming";
  const calendar = params.get("calendar") === "firm" ? "firm" : undefined;
  const owner = params.get("owner_id") ?? undefined;
  // Fixed when the page opens, so the list's query stays the same while it is shown.
  const [now] = useState(() => new Date().toISOString());
  const events = useEvents({ owner_id: owner, calendar, from: when === "upcoming" ? now : undefined });
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  // `undefined` closed, `null` a new event, else the event being edited.
  const [editing, setEditing] = useState<CalendarEvent | null | undefined>(undefined);

  return (
    <>
      <PageHeader
        title="Calendar"
        description="Events you may see, soonest first, with whose calendar holds each and who attends."
        actions={<NewButton onClick={() => setEditing(null)}>New event</NewButton>}
      />
      <EventModal opened={editing !== undefined} event={editing ?? undefined} onClose={() => setEditing(undefined)} />
      <VisibleCalendarsCard />
      <Paper withBorder>
        <FilterBar>
          <SegmentFilter label="When" data={WHEN} value={when} onChange={(value) => set("when", value === "all" ? value : undefined)} />
          <SegmentFilter label="Calendar" data={CALENDAR} value={calendar ?? "all"} onChange={(value) => set("calendar", value === "firm" ? value : undefined)} />
          <PersonFilter label="Owner" value={owner} onChange={(id) => set("owner_id", id)} />
        </FilterBar>
        <PagedListBody
          list={events}
          count={rows.length}
          noun="event"
          filtered={Boolean(owner || calendar || when === "upcoming")}
          empty={{ icon: <IconCalendarEvent size={26} stroke={1.5} />, title: "No events yet", text: "Events on the calendars you may see appear here." }}
        >
          <EventsTable events={rows} onEdit={setEditing} />
        </PagedListBody>
      </Paper>
    </>
  );
}
