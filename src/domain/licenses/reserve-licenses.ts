/** LIC-7: room for more license holders, bought in the same transaction only when the request confirms it. */
import { requirePermission } from "../../policies/authorize.js";
import { AppError } from "../errors.js";
import { availableLicenses } from "./arithmetic.js";
import type { ActorContext } from "../context.js";
import { addLicenses } from "./add-licenses.js";
import { lockSubscription, occupiedLicenses, quoteFor, type Charge } from "./license-state.js";

/**
 * LIC-7: make room for `needed` more license holders. Refused with a quote when too few are
 * available, unless the request confirms the purchase; then the shortfall is bought here, in
 * the caller's transaction.
 */
export async function reserveLicenses(
  ctx: ActorContext,
  needed: number,
  confirmPurchase: boolean,
): Promise<Charge | null> {
  const { tx, clock, actor } = ctx;
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
  return (await addLicenses(ctx, sub, shortfall)).charge;
}
