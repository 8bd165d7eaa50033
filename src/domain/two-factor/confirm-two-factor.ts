/** SES-3: a first code from the app turns two-factor on; the recovery codes are answered this once. */
import { and, eq } from "drizzle-orm";
import { userTwoFactor } from "../../db/schema.js";
import { LIMITS } from "../../shared/limits.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { lockUser } from "../users/lock-user.js";
import { isTotpShape, newRecoveryCodes, normaliseCode, recoveryCodeHash, totpTimeStep } from "./codes.js";
import { factorChanged } from "./factor-changed.js";
import { lockFactor } from "./factor.js";

export async function confirmTwoFactor({ tx, clock, actor }: ActorContext, typed: string) {
  const user = await lockUser(tx, actor.firmId, actor.userId);
  const factor = await lockFactor(tx, actor.firmId, actor.userId);
  if (!factor) throw new AppError("conflict", "Begin enrolment first: no authenticator is waiting to be confirmed.");
  if (factor.enabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
  const code = normaliseCode(typed);
  if (!isTotpShape(code)) throw validation([{ path: "code", message: "Enter the 6-digit code your authenticator app shows." }]);
  const now = clock.now();
  const step = await totpTimeStep(factor.secret, code, now, null);
  if (step === null) throw validation([{ path: "code", message: "That code is not right. Enter the code the app shows now (check the phone's clock)." }]);
  const codes = newRecoveryCodes(LIMITS.recoveryCodes);
  await tx
    .update(userTwoFactor)
    // The confirming code's step counts as used: it cannot sign anyone in afterwards.
    .set({ enabledAt: now, lastTimeStep: step, recoveryCodeHashes: codes.map((c) => recoveryCodeHash(user.id, c)), updatedAt: now })
    .where(and(eq(userTwoFactor.firmId, actor.firmId), eq(userTwoFactor.userId, actor.userId)));
  await factorChanged(tx, clock, actor, user, "enabled");
  return { recovery_codes: codes };
}
