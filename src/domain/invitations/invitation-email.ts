/** INV-2: the invitation email goes to the outbox; its text lives in mail/templates/invitation.ts. */
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { invitationEmail } from "../../mail/templates/invitation.js";
import type { Actor } from "../context.js";
import { loadFirm } from "../firms/load-firm.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";

export const invitationLink = (appUrl: string, token: string) => `${appUrl}/accept-invitation?token=${encodeURIComponent(token)}`;

/** Puts the invitation email in the outbox, in the invitation's transaction. */
export async function sendInvitationEmail(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  input: { to: string; message: string | null; token: string; expiresAt: Date; appUrl: string },
): Promise<void> {
  const { firm } = await loadFirm(tx, actor.firmId);
  await enqueueEmail(
    tx,
    clock,
    actor.firmId,
    "invitation",
    invitationEmail({ to: input.to, firmName: firm.name, inviterName: actor.name, message: input.message, url: invitationLink(input.appUrl, input.token), expiresAt: input.expiresAt }),
  );
}
