/**
 * EML-1, EML-3: a change of login email is asked for (by the user with their password, or by an
 * administrator for someone else) and happens only when the new address follows its link. The
 * old address is told (+). The new email must be free now and again when confirmed (EML-4).
 */
import { and, eq } from "drizzle-orm";
import { emailChanges } from "../../db/schema.js";
import { emailChangeConfirmEmail } from "../../mail/templates/email-change-confirm.js";
import { emailChangeNoticeEmail } from "../../mail/templates/email-change-notice.js";
import { authorize } from "../../policies/authorize.js";
import { emailInUse, emailTaken, normaliseEmail } from "../accounts/emails.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { loadFirm } from "../firms/load-firm.js";
import { makeLinkToken } from "../link-token.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { newId } from "../secrets.js";
import { lockUser } from "../users/lock-user.js";
import { fullName } from "../users/user-record.js";

export const EMAIL_CHANGE_TTL_MS = 24 * 3600 * 1000;

export async function requestEmailChange({ tx, clock, actor }: ActorContext, userId: string, newEmail: string, appUrl: string) {
  const user = authorize(actor, "change_email", await lockUser(tx, actor.firmId, userId));
  if (user.status !== "active") throw validation([{ path: "new_email", message: "Only an active user's login email can change." }]);
  if (normaliseEmail(newEmail) === normaliseEmail(user.email)) throw validation([{ path: "new_email", message: "This is already the login email." }]);
  if (await emailTaken(tx, newEmail)) throw emailInUse("new_email");
  const now = clock.now();
  // A newer request replaces any earlier one: its link stops working.
  await tx
    .update(emailChanges)
    .set({ status: "superseded", tokenHash: null })
    .where(and(eq(emailChanges.firmId, actor.firmId), eq(emailChanges.userId, userId), eq(emailChanges.status, "pending")));
  const id = newId();
  const { token, hash } = makeLinkToken("eml", actor.firmId, id);
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS);
  await tx.insert(emailChanges).values({ firmId: actor.firmId, id, userId, newEmail: newEmail.trim(), tokenHash: hash, requestedById: actor.userId, expiresAt, createdAt: now });
  const { firm } = await loadFirm(tx, actor.firmId);
  const link = `${appUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  await enqueueEmail(
    tx,
    clock,
    actor.firmId,
    "email_change.confirm",
    emailChangeConfirmEmail({ to: newEmail.trim(), firstName: user.firstName, firmName: firm.name, currentEmail: user.email, url: link }),
  );
  await enqueueEmail(
    tx,
    clock,
    actor.firmId,
    "email_change.notice",
    emailChangeNoticeEmail({
      to: user.email,
      firstName: user.firstName,
      firmName: firm.name,
      newEmail: newEmail.trim(),
      requestedBy: actor.userId === user.id ? null : actor.name,
    }),
  );
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.email_change_requested",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { email: user.email },
    after: { requested_email: newEmail.trim() },
  });
  return { new_email: newEmail.trim(), expires_at: expiresAt.toISOString() };
}
