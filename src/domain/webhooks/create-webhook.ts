/** WHK-1: an administrator registers an HTTPS endpoint; its signing secret is shown once. */
import { webhookEndpoints } from "../../db/schema.js";
import type { WebhookEventType } from "../../shared/webhook-events.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId, newSecret } from "../secrets.js";
import { assertWebhookUrl, type WebhookNetPolicy } from "./webhook-address.js";
import { endpointSnapshot, eventSet, presentEndpoint } from "./webhook-record.js";

export async function createWebhook(
  { tx, clock, actor }: ActorContext,
  policy: WebhookNetPolicy,
  input: { url: string; events: WebhookEventType[]; description?: string },
) {
  const url = await assertWebhookUrl(input.url, policy);
  const now = clock.now();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({ firmId: actor.firmId, id: newId(), url, description: input.description ?? "", events: eventSet(input.events), status: "active", secret: newSecret("whsec"), createdAt: now, updatedAt: now })
    .returning();
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "webhook.created",
    subject: { type: "webhook", id: row!.id, label: url },
    after: endpointSnapshot(row!),
  });
  return { ...presentEndpoint(row!), secret: row!.secret };
}
