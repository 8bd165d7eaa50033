/**
 * WHK-2: what the worker learnt from one attempt, written in one transaction. A success clears
 * the endpoint's failure count. A failure waits with exponential backoff (the clock's time), and
 * the MAX_CONSECUTIVE_FAILURES-th failure in a row pauses the endpoint: the delivery is marked
 * failed, later ones wait, and every administrator is notified and emailed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { webhookDeliveries, webhookEndpoints, type WebhookAttempt } from "../../db/schema.js";
import { webhookPausedEmail } from "../../mail/templates/webhook-paused.js";
import type { Clock } from "../clock.js";
import { retryBackoffMs } from "../scheduling/retry-backoff.js";
import { notify } from "../notifications/notify.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { firmAdministrators } from "../users/firm-administrators.js";

export const MAX_CONSECUTIVE_FAILURES = 10;


export interface ClaimedDelivery {
  firmId: string;
  id: string;
  endpointId: string;
}

export async function recordWebhookAttempt(tx: Tx, clock: Clock, d: ClaimedDelivery, attempt: WebhookAttempt): Promise<void> {
  const ok = attempt.error === null;
  const key = and(eq(webhookDeliveries.firmId, d.firmId), eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, "sending"));
  const log = sql`${webhookDeliveries.attemptLog} || ${JSON.stringify([attempt])}::jsonb`;
  const endpointKey = and(eq(webhookEndpoints.firmId, d.firmId), eq(webhookEndpoints.id, d.endpointId));
  const [endpoint] = await tx.select().from(webhookEndpoints).where(endpointKey).for("update");
  if (ok) {
    await tx.update(webhookDeliveries).set({ status: "delivered", responseStatus: attempt.response_status, attemptLog: log, lockedUntil: null, deliveredAt: clock.now() }).where(key);
    if (endpoint) await tx.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(endpointKey);
    return;
  }
  const failures = (endpoint?.consecutiveFailures ?? 0) + 1;
  const pause = endpoint?.status === "active" && failures >= MAX_CONSECUTIVE_FAILURES;
  await tx
    .update(webhookDeliveries)
    .set({
      status: pause ? "failed" : "pending",
      responseStatus: attempt.response_status,
      attemptLog: log,
      lockedUntil: null,
      nextAttemptAt: new Date(clock.now().getTime() + retryBackoffMs(failures)),
    })
    .where(key);
  if (!endpoint) return;
  const now = clock.now();
  await tx.update(webhookEndpoints).set({ consecutiveFailures: failures, ...(pause ? { status: "paused", pausedAt: now, updatedAt: now } : {}) }).where(endpointKey);
  if (!pause) return;
  const lastError = attempt.error ?? "no answer";
  for (const admin of await firmAdministrators(tx, d.firmId)) {
    await notify(tx, clock, {
      firmId: d.firmId,
      userId: admin.id,
      kind: "webhook.paused",
      title: "A webhook endpoint was paused",
      body: `${endpoint.url} failed ${failures} times in a row (${lastError}). Resume it under Settings, Webhooks once it works.`,
      data: { webhook_id: endpoint.id, url: endpoint.url, failures },
    });
    await enqueueEmail(tx, clock, d.firmId, "webhook.paused", webhookPausedEmail({ to: admin.email, firstName: admin.firstName, url: endpoint.url, failures, lastError }));
  }
}
