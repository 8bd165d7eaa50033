/** Scheduled work is written by the domain, in the change's transaction; jobs/ runs it when due. */
import { jobs } from "../../db/schema.js";
import type { Tx } from "../../db/client.js";
import type { Clock } from "../clock.js";
import { newId } from "../secrets.js";

/** Schedules a job inside the caller's transaction. */
export async function scheduleJob(
  tx: Tx,
  clock: Clock,
  input: { firmId: string; kind: string; runAt: Date; payload?: Record<string, unknown> },
): Promise<string> {
  const id = newId();
  await tx.insert(jobs).values({ firmId: input.firmId, id, kind: input.kind, runAt: input.runAt, payload: input.payload ?? {}, createdAt: clock.now() });
  return id;
}
