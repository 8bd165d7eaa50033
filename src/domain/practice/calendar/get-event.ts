/** One calendar event the actor sees; hidden, foreign and missing ones answer the same 404 (SEC-1). */
import { eq } from "drizzle-orm";
import { calendarEvents } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentEvent, selectVisibleEvents } from "./event-record.js";

export async function getEvent({ db, actor }: ReadContext, id: string) {
  const [row] = await selectVisibleEvents(db, actor, eq(calendarEvents.id, id));
  if (!row) throw notFound("Calendar event");
  return presentEvent(row, actor);
}
