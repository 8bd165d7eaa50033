/** EML-1, EML-3: the old address is told that a change of login email was asked for. */
import { renderEmail } from "../layout.js";

/** Renders the notice; `requestedBy` is the administrator's name, or null when the user asked. */
export function emailChangeNoticeEmail(input: { to: string; firstName: string; firmName: string; newEmail: string; requestedBy: string | null }) {
  return renderEmail({
    to: input.to,
    subject: `A change of your login email for ${input.firmName} was requested`,
    paragraphs: [
      `Hello ${input.firstName},`,
      `${input.requestedBy ?? "You"} asked to change your login email for ${input.firmName} to ${input.newEmail}. Nothing changes until the new address confirms it.`,
      "If this was not you or your firm's administrator, tell your administrator now.",
    ],
  });
}
