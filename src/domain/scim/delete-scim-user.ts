/** SCIM-2: DELETE deactivates, as `active: false` does; nothing is ever deleted (USR-1). */
import type { ActorContext } from "../context.js";
import { lockUser } from "../users/lock-user.js";
import { deactivateForProvider } from "./apply-scim-user.js";
import { checkIfMatch, scimError } from "./scim-protocol.js";
import { loadScimUser } from "./scim-user-record.js";

export async function deleteScimUser(ctx: ActorContext, id: string, ifMatch?: string): Promise<void> {
  await lockUser(ctx.tx, ctx.actor.firmId, id);
  const current = await loadScimUser(ctx.tx, ctx.actor.firmId, id);
  checkIfMatch(ifMatch, current.record.version);
  if (current.record.status === "invited") {
    throw scimError(400, "invalidValue", "An invited person cannot be deactivated: revoke the invitation in Chambers (Users).");
  }
  // Already deactivated: nothing left to do, and the answer is the same.
  if (current.record.status === "active") await deactivateForProvider(ctx, current);
}
