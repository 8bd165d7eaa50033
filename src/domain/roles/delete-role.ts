/** ROL-2: deleting a custom role nobody holds; built-in roles never (ROL-1). */
import { and, eq } from "drizzle-orm";
import { roles } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { assertCustom, holders, lockRole } from "./role-record.js";

export async function deleteRole({ tx, clock, actor }: ActorContext, id: string): Promise<void> {
  const role = await lockRole(tx, actor.firmId, id);
  assertCustom(role);
  const heldBy = await holders(tx, actor.firmId, id);
  if (heldBy > 0) {
    throw new AppError("role_in_use", `${role.name} is held by ${heldBy} user${heldBy === 1 ? "" : "s"}; take it from them first.`, { holders: heldBy });
  }
  await tx.delete(roles).where(and(eq(roles.firmId, actor.firmId), eq(roles.id, id)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "role.deleted",
    subject: { type: "role", id, label: role.name },
    before: { name: role.name, permissions: role.permissions },
    isDeletion: true,
  });
}
