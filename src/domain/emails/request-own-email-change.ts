/** EML-1, EML-2: a user changes their own login email, proving it is them with their password. */
import { verifyPassword } from "../accounts/passwords.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { assertPasswordAllowed } from "../sso/sso-settings.js";
import { lockUser } from "../users/lock-user.js";
import { requestEmailChange } from "./request-email-change.js";

export async function requestOwnEmailChange(ctx: ActorContext, input: { new_email: string; password: string }, appUrl: string) {
  const me = await lockUser(ctx.tx, ctx.actor.firmId, ctx.actor.userId);
  // EML-2: the login email is the IdP's to decide where the firm enforces SSO.
  await assertPasswordAllowed(ctx.tx, ctx.actor.firmId, me.email, "Your firm signs in through single sign-on, so your login email is managed in its identity provider. Ask an administrator.");
  if (!(await verifyPassword(me.passwordHash, input.password))) {
    throw validation([{ path: "password", message: "The password is incorrect." }]);
  }
  return requestEmailChange(ctx, ctx.actor.userId, input.new_email, appUrl);
}
