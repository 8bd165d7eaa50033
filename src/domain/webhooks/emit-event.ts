/**
 * WHK-2: the webhook events of a change, written in its transaction. Every change already
 * records its feed entry through recordActivity, inside the transaction and after taking the
 * firm's feed lock, so events are derived there, in one place: an activity kind maps to an event
 * type, and an event with a delivery row per endpoint that subscribed to it is written. A
 * paused endpoint gets its rows too, held until it is resumed, so pausing loses nothing.
 * A firm without endpoints pays one indexed read. Deliveries are numbered (`seq`) while the
 * firm's feed lock is held, so their order is the order in which the changes committed.
 */
import { and, arrayContains, eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { users, webhookDeliveries, webhookEndpoints, webhookEvents } from "../../db/schema.js";
import type { WebhookEventType } from "../../shared/webhook-events.js";
import type { Clock } from "../clock.js";
import { newId } from "../secrets.js";

/** Which feed entries are which webhook events; entries not listed send nothing. */
const EVENT_OF_ACTIVITY: Record<string, WebhookEventType> = {
  "user.invited": "user.invited",
  "invitation.accepted": "user.activated",
  "user.updated": "user.updated",
  "user.email_changed": "user.updated",
  "user.roles_assigned": "user.updated",
  "user.deactivation_scheduled": "user.updated",
  "user.deactivation_cancelled": "user.updated",
  "user.deactivated": "user.deactivated",
  "user.reactivated": "user.reactivated",
  "invitation.revoked": "invitation.revoked",
  "licenses.purchased": "license.changed",
  "licenses.removal_scheduled": "license.changed",
  "licenses.removal_cancelled": "license.changed",
  "subscription.renewed": "license.changed",
  "addon.purchased": "license.changed",
  "addon.trial_started": "license.changed",
  "addon.trial_converted": "license.changed",
  "addon.trial_opted_out": "license.changed",
  "addon.allocated": "user.updated",
  "addon.deallocated": "user.updated",
  "role.created": "role.changed",
  "role.updated": "role.changed",
  "role.deleted": "role.changed",
  "group.created": "group.changed",
  "group.updated": "group.changed",
  "group.archived": "group.changed",
  "group.unarchived": "group.changed",
  "reassignment.completed": "reassignment.completed",
  "import.completed": "import.completed",
};

export interface ActivityFacts {
  firmId: string;
  activityId: string;
  kind: string;
  actor: { id: string | null; name: string };
  subject: { type: string; id: string; label: string };
  changes: Record<string, { before: unknown; after: unknown }>;
  createdAt: Date;
}

/** The person an event is about, as receivers need them (null once an invitee was revoked and removed). */
async function userData(tx: Tx, firmId: string, userId: string) {
  const [u] = await tx
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, status: users.status })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, userId)));
  if (!u) return null;
  return { id: u.id, email: u.email, first_name: u.firstName, last_name: u.lastName, name: `${u.firstName} ${u.lastName}`.trim(), status: u.status };
}

/** Writes the event of a feed entry and its deliveries, if any endpoint wants it. */
export async function emitWebhookEvent(tx: Tx, clock: Clock, facts: ActivityFacts): Promise<void> {
  const type = EVENT_OF_ACTIVITY[facts.kind];
  if (!type) return;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.firmId, facts.firmId), arrayContains(webhookEndpoints.events, [type])));
  if (!endpoints.length) return;
  const id = newId();
  const now = clock.now();
  const data = {
    subject: facts.subject,
    actor: facts.actor,
    activity: { id: facts.activityId, kind: facts.kind },
    changes: facts.changes,
    ...(facts.subject.type === "user" ? { user: await userData(tx, facts.firmId, facts.subject.id) } : {}),
  };
  const payload = { id, type, created_at: facts.createdAt.toISOString(), firm_id: facts.firmId, data };
  await tx.insert(webhookEvents).values({ firmId: facts.firmId, id, type, payload, createdAt: now });
  await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ firmId: facts.firmId, id: newId(), endpointId: e.id, eventId: id, nextAttemptAt: now, createdAt: now })));
}
