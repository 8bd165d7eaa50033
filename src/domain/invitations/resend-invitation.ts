import { and, eq } from "drizzle-orm";
import { invitations } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { sendInvitationEmail } from "./invitation-email.js";
import { INVITATION_TTL_MS, lockPendingInvitation, makeInvitationToken } from "./invitation-token.js";

/** INV-4: a new link, the old one void, 24 hours from now. Also sends an invitation never sent. */
export async function resendInvitation({ tx, clock, actor }: ActorContext, id: string, appUrl: string) {
  const inv = await lockPendingInvitation(tx, actor.firmId, id);
  // The invited person is the policy's target (the primary subscriber is never invited).
  authorize(actor, "resend_invitation", { id: inv.userId, status: "invited", isPrimarySubscriber: false });
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const { token, hash } = makeInvitationToken(actor.firmId, inv.id);
  await tx
    .update(invitations)
    .set({ tokenHash: hash, sentAt: now, expiresAt, updatedAt: now })
    .where(and(eq(invitations.firmId, actor.firmId), eq(invitations.id, inv.id)));
  await sendInvitationEmail(tx, clock, actor, { to: inv.email, message: inv.message, token, expiresAt, appUrl });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "invitation.resent",
    subject: { type: "user", id: inv.userId, label: inv.email },
    before: { sent_at: inv.sentAt, expires_at: inv.expiresAt },
    after: { sent_at: now, expires_at: expiresAt },
  });
  return { id: inv.id, expires_at: expiresAt.toISOString() };
}
