/**
 * SCIM-2, SCIM-3: bringing a user to the state an identity provider asks for, through the
 * console's own use cases: reactivation (a license, never bought), the profile edit, the change
 * of login email (confirmed by the new address, EML-1), and deactivation as DEA does it with
 * the work left in place and the administrators told it waits for reassignment.
 */
import { and, eq, sql } from "drizzle-orm";
import { scimUsers, users } from "../../db/schema.js";
import type { UpdateUserBody } from "../../shared/schemas.js";
import { normaliseEmail } from "../accounts/emails.js";
import type { ActorContext } from "../context.js";
import { requestEmailChange } from "../emails/request-email-change.js";
import { recordActivity } from "../feed/record-activity.js";
import { notifyAdministrators } from "../notifications/notify-administrators.js";
import { countHeldWork } from "../reassignments/work-rules.js";
import { deactivateUser } from "../users/deactivate-user.js";
import { reactivateUser } from "../users/reactivate-user.js";
import { updateUser } from "../users/update-user.js";
import { fullName } from "../users/user-record.js";
import { scimError } from "./scim-protocol.js";
import type { DesiredUser } from "./scim-user-input.js";
import type { ScimUser, ScimUserExtra } from "./scim-user-record.js";

const PROFILE_KEYS = ["phone", "address", "city", "state", "zip", "country"] as const;

/** Applies the desired state; `replace` (PUT) clears profile fields the resource leaves out. */
export async function applyScimUser(ctx: ActorContext, current: ScimUser, desired: DesiredUser, appUrl: string): Promise<void> {
  const { record: user } = current;
  if (desired.active === false && user.status === "invited") {
    throw scimError(400, "invalidValue", "An invited person cannot be deactivated: revoke the invitation in Chambers (Users), or wait until they have joined.");
  }
  if (desired.active === true && user.status === "deactivated") {
    await reactivateUser(ctx, user.id, { confirmPurchase: false });
  }

  const edit: UpdateUserBody = {};
  if (desired.firstName !== undefined && desired.firstName !== user.firstName) edit.first_name = desired.firstName;
  if (desired.lastName !== undefined && desired.lastName !== user.lastName) edit.last_name = desired.lastName;
  for (const key of PROFILE_KEYS) if ((desired.profile[key] ?? null) !== (user[key] ?? null)) edit[key] = desired.profile[key];
  const stillDeactivated = user.status === "deactivated" && desired.active !== true;
  if (Object.keys(edit).length) {
    if (stillDeactivated) throw scimError(400, "invalidValue", "A deactivated person's profile cannot change: set active to true first.");
    await updateUser(ctx, user.id, edit);
  }

  // userName is the login email; a changed primary email (userName unchanged) changes it too.
  const same = (a: string, b: string) => normaliseEmail(a) === normaliseEmail(b);
  const wanted = !same(desired.email, user.email) || !desired.primaryEmail ? desired.email : desired.primaryEmail;
  const emailChanges = !same(wanted, user.email);
  const alreadyAsked = user.pendingEmailChange && same(user.pendingEmailChange.newEmail, wanted);
  if (emailChanges && !alreadyAsked) {
    if (user.status !== "active" && !(user.status === "deactivated" && desired.active === true)) {
      throw scimError(400, "mutability", "Only an active person's userName (login email) can change.");
    }
    // EML-1: the new address confirms the change; until then userName stays the old one.
    await requestEmailChange(ctx, user.id, wanted, appUrl);
  }

  await saveExtras(ctx, current, { externalId: desired.externalId, title: desired.title, employeeNumber: desired.employeeNumber });

  if (desired.active === false && user.status === "active") await deactivateForProvider(ctx, current);
}

/** DEA with `leave_work`: nothing moves; every administrator hears what waits for reassignment. */
export async function deactivateForProvider(ctx: ActorContext, { record: user }: ScimUser): Promise<void> {
  const held = await countHeldWork(ctx.tx, ctx.actor.firmId, user.id, ctx.clock.now());
  await deactivateUser(ctx, user.id, { removeLicenseAtNextBill: false, leaveWork: true, plan: null });
  const name = fullName(user);
  await notifyAdministrators(ctx.tx, ctx.clock, {
    firmId: ctx.actor.firmId,
    kind: "user.work_left",
    title: `${name} was deactivated by your identity provider`,
    body: `${ctx.actor.name} deactivated ${name}. ${held.movable.matters} matters, ${held.movable.tasks} tasks and ${held.movable.events} events stay with them until you reassign them.`,
    data: { user_id: user.id, matters: held.movable.matters, tasks: held.movable.tasks, events: held.movable.events },
  });
}

/** The identity provider's own attributes; a change moves the user's version (its ETag) and is in the feed. */
export async function saveExtras({ tx, clock, actor }: ActorContext, { record: user, extra }: ScimUser, next: ScimUserExtra): Promise<void> {
  if (next.externalId === extra.externalId && next.title === extra.title && next.employeeNumber === extra.employeeNumber) return;
  await tx
    .insert(scimUsers)
    .values({ firmId: actor.firmId, userId: user.id, ...next })
    .onConflictDoUpdate({ target: [scimUsers.firmId, scimUsers.userId], set: next });
  await tx
    .update(users)
    .set({ version: sql`${users.version} + 1`, updatedAt: clock.now() })
    .where(and(eq(users.firmId, actor.firmId), eq(users.id, user.id)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.provisioning_updated",
    subject: { type: "user", id: user.id, label: fullName(user) },
    before: { external_id: extra.externalId, title: extra.title, employee_number: extra.employeeNumber },
    after: { external_id: next.externalId, title: next.title, employee_number: next.employeeNumber },
  });
}
