/** Writes an in-app notification in the change's transaction; it goes live after commit (NTF-1). */
import { sql } from "drizzle-orm";
import { notifications } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { newId } from "../secrets.js";

export const NOTIFICATION_CHANNEL = "chambers_notifications";

export interface NotificationInput {
  firmId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
}

export async function notify(tx: Tx, clock: Clock, input: NotificationInput): Promise<string> {
  const id = newId();
  await tx.insert(notifications).values({
    firmId: input.firmId,
    id,
    userId: input.userId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    data: input.data ?? {},
    createdAt: clock.now(),
  });
  // NOTIFY inside a transaction is delivered only if it commits, to every instance listening.
  const payload = JSON.stringify({ firm_id: input.firmId, user_id: input.userId, id });
  await tx.execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${payload})`);
  return id;
}
