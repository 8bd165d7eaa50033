/** LIC-4: removing available licenses at the start of the next period, and cancelling that. */
import { eq } from "drizzle-orm";
import { subscriptions } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { AppError } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { availableLicenses } from "./arithmetic.js";
import { lockSubscription, occupiedLicenses } from "./license-state.js";

export async function scheduleRemoval({ tx, clock, actor }: ActorContext, count: number) {
  const sub = await lockSubscription(tx, actor.firmId);
  const available = availableLicenses(sub.totalLicenses, await occupiedLicenses(tx, actor.firmId), sub.pendingRemoval);
  if (count > available) {
    throw new AppError("no_available_license", `Only ${Math.max(available, 0)} license${available === 1 ? " is" : "s are"} free to remove.`, { available: Math.max(available, 0) }, [
      { path: "count", message: `At most ${Math.max(available, 0)}.` },
    ]);
  }
  const pending = sub.pendingRemoval + count;
  await tx.update(subscriptions).set({ pendingRemoval: pending, updatedAt: clock.now() }).where(eq(subscriptions.firmId, actor.firmId));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "licenses.removal_scheduled",
    subject: { type: "subscription", id: actor.firmId, label: `${count} license${count === 1 ? "" : "s"}` },
    before: { pending_removal: sub.pendingRemoval },
    after: { pending_removal: pending, effective_at: sub.periodEnd },
  });
  return { pending_removal: pending, effective_at: sub.periodEnd.toISOString() };
}

export async function cancelRemoval({ tx, clock, actor }: ActorContext): Promise<void> {
  const sub = await lockSubscription(tx, actor.firmId);
  if (sub.pendingRemoval === 0) return;
  await tx.update(subscriptions).set({ pendingRemoval: 0, updatedAt: clock.now() }).where(eq(subscriptions.firmId, actor.firmId));
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "licenses.removal_cancelled",
    subject: { type: "subscription", id: actor.firmId, label: "Scheduled removal" },
    before: { pending_removal: sub.pendingRemoval },
    after: { pending_removal: 0 },
  });
}
