/** Groups (GRP-1, GRP-2). */
import { setArchived } from "../../domain/groups/archive-group.js";
import { createGroup } from "../../domain/groups/create-group.js";
import { getGroup } from "../../domain/groups/get-group.js";
import { listGroups } from "../../domain/groups/list-groups.js";
import { updateGroup } from "../../domain/groups/update-group.js";
import { createGroupBody, groupOut, groupsQuery, idParam, listOf, updateGroupBody } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function groupRoutes(app: App, deps: Deps) {
  app.get(
    "/groups",
    { config: { auth: "user" }, schema: { tags: ["groups"], summary: "The firm's groups; `archived=true` lists the archived ones", querystring: groupsQuery, response: { 200: listOf(groupOut) } } },
    async (request) => ({ data: await read(deps, request, (ctx) => listGroups(ctx, { archived: request.query.archived === "true" })), next_cursor: null }),
  );

  app.get(
    "/groups/:id",
    { config: { auth: "user" }, schema: { tags: ["groups"], summary: "One group", params: idParam, response: { 200: groupOut } } },
    async (request) => read(deps, request, (ctx) => getGroup(ctx, request.params.id)),
  );

  app.post(
    "/groups",
    { config: { auth: "groups.manage", errors: ["conflict"] }, schema: { tags: ["groups"], summary: "Create a group", description: "Names are unique among the firm's live groups (409 `conflict`); members must be active or invited users of the firm.", body: createGroupBody, response: { 201: groupOut } } },
    async (request, reply) => {
      const group = await change(deps, request, async (ctx) => getGroup(readingIn(ctx), await createGroup(ctx, request.body)));
      return reply.code(201).send(group);
    },
  );

  app.patch(
    "/groups/:id",
    { config: { auth: "groups.manage", errors: ["conflict"] }, schema: { tags: ["groups"], summary: "Edit a group: name, description, rates option, members", description: "Send only what changes; `member_ids` replaces the whole list. An archived group keeps its name and members until unarchived.", params: idParam, body: updateGroupBody, response: { 200: groupOut } } },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateGroup(ctx, request.params.id, request.body);
        return getGroup(readingIn(ctx), request.params.id);
      }),
  );

  for (const archived of [true, false]) {
    app.post(
      `/groups/:id/${archived ? "archive" : "unarchive"}`,
      { config: { auth: "groups.manage", ...(archived ? {} : { errors: ["conflict"] as const }) }, schema: { tags: ["groups"], summary: archived ? "Archive a group (GRP-2)" : "Unarchive a group", description: archived ? "The group keeps its members but grants nothing and cannot be chosen anew." : "The name must still be free among the live groups (409 `conflict`).", params: idParam, response: { 200: groupOut } } },
      async (request) =>
        change(deps, request, async (ctx) => {
          await setArchived(ctx, request.params.id, archived);
          return getGroup(readingIn(ctx), request.params.id);
        }),
    );
  }
}
