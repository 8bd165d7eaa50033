/** EML-1, EML-3: the link to the new address that completes a change of login email. */
import { renderEmail } from "../layout.js";

/** Renders the confirmation request; `currentEmail` keeps signing in until `url` is followed. */
export function emailChangeConfirmEmail(input: { to: string; firstName: string; firmName: string; currentEmail: string; url: string }) {
  return renderEmail({
    to: input.to,
    subject: `Confirm your new login email for ${input.firmName}`,
    paragraphs: [
      `Hello ${input.firstName},`,
      `Your login email for ${input.firmName} on Chambers is changing to this address. Confirm it to complete the change; until then you keep signing in with ${input.currentEmail}.`,
      "The link works once and expires in 24 hours. If you did not expect this, ignore this email.",
    ],
    action: { label: "Confirm new email", url: input.url },
  });
}
