/** Assembles a running Chambers: database, migrations, clock, workers and the HTTP app. */
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { systemClock, TestClock, type Clock } from "./domain/clock.js";
import { LiveNotifications } from "./jobs/live-notifications.js";
import { OutboxWorker } from "./jobs/outbox-worker.js";
import { WebhookWorker } from "./jobs/webhook-worker.js";
import { Scheduler } from "./jobs/scheduler.js";
import { registerJobHandlers } from "./jobs/handlers.js";
import { BackgroundTasks } from "./jobs/background.js";
import { smtpTransport, type MailTransport } from "./mail/transport.js";
import { buildApp } from "./server/app.js";
import type { App, Deps } from "./server/deps.js";

export interface Runtime {
  app: App;
  deps: Deps;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** An already opened database (tests share one per file). */
  database?: Database;
  clock?: Clock;
  /** A mail transport other than SMTP_URL's (tests). */
  transport?: MailTransport;
  /** Start the background timers (the server does; tests drive the workers themselves). */
  timers?: boolean;
  logger?: boolean;
  /** Where JSON logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
}

export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const ownsDatabase = !opts.database;
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  await migrate(database);
  const testClock = config.CHAMBERS_TEST_CLOCK ? (opts.clock instanceof TestClock ? opts.clock : new TestClock()) : null;
  const clock = testClock ?? opts.clock ?? systemClock;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const scheduler = new Scheduler(database, clock, log);
  registerJobHandlers(scheduler);
  const transport = opts.transport ?? (config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : null);
  const outbox = transport ? new OutboxWorker(database, clock, transport, log) : null;
  const webhooks = new WebhookWorker(database, clock, { policy: { allowHosts: config.WEBHOOK_ALLOW_HOSTS }, caFile: config.WEBHOOK_CA_FILE }, log);
  const live = new LiveNotifications(database);
  await live.start();
  const background = new BackgroundTasks(log);
  const deps: Deps = { database, clock, config, scheduler, live, outbox, webhooks, testClock, background };
  const app = await buildApp(deps, { logger: opts.logger, logStream: opts.logStream });
  // The workers log through the app's logger once it exists.
  Object.assign(log, { info: app.log.info.bind(app.log), warn: app.log.warn.bind(app.log), error: app.log.error.bind(app.log) });
  if (opts.timers) {
    // With the test clock, due work runs when the clock is moved, not on a timer.
    if (!testClock) scheduler.start(config.WORKER_INTERVAL_MS);
    outbox?.start(config.WORKER_INTERVAL_MS);
    webhooks.start(config.WORKER_INTERVAL_MS);
  }
  return {
    app,
    deps,
    async close() {
      await app.close();
      await background.idle();
      await scheduler.stop();
      await outbox?.stop();
      await webhooks.stop();
      transport?.close();
      await live.stop();
      if (ownsDatabase) await database.close();
    },
  };
}
