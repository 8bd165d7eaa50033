/** Licenses, the subscription and the charges ledger (LIC-1 to LIC-10). */
import { z } from "zod";
import { buyLicenses } from "../../domain/licenses/buy-licenses.js";
import { getLicenses } from "../../domain/licenses/get-licenses.js";
import { presentCharge } from "../../domain/licenses/license-state.js";
import { listCharges } from "../../domain/licenses/list-charges.js";
import { quoteLicenses } from "../../domain/licenses/quote-licenses.js";
import { cancelRemoval, scheduleRemoval } from "../../domain/licenses/schedule-removal.js";
import { updateSubscription } from "../../domain/licenses/update-subscription.js";
import { idempotent } from "../idempotency.js";
import { buyLicensesBody, chargeOut, cursorQuery, licensesOut, listOf, quoteBody, quoteOut, removalBody, subscriptionBody, subscriptionOut } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import { presentFirm } from "../present.js";
import { loadFirm } from "../../domain/firms/load-firm.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function licenseRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/licenses",
    { config: { auth: ["users.manage", "licenses.manage", "billing.view"] }, schema: { tags: ["licenses"], summary: "Total, occupied, available and pending licenses, and the next bill", description: "Occupied licenses are held by active and invited users; available ones are free to assign.", response: { 200: licensesOut } } },
    async (request) => read(deps, request, (ctx) => getLicenses(ctx)),
  );

  app.post(
    "/licenses/quote",
    { config: { auth: "licenses.manage" }, schema: { tags: ["licenses"], operationId: "quoteLicenses", summary: "The prorated price of more licenses now (LIC-3)", description: "Nothing is bought: the price of `count` licenses from now to the end of the period.", body: quoteBody, response: { 200: quoteOut } } },
    async (request) => change(deps, request, (ctx) => quoteLicenses(ctx, request.body.count)),
  );

  app.post(
    "/licenses",
    {
      config: { auth: "licenses.manage" },
      schema: {
        tags: ["licenses"],
        operationId: "buyLicenses",
        summary: "Buy licenses, effective at once, charged pro rata",
        description: "Send an Idempotency-Key: a retried purchase is charged once.",
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }).passthrough(),
        body: buyLicensesBody,
        response: { 201: z.object({ licenses: licensesOut, charge: chargeOut }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = request.headers["idempotency-key"];
      const answer = await idempotent(db, deps.clock, actor, typeof key === "string" ? key : undefined, request, async (tx) => {
        const { licenses, charge } = await buyLicenses({ tx, clock: deps.clock, actor }, request.body.count);
        return { status: 201, body: { licenses, charge: presentCharge(charge) } };
      });
      if (answer.replayed) reply.header("idempotent-replayed", "true");
      return reply.code(201).send(answer.body as { licenses: z.infer<typeof licensesOut>; charge: z.infer<typeof chargeOut> });
    },
  );

  app.post(
    "/licenses/removals",
    { config: { auth: "licenses.manage", errors: ["no_available_license"] }, schema: { tags: ["licenses"], operationId: "scheduleLicenseRemoval", summary: "Remove available licenses at the next period (LIC-4)", description: "Only licenses no one holds can go; they stay usable until the period ends.", body: removalBody, response: { 201: z.object({ pending_removal: z.number().int(), effective_at: z.string() }) } } },
    async (request, reply) => {
      const result = await change(deps, request, (ctx) => scheduleRemoval(ctx, request.body.count));
      return reply.code(201).send(result);
    },
  );

  app.delete(
    "/licenses/removals",
    { config: { auth: "licenses.manage" }, schema: { tags: ["licenses"], operationId: "cancelLicenseRemoval", summary: "Cancel the scheduled removal", description: "Does nothing when no removal is scheduled.", response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => cancelRemoval(ctx));
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/subscription",
    { config: { auth: "firm.settings" }, schema: { tags: ["licenses"], summary: "The annual renewal option (LIC-5)", description: "Annual plans only (400 otherwise): whether licenses no one holds are dropped at renewal.", body: subscriptionBody, response: { 200: subscriptionOut } } },
    async (request) => {
      await change(deps, request, (ctx) => updateSubscription(ctx, request.body.remove_unused_licenses_at_renewal));
      const { firm, subscription } = await loadFirm(db, actorOf(request).firmId);
      return presentFirm(firm, subscription, null).subscription;
    },
  );

  app.get(
    "/charges",
    { config: { auth: "billing.view" }, schema: { tags: ["licenses"], summary: "Every charge, newest first (LIC-10)", querystring: cursorQuery, response: { 200: listOf(chargeOut) } } },
    async (request) => read(deps, request, (ctx) => listCharges(ctx, request.query)),
  );
}
