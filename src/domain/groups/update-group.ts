/** GRP-1, GRP-2: editing a group; an archived group's name and members stay as they are. */
import { and, eq, inArray } from "drizzle-orm";
import { groupMembers, groups } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { snapshot, type GroupInput } from "./group-input.js";
import { assertMembers, assertNameFree, lockGroup, rethrowNameConflict, type GroupRecord } from "./group-record.js";

export async function updateGroup({ tx, clock, actor }: ActorContext, id: string, input: GroupInput): Promise<void> {
  const group: GroupRecord = await lockGroup(tx, actor.firmId, id);
  if (group.archivedAt && (input.name !== undefined || input.member_ids !== undefined)) {
    throw validation([{ path: input.name !== undefined ? "name" : "member_ids", message: "Unarchive the group before changing its name or members." }]);
  }
  const name = input.name ?? group.name;
  if (input.name !== undefined && name.toLowerCase() !== group.name.toLowerCase()) await assertNameFree(tx, actor.firmId, name, id);
  const memberIds = input.member_ids ? [...new Set(input.member_ids)] : group.memberIds;
  if (input.member_ids) {
    const added = memberIds.filter((m) => !group.memberIds.includes(m));
    await assertMembers(tx, actor.firmId, added);
    const dropped = group.memberIds.filter((m) => !memberIds.includes(m));
    if (dropped.length) await tx.delete(groupMembers).where(and(eq(groupMembers.firmId, actor.firmId), eq(groupMembers.groupId, id), inArray(groupMembers.userId, dropped)));
    if (added.length) await tx.insert(groupMembers).values(added.map((userId) => ({ firmId: actor.firmId, groupId: id, userId })));
  }
  const after = {
    name,
    description: input.description ?? group.description,
    excludeFromCustomRates: input.exclude_from_custom_rates ?? group.excludeFromCustomRates,
  };
  try {
    await tx.update(groups).set({ ...after, updatedAt: clock.now() }).where(and(eq(groups.firmId, actor.firmId), eq(groups.id, id)));
  } catch (err) {
    rethrowNameConflict(err);
  }
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "group.updated",
    subject: { type: "group", id, label: name },
    before: snapshot(group),
    after: snapshot({ ...after, memberIds }),
  });
}
