/** SCIM-1, SCIM-3: an identity provider creates a group through the console's createGroup (GRP-1). */
import type { ActorContext } from "../context.js";
import { createGroup } from "../groups/create-group.js";
import { desiredGroupOf, saveGroupExternalId } from "./apply-scim-group.js";
import { checkBody, GROUP_SCHEMA, scimParse, SCIMMY } from "./scim-protocol.js";
import { loadScimGroup, presentScimGroup } from "./scim-group-record.js";

export async function createScimGroup(ctx: ActorContext, body: unknown, origin: string) {
  const checked = checkBody(body, GROUP_SCHEMA, []);
  const desired = desiredGroupOf(scimParse(() => new SCIMMY.Schemas.Group(checked, "in")));
  const id = await createGroup(ctx, { name: desired.name, member_ids: desired.memberIds });
  await saveGroupExternalId(ctx, id, desired.name, null, desired.externalId);
  return presentScimGroup(await loadScimGroup(ctx.tx, ctx.actor.firmId, id), origin);
}
