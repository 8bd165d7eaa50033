/** ACC-9: the single-use, one-hour link that lets an active user choose a new password. */
import { renderEmail } from "../layout.js";

/** Renders the reset link email; greets by first name, or by address when there is none. */
export function passwordResetLinkEmail(input: { to: string; firstName: string; firmName: string; url: string }) {
  return renderEmail({
    to: input.to,
    subject: `Reset your Chambers password for ${input.firmName}`,
    paragraphs: [
      `Hello ${input.firstName || input.to},`,
      `Someone asked to reset the password of your ${input.firmName} account on Chambers. Follow the link to choose a new one; every session and API token you have will then be signed out.`,
      "The link works once and expires in one hour. If you did not ask for this, ignore this email: your password stays as it is.",
    ],
    action: { label: "Choose a new password", url: input.url },
  });
}
