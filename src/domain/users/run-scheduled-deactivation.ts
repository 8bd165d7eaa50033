/** DEA-9: the scheduler deactivates a user when the chosen moment comes, as an administrator would have. */
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { lockSubscription } from "../licenses/license-state.js";
import { applyDeactivation } from "./deactivate-user.js";
import { lockUser } from "./lock-user.js";

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
