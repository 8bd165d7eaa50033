/**
 * Runs a suite against a real database: the embedded PGlite always, and PostgreSQL too when
 * TEST_DATABASE_URL is set. Each suite gets one running app; each test builds its own firm.
 */
import { afterAll, beforeAll, describe } from "vitest";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { loadConfig, type Config } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { TestClock } from "../../src/jobs/clock.js";
import { startRuntime, type Runtime, type RuntimeOptions } from "../../src/runtime.js";

export interface Backend {
  name: "pglite" | "postgres";
  url?: string;
}

export const BACKENDS: Backend[] = [
  { name: "pglite" },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgres" as const, url: process.env.TEST_DATABASE_URL }] : []),
];

export function testConfig(backend: Backend, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: backend.url ?? "",
    DATA_DIR: "memory://",
    LOG_LEVEL: "silent",
    CHAMBERS_TEST_CLOCK: "1",
    NODE_ENV: "test",
    ...env,
  });
}

export async function openTestDatabase(backend: Backend): Promise<Database> {
  return openDatabase({ databaseUrl: backend.url, dataDir: "memory://", poolSize: 5 });
}

export class Harness {
  runtime!: Runtime;
  clock = new TestClock(new Date("2026-11-23T10:00:00.000Z"));
  constructor(
    readonly backend: Backend,
    private readonly opts: RuntimeOptions & { env?: Record<string, string> } = {},
  ) {}

  get app() {
    return this.runtime.app;
  }
  get db() {
    return this.runtime.deps.database.db;
  }
  get deps() {
    return this.runtime.deps;
  }

  async start() {
    this.runtime = await startRuntime(testConfig(this.backend, this.opts.env), { clock: this.clock, logger: false, ...this.opts });
    await this.app.ready();
  }

  async stop() {
    await this.runtime?.close();
  }

  /** A request with an optional bearer token; JSON bodies are sent as JSON. */
  request(opts: InjectOptions & { token?: string }): Promise<LightMyRequestResponse> {
    const { token, ...rest } = opts;
    const headers = { ...(rest.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return this.app.inject({ ...rest, headers });
  }

  get(url: string, token?: string) {
    return this.request({ method: "GET", url, token });
  }
  post(url: string, payload: unknown, token?: string) {
    return this.request({ method: "POST", url, payload: payload as InjectOptions["payload"], token });
  }
  patch(url: string, payload: unknown, token?: string) {
    return this.request({ method: "PATCH", url, payload: payload as InjectOptions["payload"], token });
  }
  delete(url: string, token?: string) {
    return this.request({ method: "DELETE", url, token });
  }
}

/** `describe` once per backend, with a started harness. */
export function describeDb(
  title: string,
  body: (h: Harness) => void,
  opts: RuntimeOptions & { env?: Record<string, string> } = {},
) {
  describe.each(BACKENDS)(`${title} [$name]`, (backend) => {
    const h = new Harness(backend, opts);
    beforeAll(() => h.start());
    afterAll(() => h.stop());
    body(h);
  });
}
