/**
 * Who may do what to a task (PRC-5). Pure functions. `tasks.manage_all` manages everyone's
 * tasks; without it (Read only, Billing) a person keeps to their own: they create tasks for
 * themselves and change only the tasks assigned to them, which stay theirs. Whether the task is
 * seen at all (its matter's access) is decided in the query.
 */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";

export interface TaskTarget {
  assigneeId: string;
}

const managesAll = (actor: Actor) => actor.permissions.has("tasks.manage_all");

export const taskPolicy = {
  create_for: (actor: Actor, assigneeId: string) => managesAll(actor) || assigneeId === actor.userId,
  edit: (actor: Actor, task: TaskTarget) => managesAll(actor) || task.assigneeId === actor.userId,
  /** Give the task to someone else. */
  reassign: (actor: Actor, _task: TaskTarget) => managesAll(actor),
};

/** What the actor may do to the task, sent with it (DESIGN habit 3). */
export const taskAbilities = (actor: Actor, task: TaskTarget) => whileOpen(actor, { edit: taskPolicy.edit(actor, task), reassign: taskPolicy.reassign(actor, task) });
