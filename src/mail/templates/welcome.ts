/** ACC-1: the welcome email to the primary subscriber of a firm that has just signed up. */
import { renderEmail } from "../layout.js";

/** Renders the welcome email; `url` opens the console where colleagues are invited. */
export function welcomeEmail(input: { to: string; firstName: string; firmName: string; licenses: number; plan: string; url: string }) {
  return renderEmail({
    to: input.to,
    subject: `${input.firmName} is ready in Chambers`,
    paragraphs: [
      `Hello ${input.firstName},`,
      `Your firm ${input.firmName} now has its Chambers account, with ${input.licenses} license${input.licenses === 1 ? "" : "s"} on the ${input.plan} plan. You are its primary subscriber.`,
      "Next, invite your colleagues and give each the roles they need.",
    ],
    action: { label: "Open Chambers", url: input.url },
  });
}
