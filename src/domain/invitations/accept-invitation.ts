/** INV-3, INV-6: looking up and accepting an invitation through its link. */
import { openSession, type OpenedSession } from "../sessions/open-session.js";
import { findByToken, isExpired } from "./invitation-token.js";
import type { TxContext } from "../context.js";
import { invitationExpired, invitationInvalid, invitedUser } from "./invited-user.js";
import { activateInvitee } from "./activate-invitee.js";
import { assertPasswordAllowed } from "../sso/sso-settings.js";

export interface AcceptInput {
  token: string;
  first_name: string;
  last_name: string;
}

/** Activates the user with their name and password; the link dies; the inviter hears of it. */
export async function acceptInvitation(
  { tx, clock }: TxContext,
  input: AcceptInput,
  passwordHash: string,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<{ firmId: string; userId: string; session: OpenedSession }> {
  const inv = await findByToken(tx, input.token, { forUpdate: true });
  if (!inv || inv.status !== "pending") throw invitationInvalid();
  if (isExpired(inv, clock.now())) throw invitationExpired();
  const { user } = await invitedUser(tx, inv);
  // INV-6: where the firm enforces SSO, the invitation is accepted by signing in through it.
  await assertPasswordAllowed(tx, inv.firmId, user.email, "Your firm signs in through single sign-on: accept the invitation by signing in with SSO.");
  await activateInvitee({ tx, clock }, inv, user, { firstName: input.first_name, lastName: input.last_name, passwordHash });
  const session = await openSession(tx, clock, { firmId: inv.firmId, userId: inv.userId, kind: "session", ...meta });
  return { firmId: inv.firmId, userId: inv.userId, session };
}
