/** Reading users (USR-4) and their sessions (SES-2). Changes to users come with invitations, roles and deactivation. */
import { loadFirm } from "../../domain/firms/load-firm.js";
import { listUsers } from "../../domain/users/list-users.js";
import { findUser } from "../../domain/users/user-record.js";
import { notFound } from "../../domain/errors.js";

/** REA-1: every reassignment target is another active user of the firm. */
async function assertActiveTargets(tx: Tx, firmId: string, fromId: string, targets: Record<string, string | undefined>) {
  const errors = [];
  for (const [field, id] of Object.entries(targets)) {
    if (!id) continue;
    const [row] = await tx.select({ status: users.status }).from(users).where(and(eq(users.firmId, firmId), eq(users.id, id)));
    if (!row || row.status !== "active" || id === fromId) errors.push({ path: `reassign.${field}`, message: "Choose another active user of the firm." });
  }
  if (errors.length) throw validation(errors);
}
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { deactivateUser } from "../../domain/users/deactivate-user.js";
import { reactivateUser } from "../../domain/users/reactivate-user.js";
import { cancelScheduledDeactivation, scheduleDeactivation } from "../../domain/users/schedule-deactivation.js";
import { validation } from "../../domain/errors.js";
import { bulkAssignBody, deactivateBody, deactivatedOut, idParam, listOf, reactivateBody, sessionListOut, updateUserBody, userOut, usersQuery } from "../../shared/schemas.js";
import { updateUser } from "../../domain/users/update-user.js";
import { assignRoles } from "../../domain/roles/assign-roles.js";
import { listUserSessions } from "../../domain/sessions/list-user-sessions.js";
import { signOutEverywhere } from "../../domain/sessions/sign-out-everywhere.js";
import { userAsSeenBy } from "./invitations.js";
import { actorOf } from "../plugins/auth.js";
import { presentUser } from "../present.js";
import type { App, Deps } from "../deps.js";

export async function userRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/users",
    { config: { auth: "user" }, schema: { tags: ["users"], summary: "List the firm's users", querystring: usersQuery, response: { 200: listOf(userOut) } } },
    async (request) => {
      const actor = actorOf(request);
      const { firm } = await loadFirm(db, actor.firmId);
      const result = await listUsers(db, actor, firm.primarySubscriberId, request.query);
      return { data: result.data.map((u) => presentUser(u, actor, deps.clock.now())), next_cursor: result.next_cursor };
    },
  );

  app.get(
    "/users/:id",
    { config: { auth: "user" }, schema: { tags: ["users"], summary: "One user", params: idParam, response: { 200: userOut } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { firm } = await loadFirm(db, actor.firmId);
      const user = await findUser(db, actor.firmId, firm.primarySubscriberId, request.params.id);
      if (!user || (user.status !== "active" && !actor.permissions.has("users.manage"))) throw notFound("User");
      reply.header("etag", `"${user.version}"`);
      return presentUser(user, actor, deps.clock.now());
    },
  );

  app.get(
    "/users/:id/sessions",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "A user's live sessions: when, where, last seen (SES-2)", params: idParam, response: { 200: sessionListOut } } },
    async (request) => listUserSessions({ db, clock: deps.clock, actor: actorOf(request) }, request.params.id),
  );
}

/** `"7"` or `W/"7"` from If-Match; a value that is no version of ours can never match. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return m ? Number(m[1]) : -1;
}

/** Editing users: profile, roles, groups (USR-5, ROL-3..7, ACC-4, ACC-5). */
export async function userEditRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.patch(
    "/users/:id",
    {
      config: { auth: "user" },
      schema: {
        tags: ["users"],
        summary: "Edit a user's profile, subscription type, roles and groups; honours If-Match",
        params: idParam,
        headers: z.object({ "if-match": z.string().max(100).optional() }).passthrough(),
        body: updateUserBody,
        response: { 200: userOut },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await db.transaction(async (tx) => {
        await updateUser({ tx, clock: deps.clock, actor }, request.params.id, request.body, ifMatchVersion(request.headers["if-match"]));
        return userAsSeenBy(tx, deps, actor, request.params.id);
      });
      const [row] = await db.select({ version: users.version }).from(users).where(and(eq(users.firmId, actor.firmId), eq(users.id, user.id)));
      reply.header("etag", `"${row?.version ?? 0}"`);
      return user;
    },
  );

  app.post(
    "/users/bulk/assign-roles",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "Add roles to many users; never removes one (ROL-4)", body: bulkAssignBody, response: { 200: z.object({ updated: z.number().int() }) } } },
    async (request) => {
      const actor = actorOf(request);
      const updated = await db.transaction((tx) => assignRoles({ tx, clock: deps.clock, actor }, request.body.user_ids, request.body.role_ids));
      return { updated };
    },
  );
}

/** Deactivation, scheduled deactivation and reactivation (DEA-1, DEA-3, DEA-8, DEA-9, LIC-9). */
export async function userStatusRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.post(
    "/users/:id/deactivate",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "Deactivate a user now, or schedule it with `at`", params: idParam, body: deactivateBody, response: { 200: deactivatedOut } } },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      const opts = { removeLicenseAtNextBill: body.remove_license_at_next_bill ?? false };
      return db.transaction(async (tx) => {
        const ctx = { tx, clock: deps.clock, actor };
        if (body.reassign) await assertActiveTargets(tx, actor.firmId, request.params.id, body.reassign);
        if (body.at) await scheduleDeactivation(ctx, request.params.id, new Date(body.at), opts);
        else await deactivateUser(ctx, request.params.id, opts);
        return {
          user: await userAsSeenBy(tx, deps, actor, request.params.id),
          // Matters, tasks and events arrive with the practice data; until then there is no work to move.
          reassignment: body.reassign && !body.at ? { matters: 0, tasks: 0, events: 0 } : null,
          private_matters: 0,
        };
      });
    },
  );

  app.post(
    "/users/:id/sign-out-everywhere",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "End every session and API token of a user without deactivating them (SES-2)", params: idParam, response: { 200: z.object({ sessions_ended: z.number().int() }) } } },
    async (request) => {
      const actor = actorOf(request);
      const ended = await db.transaction((tx) => signOutEverywhere({ tx, clock: deps.clock, actor }, request.params.id));
      return { sessions_ended: ended };
    },
  );

  app.delete(
    "/users/:id/scheduled-deactivation",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "Cancel a scheduled deactivation (DEA-9)", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => cancelScheduledDeactivation({ tx, clock: deps.clock, actor }, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/users/:id/reactivate",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "Reactivate a user; needs a free license or `confirm_purchase`", params: idParam, body: reactivateBody, response: { 200: userOut } } },
    async (request) => {
      const actor = actorOf(request);
      return db.transaction(async (tx) => {
        await reactivateUser({ tx, clock: deps.clock, actor }, request.params.id, { email: request.body.email, confirmPurchase: request.body.confirm_purchase ?? false });
        return userAsSeenBy(tx, deps, actor, request.params.id);
      });
    },
  );
}
