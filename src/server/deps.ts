/** What the routes are given: the database, the clock, configuration and the background parts. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Clock } from "../domain/clock.js";
import type { Scheduler } from "../jobs/scheduler.js";
import type { LiveNotifications } from "../jobs/live-notifications.js";
import type { OutboxWorker } from "../jobs/outbox-worker.js";
import type { WebhookWorker } from "../jobs/webhook-worker.js";
import type { TestClock } from "../domain/clock.js";
import type { BackgroundTasks } from "../jobs/background.js";

export interface Deps {
  database: Database;
  clock: Clock;
  config: Config;
  scheduler: Scheduler;
  live: LiveNotifications;
  /** Sends mail when SMTP is configured; null keeps mail in the local outbox. */
  outbox: OutboxWorker | null;
  /** Delivers webhooks after commit (WHK-2). */
  webhooks: WebhookWorker;
  /** Present only when started with CHAMBERS_TEST_CLOCK=1 (OPS-5). */
  testClock: TestClock | null;
  /** Work started by a request and finished after its answer. */
  background: BackgroundTasks;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
