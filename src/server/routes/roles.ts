/** Reading roles and permissions (ROL-1). Custom roles are managed here too as they arrive. */
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client.js";
import { roles, userRoles } from "../../db/schema.js";
import { notFound } from "../../domain/errors.js";
import { presentRole } from "../../domain/roles/role-record.js";
import { createRole, deleteRole, updateRole } from "../../domain/roles/save-role.js";
import { PERMISSIONS } from "../../shared/permissions.js";
import { createRoleBody, idParam, roleOut, updateRoleBody } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";

/** The firm's roles with how many hold each, built-in first; or one of them. */
async function loadRoles(db: Executor, firmId: string, id?: string) {
  const rows = await db
    .select({ role: roles, holders: sql<number>`(select count(*)::int from ${userRoles} ur where ur.firm_id = ${roles.firmId} and ur.role_id = ${roles.id})` })
    .from(roles)
    .where(id ? and(eq(roles.firmId, firmId), eq(roles.id, id)) : eq(roles.firmId, firmId))
    .orderBy(asc(roles.name));
  const present = rows.map((r) => presentRole(r.role, Number(r.holders)));
  return [...present.filter((r) => r.system), ...present.filter((r) => !r.system)];
}

async function loadRole(db: Executor, firmId: string, id: string) {
  const [role] = await loadRoles(db, firmId, id);
  if (!role) throw notFound("Role");
  return role;
}

export async function roleRoutes(app: App, deps: Deps) {
  const { db } = deps.database;

  app.get(
    "/permissions",
    { config: { auth: "user" }, schema: { tags: ["roles"], summary: "Every permission key", response: { 200: z.object({ data: z.array(z.object({ key: z.string(), description: z.string() })), next_cursor: z.null() }) } } },
    async () => ({ data: Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description })), next_cursor: null }),
  );

  app.get(
    "/roles",
    { config: { auth: "user" }, schema: { tags: ["roles"], summary: "The firm's roles, built-in first", response: { 200: z.object({ data: z.array(roleOut), next_cursor: z.null() }) } } },
    async (request) => ({ data: await loadRoles(db, actorOf(request).firmId), next_cursor: null }),
  );

  app.get(
    "/roles/:id",
    { config: { auth: "user" }, schema: { tags: ["roles"], summary: "One role", params: idParam, response: { 200: roleOut } } },
    async (request) => loadRole(db, actorOf(request).firmId, request.params.id),
  );

  app.post(
    "/roles",
    { config: { auth: "roles.manage" }, schema: { tags: ["roles"], summary: "Create a custom role (ROL-2)", body: createRoleBody, response: { 201: roleOut } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const role = await db.transaction(async (tx) => loadRole(tx, actor.firmId, await createRole({ tx, clock: deps.clock, actor }, request.body)));
      return reply.code(201).send(role);
    },
  );

  app.patch(
    "/roles/:id",
    { config: { auth: "roles.manage" }, schema: { tags: ["roles"], summary: "Rename or change a custom role; built-in roles answer 409 role_immutable", params: idParam, body: updateRoleBody, response: { 200: roleOut } } },
    async (request) => {
      const actor = actorOf(request);
      return db.transaction(async (tx) => {
        await updateRole({ tx, clock: deps.clock, actor }, request.params.id, request.body);
        return loadRole(tx, actor.firmId, request.params.id);
      });
    },
  );

  app.delete(
    "/roles/:id",
    { config: { auth: "roles.manage" }, schema: { tags: ["roles"], summary: "Delete a custom role no one holds (409 role_in_use, role_immutable)", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => deleteRole({ tx, clock: deps.clock, actor }, request.params.id));
      return reply.code(204).send(null);
    },
  );
}
