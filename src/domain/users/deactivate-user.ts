/**
 * DEA-1, DEA-3, LIC-9: deactivation, in one transaction: the status, every session and API
 * token, the license (freed, or scheduled for removal at the next bill), and the feed. Nothing
 * the user made is deleted (DEA-4).
 */
import { and, eq } from "drizzle-orm";
import { subscriptions, users } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { authorize } from "../../policies/authorize.js";
import type { ActorContext } from "../context.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockSubscription } from "../licenses/license-state.js";
import { revokeAllSessions } from "../sessions/revoke-session.js";
import { cancelDeactivationJobs } from "./deactivation-jobs.js";
import { lockUser } from "./lock-user.js";
import { fullName, type UserRecord } from "./user-record.js";

export interface DeactivateOptions {
  removeLicenseAtNextBill: boolean;
}

export async function deactivateUser({ tx, clock, actor }: ActorContext, userId: string, opts: DeactivateOptions) {
  // The subscription lock first, as every license change takes it (LIC-8), then the user.
  const sub = await lockSubscription(tx, actor.firmId);
  const user = authorize(actor, "deactivate", await lockUser(tx, actor.firmId, userId));
  return applyDeactivation(tx, clock, { id: actor.userId, name: actor.name, firmId: actor.firmId }, user, sub.pendingRemoval, opts);
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
  await recordActivity(tx, clock, {
    firmId: by.firmId,
    actor: { id: by.id, name: by.name },
    kind: "user.deactivated",
    subject: { type: "user", id: user.id, label: fullName(user) },
    before: { status: user.status },
    after: { status: "deactivated", sessions_ended: sessionsEnded, license_removed_at_next_bill: opts.removeLicenseAtNextBill },
  });
  return { sessionsEnded };
}
