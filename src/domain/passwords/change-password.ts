/** ACC-9: a signed-in user changes their own password with the current one. */
import { assertStrongPassword, hashPassword, verifyPassword } from "../accounts/passwords.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { lockUser } from "../users/deactivate-user.js";
import { applyNewPassword } from "./apply-new-password.js";

export async function changePassword(
  { tx, clock, actor }: ActorContext,
  input: { current_password: string; new_password: string },
): Promise<{ sessionsEnded: number }> {
  assertStrongPassword(input.new_password, "new_password");
  const user = await lockUser(tx, actor.firmId, actor.userId);
  if (!(await verifyPassword(user.passwordHash, input.current_password))) {
    throw validation([{ path: "current_password", message: "The current password is incorrect." }]);
  }
  if (input.new_password === input.current_password) {
    throw validation([{ path: "new_password", message: "Choose a password other than the current one." }]);
  }
  // Every other session and API token ends; the one asking stays signed in.
  return applyNewPassword(tx, clock, user, await hashPassword(input.new_password), {
    keepSessionId: actor.sessionKind === "session" ? actor.sessionId : null,
    how: "changed",
  });
}
