/** Listing and marking the actor's own in-app notifications (NTF-1). */
import { and, count, desc, eq, isNull, lt, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { notifications } from "../../db/schema.js";
import type { Actor, ActorContext } from "../context.js";
import { notFound } from "../errors.js";
import { decodeSeqCursor, encodeCursor, page } from "../paging.js";

const mine = (actor: Actor) => and(eq(notifications.firmId, actor.firmId), eq(notifications.userId, actor.userId));

export async function listNotifications(db: Executor, actor: Actor, input: { unread?: boolean; limit: number; cursor?: string }) {
  const conditions: SQL[] = [mine(actor)!];
  if (input.unread) conditions.push(isNull(notifications.readAt));
  const after = decodeSeqCursor(input.cursor);
  if (after !== null) conditions.push(lt(notifications.seq, after));
  const rows = await db.select().from(notifications).where(and(...conditions)).orderBy(desc(notifications.seq)).limit(input.limit + 1);
  return page(rows, input.limit, (r) => encodeCursor(r.seq, r.id));
}

export async function unreadCount(db: Executor, actor: Actor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(mine(actor), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function markRead({ tx, clock, actor }: ActorContext, id: string | "all"): Promise<void> {
  const where = id === "all" ? and(mine(actor), isNull(notifications.readAt)) : and(mine(actor), eq(notifications.id, id));
  const rows = await tx
    .update(notifications)
    .set({ readAt: clock.now() })
    .where(where)
    .returning({ id: notifications.id });
  if (id !== "all" && rows.length === 0) throw notFound("Notification");
}

export function presentNotification(n: typeof notifications.$inferSelect) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    data: n.data,
    read_at: n.readAt?.toISOString() ?? null,
    created_at: n.createdAt.toISOString(),
  };
}

export async function loadNotification(db: Executor, firmId: string, id: string) {
  const [row] = await db.select().from(notifications).where(and(eq(notifications.firmId, firmId), eq(notifications.id, id)));
  return row ?? null;
}
