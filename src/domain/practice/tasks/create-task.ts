/** PRC-5, PRC-2: a new task for an active user, optionally on a matter the actor sees. */
import { tasks } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { taskPolicy } from "../../../policies/tasks.js";
import type { FieldError } from "../../../shared/errors.js";
import type { CreateTaskInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { newId } from "../../secrets.js";
import { choiceErrors, lockChosenUsers } from "../chosen-users.js";
import { findVisibleMatter, NO_SUCH_MATTER } from "../matter-access.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { PRIVATE_TASK_LABEL, taskSnapshot } from "./task-record.js";

export async function createTask(ctx: ActorContext, input: CreateTaskInput): Promise<string> {
  const { tx, clock, actor } = ctx;
  requirePolicy(taskPolicy.create_for(actor, input.assignee_id));
  const now = clock.now();
  const statuses = await lockChosenUsers(tx, actor.firmId, [input.assignee_id]);
  const errors: FieldError[] = choiceErrors(statuses, [{ path: "assignee_id", id: input.assignee_id }]);
  const matter = input.matter_id ? await findVisibleMatter(tx, actor, input.matter_id) : null;
  if (input.matter_id && !matter) errors.push({ path: "matter_id", message: NO_SUCH_MATTER });
  const completedAt = input.completed_at ? new Date(input.completed_at) : null;
  if (completedAt && completedAt > now) errors.push({ path: "completed_at", message: "A task cannot be completed in the future." });
  if (errors.length) throw validation(errors);

  const id = newId();
  const row = {
    firmId: actor.firmId,
    id,
    name: input.name,
    matterId: matter?.id ?? null,
    assigneeId: input.assignee_id,
    dueAt: input.due_at ? new Date(input.due_at) : null,
    completedAt,
    completedById: completedAt ? actor.userId : null,
    createdById: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insert(tasks).values(row);
  await recordPracticeActivity(ctx, {
    kind: "task.created",
    subject: { type: "task", id, label: input.name },
    privateLabel: matter?.isPrivate ? PRIVATE_TASK_LABEL : null,
    after: taskSnapshot(row),
  });
  return id;
}
