/**
 * PRC-6, PRC-4, ACC-8: editing an event the actor sees. Moving it to another owner or calendar
 * needs the right to manage both; a new or changed video-conference link records who made it.
 */
import { and, eq, inArray } from "drizzle-orm";
import { calendarEvents, eventAttendees } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { calendarPolicy } from "../../../policies/calendar.js";
import type { FieldError } from "../../../shared/errors.js";
import type { UpdateEventInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { choiceErrors, distinct, lockChosenUsers } from "../chosen-users.js";
import { findVisibleMatter, NO_SUCH_MATTER } from "../matter-access.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { eventSnapshot, lockVisibleEvent, PRIVATE_EVENT_LABEL, type EventState } from "./event-record.js";

export async function updateEvent(ctx: ActorContext, id: string, input: UpdateEventInput): Promise<void> {
  const { tx, clock, actor } = ctx;
  const statuses = await lockChosenUsers(tx, actor.firmId, [input.owner_id, ...(input.attendee_ids ?? [])]);
  const event = await lockVisibleEvent(tx, actor, id);
  requirePolicy(calendarPolicy.edit_event(actor, event));
  const ownerId = input.owner_id ?? event.ownerId;
  const calendar = input.calendar ?? event.calendar;
  if (ownerId !== event.ownerId || calendar !== event.calendar) requirePolicy(calendarPolicy.move_event(actor, event, { calendar, ownerId }));

  const errors: FieldError[] = [];
  if (input.owner_id) errors.push(...choiceErrors(statuses, [{ path: "owner_id", id: input.owner_id, kept: input.owner_id === event.ownerId }]));
  const attendees = input.attendee_ids ? distinct(input.attendee_ids, "attendee_ids").filter((a) => a.id !== ownerId) : null;
  if (attendees) errors.push(...choiceErrors(statuses, attendees.map((a) => ({ ...a, kept: event.attendeeIds.includes(a.id) }))));
  const startAt = input.start_at ? new Date(input.start_at) : event.startAt;
  const endAt = input.end_at ? new Date(input.end_at) : event.endAt;
  if (endAt < startAt) errors.push({ path: input.end_at ? "end_at" : "start_at", message: "The end cannot be before the start." });
  const matterId = input.matter_id === undefined ? event.matterId : input.matter_id;
  let onPrivateMatter = event.onPrivateMatter;
  if (matterId && matterId !== event.matterId) {
    const matter = await findVisibleMatter(tx, actor, matterId);
    if (!matter) errors.push({ path: "matter_id", message: NO_SUCH_MATTER });
    onPrivateMatter = event.onPrivateMatter || Boolean(matter?.isPrivate);
  }
  if (errors.length) throw validation(errors);

  const now = clock.now();
  const conference = input.conference;
  const conferenceKept = conference === undefined || (conference !== null && conference.url === event.conferenceUrl && conference.provider === event.conferenceProvider);
  const after: EventState = {
    title: input.title ?? event.title,
    startAt,
    endAt,
    matterId,
    calendar,
    ownerId,
    attendeeIds: attendees ? attendees.map((a) => a.id) : event.attendeeIds.filter((a) => a !== ownerId),
    conferenceProvider: conferenceKept ? event.conferenceProvider : (conference?.provider ?? null),
    conferenceUrl: conferenceKept ? event.conferenceUrl : (conference?.url ?? null),
    conferenceCreatedById: conferenceKept ? event.conferenceCreatedById : conference ? actor.userId : null,
  };
  const { attendeeIds, ...row } = after;
  await tx
    .update(calendarEvents)
    .set({ ...row, conferenceCreatedAt: conferenceKept ? event.conferenceCreatedAt : conference ? now : null, updatedAt: now })
    .where(and(eq(calendarEvents.firmId, actor.firmId), eq(calendarEvents.id, id)));
  const drop = event.attendeeIds.filter((a) => !attendeeIds.includes(a));
  const add = attendeeIds.filter((a) => !event.attendeeIds.includes(a));
  if (drop.length) await tx.delete(eventAttendees).where(and(eq(eventAttendees.firmId, actor.firmId), eq(eventAttendees.eventId, id), inArray(eventAttendees.userId, drop)));
  if (add.length) await tx.insert(eventAttendees).values(add.map((userId) => ({ firmId: actor.firmId, eventId: id, userId })));
  await recordPracticeActivity(ctx, {
    kind: "event.updated",
    subject: { type: "calendar_event", id, label: after.title },
    privateLabel: onPrivateMatter ? PRIVATE_EVENT_LABEL : null,
    before: eventSnapshot(event),
    after: eventSnapshot(after),
  });
}
