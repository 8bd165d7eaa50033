/**
 * The shape of the hot requests, never their speed (timings belong to `npm run bench`): how
 * many statements each sends to the database, that the session's `last_seen_at` write is off
 * the request's path, and that no instance caches what ROL-5 says must be read afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, describeDb, Harness, scratchDatabase, START } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, roleId, uniqueEmail } from "./helpers/factories.js";

type Method = (...args: unknown[]) => unknown;

/**
 * Records every statement the app sends through its database client (pg's Pool, or PGlite),
 * and every transaction it opens. `hold` keeps statements matching a pattern from reaching
 * the database until released.
 */
function watchStatements(h: Harness) {
  const client = (h.db as unknown as { $client: Record<string, Method> }).$client;
  const statements: string[] = [];
  let held: { pattern: RegExp; gate: Promise<void>; open(): void; arrived(): void } | null = null;
  const restore: (() => void)[] = [];
  const wrap = (method: string, record: (args: unknown[]) => string | null) => {
    const own = Object.getOwnPropertyDescriptor(client, method);
    const original = client[method]!;
    client[method] = function (this: unknown, ...args: unknown[]) {
      const text = record(args);
      if (text === null) return original.apply(client, args);
      statements.push(text);
      if (held && held.pattern.test(text)) {
        held.arrived();
        return held.gate.then(() => original.apply(client, args));
      }
      return original.apply(client, args);
    };
    restore.push(() => (own ? Object.defineProperty(client, method, own) : delete client[method]));
  };
  const textOf = (args: unknown[]) => (typeof args[0] === "string" ? args[0] : (args[0] as { text: string }).text);
  wrap("query", textOf);
  // A transaction takes a connection of its own (pg) or runs inside PGlite's transaction().
  // (pg's own pool.query takes one with a callback: that statement is counted as a query.)
  if (h.backend.name === "postgres") wrap("connect", (args) => (args.length === 0 ? "connect (a transaction)" : null));
  else {
    wrap("transaction", () => "transaction");
    wrap("exec", textOf);
  }
  return {
    statements,
    /** What `fn` sends, from its first statement to its answer. */
    async during<T>(fn: () => Promise<T>) {
      const from = statements.length;
      const result = await fn();
      return { result, sent: statements.slice(from) };
    },
    /** Holds back statements matching `pattern`; resolves once one of them has been sent. */
    hold(pattern: RegExp): Promise<void> {
      let open!: () => void;
      let arrived!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      held = { pattern, gate, open, arrived };
      return reached;
    },
    release() {
      held?.open();
      held = null;
    },
    stop() {
      this.release();
      for (const undo of restore.splice(0)) undo();
    },
  };
}

const AUTH_STATEMENT = /from sessions s\s+join users u/;
const TOUCH_STATEMENT = /^update "sessions" set "last_seen_at"/;

describeDb("round trips of the hot requests", (h) => {
  let watch: ReturnType<typeof watchStatements>;
  beforeAll(() => {
    watch = watchStatements(h);
  });
  afterAll(() => watch.stop());

  // Counted: every statement sent to the database between the request and its answer,
  // transactions included. The first is the auth layer's (session, user, status, permissions).
  it("ROL-5 GET /me is one statement: the auth layer's, read afresh, carrying everything /me shows", async () => {
    const firm = await buildFirm(h);
    const { result: res, sent } = await watch.during(() => h.get("/api/v1/me", firm.owner.token));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: firm.owner.id, roles: [{ name: "Administrator" }], firm: { id: firm.id, subscription: { total_licenses: 10 } } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(AUTH_STATEMENT);

    // Read afresh: a group joined a moment ago is on the very next answer.
    const group = await h.post("/api/v1/groups", { name: "Probate", member_ids: [firm.owner.id] }, firm.owner.token);
    expect(group.statusCode, group.body).toBe(201);
    expect((await h.get("/api/v1/me", firm.owner.token)).json().groups).toEqual([expect.objectContaining({ name: "Probate" })]);
  });

  it("ROL-5 a page of GET /users, with roles, groups, invitations and email changes, is the auth statement and one more", async () => {
    const firm = await buildFirm(h, { licenses: 20 });
    for (let i = 0; i < 12; i++) await buildUser(h, firm, i % 2 ? ["attorney"] : ["paralegal", "billing"], { lastName: `Person ${i}` });
    const group = await h.post("/api/v1/groups", { name: "Litigation", member_ids: [firm.owner.id] }, firm.owner.token);
    expect(group.statusCode, group.body).toBe(201);
    const { result: res, sent } = await watch.during(() => h.get("/api/v1/users?limit=10&sort=name", firm.owner.token));
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.data).toHaveLength(10);
    expect(page.next_cursor).not.toBeNull();
    expect(page.data.every((u: { roles: unknown[] }) => u.roles.length > 0)).toBe(true);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(AUTH_STATEMENT);

    const next = await watch.during(() => h.get(`/api/v1/users?limit=10&sort=name&cursor=${page.next_cursor}`, firm.owner.token));
    expect(next.result.json().data.map((u: { id: string }) => u.id)).not.toContain(page.data[0].id);
    expect(next.sent).toHaveLength(2);

    const owner = await watch.during(() => h.get(`/api/v1/users/${firm.owner.id}`, firm.owner.token));
    expect(owner.result.json()).toMatchObject({ is_primary_subscriber: true, groups: [{ name: "Litigation" }] });
    expect(owner.sent).toHaveLength(2);

    // Everyone, with an invitation and a change of email pending: still one statement for the page.
    const { res: invited, email } = await invite(h, firm);
    expect(invited.statusCode, invited.body).toBe(201);
    const moving = page.data.find((u: { is_primary_subscriber: boolean }) => !u.is_primary_subscriber);
    const change = await h.post(`/api/v1/users/${moving.id}/email-change`, { new_email: uniqueEmail("moving") }, firm.owner.token);
    expect(change.statusCode, change.body).toBe(202);
    const all = await watch.during(() => h.get("/api/v1/users?status=all&limit=50", firm.owner.token));
    const everyone = all.result.json().data as { id: string; email: string; invitation: unknown; pending_email_change: unknown }[];
    expect(everyone).toHaveLength(14);
    expect(everyone.find((u) => u.email === email)!.invitation).toMatchObject({ expired: false });
    expect(everyone.find((u) => u.id === moving.id)!.pending_email_change).not.toBeNull();
    expect(all.sent).toHaveLength(2);
  });

  it("PRC-1 a page of GET /matters, with attorneys, client, access groups and rates, is the auth statement and one more, filtered or not", async () => {
    const firm = await buildFirm(h, { licenses: 20 });
    const attorney = await buildUser(h, firm, ["attorney"], { firstName: "Rita", lastName: "Responsible" });
    const group = await h.post("/api/v1/groups", { name: "Litigation", member_ids: [firm.owner.id] }, firm.owner.token);
    expect(group.statusCode, group.body).toBe(201);
    const client = await h.post("/api/v1/contacts", { name: "Harbour Holdings" }, firm.owner.token);
    for (let i = 0; i < 12; i++) {
      const made = await h.post(
        "/api/v1/matters",
        {
          number: `2026-${String(i).padStart(4, "0")}`,
          description: "Lease",
          status: i % 3 ? "open" : "closed",
          responsible_attorney_id: i % 2 ? attorney.id : firm.owner.id,
          originating_attorney_id: firm.owner.id,
          client_id: i % 2 ? client.json().id : null,
          access: i % 4 === 1 ? { kind: "groups", group_ids: [group.json().id] } : undefined,
          custom_rates: i % 5 === 0 ? [{ user_id: attorney.id, rate_cents: 30_000 }] : undefined,
        },
        firm.owner.token,
      );
      expect(made.statusCode, made.body).toBe(201);
    }
    const { result: res, sent } = await watch.during(() => h.get("/api/v1/matters?limit=5", firm.owner.token));
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.data.map((m: { number: string }) => m.number)).toEqual(["2026-0000", "2026-0001", "2026-0002", "2026-0003", "2026-0004"]);
    expect(page.data[1]).toMatchObject({ responsible_attorney: { name: "Rita Responsible" }, client: { name: "Harbour Holdings" }, groups: [{ name: "Litigation" }] });
    expect(page.data[0].custom_rates).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(AUTH_STATEMENT);

    const next = await watch.during(() => h.get(`/api/v1/matters?limit=5&cursor=${page.next_cursor}`, firm.owner.token));
    expect(next.result.json().data[0].number).toBe("2026-0005");
    expect(next.sent).toHaveLength(2);
    const filtered = await watch.during(() => h.get(`/api/v1/matters?status=open&responsible_attorney_id=${attorney.id}&q=lease`, firm.owner.token));
    expect(filtered.result.json().data).toHaveLength(4);
    expect(filtered.sent).toHaveLength(2);
  });

  it("ROL-5 the session's last_seen_at is written after the answer, never on its path, at the clock's time", async () => {
    const firm = await buildFirm(h);
    h.clock.advance(5 * 60_000);
    // The write is held back: the answer comes all the same, and the write is sent.
    const touched = watch.hold(TOUCH_STATEMENT);
    const res = await h.get("/api/v1/me", firm.owner.token);
    expect(res.statusCode, res.body).toBe(200);
    await touched;
    // The next request is answered too while it is still held.
    expect((await h.get("/api/v1/me", firm.owner.token)).statusCode).toBe(200);
    watch.release();
    await h.app.sessionTouches.idle();
    const sessions = await h.get("/api/v1/me/sessions", firm.owner.token);
    expect(sessions.json().data[0].last_seen_at).toBe(new Date(START.getTime() + 5 * 60_000).toISOString());
  });
});

const postgres = BACKENDS.find((b) => b.name === "postgres");
/** Tests that start runtimes of their own get room on a busy machine. */
const STARTS_RUNTIME_MS = 90_000;

describe("ROL-5 with two instances on one PostgreSQL database", () => {
  it.skipIf(!postgres)("ROL-5 a change of roles or status made through one instance is seen by the very next request through another", async () => {
    const shared = await scratchDatabase(postgres!.url!);
    const a = new Harness({ name: "postgres" }, { env: { DATABASE_URL: shared.url } });
    const b = new Harness({ name: "postgres" }, { env: { DATABASE_URL: shared.url } });
    try {
      await a.start();
      await b.start();
      const firm = await buildFirm(a);
      const user = await buildUser(a, firm, ["paralegal"]);
      // B has served this user already: whatever it might keep, it has.
      expect((await b.get("/api/v1/me", user.token)).json().permissions).not.toContain("feed.view");
      expect((await b.get("/api/v1/activities", user.token)).statusCode).toBe(403);

      const promote = await a.patch(`/api/v1/users/${user.id}`, { role_ids: [await roleId(a, firm, "Administrator")] }, firm.owner.token);
      expect(promote.statusCode, promote.body).toBe(200);
      expect((await b.get("/api/v1/activities", user.token)).statusCode).toBe(200);
      expect((await b.get("/api/v1/me", user.token)).json().permissions).toContain("feed.view");

      const demote = await a.patch(`/api/v1/users/${user.id}`, { role_ids: [await roleId(a, firm, "Read only")] }, firm.owner.token);
      expect(demote.statusCode, demote.body).toBe(200);
      expect((await b.get("/api/v1/activities", user.token)).statusCode).toBe(403);

      const deactivate = await a.post(`/api/v1/users/${user.id}/deactivate`, {}, firm.owner.token);
      expect(deactivate.statusCode, deactivate.body).toBe(200);
      const after = await b.get("/api/v1/me", user.token);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe("unauthenticated");
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await shared.drop();
    }
  }, STARTS_RUNTIME_MS);
});
