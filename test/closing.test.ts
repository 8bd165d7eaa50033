import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, charges, firms, jobs, users } from "../src/db/schema.js";
import { WebhookWorker } from "../src/jobs/webhook-worker.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildAdmin, buildFirm, buildUser, PASSWORD, signIn, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";
import { makeContact, makeEvent, makeGroup, makeMatter, makeTask, makeThread, paths } from "./helpers/practice.js";
import { ERROR, ScimClient } from "./helpers/scim-client.js";
import { readZip } from "./helpers/zip.js";

const CLOSE = "/api/v1/firm/close";
const DAY = 86_400_000;
const REASON = "We are merging into another practice.";

function close(h: Harness, firm: BuiltFirm, overrides: Record<string, unknown> = {}, token = firm.owner.token) {
  return h.post(CLOSE, { reason: REASON, password: PASSWORD, firm_name: firm.name, ...overrides }, token);
}

async function closed(h: Harness, firm: BuiltFirm) {
  const res = await close(h, firm);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { status: string; closed_at: string; purge_at: string };
}

const firmRow = async (h: Harness, firm: BuiltFirm) => (await h.db.select().from(firms).where(eq(firms.id, firm.id)))[0];
const feedOf = async (h: Harness, firm: BuiltFirm, kind: string) =>
  h.db.select().from(activities).where(and(eq(activities.firmId, firm.id), eq(activities.kind, kind)));

/** Every table with a firm_id column, and how many rows each holds of the firm. */
async function rowsPerTable(h: Harness, firmId: string): Promise<Record<string, number>> {
  const result = await h.db.execute(sql`select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'firm_id' order by table_name`);
  const out: Record<string, number> = {};
  for (const { table_name } of (result as unknown as { rows: { table_name: string }[] }).rows) {
    const counted = await h.db.execute(sql`select count(*)::int as n from ${sql.identifier(table_name)} where firm_id = ${firmId}`);
    out[table_name] = (counted as unknown as { rows: { n: number }[] }).rows[0]!.n;
  }
  return out;
}

/** What a refused change must leave as it was. */
async function snapshot(h: Harness, firm: BuiltFirm) {
  const row = await firmRow(h, firm);
  const people = await h.db.select({ id: users.id, status: users.status, city: users.city }).from(users).where(eq(users.firmId, firm.id)).orderBy(users.id);
  const feed = await h.db.select({ id: activities.id }).from(activities).where(eq(activities.firmId, firm.id));
  return { name: row!.name, status: row!.status, people, feed: feed.length, rows: await rowsPerTable(h, firm.id) };
}

describeDb(
  "closing the account",
  (h) => {
    it("CLS-1 an administrator closes the account with the reason, their password and the firm's name: the feed says why and when the data goes, and administrators are told", async () => {
      const firm = await buildFirm(h);
      const admin = await buildAdmin(h, firm);
      const res = await close(h, firm, { reason: `  ${REASON}  ` }, admin.token);
      expect(res.statusCode, res.body).toBe(200);
      const purgeAt = new Date(h.clock.now().getTime() + 90 * DAY).toISOString();
      expect(res.json()).toMatchObject({ id: firm.id, status: "closed", closed_at: h.clock.now().toISOString(), purge_at: purgeAt });

      const [entry] = await feedOf(h, firm, "firm.closed");
      expect(entry).toMatchObject({ actorId: admin.id, subjectType: "firm", subjectId: firm.id });
      expect(entry!.changes).toMatchObject({ status: { before: "active", after: "closed" }, reason: { before: null, after: REASON }, purge_at: { before: null, after: purgeAt } });

      // Administrators sign in again and read it all; everyone was told, by notification and email.
      const token = await signIn(h, firm.owner.email);
      expect((await h.get("/api/v1/firm", token)).json()).toMatchObject({ status: "closed", purge_at: purgeAt });
      expect((await h.get("/api/v1/activities?kind=firm.closed", token)).json().data).toHaveLength(1);
      const notes = (await h.get("/api/v1/notifications", token)).json().data as { kind: string; body: string }[];
      expect(notes.find((n) => n.kind === "firm.closed")?.body).toContain(purgeAt.slice(0, 10));
      for (const email of [firm.owner.email, admin.email]) {
        const [mail] = await mailTo(h, email, "firm.closed");
        expect(mail?.payload.text).toContain(purgeAt.slice(0, 10));
      }
    });

    it("CLS-1 closing is refused with a wrong password, a firm name not typed exactly, no reason, or by a non-administrator; nothing changes", async () => {
      const firm = await buildFirm(h, { firm_name: `Harbour & Finch ${Date.now()} LLP` });
      const attorney = await buildUser(h, firm, ["attorney"]);
      const before = await snapshot(h, firm);

      const wrongPassword = await close(h, firm, { password: "not-the-password-at-all" });
      expect(wrongPassword.statusCode).toBe(400);
      expect(paths(wrongPassword)).toEqual(["password"]);
      for (const typed of [firm.name.toUpperCase(), firm.name.toLowerCase(), ` ${firm.name}`, `${firm.name} `, firm.name.replace(" ", "  "), "Another firm"]) {
        const res = await close(h, firm, { firm_name: typed });
        expect(res.statusCode, typed).toBe(400);
        expect(res.json()).toMatchObject({ code: "validation_failed" });
        expect(paths(res)).toEqual(["firm_name"]);
      }
      // Every field error at once.
      const both = await close(h, firm, { password: "not-the-password-at-all", firm_name: "nope" });
      expect(paths(both).sort()).toEqual(["firm_name", "password"]);
      for (const reason of [undefined, "", "   ", "x".repeat(2001), 42]) {
        const res = await close(h, firm, { reason });
        expect(res.statusCode, String(reason)).toBe(400);
        expect(paths(res)).toContain("reason");
      }
      const extra = await close(h, firm, { confirm: true });
      expect(extra.statusCode).toBe(400);
      const notAdmin = await close(h, firm, {}, attorney.token);
      expect(notAdmin.statusCode).toBe(403);
      expect(notAdmin.json().code).toBe("forbidden");

      expect(await snapshot(h, firm)).toEqual(before);
      expect((await h.get("/api/v1/me", attorney.token)).statusCode).toBe(200);
      expect((await h.get("/api/v1/firm", firm.owner.token)).json()).toMatchObject({ status: "active", closed_at: null, purge_at: null });
    });

    it("CLS-2 closing signs everyone out at once: sessions, API tokens and SCIM tokens; then only administrators sign in again", async () => {
      const firm = await buildFirm(h);
      const attorney = await buildUser(h, firm, ["attorney"]);
      const apiToken = (await h.post("/api/v1/me/tokens", { name: "Reports" }, attorney.token)).json().token as string;
      const scimToken = (await h.post("/api/v1/scim-tokens", { name: "Okta" }, firm.owner.token)).json().token as string;
      const scim = new ScimClient(h, scimToken);
      expect((await scim.get("/Users")).status).toBe(200);
      const second = await signIn(h, firm.owner.email);

      await closed(h, firm);

      for (const token of [firm.owner.token, second, attorney.token, apiToken]) {
        const res = await h.get("/api/v1/me", token);
        expect(res.statusCode).toBe(401);
      }
      // SCIM says why, in its own error format, whatever the identity provider asks.
      for (const res of [await scim.get("/Users"), await scim.post("/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: uniqueEmail() })]) {
        expect(res.status).toBe(409);
        expect(String(res.headers["content-type"])).toContain("application/scim+json");
        expect(res.json()).toMatchObject({ schemas: [ERROR], status: "409" });
        expect(res.json().detail).toMatch(/closed/);
      }
      const refused = await h.post("/api/v1/sessions", { email: attorney.email, password: PASSWORD });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("firm_closed");
      // A wrong password reveals nothing about the firm.
      expect((await h.post("/api/v1/sessions", { email: attorney.email, password: "not-the-password-at-all" })).json().code).toBe("invalid_credentials");

      const again = await signIn(h, firm.owner.email);
      const me = (await h.get("/api/v1/me", again)).json();
      expect(me.firm).toMatchObject({ status: "closed" });
      expect(me.abilities).toMatchObject({ manage_firm: true, export_firm: true, close_firm: false, invite_users: false, transfer_ownership: false, manage_users: true, view_feed: true });
      const attorneyRecord = (await h.get(`/api/v1/users/${attorney.id}`, again)).json();
      expect(attorneyRecord.abilities).toMatchObject({ view: true, edit: false, deactivate: false });
      expect((await h.get("/api/v1/licenses", again)).json().next_bill_estimate_cents).toBe(0);
      expect((await h.get("/api/v1/users?status=all", again)).json().data.length).toBe(2);
      expect((await h.get("/api/v1/me", attorney.token)).statusCode).toBe(401);
    });

    it("CLS-2 a closed firm is read-only: every change answers 409 firm_closed and changes nothing; closing twice too; signing out still works", async () => {
      const firm = await buildFirm(h);
      const attorney = await buildUser(h, firm, ["attorney"]);
      const group = await makeGroup(h, firm, { name: "Litigation" });
      await closed(h, firm);
      const token = await signIn(h, firm.owner.email);
      const before = await snapshot(h, firm);

      const attempts = [
        () => close(h, firm, {}, token),
        () => h.patch("/api/v1/firm", { name: "Renamed LLP" }, token),
        () => h.post("/api/v1/invitations", { email: uniqueEmail(), subscription_type: "attorney", role_ids: ["x"] }, token),
        () => h.patch(`/api/v1/users/${attorney.id}`, { city: "Boston" }, token),
        () => h.post(`/api/v1/users/${attorney.id}/deactivate`, {}, token),
        () => h.post("/api/v1/groups", { name: "New group" }, token),
        () => h.patch(`/api/v1/groups/${group.id}`, { name: "Renamed" }, token),
        () => h.post("/api/v1/matters", { number: "M-1", description: "New" }, token),
        () => h.post("/api/v1/licenses", { count: 2, confirm: true }, token),
        () => h.post("/api/v1/me/tokens", { name: "New token" }, token),
        () => h.post("/api/v1/scim-tokens", { name: "New" }, token),
        () => h.post("/api/v1/me/password", { current_password: PASSWORD, new_password: "another-long-password-1" }, token),
        () => h.post(`/api/v1/groups/${group.id}/archive`, {}, token),
        () => h.delete(`/api/v1/licenses/removals`, token),
      ];
      for (const attempt of attempts) {
        const res = await attempt();
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json()).toMatchObject({ code: "firm_closed", status: 409 });
        expect(res.json().detail).toMatch(/closed/);
      }
      expect(await snapshot(h, firm)).toEqual(before);

      // Reads still work for administrators, and signing out does too.
      expect((await h.get(`/api/v1/users/${attorney.id}`, token)).statusCode).toBe(200);
      expect((await h.get("/api/v1/groups", token)).statusCode).toBe(200);
      expect((await h.delete("/api/v1/sessions/current", token)).statusCode).toBe(204);
      expect((await h.get("/api/v1/me", token)).statusCode).toBe(401);
    });

    it("CLS-2 LIC-6 a closed firm is never charged again: its renewal, scheduled license removals and scheduled deactivations are cancelled", async () => {
      const firm = await buildFirm(h, { plan: "monthly", price_cents: 5000, licenses: 5 });
      const attorney = await buildUser(h, firm, ["attorney"]);
      expect((await h.post("/api/v1/licenses/removals", { count: 1 }, firm.owner.token)).statusCode).toBe(201);
      const scheduled = await h.post(`/api/v1/users/${attorney.id}/deactivate`, { at: "2026-11-25T09:00:00.000Z" }, firm.owner.token);
      expect(scheduled.statusCode, scheduled.body).toBe(200);
      await closed(h, firm);
      const pending = await h.db.select({ kind: jobs.kind }).from(jobs).where(and(eq(jobs.firmId, firm.id), eq(jobs.status, "pending")));
      expect(pending.map((j) => j.kind).sort()).toEqual(["firm.purge", "firm.purge_notice"]);

      // Past the period's end and well beyond: nothing is charged, nothing scheduled happens.
      await h.post("/api/v1/_test/clock", { now: "2026-12-24T10:00:00.000Z" });
      await h.post("/api/v1/_test/clock", { advance_seconds: 40 * 86400 });
      const token = await signIn(h, firm.owner.email);
      const ledger = (await h.get("/api/v1/charges", token)).json().data as { kind: string }[];
      expect(ledger.map((c) => c.kind)).toEqual(["subscription"]);
      expect(await h.db.select().from(charges).where(eq(charges.firmId, firm.id))).toHaveLength(1);
      expect((await h.get("/api/v1/licenses", token)).json()).toMatchObject({ total: 5, pending_removal: 0 });
      expect((await h.get(`/api/v1/users/${attorney.id}`, token)).json()).toMatchObject({ status: "active", scheduled_deactivation_at: null });
    });

    it("CLS-2 the feed and the administrators are told a week before the purge; every row of the firm goes on day 90, not on day 89, and no other firm's", async () => {
      const firm = await buildFirm(h);
      const admin = await buildAdmin(h, firm);
      const attorney = await buildUser(h, firm, ["attorney"]);
      await makeGroup(h, firm, { name: "Probate", member_ids: [attorney.id] });
      const matter = await makeMatter(h, attorney);
      await makeTask(h, attorney, { matter_id: matter.id });
      await makeEvent(h, attorney);
      await makeContact(h, attorney);
      const thread = await makeThread(h, attorney, { participant_user_ids: [admin.id] });
      await h.post(`/api/v1/message-threads/${thread.id}/messages`, { body: "Signed copy attached." }, attorney.token);
      const other = await buildFirm(h);
      await makeMatter(h, other.owner);
      const otherBefore = await rowsPerTable(h, other.id);

      const { purge_at } = await closed(h, firm);
      await h.post("/api/v1/_test/clock", { now: new Date(Date.parse(purge_at) - 7 * DAY - 60_000).toISOString() });
      expect(await feedOf(h, firm, "firm.purge_notice")).toHaveLength(0);
      await h.post("/api/v1/_test/clock", { now: new Date(Date.parse(purge_at) - 7 * DAY).toISOString() });
      const [notice] = await feedOf(h, firm, "firm.purge_notice");
      expect(notice!.changes).toMatchObject({ purge_at: { after: purge_at } });
      for (const email of [firm.owner.email, admin.email]) {
        expect((await mailTo(h, email, "firm.purge_notice"))[0]?.payload.subject).toContain(purge_at.slice(0, 10));
      }
      expect((await mailTo(h, attorney.email, "firm.purge_notice"))).toHaveLength(0);

      // Day 89: all still there, readable by an administrator.
      await h.post("/api/v1/_test/clock", { now: new Date(Date.parse(purge_at) - DAY).toISOString() });
      const token = await signIn(h, admin.email);
      expect((await h.get(`/api/v1/matters/${matter.id}`, token)).statusCode).toBe(200);
      expect((await rowsPerTable(h, firm.id)).activities).toBeGreaterThan(5);

      // Day 90: gone, from every table that holds a firm_id, and the firm itself.
      await h.post("/api/v1/_test/clock", { now: purge_at });
      const left = Object.entries(await rowsPerTable(h, firm.id)).filter(([, n]) => n > 0);
      expect(left).toEqual([]);
      expect(await firmRow(h, firm)).toBeUndefined();
      expect((await h.get("/api/v1/me", token)).statusCode).toBe(401);
      const signInAfter = await h.post("/api/v1/sessions", { email: admin.email, password: PASSWORD });
      expect(signInAfter.statusCode).toBe(401);
      expect(signInAfter.json().code).toBe("invalid_credentials");
      // The other firm lost nothing (its renewals went on meanwhile, adding rows).
      const otherAfter = await rowsPerTable(h, other.id);
      for (const [table, n] of Object.entries(otherBefore)) expect(otherAfter[table], table).toBeGreaterThanOrEqual(n);
      expect(otherAfter.users).toBe(1);
      expect(otherAfter.matters).toBe(1);
    });

    it("CLS-2 FEED-4 the feed refuses every update and delete but the purge's own: not for an active firm, not for a closed one before its purge, not with the setting alone", async () => {
      const active = await buildFirm(h);
      const closing = await buildFirm(h);
      await closed(h, closing);
      /** The transaction fails, and what failed is the feed's trigger. */
      const refused = async (work: Parameters<typeof h.db.transaction>[0]) => {
        const error = await h.db.transaction(work).then(() => null, (err: unknown) => err as Error & { cause?: Error });
        expect(error, "the transaction should have failed").not.toBeNull();
        expect(`${error!.message} ${error!.cause?.message ?? ""}`).toMatch(/append-only/);
      };

      await refused((tx) => tx.execute(sql`delete from activities where firm_id = ${active.id}`));
      await refused(async (tx) => {
        await tx.execute(sql`select set_config('chambers.purge_firm', ${active.id}, true)`);
        await tx.execute(sql`delete from activities where firm_id = ${active.id}`);
      });
      // Closed, with the setting, but its purge has not started: refused.
      await refused(async (tx) => {
        await tx.execute(sql`select set_config('chambers.purge_firm', ${closing.id}, true)`);
        await tx.execute(sql`delete from activities where firm_id = ${closing.id}`);
      });
      // Purge started and the setting names the firm: an update is still refused, and so is a
      // delete of another firm's entries in the same transaction.
      await refused(async (tx) => {
        await tx.execute(sql`update firm_closures set purge_started_at = now() where firm_id = ${closing.id}`);
        await tx.execute(sql`select set_config('chambers.purge_firm', ${closing.id}, true)`);
        await tx.execute(sql`update activities set kind = 'x' where firm_id = ${closing.id}`);
      });
      await refused(async (tx) => {
        await tx.execute(sql`update firm_closures set purge_started_at = now() where firm_id = ${closing.id}`);
        await tx.execute(sql`select set_config('chambers.purge_firm', ${closing.id}, true)`);
        await tx.execute(sql`delete from activities where firm_id = ${active.id}`);
      });
      await refused((tx) => tx.execute(sql`truncate activities`));
      // The setting is the transaction's own: it does not outlive it.
      await h.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('chambers.purge_firm', ${closing.id}, true)`);
      });
      await refused(async (tx) => {
        await tx.execute(sql`update firm_closures set purge_started_at = now() where firm_id = ${closing.id}`);
        await tx.execute(sql`delete from activities where firm_id = ${closing.id}`);
      });
      expect(await feedOf(h, closing, "firm.closed")).toHaveLength(1);
      expect((await h.db.select().from(activities).where(eq(activities.firmId, active.id))).length).toBeGreaterThan(0);
    });

    it("CLS-2 SEC-6 the export is a zip of CSV files of the firm's data, formula-safe, with nothing of another firm, for administrators, also once closed", async () => {
      const firm = await buildFirm(h);
      const attorney = await buildUser(h, firm, ["attorney"], { firstName: "=HYPERLINK(\"http://x\")", lastName: "+Sum" });
      await h.post("/api/v1/addons/personal_injury/licenses", { count: 1, confirm: true }, firm.owner.token);
      await h.post("/api/v1/addons/personal_injury/allocations", { user_id: attorney.id }, firm.owner.token);
      await makeGroup(h, firm, { name: "@Probate", member_ids: [attorney.id] });
      const matter = await makeMatter(h, attorney, { description: "-2+3 Estate" });
      await makeTask(h, attorney, { matter_id: matter.id, name: "File the petition" });
      await makeEvent(h, attorney, { title: "Hearing in chambers" });
      await makeContact(h, attorney, { name: "Ada Whitlock" });
      const thread = await makeThread(h, attorney, { subject: "Lease" });
      await h.post(`/api/v1/message-threads/${thread.id}/messages`, { body: "=1+1 countersigned" }, attorney.token);
      const other = await buildFirm(h);
      await makeMatter(h, other.owner, { description: "Other firm's matter" });

      expect((await h.get("/api/v1/firm/export", attorney.token)).statusCode).toBe(403);
      const check = async (token: string) => {
        const res = await h.get("/api/v1/firm/export", token);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers["content-type"]).toBe("application/zip");
        expect(res.headers["content-disposition"]).toBe(`attachment; filename="chambers-export-${h.clock.now().toISOString().slice(0, 10)}.zip"`);
        const files = readZip(res.rawPayload);
        for (const name of ["users.csv", "roles.csv", "groups.csv", "group_members.csv", "matters.csv", "tasks.csv", "calendar_events.csv", "message_threads.csv", "messages.csv", "feed.csv", "charges.csv", "contacts.csv", "addons.csv", "addon_allocations.csv"]) {
          expect(files.has(name), name).toBe(true);
        }
        const all = [...files.values()].join("\n");
        const usersCsv = files.get("users.csv")!;
        expect(usersCsv.split("\r\n")[0]).toMatch(/^id,email,first_name,last_name,/);
        expect(usersCsv).toContain(firm.owner.email);
        expect(usersCsv).toContain(`"'=HYPERLINK(""http://x"")"`);
        expect(usersCsv).toContain("'+Sum");
        expect(usersCsv).toContain("Attorney");
        expect(files.get("groups.csv")).toContain("'@Probate");
        expect(files.get("group_members.csv")).toContain(attorney.email);
        expect(files.get("matters.csv")).toContain("'-2+3 Estate");
        expect(files.get("messages.csv")).toContain("'=1+1 countersigned");
        expect(files.get("tasks.csv")).toContain("File the petition");
        expect(files.get("calendar_events.csv")).toContain("Hearing in chambers");
        expect(files.get("contacts.csv")).toContain("Ada Whitlock");
        expect(files.get("feed.csv")).toContain("firm.created");
        expect(files.get("charges.csv")).toContain("subscription");
        expect(files.get("addons.csv")).toContain("personal_injury");
        expect(files.get("addon_allocations.csv")).toContain(attorney.email);
        // Never a secret, never another firm.
        expect(all).not.toMatch(/password_hash|token_hash|\$argon2/);
        expect(all).not.toContain(other.id);
        expect(all).not.toContain(other.owner.email);
        expect(all).not.toContain("Other firm's matter");
        return files;
      };
      await check(firm.owner.token);
      await closed(h, firm);
      const files = await check(await signIn(h, firm.owner.email));
      expect(files.get("feed.csv")).toContain("firm.closed");
    });

    it("CLS-2 a closed firm's webhook endpoints receive no more deliveries", async () => {
      const active = await buildFirm(h);
      const firm = await buildFirm(h);
      for (const f of [active, firm]) {
        const res = await h.post("/api/v1/webhooks", { url: "https://127.0.0.1:9/hook", events: ["group.changed"] }, f.owner.token);
        expect(res.statusCode, res.body).toBe(201);
        await makeGroup(h, f, { name: "Hooked" });
      }
      await closed(h, firm);
      const worker = new WebhookWorker(h.deps.database, h.clock, { policy: { allowHosts: ["127.0.0.1"] }, timeoutMs: 2_000 }, { warn: () => undefined, error: () => undefined });
      // The active firm's delivery is attempted (nothing listens there, so it fails); the closed firm's is not.
      await worker.deliverDue();
      const rows = await h.db.execute(sql`select firm_id, attempts from webhook_deliveries where firm_id in (${active.id}, ${firm.id})`);
      const attempts = Object.fromEntries((rows as unknown as { rows: { firm_id: string; attempts: number }[] }).rows.map((r) => [r.firm_id, r.attempts]));
      expect(attempts).toEqual({ [active.id]: 1, [firm.id]: 0 });
    });
  },
  { env: { WEBHOOK_ALLOW_HOSTS: "127.0.0.1" } },
);
