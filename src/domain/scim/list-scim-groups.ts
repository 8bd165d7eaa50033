/** SCIM-1: the firm's live groups as a SCIM ListResponse (`displayName eq`, `externalId eq` ...), paged. */
import type { ReadContext } from "../context.js";
import { pageOf, type ListQuery } from "./scim-list.js";
import { equalityOn, matchFilter, parseFilter } from "./scim-protocol.js";
import { loadScimGroups, presentScimGroup } from "./scim-group-record.js";

export async function listScimGroups({ db, actor }: ReadContext, query: ListQuery, origin: string, withMembers = true) {
  const filter = query.filter !== undefined ? parseFilter(query.filter) : null;
  const candidates = await loadScimGroups(db, actor.firmId, { displayName: equalityOn(filter, "displayName"), externalId: equalityOn(filter, "externalId") });
  const resources = candidates.map((g) => presentScimGroup(g, origin, true));
  const picked = filter ? matchFilter(filter, resources) : resources;
  return pageOf(withMembers ? picked : picked.map((g) => ({ ...g, members: undefined })), query);
}
