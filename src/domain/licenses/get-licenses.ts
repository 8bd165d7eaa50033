/** LIC-10: the licenses view. */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { availableLicenses, nextBillCents } from "./arithmetic.js";
import { occupiedLicenses, type Subscription } from "./license-state.js";

export function presentLicenses(sub: Subscription, occupied: number) {
  return {
    plan: sub.plan,
    price_cents: sub.priceCents,
    currency: sub.currency,
    total: sub.totalLicenses,
    occupied,
    available: availableLicenses(sub.totalLicenses, occupied, sub.pendingRemoval),
    pending_removal: sub.pendingRemoval,
    period_start: sub.periodStart.toISOString(),
    period_end: sub.periodEnd.toISOString(),
    next_renewal_at: sub.periodEnd.toISOString(),
    remove_unused_at_renewal: sub.removeUnusedAtRenewal,
    next_bill_estimate_cents: nextBillCents({
      plan: sub.plan,
      priceCents: sub.priceCents,
      total: sub.totalLicenses,
      pendingRemoval: sub.pendingRemoval,
      occupied,
      removeUnusedAtRenewal: sub.removeUnusedAtRenewal,
    }),
  };
}

export async function getLicenses(db: Executor, firmId: string) {
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.firmId, firmId));
  if (!sub) throw notFound("Subscription");
  return presentLicenses(sub, await occupiedLicenses(db, firmId));
}
