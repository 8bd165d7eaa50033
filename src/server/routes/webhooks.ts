/** Webhooks (WHK-1, WHK-2): endpoints, their deliveries with every attempt, manual retry. */
import { z } from "zod";
import { createWebhook } from "../../domain/webhooks/create-webhook.js";
import { deleteWebhook } from "../../domain/webhooks/delete-webhook.js";
import { listWebhookDeliveries } from "../../domain/webhooks/list-webhook-deliveries.js";
import { listWebhooks } from "../../domain/webhooks/list-webhooks.js";
import { retryWebhookDelivery } from "../../domain/webhooks/retry-webhook-delivery.js";
import { updateWebhook } from "../../domain/webhooks/update-webhook.js";
import { cursorQuery, idParam, listOf } from "../../shared/schemas.js";
import { createWebhookBody, deliveryParams, updateWebhookBody, webhookCreatedOut, webhookDeliveryOut, webhookOut } from "../../shared/webhook-schemas.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const URL_RULE = "The URL must be https and reach a public address: loopback, private, link-local, CGNAT and multicast addresses are refused after DNS resolution (400 `validation_failed` naming `url`).";

export async function webhookRoutes(app: App, deps: Deps) {
  const policy = { allowHosts: deps.config.WEBHOOK_ALLOW_HOSTS };

  app.get(
    "/webhooks",
    { config: { auth: "firm.settings" }, schema: { tags: ["webhooks"], summary: "The firm's webhook endpoints", response: { 200: listOf(webhookOut) } } },
    async (request) => ({ data: await read(deps, request, (ctx) => listWebhooks(ctx)), next_cursor: null }),
  );

  app.post(
    "/webhooks",
    { config: { auth: "firm.settings" }, schema: { tags: ["webhooks"], summary: "Register an endpoint (WHK-1)", description: `${URL_RULE} The answer carries the signing \`secret\`, shown this once.`, body: createWebhookBody, response: { 201: webhookCreatedOut } } },
    async (request, reply) => reply.code(201).send(await change(deps, request, (ctx) => createWebhook(ctx, policy, request.body))),
  );

  app.patch(
    "/webhooks/:id",
    { config: { auth: "firm.settings" }, schema: { tags: ["webhooks"], summary: "Change an endpoint, pause or resume it", description: `Send only what changes. \`status: active\` resumes a paused endpoint and sends its failed deliveries again, in order. ${URL_RULE}`, params: idParam, body: updateWebhookBody, response: { 200: webhookOut } } },
    async (request) => change(deps, request, (ctx) => updateWebhook(ctx, policy, request.params.id, request.body)),
  );

  app.delete(
    "/webhooks/:id",
    { config: { auth: "firm.settings" }, schema: { tags: ["webhooks"], summary: "Remove an endpoint and its deliveries", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => deleteWebhook(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/webhooks/:id/deliveries",
    { config: { auth: "firm.settings" }, schema: { tags: ["webhooks"], summary: "An endpoint's deliveries, newest first, each with every attempt", params: idParam, querystring: cursorQuery, response: { 200: listOf(webhookDeliveryOut) } } },
    async (request) => read(deps, request, (ctx) => listWebhookDeliveries(ctx, request.params.id, request.query)),
  );

  app.post(
    "/webhooks/:id/deliveries/:delivery_id/retry",
    { config: { auth: "firm.settings", errors: ["conflict"] }, schema: { tags: ["webhooks"], summary: "Send a delivery again", description: "Due at once (a pending one skips the rest of its backoff), in its original place in the endpoint's order; one being sent is left as it is. A paused endpoint answers 409 `conflict`: resume it instead.", params: deliveryParams, response: { 202: { description: "Accepted: the delivery is due now; the body is JSON `null`.", content: { "application/json": { schema: z.null() } } } } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => retryWebhookDelivery(ctx, request.params.id, request.params.delivery_id));
      return reply.code(202).send(null);
    },
  );
}
