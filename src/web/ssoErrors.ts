/** What the sign-in page says for each `sso_error` the assertion consumer redirects with. */
const MESSAGES: Record<string, string> = {
  not_configured: "Single sign-on is not set up for this email. Sign in with your password, or ask your firm's administrator.",
  invalid: "Your identity provider's answer could not be verified. Try again; if it keeps happening, ask your administrator to check the single sign-on settings.",
  wrong_recipient: "Your identity provider sent the sign-in to another address. Ask your administrator to check the ACS URL in the identity provider.",
  expired: "The sign-in took too long, or the clocks disagree. Please try again.",
  not_yet_valid: "The identity provider's clock is ahead of ours. Please try again in a minute.",
  replayed: "That sign-in was already used. Please start again.",
  unknown_user: "Your identity provider signed you in, but this firm has no active Chambers user with that email. Ask your firm's administrator.",
  invitation_pending: "You have a pending invitation: accept it from the link in your email first.",
  invitation_expired: "Your invitation has expired. Ask your firm's administrator to send a new one.",
  invitation_invalid: "Your invitation is no longer valid. Ask your firm's administrator.",
};

export function ssoErrorMessage(code: string): string {
  return MESSAGES[code] ?? "Single sign-on did not succeed. Please try again.";
}
