/** Leaving the firm with work in hand (DEA-2, DEA-3, DEA-5, DEA-9, LIC-9), on every backend. */
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, calendarEvents, calendarViews, matters, messages, tasks } from "../src/db/schema.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, signIn, type BuiltFirm, type BuiltUser } from "./helpers/factories.js";
import { ids, makeEvent, makeMatter, makeThread, paths } from "./helpers/practice.js";
import { buildWork, FUTURE } from "./helpers/work.js";

const get = async (h: Harness, url: string, token: string) => (await h.get(url, token)).json();
const deactivate = (h: Harness, firm: BuiltFirm, user: BuiltUser, body: Record<string, unknown>) => h.post(`/api/v1/users/${user.id}/deactivate`, body, firm.owner.token);

describeDb("deactivation with work in hand", (h) => {
  async function setUp() {
    const firm = await buildFirm(h, { licenses: 20 });
    const ana = await buildUser(h, firm, ["attorney"], { firstName: "Ana", lastName: "Able" });
    const ben = await buildUser(h, firm, ["paralegal"], { firstName: "Ben", lastName: "Baker" });
    const work = await buildWork(h, firm, ana);
    return { firm, ana, ben, work };
  }

  it("DEA-2 a user still holding work is not deactivated without a plan or leave_work: 409 with the counts, nothing changed", async () => {
    const { firm, work } = await setUp();
    const res = await deactivate(h, firm, work.leaver, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "reassignment_required", counts: { matters: 2, events: 1, tasks: 2, private_matters: 1 } });
    expect(res.body).not.toContain(work.secret.number);
    expect((await get(h, `/api/v1/users/${work.leaver.id}`, firm.owner.token)).status).toBe("active");
    expect((await h.get("/api/v1/me", work.leaver.token)).statusCode).toBe(200);
    // The same when scheduled.
    expect((await deactivate(h, firm, work.leaver, { at: "2026-12-24T09:00:00.000Z" })).json().code).toBe("reassignment_required");
  });

  it("DEA-2 with leave_work the user is deactivated and the work stays, naming them (Inactive); DEA-5 their private matters are counted, never opened", async () => {
    const { firm, ana, work } = await setUp();
    const res = await deactivate(h, firm, work.leaver, { leave_work: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ user: { status: "deactivated" }, reassignment: null, private_matters: 1 });
    expect((await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).responsible_attorney).toEqual({ id: work.leaver.id, name: "(Inactive) Lena Leaver", inactive: true });
    for (const token of [firm.owner.token, ana.token]) {
      expect((await h.get(`/api/v1/matters/${work.secret.id}`, token)).statusCode).toBe(404);
      expect(ids(await h.get("/api/v1/matters", token))).not.toContain(work.secret.id);
      expect((await h.get(`/api/v1/tasks/${work.stays.secretTask}`, token)).statusCode).toBe(404);
    }
    const preview = await h.post("/api/v1/reassignments/preview", { from_user_id: work.leaver.id, matters_to: ana.id, tasks_to: ana.id, events_to: ana.id }, firm.owner.token);
    expect(preview.json().excluded.private).toBe(3);
    expect(preview.body).not.toContain(work.secret.number);
    // Reactivated, the owner has them back (DEA-5).
    expect((await h.post(`/api/v1/users/${work.leaver.id}/reactivate`, {}, firm.owner.token)).statusCode).toBe(200);
    expect((await h.get(`/api/v1/matters/${work.secret.id}`, await signIn(h, work.leaver.email))).statusCode).toBe(200);
  });

  it("DEA-3 with a plan, one transaction moves the work as POST /reassignments does, frees the license, drops the leaver's video links and calendar from every view, and hides their events", async () => {
    const { firm, ana, ben, work } = await setUp();
    const linked = await makeEvent(h, work.leaver, { owner_id: ana.id, ...FUTURE, title: "Call", conference: { provider: "Zoom", url: "https://zoom.example/j/1" } });
    const theirLink = await makeEvent(h, ana, { owner_id: ana.id, ...FUTURE, title: "Ana's call", conference: { provider: "Zoom", url: "https://zoom.example/j/2" } });
    expect((await h.request({ method: "PUT", url: "/api/v1/me/visible-calendars", payload: { user_ids: [work.leaver.id, ben.id] }, token: ana.token })).statusCode).toBe(200);
    const occupied = (await get(h, "/api/v1/licenses", firm.owner.token)).occupied;

    const res = await deactivate(h, firm, work.leaver, { reassign: { matters_to: ana.id, tasks_to: ben.id, events_to: ana.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ user: { status: "deactivated" }, reassignment: { matters: 2, tasks: 2, events: 1 }, private_matters: 1 });

    expect((await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).responsible_attorney.id).toBe(ana.id);
    expect((await get(h, `/api/v1/tasks/${work.movable.tasks[0]}`, firm.owner.token)).assignee.id).toBe(ben.id);
    expect((await get(h, `/api/v1/calendar-events/${work.movable.events[0]}`, firm.owner.token)).owner.id).toBe(ana.id);
    const [done] = (await get(h, "/api/v1/reassignments", firm.owner.token)).data;
    expect(done).toMatchObject({ from_user_id: work.leaver.id, counts: { matters: 2, tasks: 2, events: 1 }, created_by: { id: firm.owner.id, name: "Olivia Owner" } });
    expect((await get(h, "/api/v1/notifications", ana.token)).data.filter((n: { kind: string }) => n.kind === "work.reassigned")).toHaveLength(1);
    expect((await get(h, "/api/v1/licenses", firm.owner.token)).occupied).toBe(occupied - 1);

    expect((await get(h, `/api/v1/calendar-events/${linked.id}`, ana.token)).conference).toBeNull();
    expect((await get(h, `/api/v1/calendar-events/${theirLink.id}`, ana.token)).conference).toMatchObject({ url: "https://zoom.example/j/2" });
    expect(await h.db.select().from(calendarViews).where(and(eq(calendarViews.firmId, firm.id), eq(calendarViews.shownUserId, work.leaver.id)))).toEqual([]);
    expect((await get(h, "/api/v1/calendars?visible=true", ana.token)).data.map((c: { id: string }) => c.id)).toContain(ben.id);
    // The leaver's calendar leaves the lists; an event still opens by its id (DEA-4).
    expect(ids(await h.get(`/api/v1/calendar-events?owner_id=${work.leaver.id}`, firm.owner.token))).toEqual([]);
    expect(ids(await h.get("/api/v1/calendar-events", firm.owner.token))).not.toContain(work.stays.looseEvent);
    expect((await get(h, `/api/v1/calendar-events/${work.stays.looseEvent}`, firm.owner.token)).owner.inactive).toBe(true);

    const feed = (await get(h, "/api/v1/activities", firm.owner.token)).data.map((a: { kind: string }) => a.kind);
    expect(feed.slice(0, 2)).toEqual(["user.deactivated", "reassignment.completed"]);
    const [entry] = (await get(h, "/api/v1/activities?kind=user.deactivated", firm.owner.token)).data;
    expect(entry.changes).toMatchObject({ reassignment_id: { after: done.id }, conference_links_removed: { after: 1 }, calendar_views_removed: { after: 1 } });

    // Reactivated, their calendar's events are listed again; nobody shows it until they choose to.
    expect((await h.post(`/api/v1/users/${work.leaver.id}/reactivate`, {}, firm.owner.token)).statusCode).toBe(200);
    expect(ids(await h.get(`/api/v1/calendar-events?owner_id=${work.leaver.id}`, firm.owner.token))).toContain(work.stays.looseEvent);
    expect((await get(h, "/api/v1/calendars?visible=true", ana.token)).data.map((c: { id: string }) => c.id)).not.toContain(work.leaver.id);
  });

  it("DEA-3 a plan with invalid targets is refused naming each field, and nothing changes", async () => {
    const { firm, ana, work } = await setUp();
    const other = await buildFirm(h);
    const res = await deactivate(h, firm, work.leaver, { reassign: { matters_to: work.leaver.id, events_to: other.owner.id } });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(["reassign.matters_to", "reassign.events_to"]);
    expect(paths(await deactivate(h, firm, work.leaver, { reassign: {} }))).toEqual(["reassign.matters_to"]);
    expect((await get(h, `/api/v1/users/${work.leaver.id}`, firm.owner.token)).status).toBe("active");
    expect((await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).responsible_attorney.id).toBe(work.leaver.id);
    expect((await get(h, "/api/v1/reassignments", firm.owner.token)).data).toEqual([]);
    expect((await get(h, "/api/v1/notifications", ana.token)).data).toEqual([]);
  });

  it("DEA-1 the primary subscriber is never deactivated, plan or not, and their work does not move", async () => {
    const { firm, ana } = await setUp();
    const admin = await buildUser(h, firm, ["administrator"]);
    const theirs = (await h.post("/api/v1/matters", { number: "OWN-1", description: "Owner's", responsible_attorney_id: firm.owner.id, originating_attorney_id: firm.owner.id }, firm.owner.token)).json();
    const res = await h.post(`/api/v1/users/${firm.owner.id}/deactivate`, { reassign: { matters_to: ana.id } }, admin.token);
    expect(res.statusCode).toBe(403);
    expect((await get(h, `/api/v1/matters/${theirs.id}`, firm.owner.token)).responsible_attorney.id).toBe(firm.owner.id);
  });

  it("DEA-9 a scheduled deactivation keeps its plan and runs it when the moment comes; a time in the past is refused", async () => {
    const { firm, ana, ben, work } = await setUp();
    const past = await deactivate(h, firm, work.leaver, { at: "2026-11-01T00:00:00.000Z", leave_work: true });
    expect(past.statusCode).toBe(400);
    expect(paths(past)).toEqual(["at"]);
    const res = await deactivate(h, firm, work.leaver, { at: "2026-11-25T09:00:00.000Z", reassign: { matters_to: ana.id, tasks_to: ben.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ user: { status: "active", scheduled_deactivation_at: "2026-11-25T09:00:00.000Z" }, reassignment: null, private_matters: 1 });
    expect((await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).responsible_attorney.id).toBe(work.leaver.id);
    // Ben leaves first: his share stays where it is.
    expect((await h.post(`/api/v1/users/${ben.id}/deactivate`, {}, firm.owner.token)).statusCode).toBe(200);
    await h.post("/api/v1/_test/clock", { now: "2026-11-25T09:00:00.000Z" });
    const owner = await signIn(h, firm.owner.email);
    expect((await get(h, `/api/v1/users/${work.leaver.id}`, owner)).status).toBe("deactivated");
    expect((await get(h, `/api/v1/matters/${work.open.id}`, owner)).responsible_attorney.id).toBe(ana.id);
    expect((await get(h, `/api/v1/tasks/${work.movable.tasks[0]}`, owner)).assignee.id).toBe(work.leaver.id);
    const [done] = (await get(h, "/api/v1/reassignments", owner)).data;
    expect(done).toMatchObject({ counts: { matters: 2, tasks: 0, events: 0 }, tasks_to: null, created_by: { id: firm.owner.id, name: "Olivia Owner" } });
  });

  it("DEA-9 DEA-2 work taken on after a deactivation was scheduled without a plan: access still ends on time, the work stays, and the scheduler is told", async () => {
    const { firm, ben } = await setUp();
    const scheduled = await deactivate(h, firm, ben, { at: "2026-11-25T09:00:00.000Z" });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const matter = await makeMatter(h, firm.owner, { responsible_attorney_id: ben.id, originating_attorney_id: firm.owner.id });
    // Asked now, the same deactivation would be refused: he holds work.
    expect((await deactivate(h, firm, ben, {})).json().code).toBe("reassignment_required");
    await h.post("/api/v1/_test/clock", { now: "2026-11-25T09:00:00.000Z" });
    const owner = await signIn(h, firm.owner.email);
    expect((await get(h, `/api/v1/users/${ben.id}`, owner)).status).toBe("deactivated");
    expect((await h.get("/api/v1/me", ben.token)).statusCode).toBe(401);
    expect((await get(h, `/api/v1/matters/${matter.id}`, owner)).responsible_attorney).toEqual({ id: ben.id, name: "(Inactive) Ben Baker", inactive: true });
    const told = (await get(h, "/api/v1/notifications", owner)).data.find((n: { kind: string }) => n.kind === "user.work_left");
    expect(told).toMatchObject({ title: "Ben Baker was deactivated as scheduled and still holds work", data: { user_id: ben.id, matters: 1 } });
    const entry = (await get(h, "/api/v1/activities?kind=user.deactivated&limit=50", owner)).data.find((a: { subject_id: string }) => a.subject_id === ben.id);
    expect(entry.changes.work_left_in_place).toEqual({ before: null, after: true });
  });

  it("DEA-4 deactivating deletes nothing: every matter, task, event, message and feed entry of the leaver is still there", async () => {
    const { firm, ana, work } = await setUp();
    const thread = await makeThread(h, work.leaver, { subject: "Handover", matter_id: work.open.id, participant_user_ids: [ana.id] });
    const said = await h.post(`/api/v1/message-threads/${thread.id}/messages`, { body: "Everything is in the shared folder." }, work.leaver.token);
    expect(said.statusCode, said.body).toBe(201);
    const countAll = async () => ({
      matters: (await h.db.select().from(matters).where(eq(matters.firmId, firm.id))).length,
      tasks: (await h.db.select().from(tasks).where(eq(tasks.firmId, firm.id))).length,
      events: (await h.db.select().from(calendarEvents).where(eq(calendarEvents.firmId, firm.id))).length,
      messages: (await h.db.select().from(messages).where(eq(messages.firmId, firm.id))).length,
      feed: (await h.db.select().from(activities).where(eq(activities.firmId, firm.id))).length,
    });
    const before = await countAll();
    const res = await deactivate(h, firm, work.leaver, { leave_work: true });
    expect(res.statusCode, res.body).toBe(200);
    const after = await countAll();
    expect(after).toEqual({ ...before, feed: before.feed + 1 });
    // And people still read it: the closed matter, the past-due task, the thread's message.
    expect((await h.get(`/api/v1/matters/${work.closed.id}`, firm.owner.token)).statusCode).toBe(200);
    expect((await get(h, `/api/v1/tasks/${work.stays.pastDueTask}`, firm.owner.token)).assignee).toMatchObject({ id: work.leaver.id, inactive: true });
    const kept = await get(h, `/api/v1/message-threads/${thread.id}/messages`, ana.token);
    expect(kept.data.map((m: { body: string }) => m.body)).toEqual(["Everything is in the shared folder."]);
  });
});
