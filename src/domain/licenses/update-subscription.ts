/** LIC-5: the annual plan's renewal option. */
import { eq } from "drizzle-orm";
import { subscriptions } from "../../db/schema.js";
import type { ActorContext } from "../context.js";
import { validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { lockSubscription } from "./license-state.js";

export async function updateSubscription({ tx, clock, actor }: ActorContext, removeUnused: boolean) {
  const sub = await lockSubscription(tx, actor.firmId);
  if (sub.plan !== "annual") {
    throw validation([{ path: "remove_unused_licenses_at_renewal", message: "Only annual plans have this option." }]);
  }
  const [updated] = await tx
    .update(subscriptions)
    .set({ removeUnusedAtRenewal: removeUnused, updatedAt: clock.now() })
    .where(eq(subscriptions.firmId, actor.firmId))
    .returning();
  await recordActivity(tx, clock, {
    firmId: actor.firmId,
    actor: { id: actor.userId, name: actor.name },
    kind: "subscription.updated",
    subject: { type: "subscription", id: actor.firmId, label: "Subscription" },
    before: { remove_unused_at_renewal: sub.removeUnusedAtRenewal },
    after: { remove_unused_at_renewal: removeUnused },
  });
  return updated!;
}
