/**
 * Who may do what to calendars and their events (PRC-6, PRC-9, ACC-8). Pure functions. The
 * firm calendar is the primary subscriber's alone to manage, whatever anyone else's roles; on a
 * user's calendar, `calendar.manage_all` manages everyone's events, and without it a person
 * manages the events of their own calendar only. Whether an event is seen at all (its matter's
 * access) is decided in the query.
 */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";

export interface EventTarget {
  calendar: "user" | "firm";
  ownerId: string;
}

/** Add, change or move events on this calendar. */
const managesCalendar = (actor: Actor, target: EventTarget) =>
  target.calendar === "firm" ? actor.isPrimarySubscriber : actor.permissions.has("calendar.manage_all") || target.ownerId === actor.userId;

export const calendarPolicy = {
  add_event_to: managesCalendar,
  edit_event: managesCalendar,
  /** Changing the owner or the calendar: the actor must manage both the old place and the new. */
  move_event: (actor: Actor, from: EventTarget, to: EventTarget) => managesCalendar(actor, from) && managesCalendar(actor, to),
};

/** What the actor may do to the event, sent with it (DESIGN habit 3). */
export const eventAbilities = (actor: Actor, event: EventTarget) => whileOpen(actor, { edit: calendarPolicy.edit_event(actor, event) });

/** What the actor may do on a calendar of GET /calendars. */
export const calendarAbilities = (actor: Actor, calendar: EventTarget) => whileOpen(actor, { add_events: calendarPolicy.add_event_to(actor, calendar) });
