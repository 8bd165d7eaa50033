/**
 * Delivers the outbox (NTF-2). A message is claimed with a lease before it is sent and marked
 * sent after, so two workers never send the same message; when SMTP is down it waits and
 * retries with backoff, and nothing is lost. A worker that dies mid-send leaves its lease to
 * expire: the retry then carries the same Message-ID so a receiver can tell the repeat.
 */
import { and, asc, eq, lte, or, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../db/client.js";
import { outbox } from "../db/schema.js";
import type { MailTransport } from "../mail/transport.js";
import type { Clock } from "../domain/clock.js";
import { retryBackoffMs } from "../domain/scheduling/retry-backoff.js";
import { DrainLoop } from "./drain-loop.js";

const LEASE_MS = 120_000;
export const MAX_ATTEMPTS = 10;

/** 30 s, 1 min, 2 min ... at most an hour. */
export const backoffMs = retryBackoffMs;

export class OutboxWorker {
  readonly #loop = new DrainLoop(
    () => this.#drain(),
    (err) => this.log.error({ err }, "outbox tick failed"),
  );

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
    private readonly log: Pick<FastifyBaseLogger, "error" | "warn">,
  ) {}

  /** Sends every message that is due; returns how many were sent. Calls never overlap. */
  deliverDue(): Promise<number> {
    return this.#loop.run();
  }

  async #drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const message = await this.#claim();
      if (!message) return sent;
      if (await this.#send(message)) sent += 1;
    }
  }

  async #claim() {
    const now = this.clock.now();
    return this.database.db.transaction(async (tx) => {
      const [due] = await tx
        .select()
        .from(outbox)
        .where(
          or(
            and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
            and(eq(outbox.status, "sending"), lte(outbox.lockedUntil, now)),
          ),
        )
        .orderBy(asc(outbox.seq))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!due) return null;
      const [claimed] = await tx
        .update(outbox)
        .set({ status: "sending", lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1` })
        .where(and(eq(outbox.firmId, due.firmId), eq(outbox.id, due.id)))
        .returning();
      return claimed ?? null;
    });
  }

  async #send(m: typeof outbox.$inferSelect): Promise<boolean> {
    const key = and(eq(outbox.firmId, m.firmId), eq(outbox.id, m.id), eq(outbox.status, "sending"));
    try {
      await this.transport.send({ ...m.payload, messageId: `<${m.id}@chambers.outbox>` });
      await this.database.db.update(outbox).set({ status: "sent", sentAt: this.clock.now(), lockedUntil: null, lastError: null }).where(key);
      return true;
    } catch (err) {
      const failed = m.attempts >= MAX_ATTEMPTS;
      this.log.warn({ err, outbox: m.id, attempts: m.attempts }, failed ? "mail given up" : "mail will be retried");
      await this.database.db
        .update(outbox)
        .set({
          status: failed ? "failed" : "pending",
          lockedUntil: null,
          lastError: String((err as Error).message ?? err).slice(0, 2000),
          nextAttemptAt: new Date(this.clock.now().getTime() + backoffMs(m.attempts)),
        })
        .where(key);
      return false;
    }
  }

  start(intervalMs: number): void {
    this.#loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
