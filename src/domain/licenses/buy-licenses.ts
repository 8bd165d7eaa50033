/** LIC-3: buying licenses, effective at once, with the prorated charge. */
import type { ActorContext } from "../context.js";
import { lockSubscription } from "./license-state.js";
import { addLicenses } from "./add-licenses.js";
import { getLicenses } from "./get-licenses.js";

export async function buyLicenses(ctx: ActorContext, count: number) {
  const sub = await lockSubscription(ctx.tx, ctx.actor.firmId);
  const { charge } = await addLicenses(ctx, sub, count);
  // Read back in the same transaction: the view of what was just bought, with everything it counts.
  return { licenses: await getLicenses({ db: ctx.tx, clock: ctx.clock, actor: ctx.actor }), charge };
}
