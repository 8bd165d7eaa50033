/** INV-3, INV-6: what an invitation link is for, shown before it is accepted (no sign-in needed). */
import type { Executor } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { findSsoSettings, mustUseSso } from "../sso/sso-settings.js";
import { findByToken, isExpired } from "./invitation-token.js";

import { invitationInvalid, invitedUser } from "./invited-user.js";

/** What the acceptance page shows before the person chooses a password. */
export async function lookupInvitation(db: Executor, clock: Clock, token: string) {
  const inv = await findByToken(db, token);
  if (!inv || inv.status !== "pending") throw invitationInvalid();
  const { user, firmName } = await invitedUser(db, inv);
  const ssoRequired = mustUseSso(await findSsoSettings(db, inv.firmId), user.email);
  return {
    email: user.email,
    firm_name: firmName,
    first_name: user.firstName,
    last_name: user.lastName,
    expired: isExpired(inv, clock.now()),
    expires_at: inv.expiresAt?.toISOString() ?? null,
    sso_required: ssoRequired,
    sso_login_path: ssoRequired ? `/sso/saml/${encodeURIComponent(inv.firmId)}/login?email=${encodeURIComponent(user.email)}` : null,
  };
}
