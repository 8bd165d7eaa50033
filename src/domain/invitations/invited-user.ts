/** The person an invitation names, and the errors a link answers with (INV-3, INV-6). */
import { and, eq } from "drizzle-orm";
import { firms, users } from "../../db/schema.js";
import type { Executor } from "../../db/client.js";
import { AppError } from "../errors.js";
import { type Invitation } from "./invitation-token.js";

export const invitationInvalid = () =>
  new AppError("invitation_invalid", "This invitation link is not valid. It may have been used, replaced by a newer one, or revoked.");

export const invitationExpired = () =>
  new AppError("invitation_expired", "This invitation has expired. Ask your firm's administrator to send a new one.");

export async function invitedUser(db: Executor, inv: Invitation) {
  const [row] = await db
    .select({ user: users, firmName: firms.name, firmStatus: firms.status })
    .from(users)
    .innerJoin(firms, eq(firms.id, users.firmId))
    .where(and(eq(users.firmId, inv.firmId), eq(users.id, inv.userId)));
  if (!row || row.user.status !== "invited" || row.firmStatus !== "active") throw invitationInvalid();
  return row;
}
