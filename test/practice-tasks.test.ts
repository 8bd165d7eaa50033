/** Tasks (PRC-5) and who can be given them (PRC-2, PRC-4). */
import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, invite } from "./helpers/factories.js";
import { deactivate, ids, makeMatter, makeTask, paths } from "./helpers/practice.js";

describeDb("practice: tasks", (h) => {
  it("PRC-5 a task has a name, an optional matter, an assignee, an optional due time and a completion time", async () => {
    const firm = await buildFirm(h);
    const paralegal = await buildUser(h, firm, ["paralegal"], { firstName: "Pat", lastName: "Para" });
    const matter = await makeMatter(h, firm.owner, { number: "2026-0001", description: "Probate" });
    const task = await makeTask(h, firm.owner, { name: "Serve notice", matter_id: matter.id, assignee_id: paralegal.id, due_at: "2026-12-01T17:00:00.000Z" });
    expect(task).toMatchObject({
      name: "Serve notice",
      matter: { id: matter.id, number: "2026-0001", description: "Probate" },
      assignee: { id: paralegal.id, name: "Pat Para", inactive: false },
      due_at: "2026-12-01T17:00:00.000Z",
      completed_at: null,
      completed_by: null,
      abilities: { edit: true, reassign: true },
    });
    const done = await h.patch(`/api/v1/tasks/${task.id}`, { completed_at: "2026-11-23T09:30:00.000Z" }, paralegal.token);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ completed_at: "2026-11-23T09:30:00.000Z", completed_by: { id: paralegal.id } });
    const future = await h.patch(`/api/v1/tasks/${task.id}`, { completed_at: "2027-01-01T00:00:00.000Z" }, paralegal.token);
    expect(future.statusCode).toBe(400);
    expect(paths(future)).toEqual(["completed_at"]);
    const reopened = await h.patch(`/api/v1/tasks/${task.id}`, { completed_at: null, matter_id: null }, paralegal.token);
    expect(reopened.json()).toMatchObject({ completed_at: null, completed_by: null, matter: null });
    const feed = (await h.get("/api/v1/activities?kind=task.updated", firm.owner.token)).json().data[0];
    expect(feed.changes).toMatchObject({ completed_at: { before: "2026-11-23T09:30:00.000Z", after: null }, matter_id: { before: matter.id, after: null } });
  });

  it("PRC-5 completed: true completes the task at the server's time, whatever the browser's clock says; false reopens it; both fields at once are refused", async () => {
    const firm = await buildFirm(h);
    const task = await makeTask(h, firm.owner, { name: "Serve notice", assignee_id: firm.owner.id });
    const done = await h.patch(`/api/v1/tasks/${task.id}`, { completed: true }, firm.owner.token);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ completed_at: h.clock.now().toISOString(), completed_by: { id: firm.owner.id } });
    // Completing again keeps the first completion time.
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    expect((await h.patch(`/api/v1/tasks/${task.id}`, { completed: true }, firm.owner.token)).json().completed_at).toBe(done.json().completed_at);
    const both = await h.patch(`/api/v1/tasks/${task.id}`, { completed: false, completed_at: null }, firm.owner.token);
    expect(both.statusCode).toBe(400);
    expect(paths(both)).toEqual(["completed"]);
    const reopened = await h.patch(`/api/v1/tasks/${task.id}`, { completed: false }, firm.owner.token);
    expect(reopened.json()).toMatchObject({ completed_at: null, completed_by: null });
  });

  it("PRC-5 the task list filters by assignee, matter, completion and name, soonest due first, and pages by cursor", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const matter = await makeMatter(h, firm.owner);
    const later = await makeTask(h, firm.owner, { name: "Later", due_at: "2026-12-10T00:00:00.000Z" });
    const undated = await makeTask(h, firm.owner, { name: "Someday", assignee_id: a.id });
    const sooner = await makeTask(h, firm.owner, { name: "Sooner", due_at: "2026-12-01T00:00:00.000Z", matter_id: matter.id });
    const undated2 = await makeTask(h, firm.owner, { name: "Someday too", completed_at: "2026-11-01T00:00:00.000Z" });
    const list = async (q: string) => ids(await h.get(`/api/v1/tasks?${q}`, firm.owner.token));
    const undatedInOrder = [undated.id, undated2.id].sort();
    expect(await list("")).toEqual([sooner.id, later.id, ...undatedInOrder]);
    expect(await list(`assignee_id=${a.id}`)).toEqual([undated.id]);
    expect(await list(`matter_id=${matter.id}`)).toEqual([sooner.id]);
    expect(await list("completed=true")).toEqual([undated2.id]);
    expect(await list("completed=false")).toEqual([sooner.id, later.id, undated.id]);
    expect(await list("q=someday")).toEqual(undatedInOrder);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.get(`/api/v1/tasks?limit=1${cursor ? `&cursor=${cursor}` : ""}`, firm.owner.token);
      seen.push(...ids(res));
      cursor = res.json().next_cursor;
    } while (cursor);
    expect(seen).toEqual([sooner.id, later.id, ...undatedInOrder]);
  });

  it("PRC-2 a deactivated user cannot be made assignee (400), nor an invited one, nor another firm's", async () => {
    const firm = await buildFirm(h);
    const elsewhere = await buildFirm(h);
    const leaver = await buildUser(h, firm, ["attorney"]);
    await deactivate(h, firm, leaver);
    const { res: invited } = await invite(h, firm);
    const cases: [string, string][] = [
      [leaver.id, "This user is deactivated; only active users can be chosen."],
      [invited.json().user.id, "This user has not accepted their invitation yet; only active users can be chosen."],
      [elsewhere.owner.id, "No such user in this firm."],
    ];
    for (const [assignee, message] of cases) {
      const res = await h.post("/api/v1/tasks", { name: "x", assignee_id: assignee }, firm.owner.token);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: "assignee_id", message }]);
    }
    expect(ids(await h.get("/api/v1/tasks", firm.owner.token))).toEqual([]);
  });

  it("PRC-4 a task moved off a deactivated assignee cannot be given back to them; until then they stay named as (Inactive)", async () => {
    const firm = await buildFirm(h);
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lena", lastName: "Leaver" });
    const successor = await buildUser(h, firm, ["attorney"]);
    const task = await makeTask(h, firm.owner, { assignee_id: leaver.id });
    await deactivate(h, firm, leaver);
    expect((await h.get(`/api/v1/tasks/${task.id}`, firm.owner.token)).json().assignee).toEqual({ id: leaver.id, name: "(Inactive) Lena Leaver", inactive: true });
    // Renaming it, or naming them again where they already are, is no new choice.
    expect((await h.patch(`/api/v1/tasks/${task.id}`, { name: "Renamed", assignee_id: leaver.id }, firm.owner.token)).statusCode).toBe(200);
    expect((await h.patch(`/api/v1/tasks/${task.id}`, { assignee_id: successor.id }, firm.owner.token)).statusCode).toBe(200);
    const back = await h.patch(`/api/v1/tasks/${task.id}`, { assignee_id: leaver.id, name: "Back" }, firm.owner.token);
    expect(back.statusCode).toBe(400);
    expect(back.json().errors).toEqual([{ path: "assignee_id", message: "This user is deactivated; only active users can be chosen." }]);
    expect((await h.get(`/api/v1/tasks/${task.id}`, firm.owner.token)).json()).toMatchObject({ name: "Renamed", assignee: { id: successor.id } });
  });

  it("PRC-5 without tasks.manage_all a person creates tasks for themselves and changes only their own", async () => {
    const firm = await buildFirm(h);
    const readOnly = await buildUser(h, firm, ["read_only"]);
    const colleague = await buildUser(h, firm, ["attorney"]);
    const own = await makeTask(h, readOnly, { name: "Mine" });
    expect(own.abilities).toEqual({ edit: true, reassign: false });
    expect((await h.post("/api/v1/tasks", { name: "For you", assignee_id: colleague.id }, readOnly.token)).statusCode).toBe(403);
    expect((await h.patch(`/api/v1/tasks/${own.id}`, { completed_at: "2026-11-23T10:00:00.000Z" }, readOnly.token)).statusCode).toBe(200);
    expect((await h.patch(`/api/v1/tasks/${own.id}`, { assignee_id: colleague.id }, readOnly.token)).statusCode).toBe(403);
    const theirs = await makeTask(h, colleague, { name: "Theirs" });
    // They see it, but may not change it.
    expect((await h.get(`/api/v1/tasks/${theirs.id}`, readOnly.token)).json().abilities).toEqual({ edit: false, reassign: false });
    expect((await h.patch(`/api/v1/tasks/${theirs.id}`, { name: "Mine now" }, readOnly.token)).statusCode).toBe(403);
    expect((await h.get(`/api/v1/tasks/${theirs.id}`, readOnly.token)).json().name).toBe("Theirs");
    // With tasks.manage_all, anyone's.
    expect((await h.patch(`/api/v1/tasks/${own.id}`, { assignee_id: colleague.id }, colleague.token)).statusCode).toBe(200);
  });
});
