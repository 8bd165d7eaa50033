/** ADD-1: taking an add-on's license back from a user, at any time; the license is free again at once. */
import { and, eq } from "drizzle-orm";
import { addonAllocations } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import { ADDON_NAMES, type AddonKey } from "../../shared/pricing.js";
import type { ActorContext } from "../context.js";
import { notFound } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockUser } from "../users/lock-user.js";
import { fullName } from "../users/user-record.js";
import { lockAddon } from "./addon-state.js";

export async function deallocateAddon({ tx, clock, actor }: ActorContext, key: AddonKey, userId: string): Promise<void> {
  await lockAddon(tx, actor.firmId, key);
  const user = authorize(actor, "deallocate_addons", await lockUser(tx, actor.firmId, userId));
  const removed = await tx
    .delete(addonAllocations)
    .where(and(eq(addonAllocations.firmId, actor.firmId), eq(addonAllocations.addonKey, key), eq(addonAllocations.userId, userId)))
    .returning({ userId: addonAllocations.userId });
  if (removed.length === 0) throw notFound(`${ADDON_NAMES[key]} held by this user`);
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "addon.deallocated",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { addon: key },
    after: { addon: null },
  });
}
