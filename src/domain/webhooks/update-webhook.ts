/**
 * WHK-1, WHK-2: changing an endpoint's URL, events, description, or pausing and resuming it.
 * Resuming puts the deliveries that failed when it paused back in line, due now and in their
 * original order, so a receiver that was down misses nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema.js";
import type { WebhookEventType } from "../../shared/webhook-events.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { assertWebhookUrl, type WebhookNetPolicy } from "./webhook-address.js";
import { endpointSnapshot, eventSet, lockEndpoint, presentEndpoint } from "./webhook-record.js";

export async function updateWebhook(
  { tx, clock, actor }: ActorContext,
  policy: WebhookNetPolicy,
  id: string,
  input: { url?: string; events?: WebhookEventType[]; description?: string; status?: "active" | "paused" },
) {
  // The address is resolved before the row is locked: a slow resolver holds up nobody else.
  const checkedUrl = input.url !== undefined ? await assertWebhookUrl(input.url, policy) : null;
  const before = await lockEndpoint(tx, actor.firmId, id);
  const url = checkedUrl ?? before.url;
  const now = clock.now();
  const status = input.status ?? before.status;
  const resuming = before.status === "paused" && status === "active";
  const [after] = await tx
    .update(webhookEndpoints)
    .set({
      url,
      events: input.events ? eventSet(input.events) : before.events,
      description: input.description ?? before.description,
      status,
      updatedAt: now,
      ...(resuming ? { consecutiveFailures: 0, pausedAt: null } : {}),
      ...(before.status === "active" && status === "paused" ? { pausedAt: now } : {}),
    })
    .where(and(eq(webhookEndpoints.firmId, actor.firmId), eq(webhookEndpoints.id, id)))
    .returning();
  if (resuming) {
    await tx
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: now, lockedUntil: null })
      .where(and(eq(webhookDeliveries.firmId, actor.firmId), eq(webhookDeliveries.endpointId, id), sql`${webhookDeliveries.status} = 'failed'`));
  }
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "webhook.updated",
    subject: { type: "webhook", id, label: url },
    before: endpointSnapshot(before),
    after: endpointSnapshot(after!),
  });
  return presentEndpoint(after!);
}
