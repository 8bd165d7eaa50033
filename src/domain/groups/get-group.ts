/** One group of the firm with its members; another firm's answers 404 (SEC-1). */
import { and, eq } from "drizzle-orm";
import { groups } from "../../db/schema.js";
import type { ReadContext } from "../context.js";
import { notFound } from "../errors.js";
import { presentGroup, withMembers } from "./group-record.js";

export async function getGroup({ db, actor }: ReadContext, id: string) {
  const rows = await db.select().from(groups).where(and(eq(groups.firmId, actor.firmId), eq(groups.id, id)));
  const [group] = await withMembers(db, actor.firmId, rows);
  if (!group) throw notFound("Group");
  return presentGroup(group);
}
