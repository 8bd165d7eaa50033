/** INV-2: the invitation email, HTML and plain text, every value escaped by the layout. */
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { renderEmail } from "../../mail/layout.js";
import type { Actor } from "../context.js";
import { loadFirm } from "../firms/load-firm.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";

export function invitationEmail(input: {
  to: string;
  firmName: string;
  inviterName: string;
  message: string | null;
  link: string;
  expiresAt: Date;
}) {
  const expiry = `${input.expiresAt.toISOString().slice(0, 16).replace("T", " at ")} UTC`;
  return renderEmail({
    to: input.to,
    subject: `${input.inviterName} invited you to ${input.firmName} on Chambers`,
    paragraphs: [
      `${input.inviterName} has invited you to join ${input.firmName} on Chambers.`,
      ...(input.message ? [`A message from ${input.inviterName}:`, input.message] : []),
      `Accept the invitation to choose your password. The link works once and expires on ${expiry}; after that, ask ${input.inviterName} to send a new one.`,
    ],
    action: { label: "Accept invitation", url: input.link },
  });
}

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
    invitationEmail({ to: input.to, firmName: firm.name, inviterName: actor.name, message: input.message, link: invitationLink(input.appUrl, input.token), expiresAt: input.expiresAt }),
  );
}
