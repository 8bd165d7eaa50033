/** SES-3: the person is told whenever their second factor is turned on or off, and by whom. */
import { renderEmail } from "../layout.js";

const WHAT = {
  enabled: "Two-factor sign-in is now on for your Chambers account: signing in asks for a code from your authenticator app.",
  disabled: "Two-factor sign-in is now off for your Chambers account: signing in asks only for your password.",
  reset: "An administrator of your firm reset two-factor sign-in for your Chambers account: your authenticator app and recovery codes no longer work.",
} as const;

/** Renders the notice; `by` names the administrator who reset it. */
export function twoFactorChangedEmail(input: { to: string; firstName: string; fullName: string; how: keyof typeof WHAT; by?: string }) {
  return renderEmail({
    to: input.to,
    subject: input.how === "enabled" ? "Two-factor sign-in is on" : "Two-factor sign-in was turned off",
    paragraphs: [
      `Hello ${input.firstName || input.fullName},`,
      WHAT[input.how] + (input.by ? ` It was done by ${input.by}.` : ""),
      input.how === "reset"
        ? "Set it up again from Settings, Security after you sign in (your firm may require it)."
        : "If this was not you, change your password now and tell your firm's administrator.",
    ],
  });
}
