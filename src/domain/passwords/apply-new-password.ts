/** ACC-9: after any change of password, the person is told by email, with what ended. */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { passwordResets, sessions, users } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { passwordChangedEmail } from "../../mail/templates/password-changed.js";
import { recordActivity } from "../feed/record-activity.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { revokeAllSessions } from "../sessions/revoke-session.js";
import { fullName, type UserRecord } from "../users/user-record.js";

/**
 * Sets a new password hash and ends every session and API token but `keepSessionId`; voids
 * every reset link still pending; mails the person; writes the feed. One transaction.
 */
export async function applyNewPassword(
  tx: Tx,
  clock: Clock,
  user: UserRecord,
  passwordHash: string,
  opts: { keepSessionId: string | null; how: "changed" | "reset" },
): Promise<{ sessionsEnded: number }> {
  const now = clock.now();
  await tx
    .update(users)
    .set({ passwordHash, updatedAt: now })
    .where(and(eq(users.firmId, user.firmId), eq(users.id, user.id)));
  const sessionsEnded = opts.keepSessionId
    ? (
        await tx
          .update(sessions)
          .set({ revokedAt: now })
          .where(and(eq(sessions.firmId, user.firmId), eq(sessions.userId, user.id), isNull(sessions.revokedAt), ne(sessions.id, opts.keepSessionId)))
          .returning({ id: sessions.id })
      ).length
    : await revokeAllSessions(tx, now, user.firmId, user.id);
  await tx
    .update(passwordResets)
    .set({ status: "superseded", tokenHash: null })
    .where(and(eq(passwordResets.firmId, user.firmId), eq(passwordResets.userId, user.id), eq(passwordResets.status, "pending")));
  await enqueueEmail(
    tx,
    clock,
    user.firmId,
    `password.${opts.how}`,
    passwordChangedEmail({ to: user.email, firstName: user.firstName, fullName: fullName(user), how: opts.how }),
  );
  await recordActivity(tx, clock, {
    firmId: user.firmId,
    actor: { id: user.id, name: fullName(user) },
    kind: opts.how === "reset" ? "user.password_reset" : "user.password_changed",
    subject: { type: "user", id: user.id, label: fullName(user) },
    after: { sessions_ended: sessionsEnded },
  });
  return { sessionsEnded };
}
