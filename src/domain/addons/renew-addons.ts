/** LIC-6 for add-ons: a new period of each paid add-on is charged with the subscription's renewal. */
import { and, eq, gt } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { addons } from "../../db/schema.js";
import { insertCharge, type Subscription } from "../licenses/license-state.js";
import { addonPrice } from "./addon-state.js";

/** Charges every paid add-on for the period [start, end); trials are charged when they convert (ADD-3). */
export async function renewAddons(tx: Tx, now: Date, sub: Subscription, start: Date, end: Date) {
  const paid = await tx
    .select()
    .from(addons)
    .where(and(eq(addons.firmId, sub.firmId), eq(addons.status, "active"), gt(addons.totalLicenses, 0)))
    .for("update");
  const renewed: Record<string, number> = {};
  for (const addon of paid) {
    const amount = addon.totalLicenses * addonPrice(addon.key, sub);
    renewed[addon.key] = amount;
    await insertCharge(tx, sub, { kind: "addon_renewal", addonKey: addon.key, count: addon.totalLicenses, amountCents: amount, periodStart: start, periodEnd: end, createdById: null, createdAt: now });
  }
  return renewed;
}
