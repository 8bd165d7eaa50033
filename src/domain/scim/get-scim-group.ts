/** SCIM-1: one live group of the token's firm as a SCIM Group resource. */
import type { ReadContext } from "../context.js";
import { loadScimGroup, presentScimGroup } from "./scim-group-record.js";

export async function getScimGroup({ db, actor }: ReadContext, id: string, origin: string, withMembers = true) {
  return presentScimGroup(await loadScimGroup(db, actor.firmId, id), origin, withMembers);
}
