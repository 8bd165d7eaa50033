/** One message of a thread the actor sees, as the thread's list presents it. */
import { and, eq } from "drizzle-orm";
import { matters, messages, messageThreads, users } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { refColumns, userRef } from "../user-ref.js";
import { threadVisibleTo } from "./thread-record.js";

export async function getMessage({ db, actor }: ReadContext, threadId: string, id: string) {
  const [row] = await db
    .select({ message: messages, author: refColumns(users) })
    .from(messages)
    .innerJoin(messageThreads, and(eq(messageThreads.firmId, messages.firmId), eq(messageThreads.id, messages.threadId)))
    .leftJoin(matters, and(eq(matters.firmId, messageThreads.firmId), eq(matters.id, messageThreads.matterId)))
    .innerJoin(users, and(eq(users.firmId, messages.firmId), eq(users.id, messages.authorId)))
    .where(and(threadVisibleTo(actor), eq(messages.firmId, actor.firmId), eq(messages.threadId, threadId), eq(messages.id, id)));
  if (!row) throw notFound("Message");
  return presentMessage(row);
}

export function presentMessage(row: { message: { id: string; threadId: string; body: string; createdAt: Date }; author: Parameters<typeof userRef>[0] }) {
  return { id: row.message.id, thread_id: row.message.threadId, author: userRef(row.author), body: row.message.body, created_at: row.message.createdAt.toISOString() };
}
