/** Add-on licenses: buying, trials, allocating to users (ADD-1 to ADD-3). */
import { z } from "zod";
import { allocateAddon } from "../../domain/addons/allocate-addon.js";
import { buyAddonLicenses } from "../../domain/addons/buy-addon-licenses.js";
import { deallocateAddon } from "../../domain/addons/deallocate-addon.js";
import { listAddons } from "../../domain/addons/list-addons.js";
import { optOutOfAddonTrial } from "../../domain/addons/opt-out-addon-trial.js";
import { quoteAddonLicenses } from "../../domain/addons/quote-addon-licenses.js";
import { presentCharge } from "../../domain/licenses/license-state.js";
import {
  addonAllocationOut,
  addonAllocationParams,
  addonKeyParams,
  addonOut,
  allocateAddonBody,
  buyAddonBody,
  chargeOut,
  listOf,
  quoteBody,
  quoteOut,
} from "../../shared/schemas.js";
import { idempotent } from "../idempotency.js";
import { actorOf } from "../plugins/auth.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const boughtOut = z.object({ addon: addonOut, charge: chargeOut.nullable() });

export async function addonRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/addons",
    { config: { auth: ["users.manage", "licenses.manage", "billing.view"] }, schema: { tags: ["addons"], summary: "The firm's add-ons: licenses, holders, trial (ADD-1)", description: "Every add-on there is, bought or not (`inactive`), in a fixed order: one page.", response: { 200: listOf(addonOut) } } },
    async (request) => read(deps, request, (ctx) => listAddons(ctx)),
  );

  app.post(
    "/addons/:key/quote",
    { config: { auth: "licenses.manage" }, schema: { tags: ["addons"], operationId: "quoteAddonLicenses", summary: "The prorated price of more add-on licenses now", description: "Nothing is bought. While the add-on is on trial, more licenses cost nothing until it converts.", params: addonKeyParams, body: quoteBody, response: { 200: quoteOut } } },
    async (request) => change(deps, request, (ctx) => quoteAddonLicenses(ctx, request.params.key, request.body.count)),
  );

  app.post(
    "/addons/:key/licenses",
    {
      config: { auth: "licenses.manage", errors: ["addon_trial_unavailable"] },
      schema: {
        tags: ["addons"],
        operationId: "buyAddonLicenses",
        summary: "Buy add-on licenses, or start the work add-on's trial (ADD-1, ADD-3)",
        description:
          "With `confirm: true` the licenses are bought at once and charged pro rata (LIC-3). With `trial: true` (the `work` add-on, once) a free trial starts, converting to paid at `trial_ends_at` unless the firm opts out. Send an Idempotency-Key: a retried purchase is charged once.",
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }).passthrough(),
        params: addonKeyParams,
        body: buyAddonBody,
        response: { 201: boughtOut },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = request.headers["idempotency-key"];
      const answer = await idempotent(db, deps.clock, actor, typeof key === "string" ? key : undefined, request, async (tx) => {
        const { addon, charge } = await buyAddonLicenses({ tx, clock: deps.clock, actor }, request.params.key, request.body);
        return { status: 201, body: { addon, charge: charge ? presentCharge(charge) : null } };
      });
      if (answer.replayed) reply.header("idempotent-replayed", "true");
      return reply.code(201).send(answer.body as z.infer<typeof boughtOut>);
    },
  );

  app.post(
    "/addons/:key/allocations",
    {
      config: { auth: "users.manage", errors: ["user_not_active", "no_available_license", "addon_already_allocated"] },
      schema: { tags: ["addons"], operationId: "allocateAddon", summary: "Give an active user one of the add-on's licenses (ADD-1)", description: "Invited and deactivated users cannot hold add-ons (`user_not_active`); with none free, `no_available_license`.", params: addonKeyParams, body: allocateAddonBody, response: { 201: addonAllocationOut } },
    },
    async (request, reply) => reply.code(201).send(await change(deps, request, (ctx) => allocateAddon(ctx, request.params.key, request.body.user_id))),
  );

  app.delete(
    "/addons/:key/allocations/:user_id",
    { config: { auth: "users.manage" }, schema: { tags: ["addons"], operationId: "deallocateAddon", summary: "Take an add-on's license back from a user", description: "At any time; the license is free at once. 404 when the user does not hold it.", params: addonAllocationParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => deallocateAddon(ctx, request.params.key, request.params.user_id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/addons/work/opt-out",
    { config: { auth: "licenses.manage", errors: ["addon_trial_not_active"] }, schema: { tags: ["addons"], operationId: "optOutOfWorkTrial", summary: "Opt out of the work add-on's trial before it ends (ADD-3)", description: "Nothing is charged and its holders lose it. After the trial has ended (it converted), `addon_trial_not_active`.", response: { 200: addonOut } } },
    async (request) => change(deps, request, (ctx) => optOutOfAddonTrial(ctx, "work")),
  );
}
