/** Reassignments with the people they name, in one statement (DESIGN habit 16), and how they read. */
import { and, eq, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import { reassignments, users } from "../../db/schema.js";
import type { Actor } from "../context.js";
import { refColumns, userRef, type RefRow } from "../practice/user-ref.js";

const from = alias(users, "from_user");
const mattersTo = alias(users, "matters_to");
const tasksTo = alias(users, "tasks_to");
const eventsTo = alias(users, "events_to");

const onUser = (u: { firmId: AnyPgColumn; id: AnyPgColumn }, column: AnyPgColumn) => and(eq(u.firmId, reassignments.firmId), eq(u.id, column));

/** The firm's reassignments, with their people; `where` narrows them. */
export function selectReassignments(db: Executor, actor: Actor, where?: SQL) {
  return db
    .select({
      reassignment: reassignments,
      from: refColumns(from),
      mattersTo: refColumns(mattersTo),
      tasksTo: refColumns(tasksTo),
      eventsTo: refColumns(eventsTo),
    })
    .from(reassignments)
    .innerJoin(from, onUser(from, reassignments.fromUserId))
    .leftJoin(mattersTo, onUser(mattersTo, reassignments.mattersToId))
    .leftJoin(tasksTo, onUser(tasksTo, reassignments.tasksToId))
    .leftJoin(eventsTo, onUser(eventsTo, reassignments.eventsToId))
    .where(and(eq(reassignments.firmId, actor.firmId), where))
    .$dynamic();
}

export type ReassignmentRow = Awaited<ReturnType<ReturnType<typeof selectReassignments>["execute"]>>[number];

const refOrNull = (u: Partial<RefRow> | null) => (u?.id ? userRef(u as RefRow) : null);

export function presentReassignment(row: ReassignmentRow) {
  const r = row.reassignment;
  return {
    id: r.id,
    from_user_id: r.fromUserId,
    from_user: userRef(row.from),
    matters_to: refOrNull(row.mattersTo),
    tasks_to: refOrNull(row.tasksTo),
    events_to: refOrNull(row.eventsTo),
    counts: { matters: r.matters, tasks: r.tasks, events: r.events },
    created_by: { id: r.createdById, name: r.createdByName },
    created_at: r.createdAt.toISOString(),
  };
}
