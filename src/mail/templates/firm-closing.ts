/** CLS-2: tells an administrator that the firm's account was closed, or is about to be deleted. */
import { renderEmail } from "../layout.js";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Sent to every administrator when the account is closed, and again shortly before the purge. */
export function firmClosingEmail(input: { to: string; firstName: string; firmName: string; purgeAt: Date; reminder: boolean }) {
  const when = day(input.purgeAt);
  return renderEmail({
    to: input.to,
    subject: input.reminder ? `${input.firmName}'s data will be deleted on ${when}` : `${input.firmName}'s account was closed`,
    paragraphs: [
      `Hello ${input.firstName || input.to},`,
      input.reminder
        ? `The account of ${input.firmName} is closed, and all of its data will be deleted for good on ${when} (UTC).`
        : `The account of ${input.firmName} was closed. Everyone was signed out, and no further charge will be made.`,
      `Until ${when} the data stays read-only: administrators can still sign in and download an export of it (Account page, Download export). After that day it is deleted and cannot be recovered.`,
    ],
  });
}
