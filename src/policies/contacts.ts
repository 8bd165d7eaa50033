/** Who may do what to contacts (PRC-1, PRC-8, GRP-4). Pure functions. */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";

export const contactPolicy = {
  /** Anyone in the firm sees the firm's contacts. */
  view: (_actor: Actor) => true,
  create: (actor: Actor) => actor.permissions.has("contacts.edit"),
  edit: (actor: Actor) => actor.permissions.has("contacts.edit"),
  /** GRP-4: a contact's custom billing rates. */
  manage_rates: (actor: Actor) => actor.permissions.has("rates.manage"),
};

/** What the actor may do to a contact, sent with it (DESIGN habit 3). */
export const contactAbilities = (actor: Actor) => whileOpen(actor, { edit: contactPolicy.edit(actor), manage_rates: contactPolicy.manage_rates(actor) });
