/**
 * SSO-3, INV-6: the assertion consumer. A verified assertion, never seen before, signs in the
 * active user of this firm it names (NameID, or the email attribute); where the firm enforces
 * SSO it also accepts that person's pending invitation. A firm administrator's sign-in is the
 * test SSO-1 asks for before enforcement. Anything else is refused with a reason, and nothing
 * is written: the replay record, the activation and the session share one transaction.
 */
import { and, eq, exists, inArray, lt, sql } from "drizzle-orm";
import { firms, invitations, roles, samlAssertions, ssoSettings, userRoles, users } from "../../db/schema.js";
import type { TxContext } from "../context.js";
import { normaliseEmail } from "../accounts/emails.js";
import { recordActivity } from "../feed/record-activity.js";
import { activateInvitee } from "../invitations/activate-invitee.js";
import { isExpired } from "../invitations/invitation-token.js";
import { openSession, type OpenedSession } from "../sessions/open-session.js";
import { SamlRefused, verifyResponse } from "./saml-provider.js";
import { findSsoSettings } from "./sso-settings.js";

export interface SsoSignInInput {
  firmId: string;
  samlResponse: string;
  publicUrl: string;
  meta: { ip?: string | null; userAgent?: string | null };
}

/** Records the assertion as used; false when it was already (on any instance). Expired records go first. */
async function firstUse(ctx: TxContext, firmId: string, assertionId: string, expiresAt: Date): Promise<boolean> {
  await ctx.tx.delete(samlAssertions).where(and(eq(samlAssertions.firmId, firmId), lt(samlAssertions.expiresAt, ctx.clock.now())));
  const inserted = await ctx.tx
    .insert(samlAssertions)
    .values({ firmId, assertionId: assertionId.slice(0, 500), expiresAt })
    .onConflictDoNothing()
    .returning({ id: samlAssertions.assertionId });
  return inserted.length === 1;
}

/** The invited or active user of this firm with this login email, and whether they administer the firm. */
async function findPerson(ctx: TxContext, firmId: string, email: string) {
  const [row] = await ctx.tx
    .select({
      user: users,
      administers: exists(
        ctx.tx
          .select({ one: sql`1` })
          .from(userRoles)
          .innerJoin(roles, and(eq(roles.firmId, userRoles.firmId), eq(roles.id, userRoles.roleId)))
          .where(and(eq(userRoles.firmId, users.firmId), eq(userRoles.userId, users.id), sql`'firm.settings' = any(${roles.permissions})`)),
      ).mapWith(Boolean),
    })
    .from(users)
    .where(and(eq(users.firmId, firmId), sql`lower(${users.email}) = ${normaliseEmail(email)}`, inArray(users.status, ["invited", "active"])))
    .for("update", { of: users });
  return row ?? null;
}

/** Accepts the person's pending invitation through SSO (INV-6); refuses when there is none live. */
async function acceptThroughSso(ctx: TxContext, firmId: string, user: typeof users.$inferSelect) {
  const [inv] = await ctx.tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.firmId, firmId), eq(invitations.userId, user.id), eq(invitations.status, "pending")))
    .for("update");
  if (!inv) throw new SamlRefused("invitation_invalid", `No pending invitation for ${user.id}.`);
  if (isExpired(inv, ctx.clock.now())) throw new SamlRefused("invitation_expired", `The invitation of ${user.id} has expired.`);
  await activateInvitee(ctx, inv, user, { firstName: user.firstName, lastName: user.lastName, passwordHash: null });
}

export async function signInWithSso(ctx: TxContext, input: SsoSignInInput): Promise<{ firmId: string; userId: string; session: OpenedSession }> {
  const { firmId } = input;
  const [firm] = await ctx.tx.select({ status: firms.status }).from(firms).where(eq(firms.id, firmId));
  if (!firm || firm.status !== "active") throw new SamlRefused("not_configured", `No active firm ${firmId}.`);
  const settings = await findSsoSettings(ctx.tx, firmId);
  if (!settings) throw new SamlRefused("not_configured", `Firm ${firmId} has no SSO settings.`);

  const assertion = await verifyResponse(input.publicUrl, firmId, settings, ctx.clock, input.samlResponse);
  if (!(await firstUse(ctx, firmId, assertion.assertionId, assertion.expiresAt))) {
    throw new SamlRefused("replayed", `Assertion ${assertion.assertionId} was already used.`);
  }
  const email = assertion.nameId.includes("@") ? assertion.nameId : assertion.email;
  const person = email ? await findPerson(ctx, firmId, email) : null;
  if (!person) throw new SamlRefused("unknown_user", `No invited or active user of firm ${firmId} is ${email ?? assertion.nameId}.`);
  if (person.user.status === "invited") {
    // Where SSO is optional, an invitation is accepted through its link, with a password.
    if (!settings.enforced) throw new SamlRefused("invitation_pending", `${person.user.id} is invited and SSO is not enforced.`);
    await acceptThroughSso(ctx, firmId, person.user);
  }
  if (person.administers && !settings.testedAt) {
    await ctx.tx.update(ssoSettings).set({ testedAt: ctx.clock.now() }).where(eq(ssoSettings.firmId, firmId));
    const name = `${person.user.firstName} ${person.user.lastName}`;
    await recordActivity(ctx.tx, ctx.clock, {
      firmId,
      actor: { id: person.user.id, name },
      kind: "sso.tested",
      subject: { type: "firm", id: firmId, label: "Single sign-on" },
      before: { tested_at: null },
      after: { tested_at: ctx.clock.now() },
    });
  }
  const session = await openSession(ctx.tx, ctx.clock, { firmId, userId: person.user.id, kind: "session", viaSso: true, ...input.meta });
  return { firmId, userId: person.user.id, session };
}
