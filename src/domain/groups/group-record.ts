/** Groups with their members, and the checks every use case of groups shares. */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client.js";
import { groupMembers, groups, users } from "../../db/schema.js";
import { AppError, notFound, validation } from "../errors.js";

export type GroupRow = typeof groups.$inferSelect;
export interface GroupRecord extends GroupRow {
  memberIds: string[];
}

export async function withMembers(db: Executor, firmId: string, rows: GroupRow[]): Promise<GroupRecord[]> {
  if (rows.length === 0) return [];
  const members = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.firmId, firmId), inArray(groupMembers.groupId, rows.map((r) => r.id))))
    .orderBy(asc(groupMembers.userId));
  return rows.map((r) => ({ ...r, memberIds: members.filter((m) => m.groupId === r.id).map((m) => m.userId) }));
}

export async function lockGroup(tx: Tx, firmId: string, id: string): Promise<GroupRecord> {
  const [row] = await tx.select().from(groups).where(and(eq(groups.firmId, firmId), eq(groups.id, id))).for("no key update");
  if (!row) throw notFound("Group");
  return (await withMembers(tx, firmId, [row]))[0]!;
}

/** GRP-1: a name already used by an unarchived group of the firm is refused. */
export async function assertNameFree(tx: Tx, firmId: string, name: string, exceptId?: string): Promise<void> {
  const rows = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.firmId, firmId), isNull(groups.archivedAt), sql`lower(${groups.name}) = ${name.toLowerCase()}`));
  if (rows.some((r) => r.id !== exceptId)) throw nameTaken();
}

export const nameTaken = () =>
  new AppError("conflict", "Another group already has this name.", {}, [{ path: "name", message: "Another group already has this name." }]);

/** Turn the unique index's violation (a race the pre-check lost) into the same answer. */
export function rethrowNameConflict(err: unknown): never {
  const e = err as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === "23505") throw nameTaken();
  throw err;
}

/** DEA-7: members are invited or active users of the firm; deactivated ones cannot be added. */
export async function assertMembers(tx: Tx, firmId: string, userIds: string[], path = "member_ids"): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await tx
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(and(eq(users.firmId, firmId), inArray(users.id, userIds)));
  const errors = userIds.flatMap((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return [{ path: `${path}.${i}`, message: "No such user in this firm." }];
    if (row.status === "deactivated") return [{ path: `${path}.${i}`, message: "Deactivated users cannot join groups." }];
    return [];
  });
  if (errors.length) throw validation(errors);
}

/** GRP-2: ids must name unarchived groups of the firm (archived ones cannot be chosen anew). */
export async function assertChoosableGroups(tx: Tx, firmId: string, groupIds: string[], path = "group_ids", alreadyIn: string[] = []): Promise<void> {
  if (groupIds.length === 0) return;
  const rows = await tx.select().from(groups).where(and(eq(groups.firmId, firmId), inArray(groups.id, groupIds)));
  const errors = groupIds.flatMap((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return [{ path: `${path}.${i}`, message: "No such group in this firm." }];
    if (row.archivedAt && !alreadyIn.includes(id)) return [{ path: `${path}.${i}`, message: "This group is archived." }];
    return [];
  });
  if (errors.length) throw validation(errors);
}

/** Replaces a user's memberships; archived groups the user already belongs to are kept. */
export async function setUserGroups(tx: Tx, firmId: string, userId: string, groupIds: string[]): Promise<void> {
  const current = await tx.select({ groupId: groupMembers.groupId }).from(groupMembers).where(and(eq(groupMembers.firmId, firmId), eq(groupMembers.userId, userId)));
  const currentIds = current.map((c) => c.groupId);
  await assertChoosableGroups(tx, firmId, groupIds, "group_ids", currentIds);
  const wanted = new Set(groupIds);
  const drop = currentIds.filter((id) => !wanted.has(id));
  const add = [...wanted].filter((id) => !currentIds.includes(id));
  if (drop.length) await tx.delete(groupMembers).where(and(eq(groupMembers.firmId, firmId), eq(groupMembers.userId, userId), inArray(groupMembers.groupId, drop)));
  if (add.length) await tx.insert(groupMembers).values(add.map((groupId) => ({ firmId, groupId, userId })));
}

export function presentGroup(g: GroupRecord) {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    exclude_from_custom_rates: g.excludeFromCustomRates,
    archived: g.archivedAt !== null,
    archived_at: g.archivedAt?.toISOString() ?? null,
    member_ids: g.memberIds,
    created_at: g.createdAt.toISOString(),
    updated_at: g.updatedAt.toISOString(),
  };
}
