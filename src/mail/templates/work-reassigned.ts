/** REA-8: one email per person who received work, summing up what they received and from whom. */
import { renderEmail } from "../layout.js";

/** Renders the summary; `summary` reads like "3 matters, 2 tasks and 1 event". */
export function workReassignedEmail(input: { to: string; firstName: string; fullName: string; summary: string; fromName: string; byName: string }) {
  return renderEmail({
    to: input.to,
    subject: `Work of ${input.fromName} was reassigned to you`,
    paragraphs: [
      `Hello ${input.firstName || input.fullName},`,
      `${input.byName} reassigned to you ${input.summary} of ${input.fromName}.`,
      "You will find them under Matters, Tasks and Calendar in Chambers.",
    ],
  });
}
