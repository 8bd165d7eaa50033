/** ACC-9: a signed-in user changes their own password with the current one. */
import { assertStrongPassword, hashPassword, verifyPassword } from "../accounts/passwords.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import type { FieldError } from "../../shared/errors.js";
import { lockUser } from "../users/lock-user.js";
import { applyNewPassword } from "./apply-new-password.js";

export async function changePassword(
  { tx, clock, actor }: ActorContext,
  input: { current_password: string; new_password: string },
): Promise<{ sessionsEnded: number }> {
  const user = await lockUser(tx, actor.firmId, actor.userId);
  // Every field's error at once (habit 9): the current password, then the new one.
  const errors: FieldError[] = [];
  if (!(await verifyPassword(user.passwordHash, input.current_password))) {
    errors.push({ path: "current_password", message: "The current password is incorrect." });
  }
  try {
    assertStrongPassword(input.new_password, "new_password");
    if (input.new_password === input.current_password) {
      errors.push({ path: "new_password", message: "Choose a password other than the current one." });
    }
  } catch (err) {
    if (!(err instanceof AppError) || !err.errors) throw err;
    errors.push(...err.errors);
  }
  if (errors.length) throw validation(errors);
  // Every other session and API token ends; the session or token asking stays signed in.
  return applyNewPassword(tx, clock, user, await hashPassword(input.new_password), {
    keepSessionId: actor.sessionId,
    how: "changed",
  });
}
