import { and, eq } from "drizzle-orm";
import { invitations, userRoles, users } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockPendingInvitation } from "./invitation-token.js";

/**
 * INV-5: the link dies, the license is freed and the person leaves the user list. The invited
 * user never signed in and owns no work, so their row goes; the invitation and the feed keep
 * the record.
 */
export async function revokeInvitation({ tx, clock, actor }: ActorContext, id: string): Promise<void> {
  const inv = await lockPendingInvitation(tx, actor.firmId, id);
  // The invited person is the policy's target (the primary subscriber is never invited).
  authorize(actor, "revoke_invitation", { id: inv.userId, status: "invited", isPrimarySubscriber: false });
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
