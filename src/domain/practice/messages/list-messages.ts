/** PRC-8: the messages of a thread the actor sees, oldest first, paged by cursor. */
import { and, eq, gt, sql } from "drizzle-orm";
import { matters, messages, messageThreads, users } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { decodeSeqCursor, encodeCursor, page } from "../../paging.js";
import { refColumns } from "../user-ref.js";
import { qualified } from "../qualified.js";
import { presentMessage } from "./get-message.js";
import { threadVisibleTo } from "./thread-record.js";

export async function listMessages({ db, actor }: ReadContext, threadId: string, input: { limit: number; cursor?: string }) {
  const after = decodeSeqCursor(input.cursor);
  const rows = await db
    .select({
      thread: { id: messageThreads.id },
      message: { id: messages.id, seq: messages.seq, body: messages.body, createdAt: messages.createdAt },
      author: refColumns(users),
    })
    .from(messageThreads)
    .leftJoin(matters, and(eq(matters.firmId, messageThreads.firmId), eq(matters.id, messageThreads.matterId)))
    .leftJoin(
      messages,
      and(eq(messages.firmId, messageThreads.firmId), eq(messages.threadId, messageThreads.id), after !== null ? gt(messages.seq, after) : undefined),
    )
    .leftJoin(users, and(eq(users.firmId, messages.firmId), eq(users.id, messages.authorId)))
    .where(and(threadVisibleTo(actor), eq(messageThreads.id, threadId)))
    .orderBy(sql`${qualified(messages.seq)} asc nulls first`)
    .limit(input.limit + 1);
  if (rows.length === 0) throw notFound("Message thread");
  // A thread with no (further) message gives one row without a message.
  const found = rows.filter((r) => r.message !== null && r.author !== null);
  const paged = page(found, input.limit, (r) => encodeCursor(r.message!.seq, r.message!.id));
  return {
    data: paged.data.map((r) => presentMessage({ message: { ...r.message!, threadId }, author: r.author! })),
    next_cursor: paged.next_cursor,
  };
}

