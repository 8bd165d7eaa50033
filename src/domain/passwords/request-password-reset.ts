/**
 * ACC-9: anyone asks for a reset link for an email. Only an active user's address receives
 * one (single use, one hour, stored as a hash); the caller learns nothing either way.
 */
import { and, eq, sql } from "drizzle-orm";
import { firms, passwordResets, users } from "../../db/schema.js";
import { passwordResetLinkEmail } from "../../mail/templates/password-reset-link.js";
import { normaliseEmail } from "../accounts/emails.js";
import { makeLinkToken } from "../link-token.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { newId } from "../secrets.js";
import type { TxContext } from "../context.js";

export const PASSWORD_RESET_TTL_MS = 3600 * 1000;

export async function requestPasswordReset({ tx, clock }: TxContext, email: string, appUrl: string): Promise<void> {
  const [user] = await tx
    .select({ firmId: users.firmId, id: users.id, email: users.email, firstName: users.firstName, firmName: firms.name })
    .from(users)
    .innerJoin(firms, eq(firms.id, users.firmId))
    .where(and(sql`lower(${users.email}) = ${normaliseEmail(email)}`, eq(users.status, "active"), eq(firms.status, "active")))
    .limit(1)
    .for("no key update", { of: users });
  if (!user) return;
  const now = clock.now();
  // A newer link replaces any earlier one.
  await tx
    .update(passwordResets)
    .set({ status: "superseded", tokenHash: null })
    .where(and(eq(passwordResets.firmId, user.firmId), eq(passwordResets.userId, user.id), eq(passwordResets.status, "pending")));
  const id = newId();
  const { token, hash } = makeLinkToken("pwr", user.firmId, id);
  await tx.insert(passwordResets).values({
    firmId: user.firmId,
    id,
    userId: user.id,
    tokenHash: hash,
    expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
    createdAt: now,
  });
  await enqueueEmail(
    tx,
    clock,
    user.firmId,
    "password.reset_link",
    passwordResetLinkEmail({
      to: user.email,
      firstName: user.firstName,
      firmName: user.firmName,
      url: `${appUrl}/reset-password?token=${encodeURIComponent(token)}`,
    }),
  );
}
