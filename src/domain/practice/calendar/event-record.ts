/**
 * Calendar events with their owner, attendees, conference creator and matter in one statement
 * (DESIGN habit 16), only those whose matter the actor sees (GRP-3, PRC-7).
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "../../../db/client.js";
import { calendarEvents, eventAttendees, matters, users } from "../../../db/schema.js";
import { eventAbilities } from "../../../policies/calendar.js";
import type { Actor } from "../../context.js";
import { notFound } from "../../errors.js";
import { ownMatterVisibleTo } from "../matter-access.js";
import { qualified } from "../qualified.js";
import { refColumns, refJson, userRef, type RefRow } from "../user-ref.js";

const owner = alias(users, "owner");
const conferrer = alias(users, "conferrer");

export function selectVisibleEvents(db: Executor, actor: Actor, where?: SQL) {
  return db
    .select({
      event: calendarEvents,
      owner: refColumns(owner),
      conferenceBy: refColumns(conferrer),
      matter: { id: matters.id, number: matters.number, description: matters.description },
      attendees: sql<RefRow[]>`coalesce((select json_agg(${refJson("au")} order by au.last_name, au.first_name, au.id)
          from event_attendees ea join users au on au.firm_id = ea.firm_id and au.id = ea.user_id
         where ea.firm_id = ${qualified(calendarEvents.firmId)} and ea.event_id = ${qualified(calendarEvents.id)}), '[]'::json)`,
    })
    .from(calendarEvents)
    .innerJoin(owner, and(eq(owner.firmId, calendarEvents.firmId), eq(owner.id, calendarEvents.ownerId)))
    .leftJoin(conferrer, and(eq(conferrer.firmId, calendarEvents.firmId), eq(conferrer.id, calendarEvents.conferenceCreatedById)))
    .leftJoin(matters, and(eq(matters.firmId, calendarEvents.firmId), eq(matters.id, calendarEvents.matterId)))
    .where(and(eq(calendarEvents.firmId, actor.firmId), ownMatterVisibleTo(calendarEvents.matterId, matters, actor.userId), where))
    .$dynamic();
}

/**
 * DEA-3: the events of a deactivated user's calendar leave the event lists while they are
 * deactivated (nothing is deleted, DEA-4; reactivation brings them back, and one still opens
 * by its id). For `selectVisibleEvents`, whose owner it reads.
 */
export const onShownCalendar = (): SQL => sql`(${qualified(calendarEvents.calendar)} = 'firm' or ${owner.status} <> 'deactivated')`;

export type EventRow = Awaited<ReturnType<ReturnType<typeof selectVisibleEvents>["execute"]>>[number];

/** The calendar holding an event, as GET /calendars names it: the owner's, or the firm's. */
export const calendarIdOf = (e: { calendar: "user" | "firm"; firmId: string; ownerId: string }) => (e.calendar === "firm" ? e.firmId : e.ownerId);

export function presentEvent(row: EventRow, actor: Actor) {
  const e = row.event;
  return {
    id: e.id,
    title: e.title,
    start_at: e.startAt.toISOString(),
    end_at: e.endAt.toISOString(),
    matter: row.matter,
    calendar: e.calendar,
    calendar_id: calendarIdOf(e),
    owner: userRef(row.owner),
    attendees: row.attendees.map(userRef),
    conference:
      e.conferenceUrl && e.conferenceProvider && e.conferenceCreatedAt && row.conferenceBy
        ? { provider: e.conferenceProvider, url: e.conferenceUrl, created_by: userRef(row.conferenceBy), created_at: e.conferenceCreatedAt.toISOString() }
        : null,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
    abilities: eventAbilities(actor, e),
  };
}

/** An event the actor sees, locked for a change, with its attendees and whether its matter is private. */
export async function lockVisibleEvent(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ event: calendarEvents, matterAccess: matters.accessKind })
    .from(calendarEvents)
    .leftJoin(matters, and(eq(matters.firmId, calendarEvents.firmId), eq(matters.id, calendarEvents.matterId)))
    .where(and(eq(calendarEvents.firmId, actor.firmId), eq(calendarEvents.id, id), ownMatterVisibleTo(calendarEvents.matterId, matters, actor.userId)))
    .for("no key update", { of: calendarEvents });
  if (!row) throw notFound("Calendar event");
  const attendees = await tx
    .select({ userId: eventAttendees.userId })
    .from(eventAttendees)
    .where(and(eq(eventAttendees.firmId, actor.firmId), eq(eventAttendees.eventId, id)));
  return { ...row.event, attendeeIds: attendees.map((a) => a.userId), onPrivateMatter: row.matterAccess === "private" };
}

export interface EventState {
  title: string;
  startAt: Date;
  endAt: Date;
  matterId: string | null;
  calendar: "user" | "firm";
  ownerId: string;
  attendeeIds: string[];
  conferenceProvider: string | null;
  conferenceUrl: string | null;
  conferenceCreatedById: string | null;
}

/** The feed's view of an event (FEED-1). */
export const eventSnapshot = (e: EventState) => ({
  title: e.title,
  start_at: e.startAt,
  end_at: e.endAt,
  matter_id: e.matterId,
  calendar: e.calendar,
  owner_id: e.ownerId,
  attendee_ids: [...e.attendeeIds].sort(),
  conference: e.conferenceUrl ? { provider: e.conferenceProvider, url: e.conferenceUrl, created_by_id: e.conferenceCreatedById } : null,
});

export const PRIVATE_EVENT_LABEL = "Event of a private matter";
