/**
 * ADD-3: at the end of its trial an add-on converts to paid, charged for the rest of the period
 * from the trial's end. Nothing happens to a trial the firm opted out of, nor to a closed firm's
 * (LIC-6: a closed firm is never charged again). Run by the scheduler; safe to run twice.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { addons, firms, jobs } from "../../db/schema.js";
import { ADDON_KEYS, ADDON_NAMES, type AddonKey } from "../../shared/pricing.js";
import type { Clock } from "../clock.js";
import { recordActivity } from "../feed/record-activity.js";
import { proratedCents } from "../licenses/arithmetic.js";
import { insertCharge, lockSubscription } from "../licenses/license-state.js";
import { addonPrice, lockAddon } from "./addon-state.js";

export const ADDON_TRIAL_JOB = "addon.trial_end";

export async function convertAddonTrial(tx: Tx, clock: Clock, firmId: string, payload: Record<string, unknown>): Promise<boolean> {
  const key = payload.addon_key as AddonKey;
  if (!ADDON_KEYS.includes(key)) return false;
  const sub = await lockSubscription(tx, firmId);
  const addon = await lockAddon(tx, firmId, key);
  const now = clock.now();
  if (!addon || addon.status !== "trial" || !addon.trialEndsAt || addon.trialEndsAt > now) return false;
  const [firm] = await tx.select({ status: firms.status }).from(firms).where(eq(firms.id, firmId));
  if (!firm || firm.status === "closed") return false;
  const amount = proratedCents(addonPrice(key, sub), addon.totalLicenses, sub.periodStart, sub.periodEnd, addon.trialEndsAt);
  await tx.update(addons).set({ status: "active", updatedAt: now }).where(and(eq(addons.firmId, firmId), eq(addons.key, key)));
  if (addon.totalLicenses > 0) {
    await insertCharge(tx, sub, {
      kind: "addon_trial_conversion",
      addonKey: key,
      count: addon.totalLicenses,
      amountCents: amount,
      periodStart: addon.trialEndsAt,
      periodEnd: sub.periodEnd,
      createdById: null,
      createdAt: now,
    });
  }
  await recordActivity(tx, clock, {
    firmId,
    actor: { id: null, name: "Chambers billing" },
    kind: "addon.trial_converted",
    subject: { type: "addon", id: key, label: `${ADDON_NAMES[key]} trial` },
    before: { status: "trial" },
    after: { status: "active", total_licenses: addon.totalLicenses, charge_cents: amount },
  });
  return true;
}

/** Cancels the add-on's pending trial conversion. */
export async function cancelTrialJobs(tx: Tx, firmId: string, key: AddonKey, now: Date) {
  await tx
    .update(jobs)
    .set({ status: "cancelled", finishedAt: now })
    .where(and(eq(jobs.firmId, firmId), eq(jobs.kind, ADDON_TRIAL_JOB), eq(jobs.status, "pending"), sql`${jobs.payload}->>'addon_key' = ${key}`));
}
