import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { BACKENDS, describeDb, Harness, scratchDatabase, testConfig } from "./helpers/harness.js";
import { buildFirm, buildUser, PASSWORD } from "./helpers/factories.js";
import { jobs } from "../src/db/schema.js";
import { migrate, migrationsFolder } from "../src/db/migrate.js";
import { notify } from "../src/domain/notifications/notify.js";
import { scheduleJob } from "../src/domain/scheduling/schedule-job.js";
import { startRuntime } from "../src/runtime.js";

/** Tests that start runtimes of their own (a database, migrations, argon2) get room on a busy machine. */
const STARTS_RUNTIME_MS = 90_000;

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function journal(): { tag: string; when: number }[] {
  return (JSON.parse(readFileSync(join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] }).entries;
}

async function appliedMigrations(h: Harness): Promise<{ hash: string; created_at: string }[]> {
  const res = await h.db.execute(sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id`);
  return (res as unknown as { rows: { hash: string; created_at: string }[] }).rows;
}

describeDb("operations", (h) => {
  it("OPS-4 /healthz answers while the process is up and /readyz once the database is reachable and migrated", async () => {
    const health = await h.get("/healthz");
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    const ready = await h.get("/readyz");
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", database: h.backend.name });
  });

  it("OPS-4 echoes a safe x-request-id and replaces an unsafe one", async () => {
    const kept = await h.request({ method: "GET", url: "/healthz", headers: { "x-request-id": "trace-42.abc_DEF" } });
    expect(kept.headers["x-request-id"]).toBe("trace-42.abc_DEF");
    for (const unsafe of ["<script>alert(1)</script>", "a b", "x".repeat(65)]) {
      const res = await h.request({ method: "GET", url: "/healthz", headers: { "x-request-id": unsafe } });
      expect(res.headers["x-request-id"]).not.toBe(unsafe);
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    const generated = await h.get("/api/v1/notifications");
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("OPS-3 every migration of the journal is recorded, and migrating again changes nothing", async () => {
    const entries = journal();
    const before = await appliedMigrations(h);
    expect(before).toHaveLength(entries.length);
    expect(before.map((m) => Number(m.created_at))).toEqual(entries.map((e) => e.when));

    await migrate(h.deps.database);
    await migrate(h.deps.database);
    expect(await appliedMigrations(h)).toEqual(before);
    expect((await h.get("/readyz")).json().status).toBe("ready");
  });

  it("OPS-5 the test clock answers its time and moves forward, running the job that fell due", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const kind = "test.ops5.reminder";
    h.deps.scheduler.register(kind, async ({ tx, clock, job }) => {
      await notify(tx, clock, { firmId: job.firmId, userId: String(job.payload.user_id), kind: "test.reminder", title: `Reminder ${String(job.payload.n)}`, body: "It is time." });
    });
    const titles = async () => (await h.get("/api/v1/notifications", user.token)).json().data.map((n: { title: string }) => n.title);

    const start = (await h.get("/api/v1/_test/clock")).json();
    expect(start).toEqual({ now: h.clock.now().toISOString() });
    const runAt = new Date(h.clock.now().getTime() + 3_600_000);
    const jobId = await h.db.transaction((tx) => scheduleJob(tx, h.clock, { firmId: firm.id, kind, runAt, payload: { user_id: user.id, n: 1 } }));

    // Half-way there: the job waits.
    const half = await h.post("/api/v1/_test/clock", { advance_seconds: 1800 });
    expect(half.statusCode, half.body).toBe(200);
    expect(half.json().now).toBe(new Date(Date.parse(start.now) + 1_800_000).toISOString());
    expect(h.clock.now().toISOString()).toBe(half.json().now);
    expect(await titles()).toEqual([]);

    // Past it, by absolute time: the job runs before the answer.
    const past = await h.post("/api/v1/_test/clock", { now: new Date(runAt.getTime() + 1000).toISOString() });
    expect(past.statusCode, past.body).toBe(200);
    expect(past.json().ran).toBeGreaterThanOrEqual(1);
    expect(await titles()).toEqual(["Reminder 1"]);
    const [row] = await h.db.select().from(jobs).where(sql`${jobs.firmId} = ${firm.id} and ${jobs.id} = ${jobId}`);
    expect(row).toMatchObject({ status: "done", attempts: 1 });

    // A job runs once, however far the clock moves afterwards.
    expect((await h.post("/api/v1/_test/clock", { advance_seconds: 86_400 })).statusCode).toBe(200);
    expect(await titles()).toEqual(["Reminder 1"]);
  });

  it("OPS-5 the test clock refuses bad moves with validation_failed and stays where it was", async () => {
    const before = h.clock.now().toISOString();
    const bad = [
      {},
      { advance_seconds: 60, now: new Date(h.clock.now().getTime() + 60_000).toISOString() },
      { advance_seconds: -1 },
      { advance_seconds: 1.5 },
      { advance_seconds: "60" },
      { now: new Date(h.clock.now().getTime() - 1000).toISOString() },
      { now: "tomorrow" },
      { advance_seconds: 60, extra: true },
    ];
    for (const body of bad) {
      const res = await h.post("/api/v1/_test/clock", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe("validation_failed");
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    expect((await h.get("/api/v1/_test/clock")).json().now).toBe(before);
  });
});

describeDb(
  "operations without the test clock",
  (h) => {
    it("OPS-5 without CHAMBERS_TEST_CLOCK the test clock paths answer 404 and time stays real", async () => {
      expect(h.deps.testClock).toBeNull();
      const get = await h.get("/api/v1/_test/clock");
      expect(get.statusCode).toBe(404);
      expect(get.json().code).toBe("not_found");
      const post = await h.post("/api/v1/_test/clock", { advance_seconds: 60 });
      expect(post.statusCode).toBe(404);
      expect(post.json().code).toBe("not_found");
    });
  },
  { env: { CHAMBERS_TEST_CLOCK: "0" } },
);

describe("embedded database in DATA_DIR", () => {
  const dir = mkdtempSync(join(tmpdir(), "chambers-ops1-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("OPS-1 without DATABASE_URL the server creates and migrates PGlite in DATA_DIR, and data survives a restart", async () => {
    const dataDir = join(dir, "data");
    expect(existsSync(dataDir)).toBe(false);
    const first = new Harness({ name: "pglite" }, { env: { DATA_DIR: dataDir } });
    await first.start();
    let firm;
    try {
      expect(first.deps.database.kind).toBe("pglite");
      expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
      expect((await first.get("/readyz")).json()).toEqual({ status: "ready", database: "pglite" });
      firm = await buildFirm(first, { firm_name: "Durable & Sons LLP" });
    } finally {
      await first.stop();
    }

    const second = new Harness({ name: "pglite" }, { env: { DATA_DIR: dataDir } });
    await second.start();
    try {
      const res = await second.get("/api/v1/firm", firm.owner.token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: firm.id, name: "Durable & Sons LLP" });
      expect(await appliedMigrations(second)).toHaveLength(journal().length);
    } finally {
      await second.stop();
    }
  }, STARTS_RUNTIME_MS);
});

const postgres = BACKENDS.find((b) => b.name === "postgres");

describe("instances sharing one PostgreSQL", () => {
  it.skipIf(!postgres)("OPS-2 two instances on one DATABASE_URL both serve the same firm", async () => {
    const shared = await scratchDatabase(postgres!.url!);
    const a = new Harness({ name: "postgres" }, { env: { DATABASE_URL: shared.url } });
    const b = new Harness({ name: "postgres" }, { env: { DATABASE_URL: shared.url } });
    try {
      // Started together on an empty database: the migration lock lets one migrate while the other waits.
      await Promise.all([a.start(), b.start()]);
      for (const h of [a, b]) expect((await h.get("/readyz")).json()).toEqual({ status: "ready", database: "postgres" });
      expect(await appliedMigrations(a)).toHaveLength(journal().length);
      const firm = await buildFirm(a, { firm_name: "Shared Database LLP" });
      const throughB = await b.get("/api/v1/firm", firm.owner.token);
      expect(throughB.statusCode, throughB.body).toBe(200);
      expect(throughB.json()).toMatchObject({ id: firm.id, name: "Shared Database LLP" });
      // A session started on B is good on A: no instance keeps state of its own.
      const signIn = await b.post("/api/v1/sessions", { email: firm.owner.email, password: PASSWORD });
      expect(signIn.statusCode, signIn.body).toBe(201);
      expect((await a.get("/api/v1/me", signIn.json().token)).json().email).toBe(firm.owner.email);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await shared.drop();
    }
  }, STARTS_RUNTIME_MS);
});

describe("readiness with migrations pending", () => {
  it("OPS-3 /readyz answers 503 while a migration of this build is not recorded, or none ever ran", async () => {
    const h = new Harness({ name: "pglite" });
    await h.start();
    try {
      expect((await h.get("/readyz")).statusCode).toBe(200);
      const last = journal().at(-1)!;
      await h.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last.when}`);
      const behind = await h.get("/readyz");
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toMatchObject({ code: "service_unavailable", detail: "Migrations are pending." });

      await h.db.execute(sql`drop schema drizzle cascade`);
      const never = await h.get("/readyz");
      expect(never.statusCode).toBe(503);
      expect(never.json()).toMatchObject({ code: "service_unavailable", detail: "Migrations are pending." });
      // The process itself is up.
      expect((await h.get("/healthz")).statusCode).toBe(200);
    } finally {
      await h.stop();
    }
  }, STARTS_RUNTIME_MS);
});

describe("graceful shutdown", () => {
  it("OPS-4 a request in flight when shutdown starts still completes, and new connections are refused", async () => {
    const runtime = await startRuntime(testConfig({ name: "pglite" }), { logger: false });
    const entered = deferred();
    const release = deferred();
    runtime.app.get("/slow", async () => {
      entered.resolve();
      await release.promise;
      return { finished: true };
    });
    await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = runtime.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;

    const inFlight = fetch(`${base}/slow`);
    await entered.promise;
    let closed = false;
    const closing = runtime.close().then(() => {
      closed = true;
    });
    // Wait (without a timer) until the server has stopped accepting.
    while (runtime.app.server.listening) await new Promise((r) => setImmediate(r));
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);

    release.resolve();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
    await closing;
    expect(closed).toBe(true);
  }, STARTS_RUNTIME_MS);

  it("OPS-4 an open notification stream does not hold shutdown up: it is ended", async () => {
    const h = new Harness({ name: "pglite" });
    await h.start();
    const firm = await buildFirm(h);
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = h.app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${firm.owner.token}` } });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(": connected");

    await h.stop();
    let rest = await reader.read();
    while (!rest.done) rest = await reader.read();
    expect(rest.done).toBe(true);
  }, STARTS_RUNTIME_MS);
});

describe("the server process", () => {
  it("OPS-1 OPS-4 started with no configuration it serves on ./data, logs JSON lines, and exits cleanly on SIGTERM", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "chambers-start-"));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0" };
    for (const key of ["DATABASE_URL", "TEST_DATABASE_URL", "DATA_DIR", "SMTP_URL", "CHAMBERS_TEST_CLOCK", "LOG_LEVEL", "NODE_ENV", "HOST"]) delete env[key];
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const child = spawn(process.execPath, ["--import", tsx, join(ROOT, "src/main.ts")], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let stdout = "";
    let stderr = "";
    const lines: Record<string, unknown>[] = [];
    const waiters: { test: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      let nl;
      while ((nl = stdout.indexOf("\n")) >= 0) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (!line.trim()) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>; // a line that is not JSON fails the test
        lines.push(parsed);
        for (const w of waiters.splice(0)) {
          if (w.test(parsed)) w.resolve(parsed);
          else waiters.push(w);
        }
      }
    });
    const waitFor = (test: (l: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const seen = lines.find(test);
        if (seen) return resolve(seen);
        waiters.push({ test, resolve });
        void exited.then((code) => reject(new Error(`server exited (${code}): ${stderr}`)));
      });

    try {
      const listening = await waitFor((l) => typeof l.msg === "string" && /Server listening at http:\/\/127\.0\.0\.1:\d+/.test(l.msg));
      const base = /(http:\/\/127\.0\.0\.1:\d+)/.exec(String(listening.msg))![1]!;
      expect(existsSync(join(cwd, "data", "PG_VERSION"))).toBe(true);

      const res = await fetch(`${base}/readyz`, { headers: { "x-request-id": "ops4-json-logs", authorization: "Bearer do-not-log-this-token" } });
      expect(await res.json()).toEqual({ status: "ready", database: "pglite" });
      const logged = await waitFor((l) => l.reqId === "ops4-json-logs" && l.msg === "request completed");
      expect(logged).toMatchObject({ level: 30, res: { statusCode: 200 } });
      expect(typeof logged.time).toBe("number");

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(lines.some((l) => l.msg === "shutting down: finishing requests in flight" && l.signal === "SIGTERM")).toBe(true);
      expect(JSON.stringify(lines)).not.toContain("do-not-log-this-token");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000);
});
