/**
 * DEA-1, DEA-2, DEA-3, LIC-9: deactivation, in one transaction: the reassignment plan if one
 * was given (the same code as POST /reassignments), the status, every session and API token,
 * the license (freed, or scheduled for removal at the next bill), the video-conference links
 * the user created, the user's add-on licenses (ADD-2), the user's calendar in everyone else's view (its events are hidden from
 * the event lists while the user is deactivated: src/domain/practice/calendar/list-events.ts),
 * and the feed. Nothing the user made is deleted (DEA-4).
 */
import { and, eq } from "drizzle-orm";
import { addonAllocations, calendarEvents, calendarViews, subscriptions, users } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockSubscription } from "../licenses/license-state.js";
import { runReassignment } from "../reassignments/reassign-work.js";
import { lockTargets, targetKinds } from "../reassignments/targets.js";
import type { WorkCounts } from "../reassignments/work-rules.js";
import { revokeAllSessions } from "../sessions/revoke-session.js";
import { cancelDeactivationJobs } from "./deactivation-jobs.js";
import { requireWorkDecided, type WorkDecision } from "./held-work.js";
import { lockUser } from "./lock-user.js";
import { fullName, type UserRecord } from "./user-record.js";

export interface DeactivateOptions extends WorkDecision {
  removeLicenseAtNextBill: boolean;
}

export interface DeactivationOutcome {
  /** What the plan moved, or null without one. */
  reassignment: WorkCounts | null;
  /** DEA-5: how many private matters stay locked away. */
  privateMatters: number;
}

/** DEA-2: the plan's targets checked (fields under `reassign.`), then the work decided. */
export async function checkWorkPlan(tx: Tx, firmId: string, user: UserRecord, now: Date, opts: DeactivateOptions) {
  const errors = opts.plan ? await lockTargets(tx, firmId, user.id, opts.plan, "reassign.") : [];
  if (errors.length) throw validation(errors);
  return requireWorkDecided(tx, firmId, user.id, now, opts);
}

export async function deactivateUser({ tx, clock, actor }: ActorContext, userId: string, opts: DeactivateOptions): Promise<DeactivationOutcome> {
  // The subscription lock first, as every license change takes it (LIC-8), then the user.
  const sub = await lockSubscription(tx, actor.firmId);
  const user = authorize(actor, "deactivate", await lockUser(tx, actor.firmId, userId));
  const { privateMatters } = await checkWorkPlan(tx, actor.firmId, user, clock.now(), opts);
  const { reassignment } = await applyDeactivation(tx, clock, { id: actor.userId, name: actor.name, firmId: actor.firmId }, user, sub.pendingRemoval, opts);
  return { reassignment, privateMatters };
}

/** The deactivation itself, shared by the administrator's request and a scheduled one (DEA-9). */
export async function applyDeactivation(
  tx: Tx,
  clock: Clock,
  by: { id: string | null; name: string; firmId: string },
  user: UserRecord,
  pendingRemoval: number,
  opts: DeactivateOptions,
) {
  const now = clock.now();
  const plan = opts.plan && targetKinds(opts.plan).length ? opts.plan : null;
  const moved = plan ? await runReassignment(tx, clock, by.firmId, { id: by.id, name: by.name }, { id: user.id, name: fullName(user) }, plan) : null;
  await tx
    .update(users)
    .set({ status: "deactivated", deactivatedAt: now, deactivatedById: by.id, scheduledDeactivationAt: null, updatedAt: now, version: user.version + 1 })
    .where(and(eq(users.firmId, by.firmId), eq(users.id, user.id)));
  // A pending scheduled deactivation has nothing left to do.
  await cancelDeactivationJobs(tx, by.firmId, user.id, now);
  const sessionsEnded = await revokeAllSessions(tx, now, by.firmId, user.id);
  if (opts.removeLicenseAtNextBill) {
    await tx.update(subscriptions).set({ pendingRemoval: pendingRemoval + 1, updatedAt: now }).where(eq(subscriptions.firmId, by.firmId));
  }
  // The links live in the leaver's own conferencing account, which goes with them.
  const links = await tx
    .update(calendarEvents)
    .set({ conferenceProvider: null, conferenceUrl: null, conferenceCreatedById: null, conferenceCreatedAt: null, updatedAt: now })
    .where(and(eq(calendarEvents.firmId, by.firmId), eq(calendarEvents.conferenceCreatedById, user.id)))
    .returning({ id: calendarEvents.id });
  // ADD-2: the user's add-on licenses are free again, and reactivation does not bring them back.
  const addonsDropped = await tx
    .delete(addonAllocations)
    .where(and(eq(addonAllocations.firmId, by.firmId), eq(addonAllocations.userId, user.id)))
    .returning({ key: addonAllocations.addonKey });
  const views = await tx
    .delete(calendarViews)
    .where(and(eq(calendarViews.firmId, by.firmId), eq(calendarViews.shownUserId, user.id)))
    .returning({ userId: calendarViews.userId });
  await recordActivity(tx, clock, {
    firmId: by.firmId,
    actor: { id: by.id, name: by.name },
    kind: "user.deactivated",
    subject: { type: "user", id: user.id, label: fullName(user) },
    before: { status: user.status },
    after: {
      status: "deactivated",
      sessions_ended: sessionsEnded,
      license_removed_at_next_bill: opts.removeLicenseAtNextBill,
      work_left_in_place: !plan && Boolean(opts.leaveWork),
      reassignment_id: moved?.id ?? null,
      conference_links_removed: links.length,
      calendar_views_removed: views.length,
      addons_dropped: addonsDropped.map((a) => a.key).sort(),
    },
  });
  return { sessionsEnded, reassignment: moved?.moved ?? null };
}
