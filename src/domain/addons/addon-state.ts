/**
 * ADD-1, ADD-3: a firm's add-ons inside a transaction. Every change to an add-on's licenses or
 * to who holds them first locks the subscription, then the add-on's row, so concurrent
 * purchases and allocations queue per firm and allocations never exceed the add-on's licenses.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { addonAllocations, addons } from "../../db/schema.js";
import { ADDON_NAMES, ADDON_PRICE_CENTS, ADDON_TRIAL_DAYS, type AddonKey } from "../../shared/pricing.js";
import { proratedCents } from "../licenses/arithmetic.js";
import type { Quote, Subscription } from "../licenses/license-state.js";

export type Addon = typeof addons.$inferSelect;
/** What presenting and pricing an add-on need of its row. */
export type AddonState = Pick<Addon, "status" | "totalLicenses" | "trialStartedAt" | "trialEndsAt">;

/** The add-on's row, locked, or null when the firm never had it. */
export async function lockAddon(tx: Tx, firmId: string, key: AddonKey): Promise<Addon | null> {
  const [row] = await tx.select().from(addons).where(and(eq(addons.firmId, firmId), eq(addons.key, key))).for("update");
  return row ?? null;
}

export async function allocatedCount(db: Executor, firmId: string, key: AddonKey): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(addonAllocations)
    .where(and(eq(addonAllocations.firmId, firmId), eq(addonAllocations.addonKey, key)));
  return Number(row?.n ?? 0);
}

/** An add-on license's price for a whole period of the firm's plan. */
export const addonPrice = (key: AddonKey, sub: Subscription) => ADDON_PRICE_CENTS[key][sub.plan];

/** LIC-3 for add-ons: `count` more licenses now, prorated; free while the add-on is on trial (ADD-3). */
export function addonQuote(key: AddonKey, addon: AddonState | null, sub: Subscription, count: number, now: Date): Quote {
  const amount = addon?.status === "trial" ? 0 : proratedCents(addonPrice(key, sub), count, sub.periodStart, sub.periodEnd, now);
  return { count, amount_cents: amount, currency: sub.currency };
}

/** Whether the firm may still start the add-on's trial: it has one, and the firm never had the add-on. */
export const trialAvailable = (key: AddonKey, addon: AddonState | null) => ADDON_TRIAL_DAYS[key] !== undefined && addon === null;

/** ADD-1: what GET /addons says of one add-on. */
export function presentAddon(key: AddonKey, addon: AddonState | null, allocated: number, sub: Subscription) {
  const total = addon?.totalLicenses ?? 0;
  return {
    key,
    name: ADDON_NAMES[key],
    status: addon === null || (addon.status === "active" && total === 0) ? ("inactive" as const) : addon.status,
    total,
    allocated,
    available: Math.max(total - allocated, 0),
    trial_ends_at: addon?.status === "trial" ? (addon.trialEndsAt?.toISOString() ?? null) : null,
    trial_available: trialAvailable(key, addon),
    trial_days: ADDON_TRIAL_DAYS[key] ?? null,
    price_cents: addonPrice(key, sub),
    currency: sub.currency,
  };
}
export type AddonOut = ReturnType<typeof presentAddon>;
