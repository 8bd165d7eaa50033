/**
 * WHK-1: an administrator sends a delivery again: one the receiver lost after acknowledging it,
 * or one waiting out its backoff once the receiver is fixed. It is due at once and goes out in
 * its original place: later pending deliveries of the endpoint wait for it. One being sent right
 * now is left as it is. A paused endpoint must be resumed first (which sends its failed ones).
 */
import { and, eq } from "drizzle-orm";
import { webhookDeliveries } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { AppError, notFound } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockEndpoint } from "./webhook-record.js";

export async function retryWebhookDelivery({ tx, clock, actor }: ActorContext, endpointId: string, deliveryId: string): Promise<void> {
  const endpoint = await lockEndpoint(tx, actor.firmId, endpointId);
  const key = and(eq(webhookDeliveries.firmId, actor.firmId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId));
  const [delivery] = await tx.select().from(webhookDeliveries).where(key).for("update");
  if (!delivery) throw notFound("Delivery");
  if (endpoint.status === "paused") throw new AppError("conflict", "This endpoint is paused: resume it first, and its failed deliveries are sent again.");
  if (delivery.status === "sending") return;
  await tx.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: clock.now(), lockedUntil: null }).where(key);
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "webhook.delivery_retried",
    subject: { type: "webhook", id: endpointId, label: endpoint.url },
    after: { delivery_id: deliveryId, event_id: delivery.eventId },
  });
}
