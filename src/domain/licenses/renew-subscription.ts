/**
 * LIC-6: at the end of a period, scheduled removals apply (and, on annual plans with the option,
 * unused licenses go: LIC-5), then the new period is charged, with the paid add-ons. A closed
 * firm is never charged.
 */
import { eq } from "drizzle-orm";
import { firms, subscriptions } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { renewAddons } from "../addons/renew-addons.js";
import { scheduleJob } from "../scheduling/schedule-job.js";
import { recordActivity } from "../feed/record-activity.js";
import { licensesAfterRenewal, periodEnd } from "./arithmetic.js";
import { insertCharge, lockSubscription, occupiedLicenses } from "./license-state.js";

export const RENEW_JOB = "subscription.renew";

export async function scheduleRenewal(tx: Tx, clock: Clock, firmId: string, at: Date): Promise<void> {
  await scheduleJob(tx, clock, { firmId, kind: RENEW_JOB, runAt: at });
}

/** Renews one period if it has ended; schedules the next renewal. Safe to run twice. */
export async function renewSubscription(tx: Tx, clock: Clock, firmId: string): Promise<boolean> {
  const sub = await lockSubscription(tx, firmId);
  const now = clock.now();
  if (sub.periodEnd > now) return false;
  const [firm] = await tx.select().from(firms).where(eq(firms.id, firmId));
  if (!firm || firm.status === "closed") return false;
  const occupied = await occupiedLicenses(tx, firmId);
  const total = licensesAfterRenewal({
    plan: sub.plan,
    total: sub.totalLicenses,
    pendingRemoval: sub.pendingRemoval,
    occupied,
    removeUnusedAtRenewal: sub.removeUnusedAtRenewal,
  });
  const start = sub.periodEnd;
  const end = periodEnd(start, sub.plan);
  await tx
    .update(subscriptions)
    .set({ totalLicenses: total, pendingRemoval: 0, periodStart: start, periodEnd: end, updatedAt: now })
    .where(eq(subscriptions.firmId, firmId));
  const amount = total * sub.priceCents;
  await insertCharge(tx, sub, { kind: "renewal", count: total, amountCents: amount, periodStart: start, periodEnd: end, createdById: null, createdAt: now });
  const addonCharges = await renewAddons(tx, now, sub, start, end);
  await recordActivity(tx, clock, {
    firmId,
    actor: { id: null, name: "Chambers billing" },
    kind: "subscription.renewed",
    subject: { type: "subscription", id: firmId, label: `Period from ${start.toISOString().slice(0, 10)}` },
    before: { total_licenses: sub.totalLicenses, pending_removal: sub.pendingRemoval, period_end: sub.periodEnd },
    after: { total_licenses: total, pending_removal: 0, period_end: end, charge_cents: amount, ...(Object.keys(addonCharges).length ? { addon_charges_cents: addonCharges } : {}) },
  });
  await scheduleRenewal(tx, clock, firmId, end);
  return true;
}
