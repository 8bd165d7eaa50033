/**
 * PRC-1, PRC-7: the matters the actor sees, by number, filtered by status, attorneys, client and
 * a search of number and description, paged by cursor. A matter hidden from the actor is in no
 * page and no search.
 */
import { and, asc, sql } from "drizzle-orm";
import { matters } from "../../../db/schema.js";
import type { MatterFilters } from "../../../shared/practice-schemas.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { after, cursorAfter } from "../keyset.js";
import { matterFilters } from "./matter-filters.js";
import { matterSortKey, presentMatter, selectVisibleMatters } from "./matter-record.js";

export async function listMatters({ db, actor }: ReadContext, input: MatterFilters & { limit: number; cursor?: string }) {
  const at = cursorAfter(input.cursor);
  const rows = await selectVisibleMatters(db, actor, and(matterFilters(input), at ? after(matterSortKey, matters.id, sql`${at.value}::text`, at.id) : undefined))
    .orderBy(asc(matterSortKey), asc(matters.id))
    .limit(input.limit + 1);
  const paged = page(rows, input.limit, (r) => encodeCursor(r.sortKey, r.matter.id));
  return { data: paged.data.map((r) => presentMatter(r, actor)), next_cursor: paged.next_cursor };
}
