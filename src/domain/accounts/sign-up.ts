/** Sign-up: a new firm, its subscription, built-in roles and primary subscriber (ACC-1, ACC-2, ROL-1). */
import { charges, firms, roles, subscriptions, userRoles, users } from "../../db/schema.js";
import { periodEnd } from "../licenses/arithmetic.js";
import type { SignupBody } from "../../shared/schemas.js";
import { SYSTEM_ROLES } from "../../shared/permissions.js";
import { DEFAULT_PRICE_CENTS } from "../../shared/pricing.js";
import { recordActivity } from "../feed/record-activity.js";
import { enqueueEmail } from "../outbox/enqueue-email.js";
import { scheduleRenewal } from "../licenses/renew-subscription.js";
import { welcomeEmail } from "../../mail/templates/welcome.js";
import { newId } from "../secrets.js";
import { openSession, type OpenedSession } from "../sessions/open-session.js";
import { emailInUse, emailTaken, rethrowEmailConflict } from "./emails.js";
import type { TxContext } from "../context.js";

export interface SignUpResult {
  firmId: string;
  userId: string;
  session: OpenedSession;
}

/** Creates everything in one transaction. `passwordHash` is computed before the transaction opens. */
export async function signUp(
  { tx, clock }: TxContext,
  input: SignupBody,
  passwordHash: string,
  meta: { ip?: string | null; userAgent?: string | null; appUrl: string },
): Promise<SignUpResult> {
  if (await emailTaken(tx, input.email)) throw emailInUse();
  const now = clock.now();
  const firmId = newId();
  const userId = newId();
  await tx.insert(firms).values({ id: firmId, name: input.firm_name, primarySubscriberId: userId, createdAt: now, updatedAt: now });
  const end = periodEnd(now, input.plan);
  const priceCents = input.price_cents ?? DEFAULT_PRICE_CENTS[input.plan];
  await tx.insert(subscriptions).values({
    firmId,
    plan: input.plan,
    priceCents,
    totalLicenses: input.licenses,
    periodStart: now,
    periodEnd: end,
    updatedAt: now,
  });
  await scheduleRenewal(tx, clock, firmId, end);
  const roleIds = new Map<string, string>();
  await tx.insert(roles).values(
    SYSTEM_ROLES.map((r) => {
      const id = newId();
      roleIds.set(r.key, id);
      return { firmId, id, name: r.name, systemKey: r.key, permissions: [...r.permissions], createdAt: now, updatedAt: now };
    }),
  );
  try {
    await tx.insert(users).values({
      firmId,
      id: userId,
      email: input.email,
      firstName: input.first_name,
      lastName: input.last_name,
      subscriptionType: "attorney",
      status: "active",
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    rethrowEmailConflict(err);
  }
  await tx.insert(userRoles).values({ firmId, userId, roleId: roleIds.get("administrator")! });
  // The first period is billed at sign-up, in full (LIC-10's ledger starts here).
  await tx.insert(charges).values({
    firmId,
    id: newId(),
    kind: "subscription",
    count: input.licenses,
    amountCents: priceCents * input.licenses,
    currency: "USD",
    periodStart: now,
    periodEnd: end,
    createdById: userId,
    createdAt: now,
  });
  const actor = { id: userId, name: `${input.first_name} ${input.last_name}` };
  await recordActivity(tx, clock, {
    firmId,
    actor,
    kind: "firm.created",
    subject: { type: "firm", id: firmId, label: input.firm_name },
    after: { name: input.firm_name, plan: input.plan, licenses: input.licenses },
  });
  await recordActivity(tx, clock, {
    firmId,
    actor,
    kind: "user.created",
    subject: { type: "user", id: userId, label: actor.name },
    after: { email: input.email, status: "active", roles: ["Administrator"], primary_subscriber: true },
  });
  await enqueueEmail(
    tx,
    clock,
    firmId,
    "welcome",
    welcomeEmail({
      to: input.email,
      firstName: input.first_name,
      firmName: input.firm_name,
      licenses: input.licenses,
      plan: input.plan,
      url: `${meta.appUrl}/settings/users`,
    }),
  );
  const session = await openSession(tx, clock, { firmId, userId, kind: "session", ip: meta.ip, userAgent: meta.userAgent });
  return { firmId, userId, session };
}
