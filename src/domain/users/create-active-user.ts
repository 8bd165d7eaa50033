/**
 * Adds an active user with a password and roles directly: the operator's path (demo data,
 * `chambers seed-demo`) and the test factories'. People join a firm through invitations.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { roles, userRoles, users } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import type { SystemRoleKey } from "../../shared/permissions.js";
import { emailInUse, emailTaken, rethrowEmailConflict } from "../accounts/emails.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId } from "../secrets.js";

export interface ActiveUserInput {
  firmId: string;
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string | null;
  subscriptionType?: "attorney" | "non_attorney";
  roleKeys?: SystemRoleKey[];
  roleIds?: string[];
  status?: "active" | "invited";
}

export async function createActiveUser(tx: Tx, clock: Clock, input: ActiveUserInput): Promise<string> {
  if (await emailTaken(tx, input.email)) throw emailInUse();
  const now = clock.now();
  const id = newId();
  try {
    await tx.insert(users).values({
      firmId: input.firmId,
      id,
      email: input.email.trim(),
      firstName: input.firstName,
      lastName: input.lastName,
      subscriptionType: input.subscriptionType ?? "attorney",
      status: input.status ?? "active",
      passwordHash: input.passwordHash,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    rethrowEmailConflict(err);
  }
  const bySystemKey = input.roleKeys?.length
    ? await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.firmId, input.firmId), inArray(roles.systemKey, input.roleKeys)))
    : [];
  const roleIds = [...new Set([...bySystemKey.map((r) => r.id), ...(input.roleIds ?? [])])];
  if (roleIds.length) await tx.insert(userRoles).values(roleIds.map((roleId) => ({ firmId: input.firmId, userId: id, roleId })));
  await recordActivity(tx, clock, {
    firmId: input.firmId,
    actor: { id: null, name: "Operator" },
    kind: "user.created",
    subject: { type: "user", id, label: `${input.firstName} ${input.lastName}` },
    after: { email: input.email, status: input.status ?? "active", roles: input.roleKeys ?? [] },
  });
  return id;
}
