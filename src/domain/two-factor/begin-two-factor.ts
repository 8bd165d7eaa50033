/** SES-3: enrolment begins with the password; the new secret is shown this once and not yet in use. */
import { userTwoFactor } from "../../db/schema.js";
import { verifyPassword } from "../accounts/passwords.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { lockUser } from "../users/lock-user.js";
import { newAuthenticator } from "./codes.js";
import { lockFactor } from "./factor.js";

export async function beginTwoFactor({ tx, clock, actor }: ActorContext, password: string) {
  const user = await lockUser(tx, actor.firmId, actor.userId);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw validation([{ path: "password", message: "The password is incorrect." }]);
  }
  const existing = await lockFactor(tx, actor.firmId, actor.userId);
  if (existing?.enabledAt) throw new AppError("conflict", "Two-factor sign-in is already on. Turn it off before enrolling another app.");
  const now = clock.now();
  const { secret, otpauthUrl, qrSvg } = await newAuthenticator(user.email);
  // Beginning again replaces an enrolment never confirmed: only the newest secret can be confirmed.
  await tx
    .insert(userTwoFactor)
    .values({ firmId: actor.firmId, userId: actor.userId, secret, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [userTwoFactor.firmId, userTwoFactor.userId],
      set: { secret, enabledAt: null, lastTimeStep: null, recoveryCodeHashes: [], createdAt: now, updatedAt: now },
    });
  return { secret, otpauth_url: otpauthUrl, qr_svg: qrSvg };
}
