/**
 * ADD-1: giving an active user one of the add-on's licenses. The add-on's row is locked first,
 * then the user, so concurrent allocations queue and never exceed its licenses, and a
 * deactivation (which drops the user's add-ons, ADD-2) is either seen or has not begun.
 */
import { and, eq } from "drizzle-orm";
import { addonAllocations } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import { ADDON_NAMES, type AddonKey } from "../../shared/pricing.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockUser } from "../users/lock-user.js";
import { fullName } from "../users/user-record.js";
import { allocatedCount, lockAddon } from "./addon-state.js";

export async function allocateAddon({ tx, clock, actor }: ActorContext, key: AddonKey, userId: string) {
  const addon = await lockAddon(tx, actor.firmId, key);
  const user = await lockUser(tx, actor.firmId, userId);
  if (user.status !== "active") {
    throw new AppError("user_not_active", `Only active users hold add-ons; ${fullName(user)} is ${user.status}.`, {}, [{ path: "user_id", message: "Not an active user." }]);
  }
  authorize(actor, "allocate_addons", user);
  const [held] = await tx
    .select({ at: addonAllocations.allocatedAt })
    .from(addonAllocations)
    .where(and(eq(addonAllocations.firmId, actor.firmId), eq(addonAllocations.addonKey, key), eq(addonAllocations.userId, userId)));
  if (held) throw new AppError("addon_already_allocated", `${fullName(user)} already holds ${ADDON_NAMES[key]}.`);
  const total = addon && addon.status !== "opted_out" ? addon.totalLicenses : 0;
  const allocated = await allocatedCount(tx, actor.firmId, key);
  if (allocated >= total) {
    const detail = total === 0 ? `The firm has no ${ADDON_NAMES[key]} licenses; buy some first.` : `All ${total} ${ADDON_NAMES[key]} licenses are held.`;
    throw new AppError("no_available_license", detail, { available: 0 });
  }
  const now = clock.now();
  await tx.insert(addonAllocations).values({ firmId: actor.firmId, addonKey: key, userId, allocatedById: actor.userId, allocatedAt: now });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "addon.allocated",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { addon: null },
    after: { addon: key },
  });
  return { key, user_id: userId, allocated_at: now.toISOString() };
}
