/** Real listening servers for HTTP benchmarks: Chambers itself and a bare Fastify baseline. */
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
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

/** Chambers on an empty database, listening on a free port. */
export async function startChambers(): Promise<Listening<Runtime>> {
  const config = loadConfig({ DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "", DATA_DIR: "memory://", LOG_LEVEL: "silent" });
  const runtime = await startRuntime(config, { logger: false });
  await runtime.app.listen({ port: 0, host: "127.0.0.1" });
  return { it: runtime, baseUrl: baseUrlOf(runtime.app), close: () => runtime.close() };
}

/** The floor: a Fastify route that answers {ok:true} and does nothing else. */
export async function startBare(): Promise<Listening<FastifyInstance>> {
  const app = Fastify({ logger: false });
  app.get("/bare", async () => ({ ok: true }));
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
