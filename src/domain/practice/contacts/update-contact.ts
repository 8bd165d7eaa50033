/** PRC-1, GRP-4: editing a contact: name and email need `contacts.edit`, rates `rates.manage`. */
import { and, eq } from "drizzle-orm";
import { contacts } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { contactPolicy } from "../../../policies/contacts.js";
import type { ContactInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { lockChosenUsers } from "../chosen-users.js";
import { currentRates, rateErrors, ratesSnapshot, replaceRates } from "../custom-rates.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { lockContact } from "./contact-record.js";

export async function updateContact(ctx: ActorContext, id: string, input: ContactInput): Promise<void> {
  const { tx, clock, actor } = ctx;
  // Users first, then the record: the order every change of practice data takes its locks in.
  const statuses = await lockChosenUsers(tx, actor.firmId, (input.custom_rates ?? []).map((r) => r.user_id));
  const contact = await lockContact(tx, actor.firmId, id);
  const rates = await currentRates(tx, actor.firmId, { contactId: id });
  const after = { name: input.name ?? contact.name, email: input.email === undefined ? contact.email : input.email };
  if (after.name !== contact.name || after.email !== contact.email) requirePolicy(contactPolicy.edit(actor));
  const ratesBefore = ratesSnapshot(rates);
  const ratesAfter = input.custom_rates
    ? ratesSnapshot(input.custom_rates.map((r) => ({ userId: r.user_id ?? null, groupId: r.group_id ?? null, rateCents: r.rate_cents })))
    : ratesBefore;
  const ratesChanged = JSON.stringify(ratesBefore) !== JSON.stringify(ratesAfter);
  if (ratesChanged) requirePolicy(contactPolicy.manage_rates(actor));
  if (input.custom_rates) {
    const errors = await rateErrors(tx, actor.firmId, input.custom_rates, rates, statuses);
    if (errors.length) throw validation(errors);
  }
  const now = clock.now();
  await tx.update(contacts).set({ ...after, updatedAt: now }).where(and(eq(contacts.firmId, actor.firmId), eq(contacts.id, id)));
  if (input.custom_rates && ratesChanged) await replaceRates(tx, actor, { contactId: id }, input.custom_rates, now);
  await recordPracticeActivity(ctx, {
    kind: "contact.updated",
    subject: { type: "contact", id, label: after.name },
    before: { name: contact.name, email: contact.email, custom_rates: ratesBefore },
    after: { ...after, custom_rates: ratesAfter },
  });
}
