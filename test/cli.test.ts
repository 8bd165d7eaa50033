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

type Runtime = Awaited<ReturnType<typeof startRuntime>>;
interface Ref {
  id: string;
  name: string;
  inactive: boolean;
}
interface Matter {
  id: string;
  number: string;
  status: string;
  access: { kind: string };
  responsible_attorney: Ref;
  originating_attorney: Ref;
  client: { id: string } | null;
  custom_rates: { user: Ref | null; group: { id: string } | null }[];
}
interface Task {
  matter: { id: string } | null;
  assignee: Ref;
  due_at: string | null;
  completed_at: string | null;
}
interface Event {
  start_at: string;
  calendar: string;
  matter: { id: string } | null;
  owner: Ref;
  attendees: Ref[];
  conference: { url: string; created_by: Ref } | null;
}
interface Thread {
  matter: { id: string } | null;
  participant_users: Ref[];
  participant_contacts: { id: string }[];
  message_count: number;
}

/**
 * OPS-6: what seed-demo leaves, seen through the API as the firm's people see it: practice data
 * in every state that PRC, GRP, DEA and REA distinguish. `leaving` is the colleague whose work
 * is there to reassign; `owner` one who talks with a client.
 */
async function expectDemoPractice(runtime: Runtime, adminToken: string, who: { leaving: { email: string; password: string }; owner: { email: string; password: string } }) {
  const signIn = async (c: { email: string; password: string }) => {
    const res = await runtime.app.inject({ method: "POST", url: "/api/v1/sessions", payload: c });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { token: string; user: { id: string } };
  };
  const list = async <T>(url: string, token: string) => {
    const res = await runtime.app.inject({ method: "GET", url: `/api/v1/${url}`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { data: T[] }).data;
  };
  const now = Date.now();
  const leaving = await signIn(who.leaving);
  const sarah = leaving.user.id;

  // Matters: every status, every kind of access, clients and custom rates (PRC-1, GRP-3, GRP-4).
  const matters = await list<Matter>("matters?limit=200", adminToken);
  expect(new Set(matters.map((m) => m.status))).toEqual(new Set(["open", "pending", "closed"]));
  expect(new Set(matters.map((m) => m.access.kind))).toEqual(new Set(["everyone", "groups", "private"]));
  expect(matters.some((m) => m.client)).toBe(true);
  expect(matters.some((m) => m.custom_rates.some((r) => r.user))).toBe(true);
  expect(matters.some((m) => m.custom_rates.some((r) => r.group))).toBe(true);
  // The retired attorney is still named, as `(Inactive) ...` (PRC-3).
  const inactive = matters.flatMap((m) => [m.responsible_attorney, m.originating_attorney, ...m.custom_rates.flatMap((r) => (r.user ? [r.user] : []))]).filter((u) => u.inactive);
  expect(inactive.length).toBeGreaterThanOrEqual(2);
  for (const u of inactive) expect(u.name).toBe("(Inactive) Michael Brennan");
  const deactivated = await list<{ id: string; name: string }>("users?status=deactivated", adminToken);
  expect(deactivated.map((u) => u.name)).toEqual(["Michael Brennan"]);
  // His work was left where it is: some of it waits to be reassigned (DEA-2, REA-1).
  expect(matters.some((m) => m.responsible_attorney.inactive && m.status === "open" && m.access.kind !== "private")).toBe(true);

  // The colleague going on leave holds work of every kind reassignment tells apart (REA-2..5).
  const hers = await list<Matter>(`matters?limit=200&responsible_attorney_id=${sarah}`, leaving.token);
  const movable = hers.filter((m) => m.status !== "closed" && m.access.kind !== "private");
  expect(movable.length).toBeGreaterThanOrEqual(2);
  expect(hers.some((m) => m.status === "closed")).toBe(true);
  // Her private matter is hers alone: administrators do not see it (PRC-7).
  const privateOnes = hers.filter((m) => m.access.kind === "private");
  expect(privateOnes).toHaveLength(1);
  expect(matters.map((m) => m.id)).not.toContain(privateOnes[0]!.id);
  const onMovable = (x: { matter: { id: string } | null }) => x.matter !== null && movable.some((m) => m.id === x.matter!.id);

  const tasks = await list<Task>(`tasks?limit=200&assignee_id=${sarah}`, leaving.token);
  const open = tasks.filter((t) => !t.completed_at);
  expect(tasks.some((t) => t.completed_at)).toBe(true);
  expect(open.some((t) => t.due_at && Date.parse(t.due_at) < now)).toBe(true); // past due
  expect(open.some((t) => onMovable(t) && (!t.due_at || Date.parse(t.due_at) >= now))).toBe(true); // upcoming, would move
  expect(open.some((t) => t.matter === null)).toBe(true); // without a matter
  expect(open.some((t) => t.matter && privateOnes[0]!.id === t.matter.id)).toBe(true); // of a private matter

  const events = await list<Event>("calendar-events?limit=200", leaving.token);
  const owned = events.filter((e) => e.owner.id === sarah);
  expect(owned.some((e) => onMovable(e) && Date.parse(e.start_at) >= now)).toBe(true); // upcoming, would move
  expect(owned.some((e) => Date.parse(e.start_at) < now)).toBe(true); // past
  expect(owned.some((e) => e.matter === null)).toBe(true);
  expect(events.some((e) => e.owner.id !== sarah && e.attendees.some((a) => a.id === sarah))).toBe(true); // attendee only
  expect(events.some((e) => e.conference?.url.startsWith("https://"))).toBe(true); // a video link
  expect(events.some((e) => e.calendar === "firm")).toBe(true); // the firm calendar (ACC-8)
  // The retired attorney's own calendar is hidden with him (DEA-3), but he is still named among
  // the attendees of a colleague's event.
  const all = await list<Event>("calendar-events?limit=200", adminToken);
  expect(all.some((e) => e.attendees.some((u) => u.inactive && u.name === "(Inactive) Michael Brennan"))).toBe(true);
  expect(all.some((e) => e.owner.inactive)).toBe(false);

  // Threads: of a matter, between colleagues only, and with clients (PRC-8).
  const threads = await list<Thread>("message-threads?limit=200", leaving.token);
  expect(threads.some((t) => t.matter && t.participant_contacts.length > 0 && t.message_count > 0)).toBe(true);
  expect(threads.some((t) => !t.matter && t.participant_contacts.length === 0 && t.participant_users.length >= 3 && t.message_count >= 2)).toBe(true);
  const owner = await signIn(who.owner);
  const clientThreads = await list<Thread>("message-threads?limit=200", owner.token);
  expect(clientThreads.some((t) => t.participant_contacts.length > 0 && t.participant_users.length === 1)).toBe(true);

  const contacts = await list<{ name: string }>("contacts?limit=200", adminToken);
  expect(contacts.length).toBeGreaterThanOrEqual(5);
}

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

  it("OPS-6 seed-demo creates a demo firm with realistic people and their practice in every state the rules distinguish, refuses a second time, and its primary subscriber signs in", async () => {
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
      // Everyone is active but the one who has retired, still named on his records (PRC-3).
      expect(people.filter((p) => p.status !== "active").map((p) => [p.first_name, p.last_name, p.status])).toEqual([["Michael", "Brennan", "deactivated"]]);
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

      const emailOf = (last: string) => people.find((p) => p.last_name === last)!.email;
      await expectDemoPractice(runtime, token, { leaving: { email: emailOf("Lindqvist"), password: password! }, owner: { email: emailOf("Okafor"), password: password! } });
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
