/** GRP-1: creating a group with its name, description, rates option and members. */
import { groupMembers, groups } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { newId } from "../secrets.js";
import { snapshot, type GroupInput } from "./group-input.js";
import { assertMembers, assertNameFree, rethrowNameConflict } from "./group-record.js";

export async function createGroup({ tx, clock, actor }: ActorContext, input: GroupInput & { name: string }): Promise<string> {
  const now = clock.now();
  const memberIds = [...new Set(input.member_ids ?? [])];
  await assertNameFree(tx, actor.firmId, input.name);
  await assertMembers(tx, actor.firmId, memberIds);
  const id = newId();
  try {
    await tx.insert(groups).values({
      firmId: actor.firmId,
      id,
      name: input.name,
      description: input.description ?? "",
      excludeFromCustomRates: input.exclude_from_custom_rates ?? false,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    rethrowNameConflict(err);
  }
  if (memberIds.length) await tx.insert(groupMembers).values(memberIds.map((userId) => ({ firmId: actor.firmId, groupId: id, userId })));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "group.created",
    subject: { type: "group", id, label: input.name },
    after: snapshot({ name: input.name, description: input.description ?? "", excludeFromCustomRates: input.exclude_from_custom_rates ?? false, memberIds }),
  });
  return id;
}
