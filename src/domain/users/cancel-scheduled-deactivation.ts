/** DEA-9: an administrator cancels a scheduled deactivation before it happens. */
import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema.js";
import { requirePermission } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { cancelDeactivationJobs } from "./deactivation-jobs.js";
import { lockUser } from "./lock-user.js";
import { fullName } from "./user-record.js";

export async function cancelScheduledDeactivation({ tx, clock, actor }: ActorContext, userId: string) {
  const user = await lockUser(tx, actor.firmId, userId);
  requirePermission(actor, "users.manage");
  if (!user.scheduledDeactivationAt) throw new AppError("not_found", "No deactivation is scheduled for this user.");
  const now = clock.now();
  await cancelDeactivationJobs(tx, actor.firmId, userId, now);
  await tx.update(users).set({ scheduledDeactivationAt: null, updatedAt: now, version: user.version + 1 }).where(and(eq(users.firmId, actor.firmId), eq(users.id, userId)));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "user.deactivation_cancelled",
    subject: { type: "user", id: userId, label: fullName(user) },
    before: { scheduled_deactivation_at: user.scheduledDeactivationAt },
    after: { scheduled_deactivation_at: null },
  });
}
