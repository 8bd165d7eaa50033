/** SCIM-1, SCIM-2: PUT of a user: the resource as sent becomes the desired state (If-Match honoured). */
import type { ActorContext } from "../context.js";
import { applyScimUser } from "./apply-scim-user.js";
import { checkBody, checkIfMatch, ENTERPRISE_SCHEMA, scimParse, SCIMMY, USER_SCHEMA } from "./scim-protocol.js";
import { desiredUserOf } from "./scim-user-input.js";
import { loadScimUser, presentScimUser } from "./scim-user-record.js";
import { lockUser } from "../users/lock-user.js";

export async function replaceScimUser(ctx: ActorContext, id: string, body: unknown, origin: string, ifMatch?: string) {
  await lockUser(ctx.tx, ctx.actor.firmId, id);
  const current = await loadScimUser(ctx.tx, ctx.actor.firmId, id);
  checkIfMatch(ifMatch, current.record.version);
  const checked = checkBody(body, USER_SCHEMA, [ENTERPRISE_SCHEMA]);
  const desired = desiredUserOf(scimParse(() => new SCIMMY.Schemas.User(checked, "in")));
  await applyScimUser(ctx, current, desired, origin);
  return presentScimUser(await loadScimUser(ctx.tx, ctx.actor.firmId, id), origin);
}
