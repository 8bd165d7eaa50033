import { useEffect, useState } from "react";
import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm } from "../api/forms";
import { useEveryone } from "../api/practice";
import { useMatterChoices, useSaveTask } from "../api/practiceMutations";
import { useCurrentUser } from "../api/queries";
import type { Task, TaskBody } from "../api/types";
import { FormAlert } from "./FormAlert";
import { activeOptions, changedOnly, fromLocalInput, matterOptions, toLocalInput } from "./practiceForm";

interface Values {
  name: string;
  matter_id: string | null;
  assignee_id: string | null;
  due: string;
  completed: boolean;
}

const valuesOf = (task: Task | undefined, meId: string): Values => ({
  name: task?.name ?? "",
  matter_id: task?.matter?.id ?? null,
  assignee_id: task?.assignee.id ?? meId,
  due: toLocalInput(task?.due_at),
  completed: Boolean(task?.completed_at),
});

/** Create a task or edit one (PRC-5): only active users are offered as assignee (PRC-2). */
export function TaskModal({ opened, task, onClose }: { opened: boolean; task?: Task; onClose: () => void }) {
  const me = useCurrentUser();
  const people = useEveryone();
  const matters = useMatterChoices(opened);
  const save = useSaveTask();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(undefined, me.id),
    validate: {
      name: (v) => (v.trim() ? null : "Name the task"),
      assignee_id: (v) => (v ? null : "Choose who does it"),
      due: (v) => (v && !fromLocalInput(v) ? "Enter a date and time" : null),
    },
  });
  // Without the right to give tasks to anyone, a person keeps to their own (the server's rule).
  const anyone = task ? Boolean(task.abilities.reassign) : me.abilities.assign_tasks_to_anyone;

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(task, me.id));
    form.resetDirty();
    form.clearErrors();
    setAlert(null);
    // Only when the dialog opens, or opens for another task.
  }, [opened, task?.id]);

  const submit = (values: Values) => {
    setAlert(null);
    const body: TaskBody = {
      name: values.name.trim(),
      matter_id: values.matter_id,
      assignee_id: values.assignee_id!,
      due_at: fromLocalInput(values.due),
    };
    const changes: Partial<TaskBody> & { completed?: boolean } = changedOnly(body, task && { ...valuesOf(task, me.id), due_at: task.due_at ?? null });
    // The server stamps the completion with its own clock; an unchanged box leaves the time alone.
    if (values.completed !== Boolean(task?.completed_at)) changes.completed = values.completed;
    if (task && Object.keys(changes).length === 0) return onClose();
    save.mutate(
      { id: task?.id, body: changes },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: task ? `“${saved.name}” was saved.` : `“${saved.name}” was created.` });
          onClose();
        },
        onError: (error) => setAlert(applyProblemToForm(form, error)),
      },
    );
  };

  const assignees = anyone ? activeOptions(people.data?.active, [task?.assignee]) : activeOptions([], [task?.assignee ?? { id: me.id, name: me.name, inactive: false }]);

  return (
    <Modal opened={opened} onClose={onClose} title={task ? "Edit task" : "New task"} size="lg" closeOnClickOutside={!save.isPending}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Name" required maxLength={LIMITS.taskNameMax} data-autofocus placeholder="e.g. File the lease" {...form.getInputProps("name")} />
          <Select
            label="Matter"
            placeholder={matters.isPending ? "Loading matters…" : "No matter"}
            searchable
            clearable
            data={matterOptions(matters.data)}
            nothingFoundMessage="No matter matches"
            {...form.getInputProps("matter_id")}
          />
          <Select
            label="Assignee"
            description={anyone ? "Active users only." : "You may give tasks only to yourself."}
            required
            searchable
            allowDeselect={false}
            disabled={!anyone}
            data={assignees}
            {...form.getInputProps("assignee_id")}
          />
          <TextInput label="Due" type="datetime-local" description="Optional; in your time zone." {...form.getInputProps("due")} />
          {/* A new task is open; completing is an edit. */}
          {task && <Checkbox label="Completed" {...form.getInputProps("completed", { type: "checkbox" })} />}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {task ? "Save task" : "Create task"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
