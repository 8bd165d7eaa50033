/** Reading users (USR-4). Changes to users come with invitations, roles and deactivation. */
import { loadFirm } from "../../domain/firms/load-firm.js";
import { listUsers } from "../../domain/users/list-users.js";
import { findUser } from "../../domain/users/user-record.js";
import { notFound } from "../../domain/errors.js";
import { idParam, listOf, userOut, usersQuery } from "../../shared/schemas.js";
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
}
