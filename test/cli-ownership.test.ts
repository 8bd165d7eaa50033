/** `chambers transfer-ownership` (ACC-7), run as the operator runs it: a child process on a real database. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { hashPassword } from "../src/domain/accounts/passwords.js";
import { createActiveUser } from "../src/domain/users/create-active-user.js";
import { startRuntime, type Runtime } from "../src/runtime.js";
import type { SystemRoleKey } from "../src/shared/permissions.js";
import { chambers } from "./helpers/cli.js";
import { BACKENDS, scratchDatabase, type Backend } from "./helpers/harness.js";
import { PASSWORD } from "./helpers/factories.js";

/** Each test runs the command as a child process (tsx, argon2, a database) and starts a runtime. */
const SLOW_MS = 180_000;



interface Person {
  id: string;
  email: string;
}

interface Seeded {
  firmId: string;
  owner: Person;
  admin: Person;
  attorney: Person;
}

describe.each(BACKENDS)("the transfer-ownership command [$name]", (base) => {
  const backend: Backend = { ...base };
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | null = null;
  const dir = mkdtempSync(join(tmpdir(), "chambers-cli-ownership-"));

  /** A runtime on the command's database; PGlite allows one process at a time, so always close it. */
  async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
    const config = loadConfig({ DATABASE_URL: backend.url ?? "", DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test" });
    const runtime = await startRuntime(config, { logger: false });
    try {
      return await fn(runtime);
    } finally {
      await runtime.close();
    }
  }

  const inject = (runtime: Runtime, method: "GET" | "POST", url: string, token?: string, payload?: object) =>
    runtime.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function signIn(runtime: Runtime, email: string): Promise<string> {
    const res = await inject(runtime, "POST", "/api/v1/sessions", undefined, { email, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().token as string;
  }

  /** A firm with its owner, an administrator and an attorney, made the way the server makes them. */
  async function seedFirm(runtime: Runtime): Promise<Seeded> {
    const tag = randomUUID().slice(0, 8);
    const signup = await inject(runtime, "POST", "/api/v1/signup", undefined, {
      firm_name: `Gone Owner ${tag} LLP`,
      first_name: "Olivia",
      last_name: "Owner",
      email: `owner.${tag}@firm.test`,
      password: PASSWORD,
      plan: "monthly",
      licenses: 5,
    });
    expect(signup.statusCode, signup.body).toBe(201);
    const hash = await hashPassword(PASSWORD);
    const add = async (who: string, roleKeys: SystemRoleKey[]): Promise<Person> => {
      const email = `${who}.${tag}@firm.test`;
      const id = await runtime.deps.database.db.transaction((tx) =>
        createActiveUser(tx, runtime.deps.clock, { firmId: signup.json().firm.id, email, firstName: "Alex", lastName: who, passwordHash: hash, roleKeys }),
      );
      return { id, email };
    };
    return {
      firmId: signup.json().firm.id,
      owner: { id: signup.json().user.id, email: `owner.${tag}@firm.test` },
      admin: await add("Admin", ["administrator"]),
      attorney: await add("Attorney", ["attorney"]),
    };
  }

  let gone: Seeded;
  let refused: Seeded;
  beforeAll(async () => {
    if (base.url) {
      scratch = await scratchDatabase(base.url);
      backend.url = scratch.url;
    }
    // The runtime migrates the database, as the server does before any operator needs it.
    await withRuntime(async (runtime) => {
      gone = await seedFirm(runtime);
      refused = await seedFirm(runtime);
    });
  }, SLOW_MS);
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ACC-7 an operator transfers ownership from the command line with a recorded justification", async () => {
    const justification = "Affidavit of incapacity, ref. AFF-2026-0042";
    const run = await chambers(backend, dir, ["transfer-ownership", "--firm", gone.firmId, "--to", gone.admin.email.toUpperCase(), "--justification", justification]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`to Alex Admin <${gone.admin.email}>`);
    expect(run.stdout).toContain(justification);

    await withRuntime(async (runtime) => {
      const token = await signIn(runtime, gone.admin.email);
      expect((await inject(runtime, "GET", "/api/v1/firm", token)).json().primary_subscriber_id).toBe(gone.admin.id);
      expect((await inject(runtime, "GET", "/api/v1/me", token)).json().is_primary_subscriber).toBe(true);
      const former = (await inject(runtime, "GET", `/api/v1/users/${gone.owner.id}`, token)).json();
      expect(former).toMatchObject({ is_primary_subscriber: false, status: "active", roles: [{ name: "Administrator" }] });

      const feed = (await inject(runtime, "GET", "/api/v1/activities?kind=firm.ownership_transferred", token)).json().data;
      expect(feed).toHaveLength(1);
      expect(feed[0]).toMatchObject({
        actor: { id: null, name: "Operator" },
        subject_type: "firm",
        subject_id: gone.firmId,
        changes: {
          primary_subscriber_id: { before: gone.owner.id, after: gone.admin.id },
          primary_subscriber: { before: "Olivia Owner", after: "Alex Admin" },
          justification: { before: null, after: justification },
        },
      });
      const notes = (await inject(runtime, "GET", "/api/v1/notifications", token)).json().data;
      expect(notes).toEqual([expect.objectContaining({ kind: "firm.ownership_transferred", body: expect.stringContaining("operator") })]);
    });
  }, SLOW_MS);

  it("ACC-7 the command refuses without a justification, for an unknown firm or user, and for a target who is not an active administrator", async () => {
    const args = (over: Record<string, string | null>) => {
      const opts: Record<string, string | null> = { firm: refused.firmId, to: refused.admin.email, justification: "Court order 2026-CV-1234", ...over };
      return ["transfer-ownership", ...Object.entries(opts).flatMap(([k, v]) => (v === null ? [] : [`--${k}`, v]))];
    };
    const cases: { over: Record<string, string | null>; code: number; says: RegExp }[] = [
      { over: { justification: null }, code: 2, says: /--justification is required/ },
      { over: { justification: "   " }, code: 2, says: /--justification is required/ },
      { over: { justification: "because" }, code: 2, says: /--justification must be 10 to 1000 characters/ },
      { over: { firm: null }, code: 2, says: /--firm is required/ },
      { over: { firm: randomUUID() }, code: 1, says: /No firm has the id/ },
      { over: { to: `nobody.${randomUUID().slice(0, 8)}@firm.test` }, code: 1, says: /has no user with the email/ },
      { over: { to: refused.attorney.email }, code: 1, says: /not an administrator/ },
      { over: { to: refused.owner.email }, code: 1, says: /already the primary subscriber/ },
      // Another firm's administrator is not a user of this firm.
      { over: { to: gone.admin.email }, code: 1, says: /has no user with the email/ },
    ];
    for (const c of cases) {
      const run = await chambers(backend, dir, args(c.over));
      expect(run.code, `${JSON.stringify(c.over)}: ${run.stderr}`).toBe(c.code);
      expect(run.stderr).toMatch(c.says);
      expect(run.stderr).toMatch(/^chambers transfer-ownership: /);
      if (c.code === 2) expect(run.stderr).toContain("Usage: npm run chambers -- transfer-ownership --firm");
      else expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }

    await withRuntime(async (runtime) => {
      const token = await signIn(runtime, refused.owner.email);
      expect((await inject(runtime, "GET", "/api/v1/firm", token)).json().primary_subscriber_id).toBe(refused.owner.id);
      expect((await inject(runtime, "GET", "/api/v1/activities?kind=firm.ownership_transferred", token)).json().data).toEqual([]);
    });
  }, SLOW_MS * 2);
});

describe("the chambers command's usage", () => {
  it("ACC-7 help lists the transfer-ownership command", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chambers-cli-"));
    try {
      const run = await chambers({}, dir, ["help"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("transfer-ownership --firm <firm_id> --to <admin@example.com> --justification");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
