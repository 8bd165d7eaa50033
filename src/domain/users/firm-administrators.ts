/** The firm's active administrators: those holding a role with the firm.settings permission. */
import { and, arrayContains, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { roles, userRoles, users } from "../../db/schema.js";

export async function firmAdministrators(db: Executor, firmId: string) {
  return db
    .selectDistinct({ id: users.id, email: users.email, firstName: users.firstName })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.firmId, users.firmId), eq(userRoles.userId, users.id)))
    .innerJoin(roles, and(eq(roles.firmId, userRoles.firmId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(users.firmId, firmId), eq(users.status, "active"), arrayContains(roles.permissions, ["firm.settings"])));
}
