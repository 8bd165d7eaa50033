/** One contact of the firm with its rates; another firm's answers 404 (SEC-1). */
import { and, eq } from "drizzle-orm";
import { contacts } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentContact, selectContacts } from "./contact-record.js";

export async function getContact({ db, actor }: ReadContext, id: string) {
  const [row] = await selectContacts(db).where(and(eq(contacts.firmId, actor.firmId), eq(contacts.id, id)));
  if (!row) throw notFound("Contact");
  return presentContact(row, actor);
}
