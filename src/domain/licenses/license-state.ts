/**
 * The firm's licenses inside a transaction. Every change to who holds a license, or how many
 * there are, first locks the firm's subscription row, so concurrent requests queue per firm and
 * occupied licenses never exceed the total (LIC-8).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { charges, subscriptions, users } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { newId } from "../secrets.js";
import { proratedCents } from "./arithmetic.js";

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

/** Writes one charge to the ledger (LIC-10), in the subscription's currency. */
export async function insertCharge(
  tx: Tx,
  sub: Pick<Subscription, "firmId" | "currency">,
  c: Pick<Charge, "kind" | "count" | "amountCents" | "periodStart" | "periodEnd" | "createdById" | "createdAt"> & { addonKey?: Charge["addonKey"] },
): Promise<Charge> {
  const [row] = await tx.insert(charges).values({ firmId: sub.firmId, id: newId(), currency: sub.currency, ...c }).returning();
  return row!;
}

export function presentCharge(c: Charge) {
  return {
    id: c.id,
    kind: c.kind,
    addon: c.addonKey,
    count: c.count,
    amount_cents: c.amountCents,
    currency: c.currency,
    period_start: c.periodStart.toISOString(),
    period_end: c.periodEnd.toISOString(),
    created_at: c.createdAt.toISOString(),
  };
}
