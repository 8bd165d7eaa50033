/** EML-1: the old address is told that the login email has changed and no longer signs in. */
import { renderEmail } from "../layout.js";

/** Renders the notice sent to the former login email once the new one is confirmed. */
export function emailChangedEmail(input: { to: string; firstName: string; newEmail: string }) {
  return renderEmail({
    to: input.to,
    subject: "Your login email has changed",
    paragraphs: [`Hello ${input.firstName},`, `Your login email is now ${input.newEmail}. This address no longer signs in.`, "If this was not you, tell your firm's administrator now."],
  });
}
