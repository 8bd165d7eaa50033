/**
 * PRC-9: the other users' calendars the actor shows beside their own. Only active users'
 * calendars can be chosen (DEA-3: a deactivated user's calendar is not offered); one's own is
 * always shown and needs no choosing.
 */
import { and, eq, inArray } from "drizzle-orm";
import { calendarViews } from "../../../db/schema.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { choiceErrors, distinct, lockChosenUsers } from "../chosen-users.js";
import { recordPracticeActivity } from "../practice-feed.js";

export async function setVisibleCalendars(ctx: ActorContext, input: { user_ids: string[] }): Promise<string[]> {
  const { tx, clock, actor } = ctx;
  const wanted = distinct(input.user_ids, "user_ids").filter((u) => u.id !== actor.userId);
  const statuses = await lockChosenUsers(tx, actor.firmId, wanted.map((u) => u.id));
  const errors = choiceErrors(statuses, wanted);
  if (errors.length) throw validation(errors);
  const current = await tx
    .select({ shownUserId: calendarViews.shownUserId })
    .from(calendarViews)
    .where(and(eq(calendarViews.firmId, actor.firmId), eq(calendarViews.userId, actor.userId)));
  const before = current.map((c) => c.shownUserId);
  const after = wanted.map((u) => u.id);
  const drop = before.filter((id) => !after.includes(id));
  const add = after.filter((id) => !before.includes(id));
  if (drop.length) {
    await tx.delete(calendarViews).where(and(eq(calendarViews.firmId, actor.firmId), eq(calendarViews.userId, actor.userId), inArray(calendarViews.shownUserId, drop)));
  }
  if (add.length) await tx.insert(calendarViews).values(add.map((shownUserId) => ({ firmId: actor.firmId, userId: actor.userId, shownUserId, createdAt: clock.now() })));
  if (drop.length || add.length) {
    await recordPracticeActivity(ctx, {
      kind: "calendar.views_changed",
      subject: { type: "user", id: actor.userId, label: actor.name },
      before: { shown_user_ids: [...before].sort() },
      after: { shown_user_ids: [...after].sort() },
    });
  }
  return after;
}
