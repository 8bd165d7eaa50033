import { Badge, Box, Group, Stack, Table, Text } from "@mantine/core";
import { activityKindLabel } from "../../shared/activity-kinds";
import type { Activity } from "../api/types";
import { formatDate } from "../format";

/** "first_name" -> "First name". */
function fieldLabel(key: string): string {
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A recorded value as a person reads it: lists joined, empty as an em dash. */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(readableValue).join(", ") : "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value as string | number);
}

/** Which fields changed, each before and after (FEED-1). */
function Changes({ changes }: { changes: Activity["changes"] }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <Table withTableBorder withColumnBorders fz="xs" mt={6} maw={720} data-testid="activity-changes" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([key, change]) => (
          <Table.Tr key={key}>
            <Table.Td>{fieldLabel(key)}</Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{readableValue(change.before)}</Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{readableValue(change.after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Feed entries, newest first: who did what to which record, when, and what changed. */
export function ActivityList({ items }: { items: Activity[] }) {
  return (
    <Stack gap={0} component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Activity">
      {items.map((a) => (
        <Box component="li" key={a.id} px="md" py="sm" data-testid="activity" data-kind={a.kind} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" color={a.is_deletion ? "red.9" : "navy.8"}>
                  {activityKindLabel(a.kind)}
                </Badge>
                {a.is_deletion && (
                  <Badge variant="light" color="red.9">
                    Deletion
                  </Badge>
                )}
                <Text size="sm" fw={600}>
                  {a.subject_label}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                By {a.actor.name} · {a.subject_type.replace(/_/g, " ")}
              </Text>
            </Stack>
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              {formatDate(a.created_at, true)}
            </Text>
          </Group>
          <Changes changes={a.changes} />
        </Box>
      ))}
    </Stack>
  );
}
