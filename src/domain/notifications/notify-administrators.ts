/** Tells every active user who manages users (the firm's administrators) of something, in the change's transaction. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { roles, userRoles, users } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { notify, type NotificationInput } from "./notify.js";

export async function notifyAdministrators(tx: Tx, clock: Clock, input: Omit<NotificationInput, "userId">): Promise<number> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.firmId, users.firmId), eq(userRoles.userId, users.id)))
    .innerJoin(roles, and(eq(roles.firmId, userRoles.firmId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(users.firmId, input.firmId), eq(users.status, "active"), sql`'users.manage' = any(${roles.permissions})`))
    .orderBy(asc(users.id));
  for (const { id } of rows) await notify(tx, clock, { ...input, userId: id });
  return rows.length;
}
