/** Loading a user to change them: locked in the transaction, with what the policies need. */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { notFound } from "../errors.js";
import { loadFirm } from "../firms/load-firm.js";
import { withRoles, type UserRecord } from "./user-record.js";

/** The user, locked, as the policy sees them; a foreign or unknown id answers 404. */
export async function lockUser(tx: Tx, firmId: string, userId: string): Promise<UserRecord> {
  // FOR NO KEY UPDATE: it still queues concurrent changes of this user, but lets rows that only
  // refer to the user (a notification, a session) be written meanwhile: a plain FOR UPDATE would
  // block their foreign-key checks and can deadlock with the feed's lock.
  const [row] = await tx.select().from(users).where(and(eq(users.firmId, firmId), eq(users.id, userId))).for("no key update");
  if (!row) throw notFound("User");
  // Who owns the firm is read once the user is locked: an ownership transfer, which locks the
  // same users, has then either committed or not begun.
  const { firm } = await loadFirm(tx, firmId);
  const [user] = await withRoles(tx, firmId, firm.primarySubscriberId, [row]);
  return user!;
}
