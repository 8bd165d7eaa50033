/** DEA-9: the scheduler's job that deactivates a user at a chosen moment. */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { jobs } from "../../db/schema.js";

export const DEACTIVATE_JOB = "user.deactivate";

/** Cancels the user's pending scheduled deactivation jobs (DEA-9). */
export async function cancelDeactivationJobs(tx: Tx, firmId: string, userId: string, now: Date) {
  await tx
    .update(jobs)
    .set({ status: "cancelled", finishedAt: now })
    .where(and(eq(jobs.firmId, firmId), eq(jobs.kind, DEACTIVATE_JOB), eq(jobs.status, "pending"), sql`${jobs.payload}->>'user_id' = ${userId}`));
}
