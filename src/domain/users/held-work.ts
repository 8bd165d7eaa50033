/**
 * DEA-2, DEA-5: before a user leaves, what they still hold. Work that a reassignment could move
 * (matters they are responsible for, events they own, on open or pending matters that are not
 * private) refuses the deactivation with `reassignment_required` and the counts, unless the
 * request carries a plan or says to leave the work where it is. Private matters are counted,
 * never shown; they cannot move (REA-5), so they alone never refuse it.
 */
import type { Executor } from "../../db/client.js";
import { AppError } from "../errors.js";
import { countHeldWork } from "../reassignments/work-rules.js";
import type { Targets } from "../reassignments/targets.js";

export interface WorkDecision {
  /** Where the work goes (REA), or null. */
  plan?: Targets | null;
  /** Deactivate although work remains, leaving it in place. */
  leaveWork?: boolean;
}

/** The user's private matters' count, once it is clear the deactivation may go ahead. */
export async function requireWorkDecided(db: Executor, firmId: string, userId: string, now: Date, decision: WorkDecision): Promise<{ privateMatters: number }> {
  const held = await countHeldWork(db, firmId, userId, now);
  if (!decision.plan && !decision.leaveWork && (held.movable.matters > 0 || held.movable.events > 0)) {
    throw new AppError("reassignment_required", "This user still holds work: reassign it, or say to leave it where it is (`leave_work: true`).", {
      counts: { matters: held.movable.matters, events: held.movable.events, tasks: held.movable.tasks, private_matters: held.privateMatters },
    });
  }
  return { privateMatters: held.privateMatters };
}
