/**
 * SCIM-2: an identity provider creates a user: the console's invitation (INV-1), with the
 * firm's default role for provisioning and a license each; provisioning never buys one, so a
 * firm without a free license gets a SCIM 409 (and its administrators are told, see
 * tell-no-license.ts). A taken userName is a 409 uniqueness.
 */
import type { ActorContext } from "../context.js";
import { inviteUser } from "../invitations/invite-user.js";
import { applyScimUser } from "./apply-scim-user.js";
import { defaultScimRole } from "./get-scim-settings.js";
import { checkBody, ENTERPRISE_SCHEMA, scimError, scimParse, SCIMMY, USER_SCHEMA } from "./scim-protocol.js";
import { desiredUserOf } from "./scim-user-input.js";
import { loadScimUser, presentScimUser } from "./scim-user-record.js";

export async function createScimUser(ctx: ActorContext, body: unknown, origin: string) {
  const checked = checkBody(body, USER_SCHEMA, [ENTERPRISE_SCHEMA]);
  const desired = desiredUserOf(scimParse(() => new SCIMMY.Schemas.User(checked, "in")));
  if (desired.active === false) throw scimError(400, "invalidValue", "People are created active in Chambers: send active true, or leave it out.");
  const role = await defaultScimRole(ctx.tx, ctx.actor.firmId);
  const { userId } = await inviteUser(
    ctx,
    {
      email: desired.email,
      subscription_type: role.systemKey === "attorney" ? "attorney" : "non_attorney",
      role_ids: [role.id],
      first_name: desired.firstName,
      last_name: desired.lastName,
      confirm_purchase: false,
    },
    origin,
  );
  // The profile beyond the names, and the identity provider's own attributes.
  await applyScimUser(ctx, await loadScimUser(ctx.tx, ctx.actor.firmId, userId), desired, origin);
  return presentScimUser(await loadScimUser(ctx.tx, ctx.actor.firmId, userId), origin);
}
