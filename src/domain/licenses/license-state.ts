/**
 * The firm's licenses inside a transaction. Every change to who holds a license, or how many
 * there are, first locks the firm's subscription row, so concurrent requests queue per firm and
 * occupied licenses never exceed the total (LIC-8).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { charges, subscriptions, users } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { requirePermission } from "../../policies/authorize.js";
import type { Actor } from "../context.js";
import { AppError, notFound } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId } from "../secrets.js";
import { availableLicenses, proratedCents } from "./arithmetic.js";

export type Subscription = typeof subscriptions.$inferSelect;

export async function lockSubscription(tx: Tx, firmId: string): Promise<Subscription> {
  const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.firmId, firmId)).for("update");
  if (!row) throw notFound("Subscription");
  return row;
}

export async function occupiedLicenses(db: Executor, firmId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.firmId, firmId), inArray(users.status, ["invited", "active"])));
  return Number(row?.n ?? 0);
}

export interface Quote {
  count: number;
  amount_cents: number;
  currency: string;
}

/** LIC-3: the prorated price of `count` more licenses now. */
export function quoteFor(sub: Subscription, count: number, now: Date): Quote {
  return { count, amount_cents: proratedCents(sub.priceCents, count, sub.periodStart, sub.periodEnd, now), currency: sub.currency };
}

export type Charge = typeof charges.$inferSelect;

/** Adds licenses at once and records the prorated charge and the feed entry. The caller holds the lock. */
export async function addLicenses(tx: Tx, clock: Clock, actor: Actor, sub: Subscription, count: number): Promise<{ sub: Subscription; charge: Charge }> {
  const now = clock.now();
  const quote = quoteFor(sub, count, now);
  const [updated] = await tx
    .update(subscriptions)
    .set({ totalLicenses: sub.totalLicenses + count, updatedAt: now })
    .where(eq(subscriptions.firmId, sub.firmId))
    .returning();
  const [charge] = await tx
    .insert(charges)
    .values({
      firmId: sub.firmId,
      id: newId(),
      kind: "licenses",
      count,
      amountCents: quote.amount_cents,
      currency: sub.currency,
      periodStart: now,
      periodEnd: sub.periodEnd,
      createdById: actor.userId,
      createdAt: now,
    })
    .returning();
  await recordActivity(tx, clock, {
    firmId: sub.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "licenses.purchased",
    subject: { type: "subscription", id: sub.firmId, label: `${count} license${count === 1 ? "" : "s"}` },
    before: { total_licenses: sub.totalLicenses },
    after: { total_licenses: sub.totalLicenses + count, charge_cents: quote.amount_cents },
  });
  return { sub: updated!, charge: charge! };
}

/**
 * LIC-7: make room for `needed` more license holders. Refused with a quote when too few are
 * available, unless the request confirms the purchase; then the shortfall is bought here, in
 * the caller's transaction.
 */
export async function reserveLicenses(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  needed: number,
  confirmPurchase: boolean,
): Promise<Charge | null> {
  const sub = await lockSubscription(tx, actor.firmId);
  const available = availableLicenses(sub.totalLicenses, await occupiedLicenses(tx, actor.firmId), sub.pendingRemoval);
  if (available >= needed) return null;
  const shortfall = needed - Math.max(available, 0);
  if (!confirmPurchase) {
    throw new AppError(
      "license_purchase_required",
      `No license is available: ${shortfall} more must be bought. Confirm the purchase to go ahead.`,
      { quote: quoteFor(sub, shortfall, clock.now()) },
    );
  }
  requirePermission(actor, "licenses.manage", "Buying licenses needs the licenses.manage permission.");
  return (await addLicenses(tx, clock, actor, sub, shortfall)).charge;
}

export function presentCharge(c: Charge) {
  return {
    id: c.id,
    kind: c.kind,
    count: c.count,
    amount_cents: c.amountCents,
    currency: c.currency,
    period_start: c.periodStart.toISOString(),
    period_end: c.periodEnd.toISOString(),
    created_at: c.createdAt.toISOString(),
  };
}
