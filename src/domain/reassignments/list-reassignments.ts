/** REA-9: the firm's reassignments, newest first, optionally of one person's work, paged by cursor. */
import { and, desc, eq } from "drizzle-orm";
import { reassignments } from "../../db/schema.js";
import { requirePolicy } from "../../policies/authorize.js";
import { reassignmentPolicy } from "../../policies/reassignments.js";
import type { ReadContext } from "../context.js";
import { encodeCursor, page } from "../paging.js";
import { after, cursorAfter, timeKey, timeValue } from "../practice/keyset.js";
import { presentReassignment, selectReassignments } from "./reassignment-record.js";

export interface ListReassignmentsInput {
  from_user_id?: string;
  limit: number;
  cursor?: string;
}

export async function listReassignments({ db, actor }: ReadContext, input: ListReassignmentsInput) {
  requirePolicy(reassignmentPolicy.view(actor));
  const at = cursorAfter(input.cursor);
  const rows = await selectReassignments(
    db,
    actor,
    and(
      input.from_user_id ? eq(reassignments.fromUserId, input.from_user_id) : undefined,
      at ? after(reassignments.createdAt, reassignments.id, timeValue(at.value), at.id, true) : undefined,
    ),
  )
    .orderBy(desc(reassignments.createdAt), desc(reassignments.id))
    .limit(input.limit + 1);
  const paged = page(rows, input.limit, (r) => encodeCursor(timeKey(r.reassignment.createdAt), r.reassignment.id));
  return { data: paged.data.map(presentReassignment), next_cursor: paged.next_cursor };
}
