/** One role of the firm with how many hold it; another firm's answers 404 (SEC-1). */
import type { ReadContext } from "../context.js";
import { notFound } from "../errors.js";
import { listRoles } from "./list-roles.js";

export async function getRole(ctx: ReadContext, id: string) {
  const [role] = await listRoles(ctx, id);
  if (!role) throw notFound("Role");
  return role;
}
