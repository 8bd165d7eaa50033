/**
 * SEC-9: the local mail viewer's reads. Only the asking administrator's own firm's mail, by
 * the firm in the query: another firm's message is not found.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { outbox } from "../../db/schema.js";

export function listLocalMail(db: Executor, firmId: string, limit = 100) {
  return db
    .select({ id: outbox.id, createdAt: outbox.createdAt, status: outbox.status, to: outbox.payload })
    .from(outbox)
    .where(eq(outbox.firmId, firmId))
    .orderBy(desc(outbox.seq))
    .limit(limit)
    .then((rows) => rows.map((r) => ({ id: r.id, createdAt: r.createdAt, status: r.status, to: r.to.to, subject: r.to.subject })));
}

export async function findLocalMail(db: Executor, firmId: string, id: string) {
  const [row] = await db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.firmId, firmId), eq(outbox.id, id))).limit(1);
  return row?.payload ?? null;
}
