/** SCIM-1: the firm's users as a SCIM ListResponse, filtered (`userName eq` and the rest) and paged. */
import type { ReadContext } from "../context.js";
import { pageOf, type ListQuery } from "./scim-list.js";
import { equalityOn, matchFilter, parseFilter } from "./scim-protocol.js";
import { loadScimUsers, presentScimUser } from "./scim-user-record.js";

export async function listScimUsers({ db, actor }: ReadContext, query: ListQuery, origin: string) {
  const filter = query.filter !== undefined ? parseFilter(query.filter) : null;
  // The identity providers' lookups (`userName eq`, `externalId eq`) are answered from an index.
  const candidates = await loadScimUsers(db, actor.firmId, { userName: equalityOn(filter, "userName"), externalId: equalityOn(filter, "externalId") });
  const resources = candidates.map((u) => presentScimUser(u, origin));
  return pageOf(filter ? matchFilter(filter, resources) : resources, query);
}
