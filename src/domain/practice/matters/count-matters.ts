/** PRC-7: how many matters the actor sees, with the list's filters: hidden ones are not counted. */
import { and, count, eq } from "drizzle-orm";
import { matters } from "../../../db/schema.js";
import type { MatterFilters } from "../../../shared/practice-schemas.js";
import type { ReadContext } from "../../context.js";
import { matterVisibleTo } from "../matter-access.js";
import { matterFilters } from "./matter-filters.js";

export async function countMatters({ db, actor }: ReadContext, filters: MatterFilters): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(matters)
    .where(and(eq(matters.firmId, actor.firmId), matterVisibleTo(matters, actor.userId), matterFilters(filters)));
  return row?.n ?? 0;
}
