import { Anchor, Paper, Table, Text } from "@mantine/core";
import { IconDownload, IconTransfer } from "@tabler/icons-react";
import { usePastReassignments } from "../api/practiceMutations";
import { reportUrl } from "../api/reassignments";
import type { PastReassignment } from "../api/types";
import { formatDate } from "../format";
import { PageHeader } from "../components/PageHeader";
import { FilterBar, ListTable, PagedListBody, PersonFilter, PersonName, useUrlFilters, type Column } from "../components/PracticeParts";
import { workCounts } from "../components/ReassignPlan";
import { BackLink } from "../components/WithUser";

const COLUMNS: Column[] = [
  { label: "When", w: 180 },
  { label: "From" },
  { label: "Matters to" },
  { label: "Tasks to" },
  { label: "Events to" },
  { label: "Moved", w: 220 },
  { label: "By" },
  { label: "Report", w: 120 },
];

function Row({ r }: { r: PastReassignment }) {
  return (
    <Table.Tr data-testid="reassignment-row">
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {formatDate(r.created_at, true)}
        </Text>
      </Table.Td>
      <Table.Td>
        <PersonName person={r.from_user} />
      </Table.Td>
      <Table.Td>
        <PersonName person={r.matters_to} />
      </Table.Td>
      <Table.Td>
        <PersonName person={r.tasks_to} />
      </Table.Td>
      <Table.Td>
        <PersonName person={r.events_to} />
      </Table.Td>
      <Table.Td data-testid="counts">
        <Text size="sm">{workCounts(r.counts)}</Text>
      </Table.Td>
      <Table.Td>
        {/* No id: the scheduler ran a planned deactivation. */}
        <Text size="sm" c={r.created_by.id ? undefined : "dimmed"}>
          {r.created_by.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor href={reportUrl(r.id)} download size="sm" display="inline-flex" style={{ alignItems: "center", gap: 4 }} aria-label={`Download the report of ${formatDate(r.created_at, true)} (CSV)`}>
          <IconDownload size={14} aria-hidden /> CSV
        </Anchor>
      </Table.Td>
    </Table.Tr>
  );
}

/** REA-9: every reassignment made, newest first, with what moved and its report. */
export function ReassignmentsPage() {
  const [params, set] = useUrlFilters();
  const from = params.get("from_user_id") ?? undefined;
  const list = usePastReassignments(from);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <BackLink />
      <PageHeader title="Past reassignments" description="Each time work was moved from one person to others: how much, to whom, by whom, and a report of every item." />
      <Paper withBorder>
        <FilterBar>
          <PersonFilter label="From" value={from} onChange={(id) => set("from_user_id", id)} />
        </FilterBar>
        <PagedListBody
          list={list}
          count={rows.length}
          noun="reassignment"
          filtered={Boolean(from)}
          empty={{ icon: <IconTransfer size={26} stroke={1.5} />, title: "No reassignments yet", text: "Work moved from one person to others appears here." }}
        >
          <ListTable label="Past reassignments" minWidth={1100} columns={COLUMNS}>
            {rows.map((r) => (
              <Row key={r.id} r={r} />
            ))}
          </ListTable>
        </PagedListBody>
      </Paper>
    </>
  );
}
