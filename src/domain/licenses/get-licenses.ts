/** LIC-10: the licenses view. */
import { eq, sql } from "drizzle-orm";
import { subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { availableLicenses, nextBillCents } from "./arithmetic.js";
import type { Subscription } from "./license-state.js";
import type { ReadContext } from "../context.js";

const OCCUPIED = sql<number>`(select count(*)::int from users u
  where u.firm_id = "subscriptions"."firm_id" and u.status in ('invited', 'active'))`;

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

/**
 * The subscription and the licenses occupied, read by one statement so both come from the same
 * snapshot: read apart, a purchase committing between them showed more occupied than total.
 */
export async function getLicenses({ db, actor }: ReadContext) {
  const firmId = actor.firmId;
  const [row] = await db
    .select({ sub: subscriptions, occupied: OCCUPIED })
    .from(subscriptions)
    .where(eq(subscriptions.firmId, firmId));
  if (!row) throw notFound("Subscription");
  const licenses = presentLicenses(row.sub, Number(row.occupied));
  // LIC-6, CLS-2: a closed firm is never billed again.
  return actor.firmClosed ? { ...licenses, next_bill_estimate_cents: 0 } : licenses;
}
