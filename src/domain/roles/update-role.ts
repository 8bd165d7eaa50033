/** ROL-2, ROL-5: renaming a custom role or changing its permissions; built-in roles never (ROL-1). */
import { and, eq } from "drizzle-orm";
import { roles } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { assertCustom, assertRoleNameFree, lockRole, rethrowRoleNameConflict } from "./role-record.js";


export async function updateRole({ tx, clock, actor }: ActorContext, id: string, input: { name?: string; permissions?: string[] }): Promise<void> {
  const role = await lockRole(tx, actor.firmId, id);
  assertCustom(role);
  const name = input.name ?? role.name;
  if (name.toLowerCase() !== role.name.toLowerCase()) await assertRoleNameFree(tx, actor.firmId, name, id);
  const permissions = input.permissions ? [...new Set(input.permissions)].sort() : role.permissions;
  try {
    await tx.update(roles).set({ name, permissions, updatedAt: clock.now() }).where(and(eq(roles.firmId, actor.firmId), eq(roles.id, id)));
  } catch (err) {
    rethrowRoleNameConflict(err);
  }
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "role.updated",
    subject: { type: "role", id, label: name },
    before: { name: role.name, permissions: [...role.permissions].sort() },
    after: { name, permissions },
  });
}
