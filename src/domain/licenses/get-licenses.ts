/** LIC-10: the licenses view; the estimated next bill counts the paid add-ons too (ADD-1). */
import { eq, sql } from "drizzle-orm";
import { subscriptions } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { ADDON_PRICE_CENTS, type AddonKey } from "../../shared/pricing.js";
import { availableLicenses, nextBillCents } from "./arithmetic.js";
import type { Subscription } from "./license-state.js";
import type { ReadContext } from "../context.js";

const OCCUPIED = sql<number>`(select count(*)::int from users u
  where u.firm_id = "subscriptions"."firm_id" and u.status in ('invited', 'active'))`;

/** The paid add-ons, renewed with the subscription (trials are charged when they convert). */
export const PAID_ADDONS = sql<PaidAddon[]>`coalesce((select json_agg(json_build_object('key', a.key, 'total', a.total_licenses))
  from addons a where a.firm_id = "subscriptions"."firm_id" and a.status = 'active' and a.total_licenses > 0), '[]'::json)`;

export interface PaidAddon {
  key: AddonKey;
  total: number;
}

export function presentLicenses(sub: Subscription, occupied: number, paidAddons: PaidAddon[]) {
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
    }) + paidAddons.reduce((sum, a) => sum + a.total * ADDON_PRICE_CENTS[a.key][sub.plan], 0),
  };
}

/**
 * The subscription and the licenses occupied, read by one statement so both come from the same
 * snapshot: read apart, a purchase committing between them showed more occupied than total.
 */
export async function getLicenses({ db, actor }: ReadContext) {
  const firmId = actor.firmId;
  const [row] = await db
    .select({ sub: subscriptions, occupied: OCCUPIED, addons: PAID_ADDONS })
    .from(subscriptions)
    .where(eq(subscriptions.firmId, firmId));
  if (!row) throw notFound("Subscription");
  const licenses = presentLicenses(row.sub, Number(row.occupied), row.addons);
  // LIC-6, CLS-2: a closed firm is never billed again.
  return actor.firmClosed ? { ...licenses, next_bill_estimate_cents: 0 } : licenses;
}
