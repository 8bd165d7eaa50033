/** ROL-4: bulk assignment adds the chosen roles to every selected user and never removes one. */
import { and, eq, inArray } from "drizzle-orm";
import { userRoles, users } from "../../db/schema.js";
import { userPolicy } from "../../policies/users.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { loadFirm } from "../firms/load-firm.js";
import { assertFirmRoles } from "../invitations/invite-user.js";
import { withRoles } from "../users/user-record.js";

export async function assignRoles({ tx, clock, actor }: ActorContext, userIds: string[], roleIds: string[]): Promise<number> {
  const ids = [...new Set(userIds)];
  const granted = await assertFirmRoles(tx, actor.firmId, [...new Set(roleIds)]);
  const { firm } = await loadFirm(tx, actor.firmId);
  const rows = await tx.select().from(users).where(and(eq(users.firmId, actor.firmId), inArray(users.id, ids))).for("no key update");
  const targets = await withRoles(tx, actor.firmId, firm.primarySubscriberId, rows);
  // All or nothing: every selected user must exist here and be one whose roles the actor may change.
  const errors = userIds.flatMap((id, i) => {
    const t = targets.find((u) => u.id === id);
    if (!t) return [{ path: `user_ids.${i}`, message: "No such user in this firm." }];
    if (!userPolicy.change_roles(actor, t)) return [{ path: `user_ids.${i}`, message: "You cannot change this user's roles." }];
    return [];
  });
  if (errors.length) throw validation(errors);
  let updated = 0;
  const now = clock.now();
  for (const t of targets) {
    const missing = granted.filter((g) => !t.roles.some((r) => r.id === g.id));
    if (missing.length === 0) continue;
    updated += 1;
    await tx.insert(userRoles).values(missing.map((g) => ({ firmId: actor.firmId, userId: t.id, roleId: g.id })));
    await tx.update(users).set({ updatedAt: now, version: t.version + 1 }).where(and(eq(users.firmId, actor.firmId), eq(users.id, t.id)));
    await recordActivity(tx, clock, {
      firmId: actor.firmId,
      actor: { id: actor.userId, name: actor.name },
      kind: "user.roles_assigned",
      subject: { type: "user", id: t.id, label: `${t.firstName} ${t.lastName}`.trim() || t.email },
      before: { roles: t.roles.map((r) => r.name).sort() },
      after: { roles: [...t.roles.map((r) => r.name), ...missing.map((m) => m.name)].sort() },
    });
  }
  return updated;
}
