/** EML-1, EML-4: the new address confirms; the email changes and every other session ends. */
import { and, eq, isNull, ne } from "drizzle-orm";
import { emailChanges, sessions, users } from "../../db/schema.js";
import { emailChangedEmail } from "../../mail/templates/email-changed.js";
import { emailInUse, emailTaken, rethrowEmailConflict } from "../accounts/emails.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { parseLinkToken, tokenMatches } from "../link-token.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { lockUser } from "../users/lock-user.js";
import { fullName } from "../users/user-record.js";
import type { TxContext } from "../context.js";

export const linkInvalid = () => new AppError("not_found", "This confirmation link is not valid. It may have been used or replaced by a newer one.");

/** Confirms the change a link names; `keepSessionId` is the confirming user's own session, if any. */
export async function confirmEmailChange({ tx, clock }: TxContext, token: string, keepSessionId: string | null) {
  const key = parseLinkToken("eml", token);
  if (!key) throw linkInvalid();
  const [change] = await tx.select().from(emailChanges).where(and(eq(emailChanges.firmId, key.firmId), eq(emailChanges.id, key.id))).for("update");
  if (!change || change.status !== "pending" || !tokenMatches(change.tokenHash, token)) throw linkInvalid();
  const now = clock.now();
  if (change.expiresAt <= now) throw new AppError("link_expired", "This confirmation link has expired. Ask for the change again.");
  const user = await lockUser(tx, change.firmId, change.userId);
  if (user.status !== "active") throw linkInvalid();
  if (await emailTaken(tx, change.newEmail)) throw emailInUse("new_email");
  try {
    await tx
      .update(users)
      .set({ email: change.newEmail, updatedAt: now, version: user.version + 1 })
      .where(and(eq(users.firmId, change.firmId), eq(users.id, change.userId)));
  } catch (err) {
    rethrowEmailConflict(err, "new_email");
  }
  await tx
    .update(emailChanges)
    .set({ status: "confirmed", confirmedAt: now, tokenHash: null })
    .where(and(eq(emailChanges.firmId, change.firmId), eq(emailChanges.id, change.id)));
  const others = and(eq(sessions.firmId, change.firmId), eq(sessions.userId, change.userId), isNull(sessions.revokedAt));
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(keepSessionId ? and(others, ne(sessions.id, keepSessionId)) : others)
    .returning({ id: sessions.id });
  await enqueueEmail(
    tx,
    clock,
    change.firmId,
    "email_change.done",
    emailChangedEmail({ to: user.email, firstName: user.firstName, newEmail: change.newEmail }),
  );
  await recordActivity(tx, clock, {
    firmId: change.firmId,
    actor: { id: change.userId, name: fullName(user) },
    kind: "user.email_changed",
    subject: { type: "user", id: change.userId, label: fullName(user) },
    before: { email: user.email },
    after: { email: change.newEmail, sessions_ended: ended.length },
  });
  return { firmId: change.firmId, userId: change.userId };
}
