/** LIC-3: what `count` more licenses cost now, prorated for the rest of the period. */
import type { ActorContext } from "../context.js";
import { lockSubscription, quoteFor } from "./license-state.js";

export async function quoteLicenses({ tx, clock, actor }: ActorContext, count: number) {
  return quoteFor(await lockSubscription(tx, actor.firmId), count, clock.now());
}
