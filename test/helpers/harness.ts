/**
 * Runs a suite against a real database: the embedded PGlite always, and PostgreSQL too when
 * TEST_DATABASE_URL is set. Each suite gets one running app; each test builds its own firm.
 */
import { createScratchDatabase } from "./scratch-database.js";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { loadConfig, type Config } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { TestClock } from "../../src/domain/clock.js";
import { startRuntime, type Runtime, type RuntimeOptions } from "../../src/runtime.js";
import { ContractChecker } from "./contract.js";

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

const rand = () => Math.floor(Math.random() * 254) + 1;

/**
 * A PostgreSQL database of the suite's own, so that one suite's test clock (which runs every
 * job that falls due) never touches another suite's firms. Dropped when the suite ends.
 */
export const scratchDatabase = (url: string) => createScratchDatabase(url, "chambers_t");

export const START = new Date("2026-11-23T10:00:00.000Z");

export class Harness {
  runtime!: Runtime;
  clock = new TestClock(START);
  #scratch: { url: string; drop(): Promise<void> } | null = null;
  /** The published OpenAPI document, which every answer through `request()` must match. */
  contract!: ContractChecker;
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

  /** The suite's own database: its scratch PostgreSQL database, or none for PGlite. */
  get databaseUrl(): string | undefined {
    return this.#scratch?.url;
  }

  async start() {
    if (this.backend.url) this.#scratch = await scratchDatabase(this.backend.url);
    const backend = { ...this.backend, url: this.#scratch?.url };
    this.runtime = await startRuntime(testConfig(backend, this.opts.env), { clock: this.clock, logger: false, ...this.opts });
    await this.app.ready();
    this.contract = new ContractChecker(this.app.swagger());
  }

  async stop() {
    await this.runtime?.close();
    await this.#scratch?.drop();
  }

  /**
   * A request with an optional bearer token; JSON bodies are sent as JSON. Each comes from its
   * own address unless one is given, so per-address rate limits only bite the tests about them.
   * The answer must be one the OpenAPI document describes: otherwise the request throws, and
   * the test that made it fails (the API contract check).
   */
  async request(opts: InjectOptions & { token?: string }): Promise<LightMyRequestResponse> {
    const { token, ...rest } = opts;
    const headers = { ...(rest.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const remoteAddress = rest.remoteAddress ?? `10.${rand()}.${rand()}.${rand()}`;
    const res = await this.app.inject({ ...rest, headers, remoteAddress });
    const target = rest.url ?? rest.path ?? "";
    const url = typeof target === "string" ? target : (target.pathname ?? "");
    const violations = this.contract.violations(rest.method ?? "GET", url, res);
    if (violations.length) throw new Error(`API contract: ${violations.join("\n")}`);
    return res;
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
    // Every test starts at the same moment, whatever the one before did to the clock.
    beforeEach(() => h.clock.set(START));
    body(h);
  });
}

/** Runs `body` with two app instances on one scratch PostgreSQL database (shared state across instances), then stops both. */
export async function withTwoInstances(postgresUrl: string, body: (a: Harness, b: Harness) => Promise<void>): Promise<void> {
  const shared = await scratchDatabase(postgresUrl);
  const a = new Harness({ name: "postgres" }, { env: { DATABASE_URL: shared.url } });
  const b = new Harness({ name: "postgres" }, { env: { DATABASE_URL: shared.url } });
  try {
    await a.start();
    await b.start();
    await body(a, b);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await shared.drop();
  }
}
