/**
 * PRC-8: the threads the actor sees, most recent activity first, filtered by matter, a user or
 * a contact taking part, paged by cursor.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { messageThreads } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { after, cursorAfter, timeKey, timeValue } from "../keyset.js";
import { presentThread, selectVisibleThreads } from "./thread-record.js";
import { qualified } from "../qualified.js";

export interface ListThreadsInput {
  matter_id?: string;
  participant_user_id?: string;
  contact_id?: string;
  limit: number;
  cursor?: string;
}

export async function listThreads({ db, actor }: ReadContext, input: ListThreadsInput) {
  const at = cursorAfter(input.cursor);
  const where = and(
    input.matter_id ? eq(messageThreads.matterId, input.matter_id) : undefined,
    input.participant_user_id
      ? sql`exists (select 1 from thread_users tu2 where tu2.firm_id = ${qualified(messageThreads.firmId)} and tu2.thread_id = ${qualified(messageThreads.id)} and tu2.user_id = ${input.participant_user_id})`
      : undefined,
    input.contact_id
      ? sql`exists (select 1 from thread_contacts tc2 where tc2.firm_id = ${qualified(messageThreads.firmId)} and tc2.thread_id = ${qualified(messageThreads.id)} and tc2.contact_id = ${input.contact_id})`
      : undefined,
    at ? after(messageThreads.lastActivityAt, messageThreads.id, timeValue(at.value), at.id, true) : undefined,
  );
  const rows = await selectVisibleThreads(db, actor, where)
    .orderBy(desc(messageThreads.lastActivityAt), desc(messageThreads.id))
    .limit(input.limit + 1);
  const paged = page(rows, input.limit, (r) => encodeCursor(timeKey(r.thread.lastActivityAt), r.thread.id));
  return { data: paged.data.map((r) => presentThread(r, actor)), next_cursor: paged.next_cursor };
}
