/** One task the actor sees; hidden, foreign and missing ones answer the same 404 (SEC-1). */
import { eq } from "drizzle-orm";
import { tasks } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentTask, selectVisibleTasks } from "./task-record.js";

export async function getTask({ db, actor }: ReadContext, id: string) {
  const [row] = await selectVisibleTasks(db, actor, eq(tasks.id, id));
  if (!row) throw notFound("Task");
  return presentTask(row, actor);
}
