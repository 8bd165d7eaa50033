/** LIC-3: buying licenses, effective at once, with the prorated charge. */
import type { ActorContext } from "../context.js";
import { addLicenses, lockSubscription, occupiedLicenses } from "./license-state.js";
import { presentLicenses } from "./get-licenses.js";

export async function buyLicenses({ tx, clock, actor }: ActorContext, count: number) {
  const sub = await lockSubscription(tx, actor.firmId);
  const { sub: updated, charge } = await addLicenses(tx, clock, actor, sub, count);
  return { licenses: presentLicenses(updated, await occupiedLicenses(tx, actor.firmId)), charge };
}
