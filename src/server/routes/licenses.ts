/** Licenses, the subscription and the charges ledger (LIC-1 to LIC-10). */
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { charges } from "../../db/schema.js";
import { buyLicenses } from "../../domain/licenses/buy-licenses.js";
import { getLicenses } from "../../domain/licenses/get-licenses.js";
import { presentCharge, quoteFor, lockSubscription } from "../../domain/licenses/license-state.js";
import { cancelRemoval, scheduleRemoval } from "../../domain/licenses/schedule-removal.js";
import { updateSubscription } from "../../domain/licenses/update-subscription.js";
import { idempotent } from "../idempotency.js";
import { decodeSeqCursor, encodeCursor, page } from "../../domain/paging.js";
import { buyLicensesBody, chargeOut, cursorQuery, licensesOut, listOf, quoteBody, quoteOut, removalBody, subscriptionBody, subscriptionOut } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import { presentFirm } from "../present.js";
import { loadFirm } from "../../domain/firms/load-firm.js";
import type { App, Deps } from "../deps.js";

export async function licenseRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/licenses",
    { config: { auth: ["users.manage", "licenses.manage", "billing.view"] }, schema: { tags: ["licenses"], summary: "Total, occupied, available and pending licenses, and the next bill", response: { 200: licensesOut } } },
    async (request) => getLicenses(db, actorOf(request).firmId),
  );

  app.post(
    "/licenses/quote",
    { config: { auth: "licenses.manage" }, schema: { tags: ["licenses"], summary: "The prorated price of more licenses now (LIC-3)", body: quoteBody, response: { 200: quoteOut } } },
    async (request) => {
      const actor = actorOf(request);
      return db.transaction(async (tx) => quoteFor(await lockSubscription(tx, actor.firmId), request.body.count, deps.clock.now()));
    },
  );

  app.post(
    "/licenses",
    {
      config: { auth: "licenses.manage" },
      schema: {
        tags: ["licenses"],
        summary: "Buy licenses, effective at once, charged pro rata",
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
    { config: { auth: "licenses.manage" }, schema: { tags: ["licenses"], summary: "Remove available licenses at the next period (LIC-4)", body: removalBody, response: { 201: z.object({ pending_removal: z.number().int(), effective_at: z.string() }) } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await db.transaction((tx) => scheduleRemoval({ tx, clock: deps.clock, actor }, request.body.count));
      return reply.code(201).send(result);
    },
  );

  app.delete(
    "/licenses/removals",
    { config: { auth: "licenses.manage" }, schema: { tags: ["licenses"], summary: "Cancel the scheduled removal", response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => cancelRemoval({ tx, clock: deps.clock, actor }));
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/subscription",
    { config: { auth: "firm.settings" }, schema: { tags: ["licenses"], summary: "The annual renewal option (LIC-5)", body: subscriptionBody, response: { 200: subscriptionOut } } },
    async (request) => {
      const actor = actorOf(request);
      await db.transaction((tx) => updateSubscription({ tx, clock: deps.clock, actor }, request.body.remove_unused_licenses_at_renewal));
      const { firm, subscription } = await loadFirm(db, actor.firmId);
      return presentFirm(firm, subscription).subscription;
    },
  );

  app.get(
    "/charges",
    { config: { auth: "billing.view" }, schema: { tags: ["licenses"], summary: "Every charge, newest first (LIC-10)", querystring: cursorQuery, response: { 200: listOf(chargeOut) } } },
    async (request) => {
      const actor = actorOf(request);
      const conditions: SQL[] = [eq(charges.firmId, actor.firmId)];
      const after = decodeSeqCursor(request.query.cursor);
      if (after !== null) conditions.push(lt(charges.seq, after));
      const rows = await db.select().from(charges).where(and(...conditions)).orderBy(desc(charges.seq)).limit(request.query.limit + 1);
      const paged = page(rows, request.query.limit, (c) => encodeCursor(c.seq, c.id));
      return { data: paged.data.map(presentCharge), next_cursor: paged.next_cursor };
    },
  );
}
