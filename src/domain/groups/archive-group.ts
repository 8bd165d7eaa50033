/** GRP-2: archiving keeps the members but the group grants nothing and cannot be chosen anew. */
import { and, eq } from "drizzle-orm";
import { groups } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { assertNameFree, lockGroup, rethrowNameConflict } from "./group-record.js";

export async function setArchived({ tx, clock, actor }: ActorContext, id: string, archived: boolean): Promise<void> {
  const group = await lockGroup(tx, actor.firmId, id);
  if ((group.archivedAt !== null) === archived) return;
  const now = clock.now();
  // Unarchiving brings the name back among the live ones: it must still be free there.
  if (!archived) await assertNameFree(tx, actor.firmId, group.name, id);
  try {
    await tx
      .update(groups)
      .set({ archivedAt: archived ? now : null, archivedById: archived ? actor.userId : null, updatedAt: now })
      .where(and(eq(groups.firmId, actor.firmId), eq(groups.id, id)));
  } catch (err) {
    rethrowNameConflict(err);
  }
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: archived ? "group.archived" : "group.unarchived",
    subject: { type: "group", id, label: group.name },
    before: { archived: !archived },
    after: { archived },
  });
}
