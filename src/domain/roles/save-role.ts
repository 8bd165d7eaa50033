/** ROL-2: custom roles created, renamed, edited and deleted (never while held); built-ins never. */
import { and, eq } from "drizzle-orm";
import { roles } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId } from "../secrets.js";
import { assertCustom, assertRoleNameFree, holders, lockRole, roleNameTaken } from "./role-record.js";

const rethrowName = (err: unknown): never => {
  const e = err as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === "23505") throw roleNameTaken();
  throw err;
};

export async function createRole({ tx, clock, actor }: ActorContext, input: { name: string; permissions: string[] }): Promise<string> {
  await assertRoleNameFree(tx, actor.firmId, input.name);
  const id = newId();
  const now = clock.now();
  const permissions = [...new Set(input.permissions)].sort();
  try {
    await tx.insert(roles).values({ firmId: actor.firmId, id, name: input.name, systemKey: null, permissions, createdAt: now, updatedAt: now });
  } catch (err) {
    rethrowName(err);
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

export async function updateRole({ tx, clock, actor }: ActorContext, id: string, input: { name?: string; permissions?: string[] }): Promise<void> {
  const role = await lockRole(tx, actor.firmId, id);
  assertCustom(role);
  const name = input.name ?? role.name;
  if (name.toLowerCase() !== role.name.toLowerCase()) await assertRoleNameFree(tx, actor.firmId, name, id);
  const permissions = input.permissions ? [...new Set(input.permissions)].sort() : role.permissions;
  try {
    await tx.update(roles).set({ name, permissions, updatedAt: clock.now() }).where(and(eq(roles.firmId, actor.firmId), eq(roles.id, id)));
  } catch (err) {
    rethrowName(err);
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
