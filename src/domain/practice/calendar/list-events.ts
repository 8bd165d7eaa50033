/**
 * PRC-6: the events the actor sees, by start time, filtered by owner, attendee, matter,
 * calendar and a window of time, paged by cursor; none of a deactivated user's calendar (DEA-3).
 */
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { calendarEvents } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { encodeCursor, page } from "../../paging.js";
import { after, cursorAfter, timeKey, timeValue } from "../keyset.js";
import { onShownCalendar, presentEvent, selectVisibleEvents } from "./event-record.js";
import { qualified } from "../qualified.js";

export interface ListEventsInput {
  owner_id?: string;
  matter_id?: string;
  attendee_id?: string;
  calendar?: "user" | "firm";
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export async function listEvents({ db, actor }: ReadContext, input: ListEventsInput) {
  const at = cursorAfter(input.cursor);
  const where = and(
    onShownCalendar(),
    input.owner_id ? eq(calendarEvents.ownerId, input.owner_id) : undefined,
    input.matter_id ? eq(calendarEvents.matterId, input.matter_id) : undefined,
    input.attendee_id
      ? sql`exists (select 1 from event_attendees ea where ea.firm_id = ${qualified(calendarEvents.firmId)} and ea.event_id = ${qualified(calendarEvents.id)} and ea.user_id = ${input.attendee_id})`
      : undefined,
    input.calendar ? eq(calendarEvents.calendar, input.calendar) : undefined,
    input.from ? gte(calendarEvents.endAt, new Date(input.from)) : undefined,
    input.to ? lt(calendarEvents.startAt, new Date(input.to)) : undefined,
    at ? after(calendarEvents.startAt, calendarEvents.id, timeValue(at.value), at.id) : undefined,
  );
  const rows = await selectVisibleEvents(db, actor, where)
    .orderBy(asc(calendarEvents.startAt), asc(calendarEvents.id))
    .limit(input.limit + 1);
  const paged = page(rows, input.limit, (r) => encodeCursor(timeKey(r.event.startAt), r.event.id));
  return { data: paged.data.map((r) => presentEvent(r, actor)), next_cursor: paged.next_cursor };
}
