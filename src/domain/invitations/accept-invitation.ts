/** INV-3, INV-6: looking up and accepting an invitation through its link. */
import { and, eq } from "drizzle-orm";
import { invitations, users } from "../../db/schema.js";
import { recordActivity } from "../feed/record-activity.js";
import { notify } from "../notifications/notify.js";
import { openSession, type OpenedSession } from "../sessions/open-session.js";
import { findByToken, isExpired } from "./invitation-token.js";
import type { TxContext } from "../context.js";
import { invitationExpired, invitationInvalid, invitedUser } from "./invited-user.js";

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
  const now = clock.now();
  if (isExpired(inv, now)) throw invitationExpired();
  const { user } = await invitedUser(tx, inv);
  await tx
    .update(users)
    .set({ status: "active", firstName: input.first_name, lastName: input.last_name, passwordHash, updatedAt: now, version: user.version + 1 })
    .where(and(eq(users.firmId, inv.firmId), eq(users.id, inv.userId)));
  await tx
    .update(invitations)
    .set({ status: "accepted", acceptedAt: now, tokenHash: null, updatedAt: now })
    .where(and(eq(invitations.firmId, inv.firmId), eq(invitations.id, inv.id)));
  const name = `${input.first_name} ${input.last_name}`;
  await recordActivity(tx, clock, {
    firmId: inv.firmId,
    actor: { id: inv.userId, name },
    kind: "invitation.accepted",
    subject: { type: "user", id: inv.userId, label: name },
    before: { status: "invited", first_name: user.firstName, last_name: user.lastName },
    after: { status: "active", first_name: input.first_name, last_name: input.last_name },
  });
  if (inv.inviterId) {
    await notify(tx, clock, {
      firmId: inv.firmId,
      userId: inv.inviterId,
      kind: "invitation.accepted",
      title: `${name} joined your firm`,
      body: `${name} (${user.email}) accepted your invitation and can now sign in.`,
      data: { user_id: inv.userId },
    });
  }
  const session = await openSession(tx, clock, { firmId: inv.firmId, userId: inv.userId, kind: "session", ...meta });
  return { firmId: inv.firmId, userId: inv.userId, session };
}
