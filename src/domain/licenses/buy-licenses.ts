/** LIC-3: buying licenses, effective at once, with the prorated charge. */
import type { ActorContext } from "../context.js";
import { lockSubscription, occupiedLicenses } from "./license-state.js";
import { addLicenses } from "./add-licenses.js";
import { presentLicenses } from "./get-licenses.js";

export async function buyLicenses(ctx: ActorContext, count: number) {
  const { tx, actor } = ctx;
  const sub = await lockSubscription(tx, actor.firmId);
  const { sub: updated, charge } = await addLicenses(ctx, sub, count);
  return { licenses: presentLicenses(updated, await occupiedLicenses(tx, actor.firmId)), charge };
}
