/** PRC-1, PRC-8, GRP-4: a new contact, optionally with custom rates. */
import { contacts } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { contactPolicy } from "../../../policies/contacts.js";
import type { ContactInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { newId } from "../../secrets.js";
import { lockChosenUsers } from "../chosen-users.js";
import { rateErrors, ratesSnapshot, replaceRates } from "../custom-rates.js";
import { recordPracticeActivity } from "../practice-feed.js";

export async function createContact(ctx: ActorContext, input: ContactInput & { name: string }): Promise<string> {
  const { tx, clock, actor } = ctx;
  requirePolicy(contactPolicy.create(actor));
  const rates = input.custom_rates ?? [];
  if (rates.length) requirePolicy(contactPolicy.manage_rates(actor));
  const statuses = await lockChosenUsers(tx, actor.firmId, rates.map((r) => r.user_id));
  const errors = await rateErrors(tx, actor.firmId, rates, [], statuses);
  if (errors.length) throw validation(errors);
  const now = clock.now();
  const id = newId();
  await tx.insert(contacts).values({ firmId: actor.firmId, id, name: input.name, email: input.email ?? null, createdById: actor.userId, createdAt: now, updatedAt: now });
  await replaceRates(tx, actor, { contactId: id }, rates, now);
  await recordPracticeActivity(ctx, {
    kind: "contact.created",
    subject: { type: "contact", id, label: input.name },
    after: {
      name: input.name,
      email: input.email ?? null,
      custom_rates: ratesSnapshot(rates.map((r) => ({ userId: r.user_id ?? null, groupId: r.group_id ?? null, rateCents: r.rate_cents }))),
    },
  });
  return id;
}
