/** One thread the actor sees; hidden, foreign and missing ones answer the same 404 (SEC-1, DEA-6). */
import { eq } from "drizzle-orm";
import { messageThreads } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentThread, selectVisibleThreads } from "./thread-record.js";

export async function getThread({ db, actor }: ReadContext, id: string) {
  const [row] = await selectVisibleThreads(db, actor, eq(messageThreads.id, id));
  if (!row) throw notFound("Message thread");
  return presentThread(row, actor);
}
