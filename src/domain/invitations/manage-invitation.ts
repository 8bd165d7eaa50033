/** INV-4 resend and INV-5 revoke: what an administrator does to a pending invitation. */
import { and, eq } from "drizzle-orm";
import { invitations, userRoles, users } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { ActorContext } from "../context.js";
import { notFound } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { sendInvitationEmail } from "./invitation-email.js";
import { INVITATION_TTL_MS, makeInvitationToken, type Invitation } from "./invitation-token.js";

async function lockPending(tx: Tx, firmId: string, id: string): Promise<Invitation> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.firmId, firmId), eq(invitations.id, id)))
    .for("update");
  // Accepted and revoked invitations are finished: they never change again.
  if (!row || row.status !== "pending") throw notFound("Invitation");
  return row;
}

/** INV-4: a new link, the old one void, 24 hours from now. Also sends an invitation never sent. */
export async function resendInvitation({ tx, clock, actor }: ActorContext, id: string, appUrl: string) {
  const inv = await lockPending(tx, actor.firmId, id);
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

/**
 * INV-5: the link dies, the license is freed and the person leaves the user list. The invited
 * user never signed in and owns no work, so their row goes; the invitation and the feed keep
 * the record.
 */
export async function revokeInvitation({ tx, clock, actor }: ActorContext, id: string): Promise<void> {
  const inv = await lockPending(tx, actor.firmId, id);
  const now = clock.now();
  await tx
    .update(invitations)
    .set({ status: "revoked", tokenHash: null, revokedAt: now, revokedById: actor.userId, updatedAt: now })
    .where(and(eq(invitations.firmId, actor.firmId), eq(invitations.id, inv.id)));
  await tx.delete(userRoles).where(and(eq(userRoles.firmId, actor.firmId), eq(userRoles.userId, inv.userId)));
  await tx.delete(users).where(and(eq(users.firmId, actor.firmId), eq(users.id, inv.userId), eq(users.status, "invited")));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "invitation.revoked",
    subject: { type: "user", id: inv.userId, label: inv.email },
    before: { status: "invited", email: inv.email },
    after: { status: "revoked" },
    isDeletion: true,
  });
}
