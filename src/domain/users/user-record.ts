/** Loading users with their roles: the shape the policies and presenters work on. */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { Permission } from "../../shared/permissions.js";
import type { Actor } from "../context.js";
import { emailChanges, groupMembers, groups, invitations, roles, userRoles, users } from "../../db/schema.js";

export type UserRow = typeof users.$inferSelect;

export interface UserRecord extends UserRow {
  isPrimarySubscriber: boolean;
  roles: { id: string; name: string; systemKey: string | null; permissions: string[] }[];
  /** Unarchived groups the user belongs to. */
  groups: { id: string; name: string }[];
  /** EML: a change of login email waiting for the new address to confirm it. */
  pendingEmailChange: { newEmail: string; expiresAt: Date } | null;
  /** The pending invitation of an invited user. */
  invitation: { id: string; sentAt: Date | null; expiresAt: Date | null } | null;
}

export const fullName = (u: { firstName: string; lastName: string; email: string }) =>
  `${u.firstName} ${u.lastName}`.trim() || u.email;

/** Attach roles, groups and pending invitations to user rows, keeping their order. */
export async function withRoles(db: Executor, firmId: string, primaryId: string, rows: UserRow[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const held = await db
    .select({ userId: userRoles.userId, id: roles.id, name: roles.name, systemKey: roles.systemKey, permissions: roles.permissions })
    .from(userRoles)
    .innerJoin(roles, and(eq(roles.firmId, userRoles.firmId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(userRoles.firmId, firmId), inArray(userRoles.userId, rows.map((r) => r.id))))
    .orderBy(asc(roles.name));
  const memberships = await db
    .select({ userId: groupMembers.userId, id: groups.id, name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, and(eq(groups.firmId, groupMembers.firmId), eq(groups.id, groupMembers.groupId)))
    .where(and(eq(groupMembers.firmId, firmId), inArray(groupMembers.userId, rows.map((r) => r.id)), isNull(groups.archivedAt)))
    .orderBy(asc(groups.name));
  const invitedIds = rows.filter((r) => r.status === "invited").map((r) => r.id);
  const pending = invitedIds.length
    ? await db
        .select({ id: invitations.id, userId: invitations.userId, sentAt: invitations.sentAt, expiresAt: invitations.expiresAt })
        .from(invitations)
        .where(and(eq(invitations.firmId, firmId), inArray(invitations.userId, invitedIds), eq(invitations.status, "pending")))
    : [];
  const activeIds = rows.filter((r) => r.status === "active").map((r) => r.id);
  const changes = activeIds.length
    ? await db
        .select({ userId: emailChanges.userId, newEmail: emailChanges.newEmail, expiresAt: emailChanges.expiresAt })
        .from(emailChanges)
        .where(and(eq(emailChanges.firmId, firmId), inArray(emailChanges.userId, activeIds), eq(emailChanges.status, "pending")))
    : [];
  return rows.map((row) => {
    const inv = pending.find((p) => p.userId === row.id);
    const change = changes.find((c) => c.userId === row.id);
    return {
      ...row,
      isPrimarySubscriber: row.id === primaryId,
      roles: held.filter((h) => h.userId === row.id).map(({ userId: _u, ...r }) => r),
      groups: memberships.filter((m) => m.userId === row.id).map(({ userId: _u, ...g }) => g),
      invitation: inv ? { id: inv.id, sentAt: inv.sentAt, expiresAt: inv.expiresAt } : null,
      pendingEmailChange: change ? { newEmail: change.newEmail, expiresAt: change.expiresAt } : null,
    };
  });
}

/** One user of the firm, or null: a foreign id finds nothing (SEC-1). */
export async function findUser(
  db: Executor,
  firmId: string,
  primaryId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<UserRecord | null> {
  const q = db.select().from(users).where(and(eq(users.firmId, firmId), eq(users.id, id)));
  const rows = opts.forUpdate ? await q.for("update") : await q;
  const [record] = await withRoles(db, firmId, primaryId, rows);
  return record ?? null;
}

/** The user as an actor, for presenting a record to them when no session of theirs is at hand. */
export function actorFor(u: UserRecord): Actor {
  return {
    userId: u.id,
    firmId: u.firmId,
    name: fullName(u),
    email: u.email,
    isPrimarySubscriber: u.isPrimarySubscriber,
    permissions: new Set(u.roles.flatMap((r) => r.permissions) as Permission[]),
    sessionId: "",
    sessionKind: "session",
  };
}
