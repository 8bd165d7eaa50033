/** INV-2: the invitation email, HTML and plain text, every value escaped by the layout. */
import { renderEmail } from "../layout.js";

/** Renders the invitation; `url` is the accept link, `message` the inviter's optional note. */
export function invitationEmail(input: { to: string; firmName: string; inviterName: string; message: string | null; url: string; expiresAt: Date }) {
  const expiry = `${input.expiresAt.toISOString().slice(0, 16).replace("T", " at ")} UTC`;
  return renderEmail({
    to: input.to,
    subject: `${input.inviterName} invited you to ${input.firmName} on Chambers`,
    paragraphs: [
      `${input.inviterName} has invited you to join ${input.firmName} on Chambers.`,
      ...(input.message ? [`A message from ${input.inviterName}:`, input.message] : []),
      `Accept the invitation to choose your password. The link works once and expires on ${expiry}; after that, ask ${input.inviterName} to send a new one.`,
    ],
    action: { label: "Accept invitation", url: input.url },
  });
}
