/** WHK-1: removing an endpoint; its deliveries go with it, nothing more is sent to it. */
import { and, eq } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { endpointSnapshot, lockEndpoint } from "./webhook-record.js";

export async function deleteWebhook({ tx, clock, actor }: ActorContext, id: string): Promise<void> {
  const endpoint = await lockEndpoint(tx, actor.firmId, id);
  await tx.delete(webhookDeliveries).where(and(eq(webhookDeliveries.firmId, actor.firmId), eq(webhookDeliveries.endpointId, id)));
  await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.firmId, actor.firmId), eq(webhookEndpoints.id, id)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "webhook.deleted",
    subject: { type: "webhook", id, label: endpoint.url },
    before: endpointSnapshot(endpoint),
    isDeletion: true,
  });
}
