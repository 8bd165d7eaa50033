/**
 * Real listening servers for HTTP benchmarks: Chambers itself, on a scratch database of its own,
 * and bare Fastify baselines in the same process.
 */
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import Fastify, { type FastifyInstance } from "fastify";
import pg from "pg";
import { createScratchDatabase } from "../../test/helpers/scratch-database.js";
import { loadConfig } from "../../src/config.js";
import { startRuntime, type Runtime } from "../../src/runtime.js";

export interface Listening<T> {
  it: T;
  baseUrl: string;
  close(): Promise<void>;
}

const baseUrlOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** Which database the benchmarks run on: BENCH_DATABASE_URL's PostgreSQL, or PGlite in memory. */
export const benchDatabase = () => (process.env.BENCH_DATABASE_URL ? "postgres" : "pglite");

/**
 * A database of the benchmark's own on BENCH_DATABASE_URL's server, dropped when it ends, so a
 * run starts empty and leaves nothing behind. (Not `chambers_t_*`: the test suites drop those.)
 */
const benchDatabaseOn = (url: string) => createScratchDatabase(url, "chambers_bench");

/** Hand-written SQL straight on the driver, beside Chambers: the baselines' only way to the database. */
export interface RawDatabase {
  /** A named statement on PostgreSQL (parsed once per connection); PGlite has no such thing. */
  query<Row>(name: string, text: string, values?: unknown[]): Promise<Row[]>;
  /** Statements in one transaction on one connection; how many rows each changed. */
  transaction(statements: { text: string; values?: unknown[] }[]): Promise<number[]>;
  close(): Promise<void>;
}

export interface Chambers {
  runtime: Runtime;
  /** The same database, through a `pg.Pool` of 10 of its own (PostgreSQL) or the same PGlite. */
  raw: RawDatabase;
}

/** Chambers on an empty database of its own, listening on a free port. */
export async function startChambers(): Promise<Listening<Chambers>> {
  const server = process.env.BENCH_DATABASE_URL;
  const scratch = server ? await benchDatabaseOn(server) : null;
  try {
    const config = loadConfig({ DATABASE_URL: scratch?.url ?? "", DATA_DIR: "memory://", LOG_LEVEL: "silent" });
    const runtime = await startRuntime(config, { logger: false });
    await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    const raw = scratch ? rawPostgres(scratch.url) : rawPglite((runtime.deps.database.db as unknown as { $client: PGlite }).$client);
    return {
      it: { runtime, raw },
      baseUrl: baseUrlOf(runtime.app),
      async close() {
        await raw.close();
        await runtime.close();
        await scratch?.drop();
      },
    };
  } catch (err) {
    await scratch?.drop();
    throw err;
  }
}

function rawPostgres(url: string): RawDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    async query<Row>(name: string, text: string, values: unknown[] = []) {
      return (await pool.query({ name, text, values })).rows as Row[];
    },
    async transaction(statements) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const changed: number[] = [];
        for (const s of statements) changed.push((await client.query(s.text, s.values ?? [])).rowCount ?? 0);
        await client.query("commit");
        return changed;
      } catch (err) {
        await client.query("rollback");
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function rawPglite(client: PGlite): RawDatabase {
  return {
    async query<Row>(_name: string, text: string, values: unknown[] = []) {
      return (await client.query<Row>(text, values)).rows;
    },
    transaction: (statements) =>
      client.transaction(async (tx) => {
        const changed: number[] = [];
        for (const s of statements) changed.push((await tx.query(s.text, s.values ?? [])).affectedRows ?? 0);
        return changed;
      }),
    // Chambers owns it and closes it.
    close: async () => undefined,
  };
}

/** Bare Fastify, no plugins: `/bare` answers {ok:true} with no database; `build` adds routes. */
export async function startBare(build?: (app: FastifyInstance) => void): Promise<Listening<FastifyInstance>> {
  const app = Fastify({ logger: false });
  app.get("/bare", async () => ({ ok: true }));
  build?.(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { it: app, baseUrl: baseUrlOf(app), close: () => app.close() };
}

/** Signs up a fresh firm (unique email) and returns its primary subscriber's bearer token. */
export async function signUpFirm(runtime: Runtime): Promise<string> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const res = await runtime.app.inject({
    method: "POST",
    url: "/api/v1/signup",
    payload: {
      firm_name: `Bench ${suffix} LLP`,
      first_name: "Bea",
      last_name: "Bench",
      email: `bench.${suffix}@bench.test`,
      password: "steady-lantern-harbour-42",
      plan: "monthly",
      licenses: 5,
    },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}
