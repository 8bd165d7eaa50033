/** `npm start`: serve the API and the console, on PGlite by default or PostgreSQL (OPS-1, OPS-2). */
import { ConfigError, loadConfig, type Config } from "./config.js";
import { startRuntime } from "./runtime.js";

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`Chambers cannot start: ${err.message}\n`);
  process.exit(1);
}
const runtime = await startRuntime(config, { timers: true });
const { app } = runtime;

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down: finishing requests in flight");
  // OPS-4: stop accepting, let requests in flight finish, stop the workers, close the database.
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  try {
    await runtime.close();
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ port: config.PORT, host: config.HOST });
app.log.info(
  { database: runtime.deps.database.kind, testClock: Boolean(runtime.deps.testClock), smtp: Boolean(config.SMTP_URL) },
  `Chambers is serving at http://${config.HOST}:${config.PORT}`,
);
