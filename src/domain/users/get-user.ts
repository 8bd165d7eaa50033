/** GET /users/{id}: one user as the actor may see them, in one prepared statement (USR-4). */
import type { Executor } from "../../db/client.js";
import type { Actor } from "../context.js";
import { notFound } from "../errors.js";
import { findUser, type UserRecord } from "./user-record.js";

export async function getUser(db: Executor, actor: Actor, id: string): Promise<UserRecord> {
  const user = await findUser(db, actor.firmId, null, id);
  // Colleagues see active users; only managers of users see invited and deactivated people.
  if (!user || (user.status !== "active" && !actor.permissions.has("users.manage"))) throw notFound("User");
  return user;
}
