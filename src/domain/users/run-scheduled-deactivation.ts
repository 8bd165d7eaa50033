/**
 * DEA-9: the scheduler deactivates a user when the chosen moment comes, as an administrator
 * would have, running the plan kept with the job. A target who is no longer an active user by
 * then is passed over: that kind of work stays where it is, as with `leave_work`.
 *
 * Work the user took on after it was scheduled without a plan (DEA-2 was satisfied then) does
 * not keep them in: access must end at the moment the firm chose. The work stays in place,
 * the feed says so, and the administrator who scheduled it is told what waits for reassignment.
 */
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { lockSubscription } from "../licenses/license-state.js";
import { notify } from "../notifications/notify.js";
import { countHeldWork } from "../reassignments/work-rules.js";
import { lockTargets, targetKinds, type Targets } from "../reassignments/targets.js";
import { applyDeactivation } from "./deactivate-user.js";
import { lockUser } from "./lock-user.js";
import { fullName } from "./user-record.js";

/** The kinds of the plan whose target can still receive work. */
async function stillUsable(tx: Tx, firmId: string, userId: string, plan: Targets): Promise<Targets> {
  const refused = new Set((await lockTargets(tx, firmId, userId, plan)).map((e) => e.path));
  return Object.fromEntries(targetKinds(plan).filter((k) => !refused.has(`${k}_to`)).map((k) => [k, plan[k]]));
}

/** The job: deactivates at the scheduled moment if the user is still active and still scheduled. */
export async function runScheduledDeactivation(tx: Tx, clock: Clock, firmId: string, payload: Record<string, unknown>) {
  const sub = await lockSubscription(tx, firmId);
  const user = await lockUser(tx, firmId, String(payload.user_id));
  if (user.status !== "active" || !user.scheduledDeactivationAt || user.isPrimarySubscriber) return;
  const planned = (payload.reassign as Targets | null | undefined) ?? null;
  const byId = (payload.by_id as string | undefined) ?? null;
  let leaveWork = payload.leave_work === true;
  if (!planned && !leaveWork) {
    const held = await countHeldWork(tx, firmId, user.id, clock.now());
    if (held.movable.matters > 0 || held.movable.events > 0) {
      leaveWork = true;
      if (byId) {
        await notify(tx, clock, {
          firmId,
          userId: byId,
          kind: "user.work_left",
          title: `${fullName(user)} was deactivated as scheduled and still holds work`,
          body: `${held.movable.matters} matters, ${held.movable.tasks} tasks and ${held.movable.events} events stay with them until you reassign them.`,
          data: { user_id: user.id, matters: held.movable.matters, tasks: held.movable.tasks, events: held.movable.events },
        });
      }
    }
  }
  await applyDeactivation(
    tx,
    clock,
    { id: byId, name: String(payload.by_name ?? "Scheduled deactivation"), firmId },
    user,
    sub.pendingRemoval,
    {
      removeLicenseAtNextBill: payload.remove_license_at_next_bill === true,
      plan: planned ? await stillUsable(tx, firmId, user.id, planned) : null,
      leaveWork,
    },
  );
}
