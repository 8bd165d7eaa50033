/** SCIM-1: one user of the token's firm as a SCIM User resource; another firm's id is a 404. */
import type { ReadContext } from "../context.js";
import { loadScimUser, presentScimUser } from "./scim-user-record.js";

export async function getScimUser({ db, actor }: ReadContext, id: string, origin: string) {
  return presentScimUser(await loadScimUser(db, actor.firmId, id), origin);
}
