/**
 * PRC-5, PRC-4: editing a task the actor sees: its name, matter, assignee (an active user, or
 * the one it has), due and completion times.
 */
import { and, eq } from "drizzle-orm";
import { tasks } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { taskPolicy } from "../../../policies/tasks.js";
import type { FieldError } from "../../../shared/errors.js";
import type { UpdateTaskInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { choiceErrors, lockChosenUsers } from "../chosen-users.js";
import { findVisibleMatter, NO_SUCH_MATTER } from "../matter-access.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { lockVisibleTask, PRIVATE_TASK_LABEL, taskSnapshot } from "./task-record.js";

const time = (v: string | null | undefined, current: Date | null) => (v === undefined ? current : v === null ? null : new Date(v));

export async function updateTask(ctx: ActorContext, id: string, input: UpdateTaskInput): Promise<void> {
  const { tx, clock, actor } = ctx;
  const statuses = await lockChosenUsers(tx, actor.firmId, [input.assignee_id]);
  const task = await lockVisibleTask(tx, actor, id);
  requirePolicy(taskPolicy.edit(actor, task));
  const assigneeId = input.assignee_id ?? task.assigneeId;
  if (assigneeId !== task.assigneeId) requirePolicy(taskPolicy.reassign(actor, task));

  const now = clock.now();
  const errors: FieldError[] = choiceErrors(statuses, input.assignee_id ? [{ path: "assignee_id", id: input.assignee_id, kept: input.assignee_id === task.assigneeId }] : []);
  const matterId = input.matter_id === undefined ? task.matterId : input.matter_id;
  let onPrivateMatter = task.onPrivateMatter;
  if (matterId && matterId !== task.matterId) {
    const matter = await findVisibleMatter(tx, actor, matterId);
    if (!matter) errors.push({ path: "matter_id", message: NO_SUCH_MATTER });
    onPrivateMatter = task.onPrivateMatter || Boolean(matter?.isPrivate);
  }
  const completedAt = input.completed === undefined ? time(input.completed_at, task.completedAt) : input.completed ? (task.completedAt ?? now) : null;
  const completionChanged = completedAt?.getTime() !== task.completedAt?.getTime();
  if (completionChanged && completedAt && completedAt > now) errors.push({ path: "completed_at", message: "A task cannot be completed in the future." });
  if (errors.length) throw validation(errors);

  const after = {
    name: input.name ?? task.name,
    matterId,
    assigneeId,
    dueAt: time(input.due_at, task.dueAt),
    completedAt,
    completedById: completionChanged ? (completedAt ? actor.userId : null) : task.completedById,
  };
  await tx.update(tasks).set({ ...after, updatedAt: now }).where(and(eq(tasks.firmId, actor.firmId), eq(tasks.id, id)));
  await recordPracticeActivity(ctx, {
    kind: "task.updated",
    subject: { type: "task", id, label: after.name },
    privateLabel: onPrivateMatter ? PRIVATE_TASK_LABEL : null,
    before: taskSnapshot(task),
    after: taskSnapshot(after),
  });
}
