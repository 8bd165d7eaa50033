/** Reading, locking and presenting a firm's webhook endpoints and deliveries (WHK-1). */
import { and, eq } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "../../db/schema.js";
import { notFound } from "../errors.js";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The endpoint as the API shows it: never its secret. */
export function presentEndpoint(e: EndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events as never[],
    status: e.status,
    consecutive_failures: e.consecutiveFailures,
    paused_at: iso(e.pausedAt),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

/** The firm's endpoint, locked for the change; another firm's answers 404 (SEC-1). */
export async function lockEndpoint(tx: Tx, firmId: string, id: string): Promise<EndpointRow> {
  const [e] = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.firmId, firmId), eq(webhookEndpoints.id, id))).for("update");
  if (!e) throw notFound("Webhook");
  return e;
}

/** The firm's endpoint, read. */
export async function findEndpoint(db: Executor, firmId: string, id: string): Promise<EndpointRow> {
  const [e] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.firmId, firmId), eq(webhookEndpoints.id, id)));
  if (!e) throw notFound("Webhook");
  return e;
}

/** The subscribed event types, each once, sorted. */
export const eventSet = (events: readonly string[]) => [...new Set(events)].sort();

/** What the feed keeps of an endpoint (never the secret). */
export const endpointSnapshot = (e: Pick<EndpointRow, "url" | "description" | "events" | "status">) => ({
  url: e.url,
  description: e.description,
  events: [...e.events].sort(),
  status: e.status,
});

/** Deliveries joined with their event type, newest first. */
export const deliveryColumns = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  event: webhookEvents.type,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  responseStatus: webhookDeliveries.responseStatus,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  attemptLog: webhookDeliveries.attemptLog,
  seq: webhookDeliveries.seq,
};
