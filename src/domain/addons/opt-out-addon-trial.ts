/** ADD-3: opting out of the work add-on's trial before it ends: nothing is charged, its holders lose it. */
import { and, eq } from "drizzle-orm";
import { addonAllocations, addons } from "../../db/schema.js";
import { ADDON_NAMES, type AddonKey } from "../../shared/pricing.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockSubscription } from "../licenses/license-state.js";
import { lockAddon, presentAddon } from "./addon-state.js";
import { cancelTrialJobs } from "./convert-addon-trial.js";

export async function optOutOfAddonTrial({ tx, clock, actor }: ActorContext, key: AddonKey) {
  const sub = await lockSubscription(tx, actor.firmId);
  const addon = await lockAddon(tx, actor.firmId, key);
  const now = clock.now();
  if (!addon || addon.status !== "trial" || !addon.trialEndsAt || addon.trialEndsAt <= now) {
    const ended = addon?.trialEndsAt && addon.trialEndsAt <= now;
    throw new AppError("addon_trial_not_active", ended ? `The ${ADDON_NAMES[key]} trial has already ended.` : `${ADDON_NAMES[key]} is not on trial.`);
  }
  const [row] = await tx
    .update(addons)
    .set({ status: "opted_out", totalLicenses: 0, updatedAt: now })
    .where(and(eq(addons.firmId, actor.firmId), eq(addons.key, key)))
    .returning();
  const removed = await tx
    .delete(addonAllocations)
    .where(and(eq(addonAllocations.firmId, actor.firmId), eq(addonAllocations.addonKey, key)))
    .returning({ userId: addonAllocations.userId });
  await cancelTrialJobs(tx, actor.firmId, key, now);
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "addon.trial_opted_out",
    subject: { type: "addon", id: key, label: `${ADDON_NAMES[key]} trial` },
    before: { status: "trial", total_licenses: addon.totalLicenses, trial_ends_at: addon.trialEndsAt },
    after: { status: "opted_out", total_licenses: 0, holders_removed: removed.length },
  });
  return presentAddon(key, row!, 0, sub);
}
