/**
 * Tasks with their assignee, completer and matter in one statement (DESIGN habit 16), only
 * those whose matter the actor sees (GRP-3, PRC-7).
 */
import { and, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "../../../db/client.js";
import { matters, tasks, users } from "../../../db/schema.js";
import { taskAbilities } from "../../../policies/tasks.js";
import type { Actor } from "../../context.js";
import { notFound } from "../../errors.js";
import { ownMatterVisibleTo } from "../matter-access.js";
import { refColumns, userRef } from "../user-ref.js";

const assignee = alias(users, "assignee");
const completer = alias(users, "completer");

export function selectVisibleTasks(db: Executor, actor: Actor, where?: SQL) {
  return db
    .select({
      task: tasks,
      assignee: refColumns(assignee),
      completedBy: refColumns(completer),
      matter: { id: matters.id, number: matters.number, description: matters.description },
    })
    .from(tasks)
    .innerJoin(assignee, and(eq(assignee.firmId, tasks.firmId), eq(assignee.id, tasks.assigneeId)))
    .leftJoin(completer, and(eq(completer.firmId, tasks.firmId), eq(completer.id, tasks.completedById)))
    .leftJoin(matters, and(eq(matters.firmId, tasks.firmId), eq(matters.id, tasks.matterId)))
    .where(and(eq(tasks.firmId, actor.firmId), ownMatterVisibleTo(tasks.matterId, matters, actor.userId), where))
    .$dynamic();
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectVisibleTasks>["execute"]>>[number];

export function presentTask(row: TaskRow, actor: Actor) {
  const t = row.task;
  return {
    id: t.id,
    name: t.name,
    matter: row.matter,
    assignee: userRef(row.assignee),
    due_at: t.dueAt?.toISOString() ?? null,
    completed_at: t.completedAt?.toISOString() ?? null,
    completed_by: row.completedBy ? userRef(row.completedBy) : null,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    abilities: taskAbilities(actor, t),
  };
}

/** A task the actor sees, locked for a change, and whether its matter is private. */
export async function lockVisibleTask(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ task: tasks, matterAccess: matters.accessKind })
    .from(tasks)
    .leftJoin(matters, and(eq(matters.firmId, tasks.firmId), eq(matters.id, tasks.matterId)))
    .where(and(eq(tasks.firmId, actor.firmId), eq(tasks.id, id), ownMatterVisibleTo(tasks.matterId, matters, actor.userId)))
    .for("no key update", { of: tasks });
  if (!row) throw notFound("Task");
  return { ...row.task, onPrivateMatter: row.matterAccess === "private" };
}

/** The feed's view of a task (FEED-1). */
export const taskSnapshot = (t: { name: string; matterId: string | null; assigneeId: string; dueAt: Date | null; completedAt: Date | null }) => ({
  name: t.name,
  matter_id: t.matterId,
  assignee_id: t.assigneeId,
  due_at: t.dueAt,
  completed_at: t.completedAt,
});

export const PRIVATE_TASK_LABEL = "Task of a private matter";
