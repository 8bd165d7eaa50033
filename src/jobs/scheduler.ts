/**
 * Scheduled jobs (renewals, expiries, scheduled deactivations). A due job is claimed with
 * FOR UPDATE SKIP LOCKED and its handler runs in the same transaction, so each job's effect
 * happens once even with many instances. Failures are retried with backoff.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database, Tx } from "../db/client.js";
import { jobs } from "../db/schema.js";
import type { Clock } from "../domain/clock.js";
import { DrainLoop } from "./drain-loop.js";

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (ctx: { tx: Tx; clock: Clock; job: JobRow }) => Promise<void>;

const MAX_ATTEMPTS = 5;

export class Scheduler {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #loop = new DrainLoop(
    () => this.#drain(),
    (err) => this.log.error({ err }, "scheduler tick failed"),
  );

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly log: Pick<FastifyBaseLogger, "error" | "info">,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.#handlers.set(kind, handler);
  }

  /** Runs every job due by the clock's now; returns how many ran. Calls never overlap. */
  runDue(): Promise<number> {
    return this.#loop.run();
  }

  async #drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const outcome = await this.#runOne();
      if (outcome === "none") return ran;
      if (outcome === "ran") ran += 1;
    }
  }

  async #runOne(): Promise<"ran" | "failed" | "none"> {
    const { db } = this.database;
    let claimed: JobRow | undefined;
    try {
      return await db.transaction(async (tx) => {
        const now = this.clock.now();
        [claimed] = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, "pending"), lte(jobs.runAt, now)))
          .orderBy(asc(jobs.runAt))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!claimed) return "none";
        const handler = this.#handlers.get(claimed.kind);
        if (!handler) throw new Error(`no handler for job kind ${claimed.kind}`);
        await handler({ tx, clock: this.clock, job: claimed });
        await tx
          .update(jobs)
          .set({ status: "done", attempts: sql`${jobs.attempts} + 1`, finishedAt: now })
          .where(and(eq(jobs.firmId, claimed.firmId), eq(jobs.id, claimed.id)));
        return "ran";
      });
    } catch (err) {
      if (!claimed) throw err;
      const job = claimed;
      this.log.error({ err, job: job.id, kind: job.kind }, "job failed");
      const attempts = job.attempts + 1;
      const now = this.clock.now();
      await db
        .update(jobs)
        .set({
          attempts,
          lastError: String((err as Error).message ?? err).slice(0, 2000),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          runAt: new Date(now.getTime() + 2 ** attempts * 30_000),
        })
        .where(and(eq(jobs.firmId, job.firmId), eq(jobs.id, job.id)));
      return "failed";
    }
  }

  start(intervalMs: number): void {
    this.#loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
