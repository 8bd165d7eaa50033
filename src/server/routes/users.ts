/** Reading users (USR-4) and their sessions (SES-2). Changes to users come with invitations, roles and deactivation. */
import { listUsers } from "../../domain/users/list-users.js";
import { getUser } from "../../domain/users/get-user.js";

import { z } from "zod";
import { requestDeactivation } from "../../domain/users/request-deactivation.js";
import { reactivateUser } from "../../domain/users/reactivate-user.js";
import { cancelScheduledDeactivation } from "../../domain/users/cancel-scheduled-deactivation.js";
import { bulkAssignBody, deactivateBody, deactivatedOut, idParam, listOf, reactivateBody, sessionListOut, updateUserBody, userOut, usersQuery } from "../../shared/schemas.js";
import { updateUser } from "../../domain/users/update-user.js";
import { assignRoles } from "../../domain/roles/assign-roles.js";
import { listUserSessions } from "../../domain/sessions/list-user-sessions.js";
import { signOutEverywhere } from "../../domain/sessions/sign-out-everywhere.js";
import { exportUsers } from "../../domain/users/export-users.js";
import { bulkChangeUsers } from "../../domain/users/bulk-change-users.js";
import { bulkUsersBody, bulkUsersOut } from "../../shared/import-schemas.js";
import { mediaResponse } from "../openapi/media.js";
import { change, read, readingIn } from "../use-case.js";
import { actorOf } from "../plugins/auth.js";
import { presentUser, presentUserTo } from "../present.js";
import type { App, Deps } from "../deps.js";

export async function userRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/users",
    { config: { auth: "user", errors: ["forbidden"] }, schema: { tags: ["users"], summary: "List the firm's users", description: "Active users by default; `status` invited, deactivated or all needs `users.manage` (403 otherwise). `q` searches names and emails. Pages by `cursor`.", querystring: usersQuery, response: { 200: listOf(userOut) } } },
    async (request) => {
      const actor = actorOf(request);
      const result = await listUsers(db, actor, request.query);
      const now = deps.clock.now();
      return { data: result.data.map((u) => presentUser(u, actor, now)), next_cursor: result.next_cursor };
    },
  );

  app.get(
    "/users.csv",
    {
      config: { auth: "user", errors: ["forbidden"] },
      schema: {
        tags: ["users"],
        operationId: "exportUsers",
        summary: "The user list as CSV, with the list's filters (USR-6)",
        description: "Every user the list shows with the same filters, not one page: the profile columns of the import template, then status, roles, groups and created_at. Cells a spreadsheet would run as formulas are written as text (SEC-6).",
        querystring: usersQuery.omit({ limit: true, cursor: true }),
        response: { 200: mediaResponse("text/csv", "The users as a CSV file.") },
      },
    },
    async (request, reply) => {
      const csv = await read(deps, request, (ctx) => exportUsers(ctx, request.query));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="users-${deps.clock.now().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );

  app.get(
    "/users/:id",
    { config: { auth: "user", sends: ["ETag"] }, schema: { tags: ["users"], summary: "One user", description: "With an ETag to send back in If-Match when editing. Others than active users are found only by those with `users.manage`.", params: idParam, response: { 200: userOut } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await getUser(db, actor, request.params.id);
      reply.header("etag", `"${user.version}"`);
      return presentUser(user, actor, deps.clock.now());
    },
  );

  app.get(
    "/users/:id/sessions",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], summary: "A user's live sessions: when, where, last seen (SES-2)", params: idParam, response: { 200: sessionListOut } } },
    async (request) => read(deps, request, (ctx) => listUserSessions(ctx, request.params.id)),
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
  app.patch(
    "/users/:id",
    {
      config: { auth: "user", sends: ["ETag"] },
      schema: {
        tags: ["users"],
        summary: "Edit a user's profile, subscription type, roles and groups; honours If-Match",
        description: "Send only what changes; `role_ids` and `group_ids` replace the lists. Each part needs its own ability on the record (403 otherwise). With If-Match, a user changed since answers 412 `precondition_failed`.",
        params: idParam,
        headers: z.object({ "if-match": z.string().max(100).optional() }).passthrough(),
        body: updateUserBody,
        response: { 200: userOut },
      },
    },
    async (request, reply) => {
      const user = await change(deps, request, async (ctx) => {
        await updateUser(ctx, request.params.id, request.body, ifMatchVersion(request.headers["if-match"]));
        return getUser(ctx.tx, ctx.actor, request.params.id);
      });
      reply.header("etag", `"${user.version}"`);
      return presentUser(user, actorOf(request), deps.clock.now());
    },
  );

  app.post(
    "/users/bulk/assign-roles",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], operationId: "assignRolesInBulk", summary: "Add roles to many users; never removes one (ROL-4)", description: "Every id must be a user of the firm and a role of the firm; otherwise nothing changes and the answer is 400 naming them.", body: bulkAssignBody, response: { 200: z.object({ updated: z.number().int() }) } } },
    async (request) => {
      const updated = await change(deps, request, (ctx) => assignRoles(ctx, request.body.user_ids, request.body.role_ids));
      return { updated };
    },
  );

  app.post(
    "/users/bulk",
    {
      config: { auth: "users.manage" },
      schema: {
        tags: ["users"],
        operationId: "changeUsersInBulk",
        summary: "Add many users to a group, remove them from one, or sign them out everywhere (USR-7)",
        description: "`group_id` names the group of `add_to_group` and `remove_from_group`. Each user's change is checked as if made alone: `updated` lists those changed (or already as asked), `refused` every other one with the `code` and `detail` that user alone would have got; the refusals change nothing and do not stop the rest. Deactivated users cannot join groups (`user_not_active`). A group that is not the firm's, or archived for `add_to_group`, is a 400 and changes nothing.",
        body: bulkUsersBody,
        response: { 200: bulkUsersOut },
      },
    },
    async (request) => change(deps, request, (ctx) => bulkChangeUsers(ctx, request.body)),
  );
}

/** Deactivation, scheduled deactivation and reactivation (DEA-1, DEA-3, DEA-8, DEA-9, LIC-9). */
export async function userStatusRoutes(app: App, deps: Deps) {
  app.post(
    "/users/:id/deactivate",
    {
      config: { auth: "users.manage", errors: ["reassignment_required", "conflict"] },
      schema: {
        tags: ["users"],
        summary: "Deactivate a user now, or schedule it with `at`",
        description:
          "Every session and API token of the user ends at once; the license stays occupied until the next bill when `remove_license_at_next_bill` is false. The primary subscriber cannot be deactivated. While the user is still responsible for an open or pending matter, or owns upcoming events on one (neither private), the answer is 409 `reassignment_required` with `counts`, unless `reassign` gives a plan (the same rules as POST /reassignments; `reassignment` then says what moved) or `leave_work` is true (DEA-2). Their video-conference links go, their calendar leaves everyone's view and its events leave the event lists (DEA-3). `private_matters` counts the private matters that stay locked until reactivation (DEA-5). With `at`, all this happens then, with the plan given now (DEA-9).",
        params: idParam,
        body: deactivateBody,
        response: { 200: deactivatedOut },
      },
    },
    async (request) =>
      change(deps, request, async (ctx) => {
        const outcome = await requestDeactivation(ctx, request.params.id, request.body);
        return {
          user: presentUserTo(readingIn(ctx), await getUser(ctx.tx, ctx.actor, request.params.id)),
          reassignment: outcome.reassignment,
          private_matters: outcome.privateMatters,
        };
      }),
  );

  app.post(
    "/users/:id/sign-out-everywhere",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], operationId: "signOutUserEverywhere", summary: "End every session and API token of a user without deactivating them (SES-2)", params: idParam, response: { 200: z.object({ sessions_ended: z.number().int() }) } } },
    async (request) => {
      const ended = await change(deps, request, (ctx) => signOutEverywhere(ctx, request.params.id));
      return { sessions_ended: ended };
    },
  );

  app.delete(
    "/users/:id/scheduled-deactivation",
    { config: { auth: "users.manage" }, schema: { tags: ["users"], operationId: "cancelScheduledDeactivation", summary: "Cancel a scheduled deactivation (DEA-9)", description: "404 when no deactivation is scheduled for the user.", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => cancelScheduledDeactivation(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/users/:id/reactivate",
    { config: { auth: "users.manage", errors: ["email_in_use", "license_purchase_required"] }, schema: { tags: ["users"], summary: "Reactivate a user; needs a free license or `confirm_purchase`", description: "With no license free the answer is 409 `license_purchase_required` with a `quote`; repeat with `confirm_purchase: true` to buy it. If the login email was taken meanwhile (409 `email_in_use`), give a new `email`.", params: idParam, body: reactivateBody, response: { 200: userOut } } },
    async (request) => {
      return change(deps, request, async (ctx) => {
        await reactivateUser(ctx, request.params.id, { email: request.body.email, confirmPurchase: request.body.confirm_purchase ?? false });
        return presentUserTo(readingIn(ctx), await getUser(ctx.tx, ctx.actor, request.params.id));
      });
    },
  );
}
