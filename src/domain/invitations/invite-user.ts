/** INV-1, INV-2, LIC-7: invite one person with roles; the invitation takes a license at once. */
import { and, eq, inArray } from "drizzle-orm";
import { groupMembers, invitations, roles, userRoles, users } from "../../db/schema.js";
import { assertChoosableGroups } from "../groups/group-record.js";
import type { Tx } from "../../db/client.js";
import { emailInUse, emailTaken, rethrowEmailConflict } from "../accounts/emails.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { type Charge } from "../licenses/license-state.js";
import { reserveLicenses } from "../licenses/reserve-licenses.js";
import { newId } from "../secrets.js";
import { sendInvitationEmail } from "./invitation-email.js";
import { INVITATION_TTL_MS, makeInvitationToken } from "./invitation-token.js";

export interface InviteInput {
  email: string;
  subscription_type: "attorney" | "non_attorney";
  role_ids: string[];
  first_name?: string;
  last_name?: string;
  message?: string;
  group_ids?: string[];
  confirm_purchase?: boolean;
}

/** Every id must name a role of the actor's firm; each unknown one is a field error. */
export async function assertFirmRoles(tx: Tx, firmId: string, roleIds: string[], path = "role_ids"): Promise<{ id: string; name: string }[]> {
  const found = await tx.select({ id: roles.id, name: roles.name }).from(roles).where(and(eq(roles.firmId, firmId), inArray(roles.id, roleIds)));
  const known = new Set(found.map((r) => r.id));
  const errors = roleIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: "No such role in this firm." }]));
  if (errors.length) throw validation(errors);
  return found;
}

export async function inviteUser(
  ctx: ActorContext,
  input: InviteInput,
  appUrl: string,
): Promise<{ userId: string; invitationId: string; expiresAt: Date; charge: Charge | null }> {
  const { tx, clock, actor } = ctx;
  const roleIds = [...new Set(input.role_ids)];
  const granted = await assertFirmRoles(tx, actor.firmId, roleIds);
  const groupIds = [...new Set(input.group_ids ?? [])];
  await assertChoosableGroups(tx, actor.firmId, groupIds);
  // A taken email is refused before any license is quoted; the unique index settles any race.
  if (await emailTaken(tx, input.email)) throw emailInUse();
  // The subscription lock queues this firm's license changes (LIC-8).
  const charge = await reserveLicenses(ctx, 1, input.confirm_purchase ?? false);

  const now = clock.now();
  const userId = newId();
  const invitationId = newId();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  try {
    await tx.insert(users).values({
      firmId: actor.firmId,
      id: userId,
      email: input.email,
      firstName: input.first_name ?? "",
      lastName: input.last_name ?? "",
      subscriptionType: input.subscription_type,
      status: "invited",
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    rethrowEmailConflict(err);
  }
  await tx.insert(userRoles).values(roleIds.map((roleId) => ({ firmId: actor.firmId, userId, roleId })));
  if (groupIds.length) await tx.insert(groupMembers).values(groupIds.map((groupId) => ({ firmId: actor.firmId, groupId, userId })));
  const { token, hash } = makeInvitationToken(actor.firmId, invitationId);
  await tx.insert(invitations).values({
    firmId: actor.firmId,
    id: invitationId,
    userId,
    email: input.email,
    inviterId: actor.userId,
    tokenHash: hash,
    message: input.message ?? null,
    sentAt: now,
    expiresAt,
    createdAt: now,
    updatedAt: now,
  });
  await sendInvitationEmail(tx, clock, actor, { to: input.email, message: input.message ?? null, token, expiresAt, appUrl });
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.invited",
    subject: { type: "user", id: userId, label: input.email },
    after: {
      email: input.email,
      status: "invited",
      subscription_type: input.subscription_type,
      roles: granted.map((r) => r.name).sort(),
      expires_at: expiresAt,
    },
  });
  return { userId, invitationId, expiresAt, charge };
}
