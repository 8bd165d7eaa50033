/** WHK-2: tells an administrator that a webhook endpoint kept failing and was paused. */
import { renderEmail } from "../layout.js";

/** Renders the notice; `lastError` is what the last attempt met (a status code or a network error). */
export function webhookPausedEmail(input: { to: string; firstName: string; url: string; failures: number; lastError: string }) {
  return renderEmail({
    to: input.to,
    subject: "A webhook endpoint was paused",
    paragraphs: [
      `Hello ${input.firstName || input.to},`,
      `Chambers paused the webhook endpoint ${input.url} after ${input.failures} failed attempts in a row. The last one: ${input.lastError}.`,
      "Nothing is lost: events wait while it is paused. Fix the receiver, then resume the endpoint under Settings, Webhooks, and what failed is sent again in order.",
    ],
  });
}
