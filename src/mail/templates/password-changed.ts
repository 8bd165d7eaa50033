/** ACC-9: after any change of password, the person is told by email, with what ended. */
import { renderEmail } from "../layout.js";

/** Renders the notice; `how` says whether the password was changed in place or reset by link. */
export function passwordChangedEmail(input: { to: string; firstName: string; fullName: string; how: "changed" | "reset" }) {
  return renderEmail({
    to: input.to,
    subject: "Your Chambers password has changed",
    paragraphs: [
      `Hello ${input.firstName || input.fullName},`,
      input.how === "reset"
        ? "Your password was reset through a link sent to this address. Every session and API token you had has been signed out."
        : "Your password was changed. Every other session and API token you had has been signed out.",
      "If this was not you, reset your password now and tell your firm's administrator.",
    ],
  });
}
