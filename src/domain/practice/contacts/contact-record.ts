/** Contacts with their custom rates, loaded in one statement, and how they are presented. */
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../../db/client.js";
import { contacts } from "../../../db/schema.js";
import { contactAbilities } from "../../../policies/contacts.js";
import type { Actor } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentRates, ratesJson } from "../custom-rates.js";
import { qualified } from "../qualified.js";

/** Contacts with their rates and the list's sort key; the caller adds the firm's condition and order. */
export function selectContacts(db: Executor) {
  return db
    .select({ contact: contacts, sortKey: sql<string>`lower(${qualified(contacts.name)})`, rates: ratesJson("contact", contacts.firmId, contacts.id) })
    .from(contacts)
    .$dynamic();
}

export type ContactRow = Awaited<ReturnType<ReturnType<typeof selectContacts>["execute"]>>[number];

export function presentContact(row: ContactRow, actor: Actor) {
  const c = row.contact;
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    custom_rates: presentRates(row.rates),
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    abilities: contactAbilities(actor),
  };
}

/** A contact of the firm, locked for a change; another firm's answers 404 (SEC-1). */
export async function lockContact(tx: Tx, firmId: string, id: string) {
  const [row] = await tx.select().from(contacts).where(and(eq(contacts.firmId, firmId), eq(contacts.id, id))).for("no key update");
  if (!row) throw notFound("Contact");
  return row;
}
