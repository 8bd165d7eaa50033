/** INV-6: what accepting an invitation does, by password or through SSO: active user, dead link, feed, inviter told. */
import { and, eq } from "drizzle-orm";
import { invitations, users } from "../../db/schema.js";
import type { TxContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { notify } from "../notifications/notify.js";
import type { Invitation } from "./invitation-token.js";

export interface Activation {
  firstName: string;
  lastName: string;
  /** Null for an SSO acceptance: the person has no password here. */
  passwordHash: string | null;
}

/** Makes the invited user active; the caller has locked the pending, unexpired invitation. */
export async function activateInvitee(
  { tx, clock }: TxContext,
  inv: Invitation,
  user: { email: string; firstName: string; lastName: string; version: number },
  change: Activation,
): Promise<void> {
  const now = clock.now();
  await tx
    .update(users)
    .set({ status: "active", firstName: change.firstName, lastName: change.lastName, passwordHash: change.passwordHash, updatedAt: now, version: user.version + 1 })
    .where(and(eq(users.firmId, inv.firmId), eq(users.id, inv.userId)));
  await tx
    .update(invitations)
    .set({ status: "accepted", acceptedAt: now, tokenHash: null, updatedAt: now })
    .where(and(eq(invitations.firmId, inv.firmId), eq(invitations.id, inv.id)));
  const name = `${change.firstName} ${change.lastName}`;
  await recordActivity(tx, clock, {
    firmId: inv.firmId,
    actor: { id: inv.userId, name },
    kind: "invitation.accepted",
    subject: { type: "user", id: inv.userId, label: name },
    before: { status: "invited", first_name: user.firstName, last_name: user.lastName },
    after: { status: "active", first_name: change.firstName, last_name: change.lastName, ...(change.passwordHash ? {} : { through: "sso" }) },
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
}
