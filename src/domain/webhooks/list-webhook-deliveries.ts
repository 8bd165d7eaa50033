/** WHK-1: an endpoint's deliveries, newest first, each with every attempt. */
import { and, desc, eq, lt } from "drizzle-orm";
import { webhookDeliveries, webhookEvents } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { validation } from "../errors.js";
import { deliveryColumns, findEndpoint } from "./webhook-record.js";

export async function listWebhookDeliveries({ db, actor }: ReadContext, endpointId: string, page: { limit: number; cursor?: string }) {
  await findEndpoint(db, actor.firmId, endpointId);
  const before = page.cursor === undefined ? null : Number(page.cursor);
  if (before !== null && !(Number.isSafeInteger(before) && before > 0)) throw validation([{ path: "cursor", message: "Not a cursor this list gave." }]);
  const rows = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, and(eq(webhookEvents.firmId, webhookDeliveries.firmId), eq(webhookEvents.id, webhookDeliveries.eventId)))
    .where(and(eq(webhookDeliveries.firmId, actor.firmId), eq(webhookDeliveries.endpointId, endpointId), before === null ? undefined : lt(webhookDeliveries.seq, before)))
    .orderBy(desc(webhookDeliveries.seq))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const data = rows.slice(0, page.limit).map((d) => ({
    id: d.id,
    event_id: d.eventId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    response_status: d.responseStatus,
    next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    created_at: d.createdAt.toISOString(),
    delivered_at: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    attempt_log: d.attemptLog,
  }));
  return { data, next_cursor: more ? String(rows[page.limit - 1]!.seq) : null };
}
