/** ADD-1, LIC-3: what `count` more licenses of an add-on cost now (nothing while on trial). */
import type { AddonKey } from "../../shared/pricing.js";
import type { ActorContext } from "../context.js";
import { lockSubscription } from "../licenses/license-state.js";
import { addonQuote, lockAddon } from "./addon-state.js";

export async function quoteAddonLicenses({ tx, clock, actor }: ActorContext, key: AddonKey, count: number) {
  const sub = await lockSubscription(tx, actor.firmId);
  return addonQuote(key, await lockAddon(tx, actor.firmId, key), sub, count, clock.now());
}
