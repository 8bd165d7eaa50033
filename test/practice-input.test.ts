/** Bad input (SEC-5) and other firms' ids (SEC-1) across every practice endpoint. */
import { expect, it } from "vitest";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, type BuiltFirm } from "./helpers/factories.js";
import { makeContact, makeEvent, makeMatter, makeTask, makeThread, paths } from "./helpers/practice.js";

/** How many of each record the firm's owner sees: what a refused request must leave as it was. */
async function counts(h: Harness, firm: BuiltFirm) {
  const n = async (url: string) => (await h.get(`${url}?limit=200`, firm.owner.token)).json().data.length as number;
  return {
    contacts: await n("/api/v1/contacts"),
    matters: await n("/api/v1/matters"),
    tasks: await n("/api/v1/tasks"),
    events: await n("/api/v1/calendar-events"),
    threads: await n("/api/v1/message-threads"),
    feed: await n("/api/v1/activities"),
  };
}

describeDb("practice: bad input and other firms", (h) => {
  it("SEC-5 empty, wrong-typed, huge and broken input to every practice endpoint gets a 400 naming the field, never a 500, and changes nothing", async () => {
    const firm = await buildFirm(h);
    const me = firm.owner;
    const matter = await makeMatter(h, me);
    const task = await makeTask(h, me);
    const event = await makeEvent(h, me);
    const contact = await makeContact(h, me);
    const thread = await makeThread(h, me);
    const before = await counts(h, firm);
    const huge = "x".repeat(5000);
    const cases: [string, string, unknown, string[]][] = [
      ["POST", "/api/v1/contacts", {}, ["name"]],
      ["POST", "/api/v1/contacts", { name: "   " }, ["name"]],
      ["POST", "/api/v1/contacts", { name: huge }, ["name"]],
      ["POST", "/api/v1/contacts", { name: "Nul\u0000byte" }, ["name"]],
      ["POST", "/api/v1/contacts", { name: "Half \ud800 a character" }, ["name"]],
      ["POST", "/api/v1/contacts", { name: 42, email: "not an email" }, ["name", "email"]],
      ["POST", "/api/v1/contacts", { name: "A", custom_rates: [{ user_id: me.id, rate_cents: -1 }, { user_id: me.id, rate_cents: 1.5 }, { user_id: me.id, rate_cents: "100" }] }, ["custom_rates.0.rate_cents", "custom_rates.1.rate_cents", "custom_rates.2.rate_cents"]],
      ["POST", "/api/v1/contacts", { name: "A", nickname: "x" }, ["nickname"]],
      ["PATCH", `/api/v1/contacts/${contact.id}`, { name: null }, ["name"]],
      ["POST", "/api/v1/matters", {}, ["number", "description", "responsible_attorney_id", "originating_attorney_id"]],
      ["POST", "/api/v1/matters", { number: "1", description: "d", responsible_attorney_id: me.id, originating_attorney_id: me.id, status: "archived" }, ["status"]],
      ["POST", "/api/v1/matters", { number: "1", description: "d", responsible_attorney_id: me.id, originating_attorney_id: me.id, access: { kind: "secret" } }, ["access.kind"]],
      ["POST", "/api/v1/matters", { number: "1", description: "d", responsible_attorney_id: [me.id], originating_attorney_id: me.id }, ["responsible_attorney_id"]],
      ["POST", "/api/v1/matters", { number: "1", description: "d", responsible_attorney_id: "nobody", originating_attorney_id: me.id, client_id: "nobody" }, ["responsible_attorney_id", "client_id"]],
      ["PATCH", `/api/v1/matters/${matter.id}`, { number: "" }, ["number"]],
      ["PATCH", `/api/v1/matters/${matter.id}`, { description: huge }, ["description"]],
      ["PATCH", `/api/v1/matters/${matter.id}`, { custom_rates: "none" }, ["custom_rates"]],
      ["POST", "/api/v1/tasks", {}, ["name", "assignee_id"]],
      ["POST", "/api/v1/tasks", { name: "x", assignee_id: me.id, due_at: "tomorrow" }, ["due_at"]],
      ["POST", "/api/v1/tasks", { name: "x", assignee_id: me.id, due_at: "0001-01-01T00:00:00Z" }, ["due_at"]],
      ["POST", "/api/v1/tasks", { name: "x", assignee_id: me.id, due_at: "2026-12-01T10:00:00+02:00" }, ["due_at"]],
      ["POST", "/api/v1/tasks", { name: "x", assignee_id: me.id, matter_id: "nope" }, ["matter_id"]],
      ["PATCH", `/api/v1/tasks/${task.id}`, { completed_at: 1 }, ["completed_at"]],
      ["POST", "/api/v1/calendar-events", {}, ["title", "start_at", "end_at", "owner_id"]],
      ["POST", "/api/v1/calendar-events", { title: "t", start_at: "2026-12-02T10:00:00Z", end_at: "2026-12-01T10:00:00Z", owner_id: me.id }, ["end_at"]],
      ["POST", "/api/v1/calendar-events", { title: "t", start_at: "2026-12-01T10:00:00Z", end_at: "2026-12-01T11:00:00Z", owner_id: me.id, conference: { provider: "zoom", url: "javascript:alert(1)" } }, ["conference.url"]],
      ["POST", "/api/v1/calendar-events", { title: "t", start_at: "2026-12-01T10:00:00Z", end_at: "2026-12-01T11:00:00Z", owner_id: me.id, conference: { provider: "zoom", url: "http://zoom.example/j/1" } }, ["conference.url"]],
      ["POST", "/api/v1/calendar-events", { title: "t", start_at: "2026-12-01T10:00:00Z", end_at: "2026-12-01T11:00:00Z", owner_id: me.id, attendee_ids: Array.from({ length: 201 }, (_, i) => `u${i}`) }, ["attendee_ids"]],
      ["PATCH", `/api/v1/calendar-events/${event.id}`, { calendar: "team" }, ["calendar"]],
      ["PUT", "/api/v1/me/visible-calendars", {}, ["user_ids"]],
      ["PUT", "/api/v1/me/visible-calendars", { user_ids: ["nobody", ""] }, ["user_ids.1"]],
      ["PUT", "/api/v1/me/visible-calendars", { user_ids: ["nobody"] }, ["user_ids.0"]],
      ["POST", "/api/v1/message-threads", {}, ["subject", "participant_user_ids"]],
      ["POST", "/api/v1/message-threads", { subject: "s", participant_user_ids: "all" }, ["participant_user_ids"]],
      ["POST", `/api/v1/message-threads/${thread.id}/messages`, {}, ["body"]],
      ["POST", `/api/v1/message-threads/${thread.id}/messages`, { body: "x".repeat(20_001) }, ["body"]],
      ["POST", `/api/v1/message-threads/${thread.id}/messages`, { body: "bell \u0007" }, ["body"]],
      ["GET", "/api/v1/matters?status=archived", undefined, ["status"]],
      ["GET", "/api/v1/matters?limit=0", undefined, ["limit"]],
      ["GET", "/api/v1/matters?limit=abc", undefined, ["limit"]],
      ["GET", "/api/v1/matters?cursor=not-a-cursor", undefined, ["cursor"]],
      ["GET", "/api/v1/tasks?completed=maybe", undefined, ["completed"]],
      ["GET", "/api/v1/tasks?cursor=WzEsImEiXQ", undefined, ["cursor"]],
      ["GET", "/api/v1/calendar-events?from=yesterday", undefined, ["from"]],
      ["GET", "/api/v1/calendar-events?cursor=WyJub3QgYSB0aW1lIiwiYSJd", undefined, ["cursor"]],
      ["GET", "/api/v1/message-threads?cursor=%E2%9C%93", undefined, ["cursor"]],
      ["GET", "/api/v1/calendars?visible=yes", undefined, ["visible"]],
      ["GET", `/api/v1/matters/${matter.id}/rates`, undefined, ["user_id"]],
    ];
    const problems: string[] = [];
    for (const [method, url, payload, fields] of cases) {
      const res = await h.request({ method: method as "GET", url, token: me.token, ...(payload !== undefined ? { payload: payload as object } : {}) });
      const named = res.statusCode === 400 ? paths(res) : [];
      if (res.statusCode !== 400 || !fields.every((f) => named.includes(f))) problems.push(`${method} ${url} ${JSON.stringify(payload)?.slice(0, 80)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
    // A body too large for the server is a 413, not a 500.
    const tooLarge = await h.post("/api/v1/contacts", { name: "x".repeat(1_100_000) }, me.token);
    expect(tooLarge.statusCode).toBe(413);
    expect(await counts(h, firm)).toEqual(before);
  });

  it("SEC-5 text in any script round-trips, and searches find it", async () => {
    const firm = await buildFirm(h);
    const name = "Müller & Søn — 株式会社 «Ωmega» 🎉";
    const contact = await makeContact(h, firm.owner, { name });
    expect(contact.name).toBe(name);
    const matter = await makeMatter(h, firm.owner, { number: "№ 42/Ü", description: "Ünïcödé\n\tmultiline", client_id: contact.id });
    expect(matter).toMatchObject({ number: "№ 42/Ü", description: "Ünïcödé\n\tmultiline", client: { name } });
    expect((await h.get(`/api/v1/matters?q=${encodeURIComponent("42/Ü")}`, firm.owner.token)).json().data).toHaveLength(1);
    expect((await h.get(`/api/v1/contacts?q=${encodeURIComponent("株式")}`, firm.owner.token)).json().data).toHaveLength(1);
    // LIKE's own wildcards are searched for as themselves.
    expect((await h.get(`/api/v1/contacts?q=${encodeURIComponent("%")}`, firm.owner.token)).json().data).toHaveLength(0);
    expect((await h.get(`/api/v1/matters?q=_`, firm.owner.token)).json().data).toHaveLength(0);
  });

  it("SEC-1 another firm's contacts, matters, tasks, events and threads answer 404 to every endpoint, and nothing changes", async () => {
    const firm = await buildFirm(h);
    const colleague = await buildUser(h, firm, ["attorney"]);
    const other = await buildFirm(h);
    const contact = await makeContact(h, firm.owner);
    const matter = await makeMatter(h, firm.owner);
    const task = await makeTask(h, firm.owner);
    const event = await makeEvent(h, firm.owner);
    const thread = await makeThread(h, firm.owner, { participant_user_ids: [colleague.id] });
    const before = await counts(h, firm);
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/v1/contacts/${contact.id}`],
      ["PATCH", `/api/v1/contacts/${contact.id}`, { name: "Hijacked" }],
      ["GET", `/api/v1/matters/${matter.id}`],
      ["PATCH", `/api/v1/matters/${matter.id}`, { description: "Hijacked" }],
      ["GET", `/api/v1/matters/${matter.id}/rates?user_id=${other.owner.id}`],
      ["GET", `/api/v1/tasks/${task.id}`],
      ["PATCH", `/api/v1/tasks/${task.id}`, { name: "Hijacked" }],
      ["GET", `/api/v1/calendar-events/${event.id}`],
      ["PATCH", `/api/v1/calendar-events/${event.id}`, { title: "Hijacked" }],
      ["GET", `/api/v1/message-threads/${thread.id}`],
      ["GET", `/api/v1/message-threads/${thread.id}/messages`],
      ["POST", `/api/v1/message-threads/${thread.id}/messages`, { body: "Hijacked" }],
    ];
    for (const [method, url, payload] of calls) {
      const res = await h.request({ method: method as "GET", url, token: other.owner.token, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // Their ids name nothing in the other firm's bodies and filters either.
    const refs = await h.post("/api/v1/tasks", { name: "x", assignee_id: firm.owner.id, matter_id: matter.id }, other.owner.token);
    expect(refs.json().errors.map((e: { path: string }) => e.path)).toEqual(["assignee_id", "matter_id"]);
    const put = await h.request({ method: "PUT", url: "/api/v1/me/visible-calendars", payload: { user_ids: [colleague.id] }, token: other.owner.token });
    expect(put.json().errors).toEqual([{ path: "user_ids.0", message: "No such user in this firm." }]);
    expect((await h.get(`/api/v1/tasks?assignee_id=${firm.owner.id}`, other.owner.token)).json().data).toEqual([]);
    expect((await h.get(`/api/v1/calendars?q=olivia`, other.owner.token)).json().data.map((c: { id: string }) => c.id)).toEqual([other.owner.id]);
    expect(await counts(h, firm)).toEqual(before);
    expect((await h.get(`/api/v1/matters/${matter.id}`, firm.owner.token)).json().description).toBe("Estate of Whitlock");
  });
});
