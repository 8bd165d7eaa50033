/** ROL-1, ROL-2: the firm's roles with how many hold each, built-in first (or only the one `id` names). */
import { and, asc, eq, sql } from "drizzle-orm";
import { roles, userRoles } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { presentRole } from "./role-record.js";

export async function listRoles({ db, actor }: ReadContext, id?: string) {
  const rows = await db
    .select({ role: roles, holders: sql<number>`(select count(*)::int from ${userRoles} ur where ur.firm_id = ${roles.firmId} and ur.role_id = ${roles.id})` })
    .from(roles)
    .where(id ? and(eq(roles.firmId, actor.firmId), eq(roles.id, id)) : eq(roles.firmId, actor.firmId))
    .orderBy(asc(roles.name));
  const present = rows.map((r) => presentRole(r.role, Number(r.holders)));
  return [...present.filter((r) => r.system), ...present.filter((r) => !r.system)];
}
