/** ROL-2: an administrator creates a custom role, a named set of permissions. */
import { roles } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId } from "../secrets.js";
import { assertRoleNameFree, rethrowRoleNameConflict } from "./role-record.js";


export async function createRole({ tx, clock, actor }: ActorContext, input: { name: string; permissions: string[] }): Promise<string> {
  await assertRoleNameFree(tx, actor.firmId, input.name);
  const id = newId();
  const now = clock.now();
  const permissions = [...new Set(input.permissions)].sort();
  try {
    await tx.insert(roles).values({ firmId: actor.firmId, id, name: input.name, systemKey: null, permissions, createdAt: now, updatedAt: now });
  } catch (err) {
    rethrowRoleNameConflict(err);
  }
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "role.created",
    subject: { type: "role", id, label: input.name },
    after: { name: input.name, permissions },
  });
  return id;
}
