/** Groups (GRP-1, GRP-2). */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { groups } from "../../db/schema.js";
import type { Executor } from "../../db/client.js";
import { notFound } from "../../domain/errors.js";
import { setArchived } from "../../domain/groups/archive-group.js";
import { presentGroup, withMembers } from "../../domain/groups/group-record.js";
import { createGroup, updateGroup } from "../../domain/groups/save-group.js";
import { createGroupBody, groupOut, groupsQuery, idParam, listOf, updateGroupBody } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";

async function loadGroup(db: Executor, firmId: string, id: string) {
  const rows = await db.select().from(groups).where(and(eq(groups.firmId, firmId), eq(groups.id, id)));
  const [group] = await withMembers(db, firmId, rows);
  if (!group) throw notFound("Group");
  return presentGroup(group);
}

export async function groupRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/groups",
    { config: { auth: "user" }, schema: { tags: ["groups"], summary: "The firm's groups; `archived=true` lists the archived ones", querystring: groupsQuery, response: { 200: listOf(groupOut) } } },
    async (request) => {
      const firmId = actorOf(request).firmId;
      const archived = request.query.archived === "true";
      const rows = await db
        .select()
        .from(groups)
        .where(and(eq(groups.firmId, firmId), archived ? isNotNull(groups.archivedAt) : isNull(groups.archivedAt)))
        .orderBy(asc(groups.name));
      return { data: (await withMembers(db, firmId, rows)).map(presentGroup), next_cursor: null };
    },
  );

  app.get(
    "/groups/:id",
    { config: { auth: "user" }, schema: { tags: ["groups"], summary: "One group", params: idParam, response: { 200: groupOut } } },
    async (request) => loadGroup(db, actorOf(request).firmId, request.params.id),
  );

  app.post(
    "/groups",
    { config: { auth: "groups.manage" }, schema: { tags: ["groups"], summary: "Create a group", body: createGroupBody, response: { 201: groupOut } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const group = await db.transaction(async (tx) => loadGroup(tx, actor.firmId, await createGroup({ tx, clock: deps.clock, actor }, request.body)));
      return reply.code(201).send(group);
    },
  );

  app.patch(
    "/groups/:id",
    { config: { auth: "groups.manage" }, schema: { tags: ["groups"], summary: "Edit a group: name, description, rates option, members", params: idParam, body: updateGroupBody, response: { 200: groupOut } } },
    async (request) => {
      const actor = actorOf(request);
      return db.transaction(async (tx) => {
        await updateGroup({ tx, clock: deps.clock, actor }, request.params.id, request.body);
        return loadGroup(tx, actor.firmId, request.params.id);
      });
    },
  );

  for (const archived of [true, false]) {
    app.post(
      `/groups/:id/${archived ? "archive" : "unarchive"}`,
      { config: { auth: "groups.manage" }, schema: { tags: ["groups"], summary: archived ? "Archive a group (GRP-2)" : "Unarchive a group", params: idParam, response: { 200: groupOut } } },
      async (request) => {
        const actor = actorOf(request);
        return db.transaction(async (tx) => {
          await setArchived({ tx, clock: deps.clock, actor }, request.params.id, archived);
          return loadGroup(tx, actor.firmId, request.params.id);
        });
      },
    );
  }
}
