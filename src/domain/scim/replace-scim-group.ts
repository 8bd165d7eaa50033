/** SCIM-1, SCIM-3: PUT of a group: name, externalId and the whole member list (If-Match honoured). */
import type { ActorContext } from "../context.js";
import { lockGroup } from "../groups/group-record.js";
import { applyScimGroup, desiredGroupOf } from "./apply-scim-group.js";
import { checkBody, checkIfMatch, GROUP_SCHEMA, scimParse, SCIMMY } from "./scim-protocol.js";
import { groupVersion, loadScimGroup, presentScimGroup } from "./scim-group-record.js";

export async function replaceScimGroup(ctx: ActorContext, id: string, body: unknown, origin: string, ifMatch?: string) {
  await lockGroup(ctx.tx, ctx.actor.firmId, id);
  const current = await loadScimGroup(ctx.tx, ctx.actor.firmId, id);
  checkIfMatch(ifMatch, groupVersion(current));
  const checked = checkBody(body, GROUP_SCHEMA, []);
  await applyScimGroup(ctx, current, desiredGroupOf(scimParse(() => new SCIMMY.Schemas.Group(checked, "in"))));
  return presentScimGroup(await loadScimGroup(ctx.tx, ctx.actor.firmId, id), origin);
}
