/**
 * DEA-8: reactivation needs a license (LIC-7); if the email has since been taken it is refused
 * with `email_in_use`, unless a new, free email comes with the request. Roles come back.
 */
import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema.js";
import { authorize } from "../../policies/authorize.js";
import { emailInUse, emailTaken, rethrowEmailConflict } from "../accounts/emails.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockSubscription, type Charge } from "../licenses/license-state.js";
import { reserveLicenses } from "../licenses/reserve-licenses.js";
import { lockUser } from "./lock-user.js";
import { fullName } from "./user-record.js";

export async function reactivateUser(
  ctx: ActorContext,
  userId: string,
  input: { email?: string; confirmPurchase: boolean },
): Promise<{ charge: Charge | null }> {
  const { tx, clock, actor } = ctx;
  await lockSubscription(tx, actor.firmId);
  const user = authorize(actor, "reactivate", await lockUser(tx, actor.firmId, userId));
  const email = input.email ?? user.email;
  if (await emailTaken(tx, email)) throw emailInUse("email");
  const charge = await reserveLicenses(ctx, 1, input.confirmPurchase);
  const now = clock.now();
  try {
    await tx
      .update(users)
      .set({ status: "active", email, deactivatedAt: null, deactivatedById: null, updatedAt: now, version: user.version + 1 })
      .where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  } catch (err) {
    rethrowEmailConflict(err);
  }
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.reactivated",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { status: "deactivated", email: user.email },
    after: { status: "active", email },
  });
  return { charge };
}
