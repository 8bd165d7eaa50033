/**
 * PATCH of a user: profile (USR-5), subscription type, roles (ROL-3, ROL-6, ROL-7) and groups,
 * each allowed by its policy (ACC-4, ACC-5), guarded by the record's version (If-Match).
 */
import { and, eq, inArray } from "drizzle-orm";
import { userRoles, users } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import type { UpdateUserBody } from "../../shared/schemas.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { setUserGroups } from "../groups/group-record.js";
import { assertFirmRoles } from "../invitations/invite-user.js";
import { loadFirm } from "../firms/load-firm.js";
import { lockUser } from "./lock-user.js";
import { findUser, fullName, type UserRecord } from "./user-record.js";

const PROFILE = {
  first_name: "firstName",
  last_name: "lastName",
  initials: "initials",
  time_zone: "timeZone",
  address: "address",
  city: "city",
  state: "state",
  zip: "zip",
  country: "country",
  phone: "phone",
  subscription_type: "subscriptionType",
} as const;

const snapshot = (u: UserRecord) => ({
  ...Object.fromEntries(Object.entries(PROFILE).map(([api, col]) => [api, u[col]])),
  roles: u.roles.map((r) => r.name).sort(),
  groups: u.groups.map((g) => g.name).sort(),
});

/** Empty strings clear a field; letters of initials are kept as typed. */
const blankToNull = (v: string | null | undefined) => (v === "" ? null : v);

export async function updateUser({ tx, clock, actor }: ActorContext, userId: string, input: UpdateUserBody, ifMatch?: number) {
  const user = await lockUser(tx, actor.firmId, userId);
  if (ifMatch !== undefined && ifMatch !== user.version) {
    throw new AppError("precondition_failed", "This user was changed by someone else since you loaded it. Reload and try again.");
  }
  const profileChanged = Object.keys(PROFILE).some((k) => k !== "subscription_type" && input[k as keyof typeof PROFILE] !== undefined);
  if (profileChanged) authorize(actor, "edit", user);
  if (input.subscription_type !== undefined) authorize(actor, "change_subscription_type", user);
  if (input.role_ids !== undefined) authorize(actor, "change_roles", user);
  if (input.group_ids !== undefined) authorize(actor, "change_groups", user);

  const set: Partial<typeof users.$inferInsert> = {};
  for (const [api, col] of Object.entries(PROFILE) as [keyof typeof PROFILE, (typeof PROFILE)[keyof typeof PROFILE]][]) {
    const value = input[api];
    if (value === undefined) continue;
    (set as Record<string, unknown>)[col] = api === "first_name" || api === "last_name" || api === "subscription_type" ? value : blankToNull(value);
  }

  if (input.role_ids !== undefined) {
    const roleIds = [...new Set(input.role_ids)];
    const granted = await assertFirmRoles(tx, actor.firmId, roleIds);
    // ROL-6: the primary subscriber always keeps the Administrator role.
    if (user.isPrimarySubscriber) {
      const admin = user.roles.find((r) => r.systemKey === "administrator");
      if (!admin || !granted.some((g) => g.id === admin.id)) {
        throw validation([{ path: "role_ids", message: "The primary subscriber always keeps the Administrator role." }]);
      }
    }
    const current = user.roles.map((r) => r.id);
    const drop = current.filter((id) => !roleIds.includes(id));
    const add = roleIds.filter((id) => !current.includes(id));
    if (drop.length) await tx.delete(userRoles).where(and(eq(userRoles.firmId, actor.firmId), eq(userRoles.userId, userId), inArray(userRoles.roleId, drop)));
    if (add.length) await tx.insert(userRoles).values(add.map((roleId) => ({ firmId: actor.firmId, userId, roleId })));
  }
  if (input.group_ids !== undefined) await setUserGroups(tx, actor.firmId, userId, [...new Set(input.group_ids)]);

  const now = clock.now();
  await tx
    .update(users)
    .set({ ...set, updatedAt: now, version: user.version + 1 })
    .where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  const { firm } = await loadFirm(tx, actor.firmId);
  const after = await findUser(tx, actor.firmId, firm.primarySubscriberId, userId);
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.updated",
    subject: { type: "user", id: userId, label: fullName(after!) },
    before: snapshot(user),
    after: snapshot(after!),
  });
}
