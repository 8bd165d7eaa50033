/** The firm's provisioning settings: the role provisioned people get (the Attorney role unless chosen). */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { roles, scimSettings } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { SCIM_BASE } from "./scim-protocol.js";

/** The role new provisioned people get: the chosen one, else the firm's built-in Attorney role. */
export async function defaultScimRole(db: Executor, firmId: string): Promise<{ id: string; name: string; systemKey: string | null }> {
  const [chosen] = await db
    .select({ id: roles.id, name: roles.name, systemKey: roles.systemKey })
    .from(scimSettings)
    .innerJoin(roles, and(eq(roles.firmId, scimSettings.firmId), eq(roles.id, scimSettings.defaultRoleId)))
    .where(eq(scimSettings.firmId, firmId));
  if (chosen) return chosen;
  const [attorney] = await db.select({ id: roles.id, name: roles.name, systemKey: roles.systemKey }).from(roles).where(and(eq(roles.firmId, firmId), eq(roles.systemKey, "attorney")));
  return attorney!;
}

/** The settings, with the base URL identity providers are given (`origin` is the public URL). */
export async function getScimSettings({ db, actor }: ReadContext, origin: string) {
  const role = await defaultScimRole(db, actor.firmId);
  return { default_role_id: role.id, default_role_name: role.name, base_url: `${origin}${SCIM_BASE}` };
}
