/**
 * The server's OpenAPI document, built in process on an empty in-memory database with the
 * default configuration (whatever the environment says), so that every script and test that
 * reads it sees the same document: no server needs to run.
 */
import { loadConfig } from "../src/config.js";
import { startRuntime } from "../src/runtime.js";

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const runtime = await startRuntime(loadConfig({ DATA_DIR: "memory://", LOG_LEVEL: "silent", NODE_ENV: "development" }), { logger: false });
  try {
    await runtime.app.ready();
    return structuredClone(runtime.app.swagger()) as Record<string, unknown>;
  } finally {
    await runtime.close();
  }
}
