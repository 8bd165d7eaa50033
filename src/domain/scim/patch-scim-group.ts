/**
 * SCIM-1, SCIM-3: PATCH of a group, as Okta and Entra send it: `add` and `remove` of `members`
 * with value arrays, `remove members[value eq "<id>"]`, `replace` of displayName. scimmy applies
 * the operations; the result goes through the groups' use cases.
 */
import type { ActorContext } from "../context.js";
import { lockGroup } from "../groups/group-record.js";
import { applyScimGroup, desiredGroupOf } from "./apply-scim-group.js";
import { checkIfMatch, normalisePatch, scimParse, SCIMMY } from "./scim-protocol.js";
import { groupVersion, loadScimGroup, presentScimGroup } from "./scim-group-record.js";

export async function patchScimGroup(ctx: ActorContext, id: string, body: unknown, origin: string, ifMatch?: string) {
  const message = normalisePatch(body);
  await lockGroup(ctx.tx, ctx.actor.firmId, id);
  const current = await loadScimGroup(ctx.tx, ctx.actor.firmId, id);
  checkIfMatch(ifMatch, groupVersion(current));
  const resource = scimParse(() => new SCIMMY.Schemas.Group(presentScimGroup(current, origin), "out"));
  let patched: InstanceType<typeof SCIMMY.Schemas.Group> | null = null;
  await scimParse(() =>
    new SCIMMY.Messages.PatchOp(message).apply(resource, async (instance) => {
      patched = instance;
      return instance;
    }),
  );
  if (patched) await applyScimGroup(ctx, current, desiredGroupOf(patched));
  return presentScimGroup(await loadScimGroup(ctx.tx, ctx.actor.firmId, id), origin);
}
