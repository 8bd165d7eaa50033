/**
 * PRC-9, ACC-8: the calendars the actor may show: the firm calendar, their own, and every other
 * active user's (a deactivated user's calendar is not offered, DEA-3), each marked visible or
 * not; the firm's and one's own are always shown. One statement; paged by cursor.
 */
import { sql, type SQL } from "drizzle-orm";
import { calendarAbilities } from "../../../policies/calendar.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { fullName } from "../../users/user-record.js";
import { cursorAfter, likePattern } from "../keyset.js";

export interface ListCalendarsInput {
  visible?: "true" | "false";
  q?: string;
  limit: number;
  cursor?: string;
}

interface CalendarRaw {
  id: string;
  kind: "user" | "firm";
  owner_id: string | null;
  firm_name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  visible: boolean;
  sort_key: string;
}

export async function listCalendars({ db, actor }: ReadContext, input: ListCalendarsInput) {
  const me = actor.userId;
  const conditions: SQL[] = [sql`true`];
  if (input.visible) conditions.push(sql`c.visible = ${input.visible === "true"}`);
  if (input.q) conditions.push(sql`c.search like ${likePattern(input.q.toLowerCase())}`);
  const at = cursorAfter(input.cursor);
  if (at) conditions.push(sql`(c.sort_key, c.id) > (${at.value}::text, ${at.id}::text)`);
  const result = await db.execute(sql`
    select c.* from (
      select f.id, 'firm'::text as kind, null::text as owner_id, f.name as firm_name, null::text as first_name, null::text as last_name,
             null::text as email, true as visible, '0'::text as sort_key, lower(f.name) as search
        from firms f where f.id = ${actor.firmId}
      union all
      select u.id, 'user'::text, u.id, null::text, u.first_name, u.last_name, u.email,
             u.id = ${me} or exists (select 1 from calendar_views v where v.firm_id = u.firm_id and v.user_id = ${me} and v.shown_user_id = u.id),
             case when u.id = ${me} then '1' else '2' || u.sort_name end, u.search_text
        from users u where u.firm_id = ${actor.firmId} and u.status = 'active'
    ) c
    where ${sql.join(conditions, sql` and `)}
    order by c.sort_key, c.id
    limit ${input.limit + 1}`);
  const rows = (result as unknown as { rows: CalendarRaw[] }).rows;
  const paged = page(rows, input.limit, (r) => encodeCursor(r.sort_key, r.id));
  return {
    data: paged.data.map((c) => ({
      id: c.id,
      kind: c.kind,
      owner_id: c.owner_id,
      name: c.kind === "firm" ? c.firm_name! : fullName({ firstName: c.first_name ?? "", lastName: c.last_name ?? "", email: c.email ?? "" }),
      visible: c.visible,
      abilities: calendarAbilities(actor, { calendar: c.kind, ownerId: c.owner_id ?? "" }),
    })),
    next_cursor: paged.next_cursor,
  };
}
