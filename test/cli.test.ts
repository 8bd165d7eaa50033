/** The `chambers` command line, run as the operator runs it: a child process on a real database. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { migrationsFolder } from "../src/db/migrate.js";
import { startRuntime } from "../src/runtime.js";
import { chambers } from "./helpers/cli.js";
import { BACKENDS, scratchDatabase, type Backend } from "./helpers/harness.js";




const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

describe.each(BACKENDS)("the chambers command [$name]", (base) => {
  // A PostgreSQL database of this suite's own, so "migrate" starts from nothing there too.
  const backend: Backend = { ...base };
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | null = null;
  beforeAll(async () => {
    if (base.url) {
      scratch = await scratchDatabase(base.url);
      backend.url = scratch.url;
    }
  });
  afterAll(() => scratch?.drop());
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "chambers-cli-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("OPS-3 the migrate command applies the versioned migrations, and a second run finds nothing to do", async () => {
    const dir = tempDir();
    const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };

    const first = await chambers(backend, dir, ["migrate"]);
    expect(first.code, first.stderr).toBe(0);
    if (backend.name === "pglite") {
      // A fresh directory: every migration is applied and named.
      expect(first.stdout).toMatch(/^Applied \d+ migrations? to the embedded database/);
      for (const e of journal.entries) expect(first.stdout).toContain(e.tag);
    } else {
      // The shared PostgreSQL may already be migrated by other suites.
      expect(first.stdout).toMatch(/^(Applied|Already up to date)/);
    }
    const second = await chambers(backend, dir, ["migrate"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Already up to date/);

    const database = await openDatabase({ databaseUrl: backend.url, dataDir: dir, poolSize: 1 });
    try {
      const res = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(rowsOf<{ n: number }>(res)[0]!.n).toBeGreaterThanOrEqual(journal.entries.length);
    } finally {
      await database.close();
    }
  }, 120_000);

  it("OPS-6 seed-demo creates a demo firm with realistic people, refuses a second time, and its primary subscriber signs in", async () => {
    const dir = tempDir();
    const id = randomUUID().slice(0, 8);
    const domain = `demo-${id}.test`;
    const args = ["seed-demo", "--email", `margaret.${id}@${domain}`, "--domain", domain];

    const seeded = await chambers(backend, dir, args);
    expect(seeded.code, seeded.stderr).toBe(0);
    const firmId = /Firm id:\s+(\S+)/.exec(seeded.stdout)?.[1];
    const email = /Email:\s+(\S+)/.exec(seeded.stdout)?.[1];
    const password = /Password:\s+(\S+)/.exec(seeded.stdout)?.[1];
    expect(firmId && email && password, seeded.stdout).toBeTruthy();
    expect(email).toBe(`margaret.${id}@${domain}`);

    const again = await chambers(backend, dir, args);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/already has an account/);

    const config = loadConfig({ DATABASE_URL: backend.url ?? "", DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test" });
    const runtime = await startRuntime(config, { logger: false });
    try {
      const { db } = runtime.deps.database;
      const firms = rowsOf<{ name: string }>(await db.execute(sql`select name from firms where id = ${firmId}`));
      expect(firms).toEqual([{ name: "Whitford & Hale LLP" }]);

      const people = rowsOf<{ first_name: string; last_name: string; email: string; status: string; subscription_type: string; roles: string[] }>(
        await db.execute(sql`
          select u.first_name, u.last_name, u.email, u.status, u.subscription_type,
                 array_agg(r.system_key order by r.system_key) as roles
          from users u
          join user_roles ur on ur.firm_id = u.firm_id and ur.user_id = u.id
          join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id
          where u.firm_id = ${firmId}
          group by u.firm_id, u.id`),
      );
      // The second run changed nothing: one firm of a primary subscriber and about a dozen others.
      expect(people.length).toBeGreaterThanOrEqual(11);
      expect(people.length).toBeLessThanOrEqual(20);
      expect(people.every((p) => p.status === "active")).toBe(true);
      // Realistic people: real-looking, distinct names, not "User 3".
      for (const p of people) expect(`${p.first_name} ${p.last_name}`).toMatch(/^[A-Z][a-z]+ [A-Z][A-Za-z']+$/);
      expect(new Set(people.map((p) => p.last_name)).size).toBe(people.length);
      // Every built-in role is held by someone, and both subscription types are used.
      const held = new Set(people.flatMap((p) => p.roles));
      expect([...held].sort()).toEqual(["administrator", "attorney", "billing", "paralegal", "read_only"]);
      expect(new Set(people.map((p) => p.subscription_type))).toEqual(new Set(["attorney", "non_attorney"]));
      expect(people.every((p) => p.email === email || p.email.endsWith(`@${domain}`))).toBe(true);

      const signIn = await runtime.app.inject({ method: "POST", url: "/api/v1/sessions", payload: { email, password } });
      expect(signIn.statusCode, signIn.body).toBe(201);
      const token = signIn.json().token as string;
      const me = await runtime.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json()).toMatchObject({ email, is_primary_subscriber: true, firm: { id: firmId, name: "Whitford & Hale LLP" } });

      // Colleagues sign in with the same printed password.
      const paralegal = people.find((p) => p.roles.includes("paralegal"))!;
      const colleague = await runtime.app.inject({ method: "POST", url: "/api/v1/sessions", payload: { email: paralegal.email, password } });
      expect(colleague.statusCode, colleague.body).toBe(201);
    } finally {
      await runtime.close();
    }
  }, 180_000);
});

describe("the chambers command's usage", () => {
  it("OPS-3 help and an unknown command print the usage and exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chambers-cli-"));
    try {
      for (const args of [["help"], ["frobnicate"], []]) {
        const run = await chambers({}, dir, args);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("Usage: npm run chambers -- <command>");
        expect(run.stderr).toContain("seed-demo");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
