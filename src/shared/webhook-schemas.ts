/** The zod schemas of webhooks (WHK-1): endpoints and their deliveries. */
import { z } from "zod";
import { LIMITS } from "./limits.js";
import { isoTime, withExample } from "./schemas.js";
import { WEBHOOK_EVENT_TYPES } from "./webhook-events.js";

/** Repeats are allowed and dropped by the domain. */
const eventList = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "Choose at least one event.").max(WEBHOOK_EVENT_TYPES.length * 2);

/** Only the shape here; the address itself (https, public) is checked by the domain after DNS (WHK-2). */
const urlField = z.string().trim().min(1, "Required.").max(LIMITS.urlMax);

export const webhookOut = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  status: z.enum(["active", "paused"]),
  /** WHK-2: failed attempts since the last success; the endpoint pauses at the limit. */
  consecutive_failures: z.number().int(),
  paused_at: isoTime.nullable(),
  created_at: isoTime,
  updated_at: isoTime,
});
export const webhookCreatedOut = webhookOut.extend({
  secret: z.string().meta({ description: "Shown once: sign-checking key of every delivery. Never returned again." }),
});

export const createWebhookBody = withExample(
  z.strictObject({ url: urlField, events: eventList, description: z.string().trim().max(LIMITS.descriptionMax).optional() }),
  { url: "https://hooks.example.com/chambers", events: ["user.invited", "user.deactivated"], description: "Directory sync" },
);
export const updateWebhookBody = withExample(
  z.strictObject({
    url: urlField.optional(),
    events: eventList.optional(),
    description: z.string().trim().max(LIMITS.descriptionMax).optional(),
    status: z.enum(["active", "paused"]).optional(),
  }),
  { status: "active" },
);

export const webhookAttemptOut = z.object({
  at: isoTime,
  duration_ms: z.number().int(),
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const webhookDeliveryOut = z.object({
  id: z.string(),
  event_id: z.string(),
  event: z.string(),
  status: z.enum(["pending", "sending", "delivered", "failed"]),
  attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  next_attempt_at: isoTime.nullable(),
  created_at: isoTime,
  delivered_at: isoTime.nullable(),
  /** Every attempt, oldest first. */
  attempt_log: z.array(webhookAttemptOut),
});

export const deliveryParams = z.object({ id: z.string().min(1).max(100), delivery_id: z.string().min(1).max(100) });
