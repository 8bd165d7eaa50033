/** Calendar events (PRC-6), the firm calendar (ACC-8) and the calendars shown beside one's own (PRC-9). */
import { createEvent } from "../../domain/practice/calendar/create-event.js";
import { getEvent } from "../../domain/practice/calendar/get-event.js";
import { listCalendars } from "../../domain/practice/calendar/list-calendars.js";
import { listEvents } from "../../domain/practice/calendar/list-events.js";
import { setVisibleCalendars } from "../../domain/practice/calendar/set-visible-calendars.js";
import { updateEvent } from "../../domain/practice/calendar/update-event.js";
import {
  calendarOut,
  calendarsQuery,
  createEventBody,
  eventOut,
  eventsQuery,
  updateEventBody,
  visibleCalendarsBody,
  visibleCalendarsOut,
} from "../../shared/practice-schemas.js";
import { idParam, listOf } from "../../shared/schemas.js";
import { change, read, readingIn } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function calendarRoutes(app: App, deps: Deps) {
  app.get(
    "/calendar-events",
    {
      config: { auth: "user" },
      schema: { tags: ["practice"], summary: "The events the requester may see, by start; filters: owner, attendee, matter, calendar, `from`/`to`", querystring: eventsQuery, response: { 200: listOf(eventOut) } },
    },
    async (request) => read(deps, request, (ctx) => listEvents(ctx, request.query)),
  );

  app.get(
    "/calendar-events/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "One calendar event", params: idParam, response: { 200: eventOut } } },
    async (request) => read(deps, request, (ctx) => getEvent(ctx, request.params.id)),
  );

  app.post(
    "/calendar-events",
    {
      config: { auth: "user" },
      schema: { tags: ["practice"], summary: "Create an event on its owner's calendar, or on the firm calendar (primary subscriber only, ACC-8)", body: createEventBody, response: { 201: eventOut } },
    },
    async (request, reply) => {
      const event = await change(deps, request, async (ctx) => getEvent(readingIn(ctx), await createEvent(ctx, request.body)));
      return reply.code(201).send(event);
    },
  );

  app.patch(
    "/calendar-events/:id",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "Edit or move an event", params: idParam, body: updateEventBody, response: { 200: eventOut } } },
    async (request) =>
      change(deps, request, async (ctx) => {
        await updateEvent(ctx, request.params.id, request.body);
        return getEvent(readingIn(ctx), request.params.id);
      }),
  );

  app.get(
    "/calendars",
    {
      config: { auth: "user" },
      schema: { tags: ["practice"], summary: "The calendars the requester may show: the firm's, their own, every active user's (PRC-9)", querystring: calendarsQuery, response: { 200: listOf(calendarOut) } },
    },
    async (request) => read(deps, request, (ctx) => listCalendars(ctx, request.query)),
  );

  app.put(
    "/me/visible-calendars",
    { config: { auth: "user" }, schema: { tags: ["practice"], summary: "Whose calendars to show beside one's own (PRC-9)", body: visibleCalendarsBody, response: { 200: visibleCalendarsOut } } },
    async (request) => ({ user_ids: await change(deps, request, (ctx) => setVisibleCalendars(ctx, request.body)) }),
  );
}
