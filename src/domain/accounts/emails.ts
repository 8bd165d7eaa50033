/** Login emails are the identity: trimmed, compared case-insensitively, unique (USR-2). */
import { and, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { AppError } from "../errors.js";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** True when an invited or active user of any firm already has this email. */
export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${normaliseEmail(email)}`, inArray(users.status, ["invited", "active"])))
    .limit(1);
  return rows.length > 0;
}

export const emailInUse = (path = "email") =>
  new AppError("email_in_use", "This email address is already in use.", {}, [
    { path, message: "This email address is already in use." },
  ]);

/** Turn the unique index's violation (a race the pre-check lost) into `email_in_use`. */
export function rethrowEmailConflict(err: unknown, path = "email"): never {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint;
  if (code === "23505" && (constraint === undefined || constraint === "users_login_email_unique")) throw emailInUse(path);
  throw err;
}
