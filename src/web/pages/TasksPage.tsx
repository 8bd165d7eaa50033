import { useState } from "react";
import { Badge, Paper, Table, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconChecklist } from "@tabler/icons-react";
import { useTasks } from "../api/practice";
import type { Task } from "../api/types";
import { formatDate } from "../format";
import { PageHeader } from "../components/PageHeader";
import { TaskModal } from "../components/TaskModal";
import { EditButton, FilterBar, NewButton, PagedListBody, PersonFilter, PersonName, SearchFilter, SegmentFilter, useUrlFilters, MatterCell, ListTable, type Column } from "../components/PracticeParts";

const SHOW = [
  { value: "open", label: "Open" },
  { value: "done", label: "Completed" },
  { value: "all", label: "All" },
];

/** Whether the task is done, late or still to do, as of when the page was drawn. */
function TaskState({ task, now }: { task: Task; now: number }) {
  if (task.completed_at) {
    return (
      <Badge color="gray.9" variant="light">
        Completed
      </Badge>
    );
  }
  if (task.due_at && Date.parse(task.due_at) < now) {
    return (
      <Badge color="red.9" variant="light">
        Past due
      </Badge>
    );
  }
  return (
    <Badge color="teal.9" variant="light">
      Open
    </Badge>
  );
}

const COLUMNS: Column[] = [{ label: "Task" }, { label: "Matter", w: 260 }, { label: "Assignee", w: 200 }, { label: "Due", w: 170 }, { label: "State", w: 120 }, { label: "Actions", w: 100 }];

function TasksTable({ tasks, onEdit }: { tasks: Task[]; onEdit: (task: Task) => void }) {
  const [now] = useState(() => Date.now());
  return (
    <ListTable label="Tasks" minWidth={880} columns={COLUMNS}>
      {tasks.map((task) => (
        <Table.Tr key={task.id} data-testid="task-row">
          <Table.Td>
            <Text size="sm" fw={500}>
              {task.name}
            </Text>
          </Table.Td>
          <Table.Td>
            <MatterCell matter={task.matter} />
          </Table.Td>
          <Table.Td data-testid="assignee">
            <PersonName person={task.assignee} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={task.due_at ? undefined : "dimmed"} style={{ whiteSpace: "nowrap" }}>
              {task.due_at ? formatDate(task.due_at, true) : "No due date"}
            </Text>
          </Table.Td>
          <Table.Td>
            <TaskState task={task} now={now} />
          </Table.Td>
          <Table.Td>{task.abilities.edit && <EditButton label={`Edit task ${task.name}`} onClick={() => onEdit(task)} />}</Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/** Tasks (PRC-5): everyone's for those who manage all tasks, one's own otherwise; soonest due first. */
export function TasksPage() {
  const [params, set] = useUrlFilters();
  const show = SHOW.some((s) => s.value === params.get("show")) ? params.get("show")! : "open";
  const assignee = params.get("assignee_id") ?? undefined;
  const [query, setQuery] = useState("");
  const [q] = useDebouncedValue(query.trim(), 300);
  const completed = show === "all" ? undefined : show === "done" ? "true" : "false";
  const tasks = useTasks({ assignee_id: assignee, completed, q });
  const rows = tasks.data?.pages.flatMap((p) => p.data) ?? [];
  // `undefined` closed, `null` a new task, else the task being edited.
  const [editing, setEditing] = useState<Task | null | undefined>(undefined);

  return (
    <>
      <PageHeader
        title="Tasks"
        description="Tasks you may see, soonest due first, with who holds each. A deactivated assignee reads “(Inactive)” until the task is given to someone else."
        actions={<NewButton onClick={() => setEditing(null)}>New task</NewButton>}
      />
      <TaskModal opened={editing !== undefined} task={editing ?? undefined} onClose={() => setEditing(undefined)} />
      <Paper withBorder>
        <FilterBar>
          <SegmentFilter label="Show" data={SHOW} value={show} onChange={(value) => set("show", value === "open" ? undefined : value)} />
          <PersonFilter label="Assignee" value={assignee} onChange={(id) => set("assignee_id", id)} />
          <SearchFilter placeholder="Task name" value={query} onChange={setQuery} />
        </FilterBar>
        <PagedListBody
          list={tasks}
          count={rows.length}
          noun="task"
          filtered={Boolean(assignee || q || show !== "all")}
          empty={{ icon: <IconChecklist size={26} stroke={1.5} />, title: "No tasks yet", text: "Tasks assigned to you, or to anyone if you manage all tasks, appear here." }}
        >
          <TasksTable tasks={rows} onEdit={setEditing} />
        </PagedListBody>
      </Paper>
    </>
  );
}
