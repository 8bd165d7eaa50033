/** DEA-9: deactivation at a future moment, changed or cancelled until then. */
import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { scheduleJob } from "../jobs/schedule-job.js";
import { authorize, requirePermission } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { AppError, validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockSubscription } from "../licenses/license-state.js";
import { applyDeactivation, cancelDeactivationJobs, DEACTIVATE_JOB, lockUser, type DeactivateOptions } from "./deactivate-user.js";
import { fullName } from "./user-record.js";

export async function scheduleDeactivation({ tx, clock, actor }: ActorContext, userId: string, at: Date, opts: DeactivateOptions) {
  const now = clock.now();
  if (at <= now) throw validation([{ path: "at", message: "Choose a moment in the future." }]);
  const user = authorize(actor, "deactivate", await lockUser(tx, actor.firmId, userId));
  await cancelDeactivationJobs(tx, actor.firmId, userId, now);
  await scheduleJob(tx, clock, { firmId: actor.firmId, kind: DEACTIVATE_JOB, runAt: at, payload: { user_id: userId, remove_license_at_next_bill: opts.removeLicenseAtNextBill, by_id: actor.userId, by_name: actor.name } });
  await tx.update(users).set({ scheduledDeactivationAt: at, updatedAt: now }).where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.deactivation_scheduled",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { scheduled_deactivation_at: user.scheduledDeactivationAt },
    after: { scheduled_deactivation_at: at },
  });
}

export async function cancelScheduledDeactivation({ tx, clock, actor }: ActorContext, userId: string) {
  const user = await lockUser(tx, actor.firmId, userId);
  requirePermission(actor, "users.manage");
  if (!user.scheduledDeactivationAt) throw new AppError("not_found", "No deactivation is scheduled for this user.");
  const now = clock.now();
  await cancelDeactivationJobs(tx, actor.firmId, userId, now);
  await tx.update(users).set({ scheduledDeactivationAt: null, updatedAt: now }).where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.deactivation_cancelled",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { scheduled_deactivation_at: user.scheduledDeactivationAt },
    after: { scheduled_deactivation_at: null },
  });
}

/** The job: deactivates at the scheduled moment if the user is still active and still scheduled. */
export async function runScheduledDeactivation(tx: Tx, clock: Clock, firmId: string, payload: Record<string, unknown>) {
  const sub = await lockSubscription(tx, firmId);
  const user = await lockUser(tx, firmId, String(payload.user_id));
  if (user.status !== "active" || !user.scheduledDeactivationAt || user.isPrimarySubscriber) return;
  await applyDeactivation(
    tx,
    clock,
    { id: (payload.by_id as string | undefined) ?? null, name: String(payload.by_name ?? "Scheduled deactivation"), firmId },
    user,
    sub.pendingRemoval,
    { removeLicenseAtNextBill: payload.remove_license_at_next_bill === true },
  );
}
