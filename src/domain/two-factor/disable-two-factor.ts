/** SES-3: a user turns off their own second factor with their password and a code, unless the firm requires it. */
import { verifyPassword } from "../accounts/passwords.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import type { FieldError } from "../../shared/errors.js";
import { loadFirm } from "../firms/load-firm.js";
import { lockUser } from "../users/lock-user.js";
import { factorChanged } from "./factor-changed.js";
import { lockFactor, removeFactor, spendCode } from "./factor.js";

export async function disableTwoFactor({ tx, clock, actor }: ActorContext, input: { password: string; code: string }) {
  const user = await lockUser(tx, actor.firmId, actor.userId);
  const { firm } = await loadFirm(tx, actor.firmId);
  if (firm.twoFactorRequired) throw new AppError("conflict", "Your firm requires two-factor sign-in, so it cannot be turned off.");
  const factor = await lockFactor(tx, actor.firmId, actor.userId);
  if (!factor?.enabledAt) throw new AppError("conflict", "Two-factor sign-in is not on.");
  const errors: FieldError[] = [];
  if (!(await verifyPassword(user.passwordHash, input.password))) errors.push({ path: "password", message: "The password is incorrect." });
  // Refused as a whole: a code spent here is given back by the rollback.
  if (!(await spendCode(tx, clock, factor, input.code))) errors.push({ path: "code", message: "The code is not valid." });
  if (errors.length) throw validation(errors);
  await removeFactor(tx, actor.firmId, actor.userId);
  await factorChanged(tx, clock, actor, user, "disabled");
}
