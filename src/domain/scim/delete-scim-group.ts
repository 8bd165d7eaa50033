/** SCIM-1: DELETE of a group archives it (GRP-2): its members and history are kept, nothing is deleted. */
import type { ActorContext } from "../context.js";
import { setArchived } from "../groups/archive-group.js";
import { lockGroup } from "../groups/group-record.js";
import { checkIfMatch } from "./scim-protocol.js";
import { groupVersion, loadScimGroup } from "./scim-group-record.js";

export async function deleteScimGroup(ctx: ActorContext, id: string, ifMatch?: string): Promise<void> {
  await lockGroup(ctx.tx, ctx.actor.firmId, id);
  const current = await loadScimGroup(ctx.tx, ctx.actor.firmId, id);
  checkIfMatch(ifMatch, groupVersion(current));
  await setArchived(ctx, id, true);
}
