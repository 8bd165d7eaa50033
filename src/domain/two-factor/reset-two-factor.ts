/** SES-3: an administrator removes another user's second factor (a lost phone); the user is told by email. */
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { lockUser } from "../users/lock-user.js";
import { factorChanged } from "./factor-changed.js";
import { removeFactor } from "./factor.js";

export async function resetTwoFactor({ tx, clock, actor }: ActorContext, userId: string) {
  const user = authorize(actor, "reset_two_factor", await lockUser(tx, actor.firmId, userId));
  if (!(await removeFactor(tx, actor.firmId, user.id))) throw new AppError("conflict", "This user has no second factor to reset.");
  await factorChanged(tx, clock, actor, user, "reset");
}
