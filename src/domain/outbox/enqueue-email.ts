/** Puts an email in the outbox, in the change's transaction (NTF-2). The worker sends it. */
import { sql } from "drizzle-orm";
import { outbox, type OutboxEmail } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { newId } from "../secrets.js";

export const OUTBOX_CHANNEL = "chambers_outbox";

export async function enqueueEmail(
  tx: Tx,
  clock: Clock,
  firmId: string,
  kind: string,
  email: OutboxEmail,
): Promise<string> {
  const id = newId();
  const now = clock.now();
  await tx.insert(outbox).values({ firmId, id, kind, payload: email, nextAttemptAt: now, createdAt: now });
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${id})`);
  return id;
}
