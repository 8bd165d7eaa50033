/** ACC-9: a reset link sets a new password, once, within the hour, and ends every session. */
import { and, eq } from "drizzle-orm";
import { passwordResets } from "../../db/schema.js";
import { assertStrongPassword, hashPassword } from "../accounts/passwords.js";
import { AppError } from "../errors.js";
import { parseLinkToken, tokenMatches } from "../link-token.js";
import { lockUser } from "../users/lock-user.js";
import { applyNewPassword } from "./apply-new-password.js";
import type { TxContext } from "../context.js";

const resetInvalid = () =>
  new AppError("reset_invalid", "This reset link is not valid. It may have been used or replaced by a newer one: ask for a new link.");

export async function resetPassword({ tx, clock }: TxContext, input: { token: string; new_password: string }): Promise<void> {
  const key = parseLinkToken("pwr", input.token);
  if (!key) throw resetInvalid();
  const [reset] = await tx
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.firmId, key.firmId), eq(passwordResets.id, key.id)))
    .for("update");
  if (!reset || reset.status !== "pending" || !tokenMatches(reset.tokenHash, input.token)) throw resetInvalid();
  const now = clock.now();
  if (reset.expiresAt <= now) throw new AppError("reset_expired", "This reset link has expired: links work for one hour. Ask for a new one.");
  assertStrongPassword(input.new_password, "new_password");
  const user = await lockUser(tx, reset.firmId, reset.userId);
  if (user.status !== "active") throw resetInvalid();
  const passwordHash = await hashPassword(input.new_password);
  await tx
    .update(passwordResets)
    .set({ status: "used", usedAt: now, tokenHash: null })
    .where(and(eq(passwordResets.firmId, reset.firmId), eq(passwordResets.id, reset.id)));
  await applyNewPassword(tx, clock, user, passwordHash, { keepSessionId: null, how: "reset" });
}
