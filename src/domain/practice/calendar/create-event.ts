/**
 * PRC-6, PRC-2, ACC-8: a new event on its owner's calendar (an active user) or on the firm
 * calendar, with active attendees, optionally on a matter the actor sees and with a
 * video-conference link that records who made it.
 */
import { calendarEvents, eventAttendees } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { calendarPolicy } from "../../../policies/calendar.js";
import type { FieldError } from "../../../shared/errors.js";
import type { CreateEventInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { newId } from "../../secrets.js";
import { choiceErrors, distinct, lockChosenUsers } from "../chosen-users.js";
import { findVisibleMatter, NO_SUCH_MATTER } from "../matter-access.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { eventSnapshot, PRIVATE_EVENT_LABEL, type EventState } from "./event-record.js";

export async function createEvent(ctx: ActorContext, input: CreateEventInput): Promise<string> {
  const { tx, clock, actor } = ctx;
  const calendar = input.calendar ?? "user";
  requirePolicy(calendarPolicy.add_event_to(actor, { calendar, ownerId: input.owner_id }));
  // The owner attends their own event; listing them again changes nothing.
  const attendees = distinct(input.attendee_ids ?? [], "attendee_ids").filter((a) => a.id !== input.owner_id);
  const statuses = await lockChosenUsers(tx, actor.firmId, [input.owner_id, ...attendees.map((a) => a.id)]);
  const errors: FieldError[] = choiceErrors(statuses, [{ path: "owner_id", id: input.owner_id }, ...attendees]);
  const matter = input.matter_id ? await findVisibleMatter(tx, actor, input.matter_id) : null;
  if (input.matter_id && !matter) errors.push({ path: "matter_id", message: NO_SUCH_MATTER });
  if (errors.length) throw validation(errors);

  const now = clock.now();
  const id = newId();
  const state: EventState = {
    title: input.title,
    startAt: new Date(input.start_at),
    endAt: new Date(input.end_at),
    matterId: matter?.id ?? null,
    calendar,
    ownerId: input.owner_id,
    attendeeIds: attendees.map((a) => a.id),
    conferenceProvider: input.conference?.provider ?? null,
    conferenceUrl: input.conference?.url ?? null,
    conferenceCreatedById: input.conference ? actor.userId : null,
  };
  const { attendeeIds, ...row } = state;
  await tx.insert(calendarEvents).values({
    ...row,
    firmId: actor.firmId,
    id,
    conferenceCreatedAt: input.conference ? now : null,
    createdById: actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  if (attendeeIds.length) await tx.insert(eventAttendees).values(attendeeIds.map((userId) => ({ firmId: actor.firmId, eventId: id, userId })));
  await recordPracticeActivity(ctx, {
    kind: "event.created",
    subject: { type: "calendar_event", id, label: input.title },
    privateLabel: matter?.isPrivate ? PRIVATE_EVENT_LABEL : null,
    after: eventSnapshot(state),
  });
  return id;
}
