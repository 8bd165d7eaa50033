/** The reassignment plan (REA-1) and its preview (REA-6), for the Deactivate dialog and the Reassign work page. */
import { Alert, Badge, Center, Group, List, Loader, ScrollArea, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconArrowRight, IconInfoCircle } from "@tabler/icons-react";
import { useEveryone } from "../api/practice";
import { problemMessage } from "../api/problem";
import {
  EXCLUSION_REASONS, KINDS, hasTarget, targetField, useReassignPreview,
  type ExclusionReason, type ReassignPreview, type ReassignTargets, type WorkKind,
} from "../api/reassignments";
import { formatDate, plural } from "../format";

const KIND_LABEL: Record<WorkKind, { one: string; title: string }> = {
  matters: { one: "matter", title: "Matters" },
  tasks: { one: "task", title: "Tasks" },
  events: { one: "event", title: "Events" },
};

const WHAT_MOVES: Record<WorkKind, string> = {
  matters: "Open and pending matters they are responsible for.",
  tasks: "Unfinished tasks not yet past due, on open or pending matters.",
  events: "Upcoming events they own on open or pending matters.",
};

/** "1 matter, 0 tasks and 2 events". */
export function workCounts(counts: Record<WorkKind, number>): string {
  return `${plural(counts.matters, "matter")}, ${plural(counts.tasks, "task")} and ${plural(counts.events, "event")}`;
}

/** How many items stay, and why: "2 on closed matters", "1 event they only attend". */
export const EXCLUSION_LABEL: Record<ExclusionReason, (count: number) => string> = {
  closed: (n) => `${n} on closed matters`,
  no_matter: (n) => `${n} without a matter`,
  private: (n) => `${n} on private matters`,
  past_due: (n) => `${n} past due or already past`,
  attendee_only: (n) => plural(n, "event they only attend", "events they only attend"),
};

/** One target per kind, each optional; only active users other than the source are offered (PRC-2). */
export function TargetSelects({ fromUserId, targets, onChange, errors = {} }: {
  fromUserId: string;
  targets: ReassignTargets;
  onChange: (targets: ReassignTargets) => void;
  /** The server's word on a target, beside it. */
  errors?: Partial<Record<WorkKind, string>>;
}) {
  const people = useEveryone();
  const options = (people.data?.active ?? []).filter((u) => u.id !== fromUserId).map((u) => ({ value: u.id, label: u.name.trim() || u.email }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {KINDS.map((kind) => (
        <Select
          key={kind}
          label={`${KIND_LABEL[kind].title} go to`}
          description={WHAT_MOVES[kind]}
          placeholder="Leave in place"
          searchable
          clearable
          data={options}
          disabled={people.isPending}
          error={errors[kind]}
          value={targets[targetField(kind)] ?? null}
          onChange={(id) => onChange({ ...targets, [targetField(kind)]: id ?? undefined })}
          nothingFoundMessage="No active user by that name"
        />
      ))}
    </SimpleGrid>
  );
}

/** The items of a kind the preview lists, each with a line saying which it is. */
function itemLines(preview: ReassignPreview, kind: WorkKind): { id: string; line: string }[] {
  switch (kind) {
    case "matters":
      return preview.matters.items.map((m) => ({ id: m.id, line: `${m.number} · ${m.description}` }));
    case "tasks":
      return preview.tasks.items.map((t) => ({ id: t.id, line: [t.name, t.matter.number, t.due_at && `due ${formatDate(t.due_at)}`].filter(Boolean).join(" · ") }));
    case "events":
      return preview.events.items.map((e) => ({ id: e.id, line: `${e.title} · ${e.matter.number} · ${formatDate(e.start_at, true)}` }));
  }
}

/** What moves, per kind, with the items; then what stays, counted by reason. */
export function PreviewSummary({ preview, targets, names }: { preview: ReassignPreview; targets: ReassignTargets; names: Map<string, string> }) {
  const kinds = KINDS.filter((kind) => targets[targetField(kind)]);
  const excluded = EXCLUSION_REASONS.filter((reason) => preview.excluded[reason] > 0);
  return (
    <Stack gap="sm" data-testid="reassign-preview">
      <Table withTableBorder verticalSpacing="xs" aria-label="What moves">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>What moves</Table.Th>
            <Table.Th>To</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kinds.map((kind) => {
            const lines = itemLines(preview, kind);
            return (
              <Table.Tr key={kind} data-testid={`moves-${kind}`}>
                <Table.Td valign="top">
                  <Text size="sm" fw={600}>
                    {plural(preview[kind].count, KIND_LABEL[kind].one)}
                  </Text>
                  {lines.length > 0 && (
                    <ScrollArea.Autosize mah={120} type="auto" offsetScrollbars>
                      <List size="xs" spacing={2} mt={4}>
                        {lines.map((item) => (
                          <List.Item key={item.id}>{item.line}</List.Item>
                        ))}
                      </List>
                    </ScrollArea.Autosize>
                  )}
                </Table.Td>
                <Table.Td valign="top">
                  <Group gap={6} wrap="nowrap">
                    <IconArrowRight size={14} aria-hidden />
                    <Text size="sm">{names.get(targets[targetField(kind)]!) ?? "—"}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {excluded.length > 0 ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} title="Not moved" data-testid="reassign-excluded">
          <Group gap={6}>
            {excluded.map((reason) => (
              <Badge key={reason} color="gray.9" variant="light" data-testid={`excluded-${reason}`}>
                {EXCLUSION_LABEL[reason](preview.excluded[reason])}
              </Badge>
            ))}
          </Group>
          <Text size="xs" mt={6}>
            These stay where they are. Private matters stay private and are only counted.
          </Text>
        </Alert>
      ) : (
        <Text size="xs" c="dimmed">
          Nothing is left out.
        </Text>
      )}
    </Stack>
  );
}

/** The preview of the chosen plan, read again whenever a target changes. */
export function PlanPreview({ fromUserId, targets }: { fromUserId: string; targets: ReassignTargets }) {
  const preview = useReassignPreview(fromUserId, targets);
  const people = useEveryone();
  if (!hasTarget(targets)) {
    return (
      <Text size="sm" c="dimmed">
        Choose who receives at least one kind of work to see what would move.
      </Text>
    );
  }
  if (preview.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the preview" />
      </Center>
    );
  }
  if (preview.isError) {
    return (
      <Alert color="red" variant="light" role="alert" title="Could not preview this plan">
        {problemMessage(preview.error)}
      </Alert>
    );
  }
  const names = new Map((people.data?.active ?? []).map((u) => [u.id, u.name.trim() || u.email]));
  return <PreviewSummary preview={preview.data} targets={targets} names={names} />;
}
