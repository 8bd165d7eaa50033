/**
 * SCIM-1, SCIM-2: PATCH of a user. scimmy applies the operations (add, replace, remove, paths
 * with filters such as `emails[type eq "work"].value`, Entra's path-less value objects) to the
 * resource as it is; the result is then applied as a PUT's would be, through the same use cases.
 */
import type { ActorContext } from "../context.js";
import { lockUser } from "../users/lock-user.js";
import { applyScimUser } from "./apply-scim-user.js";
import { checkIfMatch, normalisePatch, scimParse, SCIMMY } from "./scim-protocol.js";
import { desiredUserOf } from "./scim-user-input.js";
import { loadScimUser, presentScimUser } from "./scim-user-record.js";

export async function patchScimUser(ctx: ActorContext, id: string, body: unknown, origin: string, ifMatch?: string) {
  const message = normalisePatch(body);
  // The row is locked before it is read: concurrent changes queue (the other id a 404).
  await lockUser(ctx.tx, ctx.actor.firmId, id);
  const current = await loadScimUser(ctx.tx, ctx.actor.firmId, id);
  checkIfMatch(ifMatch, current.record.version);
  const resource = scimParse(() => new SCIMMY.Schemas.User(presentScimUser(current, origin), "out"));
  let patched: Record<string, unknown> | null = null;
  await scimParse(() =>
    new SCIMMY.Messages.PatchOp(message).apply(resource, async (instance) => {
      patched = instance as unknown as Record<string, unknown>;
      return instance;
    }),
  );
  if (patched) await applyScimUser(ctx, current, desiredUserOf(patched), origin);
  return presentScimUser(await loadScimUser(ctx.tx, ctx.actor.firmId, id), origin);
}
