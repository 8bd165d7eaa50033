/** The firm's contacts by name, searched by name and email, paged by cursor. */
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { contacts } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { after, cursorAfter, likePattern } from "../keyset.js";
import { qualified } from "../qualified.js";
import { presentContact, selectContacts } from "./contact-record.js";

export interface ListContactsInput {
  q?: string;
  limit: number;
  cursor?: string;
}

export async function listContacts({ db, actor }: ReadContext, input: ListContactsInput) {
  const sortKey = sql<string>`lower(${qualified(contacts.name)})`;
  const where: (SQL | undefined)[] = [eq(contacts.firmId, actor.firmId)];
  if (input.q) where.push(or(ilike(contacts.name, likePattern(input.q)), ilike(contacts.email, likePattern(input.q))));
  const at = cursorAfter(input.cursor);
  if (at) where.push(after(sortKey, contacts.id, sql`${at.value}::text`, at.id));
  const rows = await selectContacts(db)
    .where(and(...where))
    .orderBy(asc(sortKey), asc(contacts.id))
    .limit(input.limit + 1);
  const paged = page(rows, input.limit, (r) => encodeCursor(r.sortKey, r.contact.id));
  return { data: paged.data.map((r) => presentContact(r, actor)), next_cursor: paged.next_cursor };
}
