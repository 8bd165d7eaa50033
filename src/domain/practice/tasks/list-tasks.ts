/**
 * PRC-5: the tasks the actor sees, soonest due first (those without a due time last), filtered
 * by assignee, matter, completion and a search of the name, paged by cursor.
 */
import { and, asc, eq, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { tasks } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { cursorAfter, likePattern, timeValue } from "../keyset.js";
import { presentTask, selectVisibleTasks } from "./task-record.js";
import { qualified } from "../qualified.js";

export interface ListTasksInput {
  assignee_id?: string;
  matter_id?: string;
  completed?: "true" | "false";
  q?: string;
  limit: number;
  cursor?: string;
}

/** After (due, id) in the order `due_at asc nulls last, id asc`; `due` "" stands for no due time. */
function afterCursor(due: string, id: string) {
  if (due === "") return and(isNull(tasks.dueAt), sql`${qualified(tasks.id)} > ${id}`);
  const at = timeValue(due);
  return or(isNull(tasks.dueAt), sql`(${qualified(tasks.dueAt)}, ${qualified(tasks.id)}) > (${at}, ${id})`);
}

export async function listTasks({ db, actor }: ReadContext, input: ListTasksInput) {
  const at = cursorAfter(input.cursor);
  const where = and(
    input.assignee_id ? eq(tasks.assigneeId, input.assignee_id) : undefined,
    input.matter_id ? eq(tasks.matterId, input.matter_id) : undefined,
    input.completed === "true" ? isNotNull(tasks.completedAt) : input.completed === "false" ? isNull(tasks.completedAt) : undefined,
    input.q ? ilike(tasks.name, likePattern(input.q)) : undefined,
    at ? afterCursor(at.value, at.id) : undefined,
  );
  const rows = await selectVisibleTasks(db, actor, where)
    .orderBy(sql`${qualified(tasks.dueAt)} asc nulls last`, asc(tasks.id))
    .limit(input.limit + 1);
  const paged = page(rows, input.limit, (r) => encodeCursor(r.task.dueAt?.toISOString() ?? "", r.task.id));
  return { data: paged.data.map((r) => presentTask(r, actor)), next_cursor: paged.next_cursor };
}
