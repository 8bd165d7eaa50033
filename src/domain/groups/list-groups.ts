/** GRP-1, GRP-2: the firm's groups, active or archived, with their members. */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { groups } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { presentGroup, withMembers } from "./group-record.js";

export async function listGroups({ db, actor }: ReadContext, input: { archived: boolean }) {
  const rows = await db
    .select()
    .from(groups)
    .where(and(eq(groups.firmId, actor.firmId), input.archived ? isNotNull(groups.archivedAt) : isNull(groups.archivedAt)))
    .orderBy(asc(groups.name));
  return (await withMembers(db, actor.firmId, rows)).map(presentGroup);
}
