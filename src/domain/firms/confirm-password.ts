/**
 * The actor's own password, confirming a grave change (ACC-6, CLS-1). argon2 is slow on purpose,
 * so it runs before any lock is taken; inside the transaction, `stillRight` also asks that the
 * hash be the one checked, so a password changed meanwhile does not count.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { verifyPassword } from "../accounts/passwords.js";
import type { Actor } from "../context.js";
import type { FieldError } from "../../shared/errors.js";

export interface CheckedPassword {
  /** True when the password was right and the stored hash is still `currentHash`. */
  stillRight(currentHash: string | null): boolean;
}

export const WRONG_PASSWORD: FieldError = { path: "password", message: "The password is not correct." };

/** Checks the password against the actor's stored hash, outside any transaction. */
export async function checkOwnPassword(db: Executor, actor: Actor, password: string): Promise<CheckedPassword> {
  const [self] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.firmId, actor.firmId), eq(users.id, actor.userId)));
  const checkedHash = self?.passwordHash ?? null;
  const ok = await verifyPassword(checkedHash, password);
  return { stillRight: (currentHash) => ok && currentHash === checkedHash };
}
