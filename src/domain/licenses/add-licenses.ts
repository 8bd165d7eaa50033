/** LIC-3: licenses added at once, with the prorated charge and the feed entry; the caller holds the subscription's lock. */
import { eq } from "drizzle-orm";
import { subscriptions } from "../../db/schema.js";
import { recordActivity } from "../feed/record-activity.js";
import type { ActorContext } from "../context.js";
import { insertCharge, quoteFor, type Charge, type Subscription } from "./license-state.js";

/** Adds licenses at once and records the prorated charge and the feed entry. The caller holds the lock. */
export async function addLicenses({ tx, clock, actor }: ActorContext, sub: Subscription, count: number): Promise<{ sub: Subscription; charge: Charge }> {
  const now = clock.now();
  const quote = quoteFor(sub, count, now);
  const [updated] = await tx
    .update(subscriptions)
    .set({ totalLicenses: sub.totalLicenses + count, updatedAt: now })
    .where(eq(subscriptions.firmId, sub.firmId))
    .returning();
  const charge = await insertCharge(tx, sub, {
    kind: "licenses",
    count,
    amountCents: quote.amount_cents,
    periodStart: now,
    periodEnd: sub.periodEnd,
    createdById: actor.userId,
    createdAt: now,
  });
  await recordActivity(tx, clock, {
    firmId: sub.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "licenses.purchased",
    subject: { type: "subscription", id: sub.firmId, label: `${count} license${count === 1 ? "" : "s"}` },
    before: { total_licenses: sub.totalLicenses },
    after: { total_licenses: sub.totalLicenses + count, charge_cents: quote.amount_cents },
  });
  return { sub: updated!, charge };
}
