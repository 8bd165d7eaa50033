/** The firm feed, newest first, with filters and cursor paging (FEED-1, FEED-2, FEED-3). */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { activities } from "../../db/schema.js";
import { decodeSeqCursor, encodeCursor, page } from "../paging.js";
import type { ReadContext } from "../context.js";

export interface ListActivitiesInput {
  userId?: string;
  /** FEED-3: what this user did, and what was done to them. */
  aboutUserId?: string;
  kind?: string;
  deletionsOnly?: boolean;
  limit: number;
  cursor?: string;
}

export async function listActivities({ db, actor }: ReadContext, input: ListActivitiesInput) {
  const firmId = actor.firmId;
  const conditions: SQL[] = [eq(activities.firmId, firmId)];
  if (input.userId) conditions.push(eq(activities.actorId, input.userId));
  if (input.aboutUserId) {
    const id = input.aboutUserId;
    conditions.push(or(eq(activities.actorId, id), and(eq(activities.subjectType, "user"), eq(activities.subjectId, id)))!);
  }
  if (input.kind) conditions.push(eq(activities.kind, input.kind));
  if (input.deletionsOnly) conditions.push(eq(activities.isDeletion, true));
  const after = decodeSeqCursor(input.cursor);
  if (after !== null) conditions.push(lt(activities.seq, after));
  const rows = await db
    .select()
    .from(activities)
    .where(and(...conditions))
    .orderBy(desc(activities.seq))
    .limit(input.limit + 1);
  return page(rows, input.limit, (r) => encodeCursor(r.seq, r.id));
}

export function presentActivity(a: typeof activities.$inferSelect) {
  return {
    id: a.id,
    actor: { id: a.actorId, name: a.actorName },
    kind: a.kind,
    subject_type: a.subjectType,
    subject_id: a.subjectId,
    subject_label: a.subjectLabel,
    changes: a.changes,
    is_deletion: a.isDeletion,
    created_at: a.createdAt.toISOString(),
  };
}
