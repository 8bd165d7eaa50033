/** Reading roles and permissions (ROL-1). Custom roles are managed here too as they arrive. */
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { roles } from "../../db/schema.js";
import { PERMISSIONS } from "../../shared/permissions.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";

export const roleOut = z.object({ id: z.string(), name: z.string(), system: z.boolean(), permissions: z.array(z.string()) });

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
    async (request) => {
      const rows = await db.select().from(roles).where(eq(roles.firmId, actorOf(request).firmId)).orderBy(asc(roles.name));
      const present = rows.map((r) => ({ id: r.id, name: r.name, system: r.systemKey !== null, permissions: [...r.permissions].sort() }));
      return { data: [...present.filter((r) => r.system), ...present.filter((r) => !r.system)], next_cursor: null };
    },
  );
}
