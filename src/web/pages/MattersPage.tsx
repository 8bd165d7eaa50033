import { useState } from "react";
import { Badge, Group, Paper, Select, Stack, Table, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBriefcase, IconLock, IconUsersGroup, IconWorld } from "@tabler/icons-react";
import { MATTER_STATUSES, type MatterStatus } from "../../shared/practice-enums";
import { useMatters } from "../api/practice";
import type { Matter } from "../api/types";
import { useCurrentUser } from "../api/queries";
import { MatterModal } from "../components/MatterModal";
import { PageHeader } from "../components/PageHeader";
import { EditButton, FilterBar, ListTable, NewButton, PagedListBody, PersonFilter, PersonName, SearchFilter, useUrlFilters, type Column } from "../components/PracticeParts";

const STATUS_LABEL: Record<MatterStatus, string> = { open: "Open", pending: "Pending", closed: "Closed" };
const STATUS_COLOR: Record<MatterStatus, string> = { open: "teal.9", pending: "orange.9", closed: "gray.9" };

function isStatus(value: string | null): value is MatterStatus {
  return MATTER_STATUSES.some((s) => s === value);
}

export function MatterStatusBadge({ status }: { status: MatterStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** Who may open the matter (GRP-3); a private one is its owner's alone (PRC-7). */
function AccessCell({ matter }: { matter: Matter }) {
  if (matter.access.kind === "private") {
    return (
      <Group gap={4} wrap="nowrap">
        <IconLock size={14} aria-hidden />
        <Text size="sm">Private</Text>
      </Group>
    );
  }
  if (matter.access.kind === "groups") {
    return (
      <Group gap={4} wrap="nowrap">
        <IconUsersGroup size={14} aria-hidden />
        <Text size="sm" lineClamp={1}>
          {matter.groups.map((g) => g.name).join(", ")}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <IconWorld size={14} aria-hidden />
      <Text size="sm">Everyone</Text>
    </Group>
  );
}

const COLUMNS: Column[] = [
  { label: "Matter" },
  { label: "Status" },
  { label: "Responsible attorney" },
  { label: "Originating attorney" },
  { label: "Client" },
  { label: "Access" },
  { label: "Actions", w: 100 },
];

const editable = (m: Matter) => Boolean(m.abilities.edit || m.abilities.change_access || m.abilities.manage_rates);

function MattersTable({ matters, onEdit }: { matters: Matter[]; onEdit: (matter: Matter) => void }) {
  return (
    <ListTable label="Matters" minWidth={960} columns={COLUMNS}>
      {matters.map((matter) => (
        <Table.Tr key={matter.id} data-testid="matter-row">
          <Table.Td>
            <Stack gap={2}>
              <Text size="sm" fw={600} ff="monospace">
                {matter.number}
              </Text>
              <Text size="sm" lineClamp={2} miw={220} maw={420}>
                {matter.description}
              </Text>
            </Stack>
          </Table.Td>
          <Table.Td>
            <MatterStatusBadge status={matter.status} />
          </Table.Td>
          <Table.Td data-testid="responsible">
            <PersonName person={matter.responsible_attorney} />
          </Table.Td>
          <Table.Td>
            <PersonName person={matter.originating_attorney} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={matter.client ? undefined : "dimmed"}>
              {matter.client?.name ?? "—"}
            </Text>
          </Table.Td>
          <Table.Td>
            <AccessCell matter={matter} />
          </Table.Td>
          <Table.Td>
            {editable(matter) && (
              <EditButton label={`Edit matter ${matter.number}`} onClick={() => onEdit(matter)} />
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/** Matters (PRC-1): what the firm works on and who is responsible, deactivated attorneys included (PRC-3). */
export function MattersPage() {
  const [params, set] = useUrlFilters();
  const rawStatus = params.get("status");
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const responsible = params.get("responsible_attorney_id") ?? undefined;
  const originating = params.get("originating_attorney_id") ?? undefined;
  const [query, setQuery] = useState("");
  const [q] = useDebouncedValue(query.trim(), 300);
  const matters = useMatters({ status, responsible_attorney_id: responsible, originating_attorney_id: originating, q });
  const rows = matters.data?.pages.flatMap((p) => p.data) ?? [];
  const me = useCurrentUser();
  // `undefined` closed, `null` a new matter, else the matter being edited.
  const [editing, setEditing] = useState<Matter | null | undefined>(undefined);

  return (
    <>
      <PageHeader
        title="Matters"
        description="The matters you may see, with who is responsible for each. A deactivated attorney reads “(Inactive)” until the matter is given to someone else."
        actions={
          me.abilities.create_matters && (
<NewButton onClick={() => setEditing(null)}>New matter</NewButton>
          )
        }
      />
      <MatterModal opened={editing !== undefined} matter={editing ?? undefined} onClose={() => setEditing(undefined)} />
      <Paper withBorder>
        <FilterBar>
          <Select
            label="Status"
            size="xs"
            w={140}
            placeholder="Any status"
            clearable
            data={MATTER_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            value={status ?? null}
            onChange={(value) => set("status", value ?? undefined)}
          />
          <PersonFilter label="Responsible attorney" value={responsible} onChange={(id) => set("responsible_attorney_id", id)} />
          <PersonFilter label="Originating attorney" value={originating} onChange={(id) => set("originating_attorney_id", id)} />
          <SearchFilter placeholder="Number or description" value={query} onChange={setQuery} />
        </FilterBar>
        <PagedListBody
          list={matters}
          count={rows.length}
          noun="matter"
          filtered={Boolean(status || responsible || originating || q)}
          empty={{ icon: <IconBriefcase size={26} stroke={1.5} />, title: "No matters yet", text: "Matters you are allowed to see appear here, by number." }}
        >
          <MattersTable matters={rows} onEdit={setEditing} />
        </PagedListBody>
      </Paper>
    </>
  );
}
