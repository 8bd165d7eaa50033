/**
 * DEA-9: deactivation at a future moment, changed or cancelled until then. The plan (or
 * `leave_work`) is checked now, as for a deactivation now (DEA-2), and kept with the job, which
 * runs it when the moment comes.
 */
import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema.js";
import { scheduleJob } from "../scheduling/schedule-job.js";
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { checkWorkPlan, type DeactivateOptions, type DeactivationOutcome } from "./deactivate-user.js";
import { cancelDeactivationJobs, DEACTIVATE_JOB } from "./deactivation-jobs.js";
import { lockUser } from "./lock-user.js";
import { fullName } from "./user-record.js";

export async function scheduleDeactivation({ tx, clock, actor }: ActorContext, userId: string, at: Date, opts: DeactivateOptions): Promise<DeactivationOutcome> {
  const now = clock.now();
  if (at <= now) throw validation([{ path: "at", message: "Choose a moment in the future." }]);
  const user = authorize(actor, "deactivate", await lockUser(tx, actor.firmId, userId));
  const { privateMatters } = await checkWorkPlan(tx, actor.firmId, user, now, opts);
  await cancelDeactivationJobs(tx, actor.firmId, userId, now);
  await scheduleJob(tx, clock, {
    firmId: actor.firmId,
    kind: DEACTIVATE_JOB,
    runAt: at,
    payload: {
      user_id: userId,
      remove_license_at_next_bill: opts.removeLicenseAtNextBill,
      reassign: opts.plan ?? null,
      leave_work: opts.leaveWork ?? false,
      by_id: actor.userId,
      by_name: actor.name,
    },
  });
  await tx.update(users).set({ scheduledDeactivationAt: at, updatedAt: now, version: user.version + 1 }).where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.deactivation_scheduled",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { scheduled_deactivation_at: user.scheduledDeactivationAt },
    after: { scheduled_deactivation_at: at, reassign: opts.plan ?? null, leave_work: opts.leaveWork ?? false },
  });
  return { reassignment: null, privateMatters };
}
