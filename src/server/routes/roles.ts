/** Reading roles and permissions (ROL-1). Custom roles are managed here too as they arrive. */
import { z } from "zod";
import { createRole } from "../../domain/roles/create-role.js";
import { deleteRole } from "../../domain/roles/delete-role.js";
import { getRole } from "../../domain/roles/get-role.js";
import { listRoles } from "../../domain/roles/list-roles.js";
import { updateRole } from "../../domain/roles/update-role.js";
import { PERMISSIONS } from "../../shared/permissions.js";
import { createRoleBody, idParam, roleOut, updateRoleBody } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function roleRoutes(app: App, deps: Deps) {
  app.get(
    "/permissions",
    { config: { auth: "user" }, schema: { tags: ["roles"], summary: "Every permission key", response: { 200: z.object({ data: z.array(z.object({ key: z.string(), description: z.string() })), next_cursor: z.null() }) } } },
    async () => ({ data: Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description })), next_cursor: null }),
  );

  app.get(
    "/roles",
    { config: { auth: "user" }, schema: { tags: ["roles"], summary: "The firm's roles, built-in first", response: { 200: z.object({ data: z.array(roleOut), next_cursor: z.null() }) } } },
    async (request) => ({ data: await read(deps, request, (ctx) => listRoles(ctx)), next_cursor: null }),
  );

  app.get(
    "/roles/:id",
    { config: { auth: "user" }, schema: { tags: ["roles"], summary: "One role", params: idParam, response: { 200: roleOut } } },
    async (request) => read(deps, request, (ctx) => getRole(ctx, request.params.id)),
  );

  app.post(
    "/roles",
    { config: { auth: "roles.manage", errors: ["conflict"] }, schema: { tags: ["roles"], summary: "Create a custom role (ROL-2)", description: "Names are unique in the firm (409 `conflict`).", body: createRoleBody, response: { 201: roleOut } } },
    async (request, reply) => {
      const role = await change(deps, request, async (ctx) => getRole(readingIn(ctx), await createRole(ctx, request.body)));
      return reply.code(201).send(role);
    },
  );

  app.patch(
    "/roles/:id",
    { config: { auth: "roles.manage", errors: ["conflict", "role_immutable"] }, schema: { tags: ["roles"], summary: "Rename or change a custom role; built-in roles answer 409 role_immutable", description: "Holders gain or lose the permissions at once, on their next request (ROL-5).", params: idParam, body: updateRoleBody, response: { 200: roleOut } } },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateRole(ctx, request.params.id, request.body);
        return getRole(readingIn(ctx), request.params.id);
      }),
  );

  app.delete(
    "/roles/:id",
    { config: { auth: "roles.manage", errors: ["role_immutable", "role_in_use"] }, schema: { tags: ["roles"], summary: "Delete a custom role no one holds (409 role_in_use, role_immutable)", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => deleteRole(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
}
