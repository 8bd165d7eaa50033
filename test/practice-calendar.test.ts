/** Calendar events (PRC-6), the firm calendar (ACC-8) and the calendars shown beside one's own (PRC-9). */
import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";
import { deactivate, ids, makeEvent, makeMatter, paths } from "./helpers/practice.js";

describeDb("practice: calendar", (h) => {
  it("PRC-6 an event has a title, start and end, a matter, an owner whose calendar holds it, attendees and a conference link with who made it", async () => {
    const firm = await buildFirm(h);
    const owner = await buildUser(h, firm, ["attorney"], { firstName: "Olga", lastName: "Owner" });
    const guest = await buildUser(h, firm, ["paralegal"], { firstName: "Gus", lastName: "Guest" });
    const assistant = await buildUser(h, firm, ["paralegal"], { firstName: "Ana", lastName: "Assistant" });
    const matter = await makeMatter(h, firm.owner);
    const event = await makeEvent(h, assistant, {
      title: "Mediation",
      matter_id: matter.id,
      owner_id: owner.id,
      attendee_ids: [guest.id, owner.id, guest.id],
      conference: { provider: "zoom", url: "https://zoom.example/j/123" },
    });
    expect(event).toMatchObject({
      title: "Mediation",
      start_at: "2026-12-01T15:00:00.000Z",
      end_at: "2026-12-01T16:00:00.000Z",
      matter: { id: matter.id },
      calendar: "user",
      calendar_id: owner.id,
      owner: { id: owner.id, name: "Olga Owner", inactive: false },
      attendees: [{ id: guest.id, name: "Gus Guest", inactive: false }],
      conference: { provider: "zoom", url: "https://zoom.example/j/123", created_by: { id: assistant.id, name: "Ana Assistant", inactive: false } },
    });
    // Another link is someone else's; the same link stays its maker's.
    const kept = await h.patch(`/api/v1/calendar-events/${event.id}`, { conference: { provider: "zoom", url: "https://zoom.example/j/123" } }, owner.token);
    expect(kept.json().conference.created_by.id).toBe(assistant.id);
    const replaced = await h.patch(`/api/v1/calendar-events/${event.id}`, { conference: { provider: "teams", url: "https://teams.example/m/9" } }, owner.token);
    expect(replaced.json().conference).toMatchObject({ provider: "teams", created_by: { id: owner.id } });
    expect((await h.patch(`/api/v1/calendar-events/${event.id}`, { conference: null }, owner.token)).json().conference).toBeNull();
    const backwards = await h.patch(`/api/v1/calendar-events/${event.id}`, { end_at: "2026-12-01T14:00:00.000Z" }, owner.token);
    expect(backwards.statusCode).toBe(400);
    expect(paths(backwards)).toEqual(["end_at"]);
  });

  it("PRC-6 the event list filters by owner, attendee, matter, calendar and time, by start, and pages by cursor", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const matter = await makeMatter(h, firm.owner);
    const second = await makeEvent(h, firm.owner, { title: "Second", start_at: "2026-12-02T09:00:00.000Z", end_at: "2026-12-02T10:00:00.000Z", attendee_ids: [a.id] });
    const first = await makeEvent(h, firm.owner, { title: "First", start_at: "2026-12-01T09:00:00.000Z", end_at: "2026-12-01T10:00:00.000Z", matter_id: matter.id });
    const third = await makeEvent(h, a, { title: "Third", start_at: "2026-12-03T09:00:00.000Z", end_at: "2026-12-03T10:00:00.000Z" });
    const firmWide = await makeEvent(h, firm.owner, { title: "Firm party", calendar: "firm", start_at: "2026-12-20T18:00:00.000Z", end_at: "2026-12-20T22:00:00.000Z" });
    const list = async (q: string) => ids(await h.get(`/api/v1/calendar-events?${q}`, a.token));
    expect(await list("")).toEqual([first.id, second.id, third.id, firmWide.id]);
    expect(await list(`owner_id=${a.id}`)).toEqual([third.id]);
    expect(await list(`attendee_id=${a.id}`)).toEqual([second.id]);
    expect(await list(`matter_id=${matter.id}`)).toEqual([first.id]);
    expect(await list("calendar=firm")).toEqual([firmWide.id]);
    expect(await list("from=2026-12-02T09:30:00.000Z&to=2026-12-03T09:00:00.000Z")).toEqual([second.id]);
    const page1 = await h.get("/api/v1/calendar-events?limit=3", a.token);
    const page2 = await h.get(`/api/v1/calendar-events?limit=3&cursor=${page1.json().next_cursor}`, a.token);
    expect([...ids(page1), ...ids(page2)]).toEqual([first.id, second.id, third.id, firmWide.id]);
    expect(page2.json().next_cursor).toBeNull();
  });

  it("ACC-8 only the primary subscriber manages the firm calendar; administrators see its events but cannot add or change them", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const refused = await h.post("/api/v1/calendar-events", { title: "Offsite", start_at: "2026-12-05T09:00:00.000Z", end_at: "2026-12-05T17:00:00.000Z", owner_id: admin.id, calendar: "firm" }, admin.token);
    expect(refused.statusCode).toBe(403);
    const event = await makeEvent(h, firm.owner, { title: "Offsite", calendar: "firm", owner_id: admin.id });
    expect(event).toMatchObject({ calendar: "firm", calendar_id: firm.id, owner: { id: admin.id }, abilities: { edit: true } });
    expect((await h.get(`/api/v1/calendar-events/${event.id}`, admin.token)).json().abilities).toEqual({ edit: false });
    expect((await h.patch(`/api/v1/calendar-events/${event.id}`, { title: "Mine" }, admin.token)).statusCode).toBe(403);
    // Nor can an administrator move an event of their own onto it.
    const own = await makeEvent(h, admin, { title: "Own" });
    expect((await h.patch(`/api/v1/calendar-events/${own.id}`, { calendar: "firm" }, admin.token)).statusCode).toBe(403);
    expect((await h.get(`/api/v1/calendar-events/${event.id}`, firm.owner.token)).json().title).toBe("Offsite");
    const calendars = (await h.get("/api/v1/calendars", admin.token)).json().data;
    expect(calendars[0]).toMatchObject({ id: firm.id, kind: "firm", owner_id: null, visible: true, abilities: { add_events: false } });
    expect((await h.get("/api/v1/calendars", firm.owner.token)).json().data[0].abilities).toEqual({ add_events: true });
  });

  it("PRC-6 without calendar.manage_all a person manages only the events of their own calendar; owners and attendees are active users", async () => {
    const firm = await buildFirm(h);
    const readOnly = await buildUser(h, firm, ["read_only"]);
    const colleague = await buildUser(h, firm, ["attorney"]);
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lena", lastName: "Leaver" });
    const own = await makeEvent(h, readOnly, { title: "Dentist" });
    expect((await h.patch(`/api/v1/calendar-events/${own.id}`, { title: "Doctor" }, readOnly.token)).statusCode).toBe(200);
    expect((await h.post("/api/v1/calendar-events", { title: "x", start_at: "2026-12-01T15:00:00.000Z", end_at: "2026-12-01T16:00:00.000Z", owner_id: colleague.id }, readOnly.token)).statusCode).toBe(403);
    expect((await h.patch(`/api/v1/calendar-events/${own.id}`, { owner_id: colleague.id }, readOnly.token)).statusCode).toBe(403);
    const theirs = await makeEvent(h, colleague);
    expect((await h.patch(`/api/v1/calendar-events/${theirs.id}`, { title: "x" }, readOnly.token)).statusCode).toBe(403);

    const withLeaver = await makeEvent(h, colleague, { owner_id: leaver.id, attendee_ids: [readOnly.id] });
    const attended = await makeEvent(h, colleague, { attendee_ids: [leaver.id] });
    await deactivate(h, firm, leaver);
    const read = (await h.get(`/api/v1/calendar-events/${withLeaver.id}`, colleague.token)).json();
    expect(read.owner).toEqual({ id: leaver.id, name: "(Inactive) Lena Leaver", inactive: true });
    const slot = { title: "x", start_at: "2026-12-01T15:00:00.000Z", end_at: "2026-12-01T16:00:00.000Z" };
    const asOwner = await h.post("/api/v1/calendar-events", { ...slot, owner_id: leaver.id }, colleague.token);
    expect(asOwner.statusCode).toBe(400);
    expect(asOwner.json().errors).toEqual([{ path: "owner_id", message: "This user is deactivated; only active users can be chosen." }]);
    const asAttendee = await h.post("/api/v1/calendar-events", { ...slot, owner_id: colleague.id, attendee_ids: [readOnly.id, leaver.id] }, colleague.token);
    expect(asAttendee.json().errors).toEqual([{ path: "attendee_ids.1", message: "This user is deactivated; only active users can be chosen." }]);
    // One already attending stays, though deactivated.
    expect((await h.patch(`/api/v1/calendar-events/${attended.id}`, { attendee_ids: [leaver.id] }, colleague.token)).json().attendees).toEqual([{ id: leaver.id, name: "(Inactive) Lena Leaver", inactive: true }]);
    // Moved off the leaver, the event cannot be given back to them (PRC-4).
    expect((await h.patch(`/api/v1/calendar-events/${withLeaver.id}`, { owner_id: colleague.id }, colleague.token)).statusCode).toBe(200);
    const back = await h.patch(`/api/v1/calendar-events/${withLeaver.id}`, { owner_id: leaver.id }, colleague.token);
    expect(back.statusCode).toBe(400);
    expect(paths(back)).toEqual(["owner_id"]);
  });

  it("PRC-9 every user has a calendar and shows other active users' calendars beside their own; a deactivated user's calendar is not offered", async () => {
    const firm = await buildFirm(h);
    const me = await buildUser(h, firm, ["attorney"], { firstName: "Mia", lastName: "Me" });
    const anna = await buildUser(h, firm, ["attorney"], { firstName: "Anna", lastName: "Able" });
    const zed = await buildUser(h, firm, ["attorney"], { firstName: "Zed", lastName: "Zulu" });
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lena", lastName: "Leaver" });
    const calendars = async (q = "") => (await h.get(`/api/v1/calendars${q}`, me.token)).json().data as { id: string; kind: string; name: string; visible: boolean }[];
    expect((await calendars()).map((c) => [c.kind, c.name, c.visible])).toEqual([
      ["firm", (await h.get("/api/v1/firm", me.token)).json().name, true],
      ["user", "Mia Me", true],
      ["user", "Anna Able", false],
      ["user", "Lena Leaver", false],
      ["user", "Olivia Owner", false],
      ["user", "Zed Zulu", false],
    ]);
    const put = await h.request({ method: "PUT", url: "/api/v1/me/visible-calendars", payload: { user_ids: [anna.id, leaver.id, me.id] }, token: me.token });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ user_ids: [anna.id, leaver.id] });
    expect((await calendars("?visible=true")).map((c) => c.name)).toEqual([(await calendars())[0]!.name, "Mia Me", "Anna Able", "Lena Leaver"]);
    expect((await h.get("/api/v1/activities?kind=calendar.views_changed", firm.owner.token)).json().data[0].changes.shown_user_ids.after).toEqual([anna.id, leaver.id].sort());

    await deactivate(h, firm, leaver);
    expect((await calendars()).map((c) => c.name)).not.toContain("Lena Leaver");
    expect((await calendars("?visible=true")).map((c) => c.id)).not.toContain(leaver.id);
    const refused = await h.request({ method: "PUT", url: "/api/v1/me/visible-calendars", payload: { user_ids: [zed.id, leaver.id] }, token: me.token });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: "user_ids.1", message: "This user is deactivated; only active users can be chosen." }]);
    expect((await calendars("?visible=true")).map((c) => c.id)).not.toContain(zed.id);
    // Paged by cursor, searched by name.
    const first = await h.get("/api/v1/calendars?limit=2", me.token);
    const rest = await h.get(`/api/v1/calendars?cursor=${first.json().next_cursor}`, me.token);
    expect([...ids(first), ...ids(rest)]).toEqual((await calendars()).map((c) => c.id));
    expect((await calendars("?q=zul")).map((c) => c.id)).toEqual([zed.id]);
  });
});
