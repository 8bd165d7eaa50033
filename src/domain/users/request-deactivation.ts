/**
 * DEA-1, DEA-2, DEA-9, REA-1: an administrator's request to deactivate a user, now or at `at`,
 * with a reassignment plan (`reassign`), or saying to leave the work where it is (`leave_work`).
 */
import type { ActorContext } from "../context.js";
import { targetsOf } from "../reassignments/targets.js";
import { deactivateUser, type DeactivateOptions, type DeactivationOutcome } from "./deactivate-user.js";
import { scheduleDeactivation } from "./schedule-deactivation.js";

export interface DeactivationRequest {
  remove_license_at_next_bill?: boolean;
  reassign?: { matters_to?: string; tasks_to?: string; events_to?: string };
  leave_work?: boolean;
  at?: string;
}

export async function requestDeactivation(ctx: ActorContext, userId: string, body: DeactivationRequest): Promise<DeactivationOutcome> {
  const opts: DeactivateOptions = {
    removeLicenseAtNextBill: body.remove_license_at_next_bill ?? false,
    plan: body.reassign ? targetsOf(body.reassign) : null,
    leaveWork: body.leave_work ?? false,
  };
  if (body.at) return scheduleDeactivation(ctx, userId, new Date(body.at), opts);
  return deactivateUser(ctx, userId, opts);
}
