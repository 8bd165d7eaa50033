/** Work reassignment (REA-1..REA-10) through the API, on every backend. */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb, START, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, type BuiltFirm } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";
import { deactivate, paths } from "./helpers/practice.js";
import { buildWork } from "./helpers/work.js";

const get = async (h: Harness, url: string, token: string) => (await h.get(url, token)).json();

async function setUp(h: Harness) {
  const firm = await buildFirm(h, { licenses: 20 });
  const ana = await buildUser(h, firm, ["attorney"], { firstName: "Ana", lastName: "Able" });
  const ben = await buildUser(h, firm, ["paralegal"], { firstName: "Ben", lastName: "Baker" });
  const work = await buildWork(h, firm, ana);
  return { firm, ana, ben, work };
}

const reassign = (h: Harness, firm: BuiltFirm, body: Record<string, unknown>) => h.post("/api/v1/reassignments", body, firm.owner.token);

describeDb("work reassignment", (h) => {
  it("REA-6 the preview lists what would move per kind and counts what would not per reason; private matters are counted, never listed", async () => {
    const { firm, ana, ben, work } = await setUp(h);
    const res = await h.post("/api/v1/reassignments/preview", { from_user_id: work.leaver.id, matters_to: ana.id, tasks_to: ana.id, events_to: ben.id }, firm.owner.token);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.matters.count).toBe(2);
    expect(preview.matters.items.map((m: { id: string }) => m.id).sort()).toEqual([work.open.id, work.pending.id].sort());
    expect(preview.tasks.count).toBe(2);
    expect(preview.tasks.items.map((t: { id: string }) => t.id).sort()).toEqual([...work.movable.tasks].sort());
    expect(preview.events).toMatchObject({ count: 1, items: [{ id: work.movable.events[0], title: "Hearing", matter: { id: work.open.id } }] });
    expect(preview.excluded).toEqual({ closed: 3, no_matter: 2, private: 3, past_due: 1, attendee_only: 1 });
    for (const secret of [work.secret.number, "Whistleblower", "Secret task", "Secret meeting"]) expect(res.body).not.toContain(secret);
    // Kinds without a target are neither listed nor counted; nothing changed.
    const some = (await h.post("/api/v1/reassignments/preview", { from_user_id: work.leaver.id, tasks_to: ana.id }, firm.owner.token)).json();
    expect(some).toMatchObject({ matters: { count: 0, items: [] }, tasks: { count: 2 }, events: { count: 0, items: [] }, excluded: { closed: 1, no_matter: 1, private: 1, past_due: 1, attendee_only: 0 } });
    expect((await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).responsible_attorney.id).toBe(work.leaver.id);
  });

  it("REA-2 REA-3 REA-4 matters, tasks and events move to their targets; everything else stays where it is (REA-5)", async () => {
    const { firm, ana, ben, work } = await setUp(h);
    const res = await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: ana.id, tasks_to: ben.id, events_to: ana.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      from_user_id: work.leaver.id,
      from_user: { id: work.leaver.id, name: "Lena Leaver", inactive: false },
      matters_to: { id: ana.id, name: "Ana Able" },
      tasks_to: { id: ben.id },
      events_to: { id: ana.id },
      counts: { matters: 2, tasks: 2, events: 1 },
      created_at: h.clock.now().toISOString(),
    });
    for (const m of [work.open, work.pending]) expect((await get(h, `/api/v1/matters/${m.id}`, firm.owner.token)).responsible_attorney.id).toBe(ana.id);
    expect((await get(h, `/api/v1/matters/${work.closed.id}`, firm.owner.token)).responsible_attorney.id).toBe(work.leaver.id);
    for (const t of work.movable.tasks) expect((await get(h, `/api/v1/tasks/${t}`, firm.owner.token)).assignee.id).toBe(ben.id);
    for (const t of [work.stays.pastDueTask, work.stays.completedTask, work.stays.looseTask, work.stays.closedTask]) {
      expect((await get(h, `/api/v1/tasks/${t}`, firm.owner.token)).assignee.id).toBe(work.leaver.id);
    }
    expect((await get(h, `/api/v1/calendar-events/${work.movable.events[0]}`, firm.owner.token)).owner.id).toBe(ana.id);
    for (const e of [work.stays.pastEvent, work.stays.looseEvent, work.stays.closedEvent]) {
      expect((await get(h, `/api/v1/calendar-events/${e}`, firm.owner.token)).owner.id).toBe(work.leaver.id);
    }
    // The attendee stays an attendee; the private matter and its work stay the owner's alone.
    expect((await get(h, `/api/v1/calendar-events/${work.stays.attended}`, firm.owner.token)).attendees.map((a: { id: string }) => a.id)).toEqual([work.leaver.id]);
    const secret = await get(h, `/api/v1/matters/${work.secret.id}`, work.leaver.token);
    expect(secret.responsible_attorney.id).toBe(work.leaver.id);
    expect((await get(h, `/api/v1/tasks/${work.stays.secretTask}`, work.leaver.token)).assignee.id).toBe(work.leaver.id);
    expect((await get(h, `/api/v1/calendar-events/${work.stays.secretEvent}`, work.leaver.token)).owner.id).toBe(work.leaver.id);
    // A second run finds nothing left to move.
    expect((await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: ben.id, tasks_to: ana.id, events_to: ben.id })).json().counts).toEqual({ matters: 0, tasks: 0, events: 0 });
  });

  it("REA-1 work moves from a deactivated user, each kind optional, to active users only", async () => {
    const { firm, ana, work } = await setUp(h);
    await deactivate(h, firm, work.leaver);
    const res = await reassign(h, firm, { from_user_id: work.leaver.id, tasks_to: ana.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ from_user: { name: "(Inactive) Lena Leaver", inactive: true }, matters_to: null, events_to: null, counts: { matters: 0, tasks: 2, events: 0 } });
    expect((await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).responsible_attorney.id).toBe(work.leaver.id);
  });

  it("REA-1 bad targets and sources are refused naming the field, and change nothing", async () => {
    const { firm, ana, ben, work } = await setUp(h);
    const gone = await buildUser(h, firm, ["attorney"]);
    await deactivate(h, firm, gone);
    const { res: invited } = await invite(h, firm);
    const invitee = invited.json().user.id as string;
    const other = await buildFirm(h);
    const before = await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token);

    const bad = await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: invitee, tasks_to: gone.id, events_to: work.leaver.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: "matters_to", message: "This user has not accepted their invitation yet; only active users can be chosen." },
      { path: "tasks_to", message: "This user is deactivated; only active users can be chosen." },
      { path: "events_to", message: "Choose someone other than the person whose work moves." },
    ]);
    expect(paths(await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: other.owner.id }))).toEqual(["matters_to"]);
    expect(paths(await h.post("/api/v1/reassignments/preview", { from_user_id: work.leaver.id, events_to: other.owner.id }, firm.owner.token))).toEqual(["events_to"]);
    expect(paths(await reassign(h, firm, { from_user_id: work.leaver.id }))).toEqual(["matters_to"]);
    expect(paths(await reassign(h, firm, { from_user_id: invitee, matters_to: ana.id }))).toEqual(["from_user_id"]);
    expect((await reassign(h, firm, { from_user_id: other.owner.id, matters_to: ana.id })).statusCode).toBe(404);
    expect((await h.post("/api/v1/reassignments/preview", { from_user_id: other.owner.id, matters_to: ana.id }, firm.owner.token)).statusCode).toBe(404);
    // Another firm's administrator reaches nothing of this firm; an attorney may not reassign.
    expect((await h.post("/api/v1/reassignments", { from_user_id: work.leaver.id, matters_to: ana.id }, other.owner.token)).statusCode).toBe(404);
    expect((await h.post("/api/v1/reassignments", { from_user_id: work.leaver.id, matters_to: ben.id }, ana.token)).statusCode).toBe(403);
    expect((await get(h, "/api/v1/me", ana.token)).abilities.reassign_work).toBe(false);
    expect((await get(h, "/api/v1/me", firm.owner.token)).abilities.reassign_work).toBe(true);

    expect(await get(h, `/api/v1/matters/${work.open.id}`, firm.owner.token)).toEqual(before);
    expect((await get(h, "/api/v1/reassignments", firm.owner.token)).data).toEqual([]);
  });

  it("REA-8 each recipient gets one notification and one email summing up what they received", async () => {
    const { firm, ana, ben, work } = await setUp(h);
    const res = await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: ana.id, tasks_to: ana.id, events_to: ben.id });
    const id = res.json().id as string;
    const anas = (await get(h, "/api/v1/notifications", ana.token)).data.filter((n: { kind: string }) => n.kind === "work.reassigned");
    expect(anas).toHaveLength(1);
    expect(anas[0]).toMatchObject({
      title: "Work of Lena Leaver was reassigned to you",
      body: "Olivia Owner reassigned to you 2 matters and 2 tasks of Lena Leaver.",
      data: { reassignment_id: id, from_user_id: work.leaver.id, matters: 2, tasks: 2, events: 0 },
    });
    const bens = (await get(h, "/api/v1/notifications", ben.token)).data.filter((n: { kind: string }) => n.kind === "work.reassigned");
    expect(bens.map((n: { body: string }) => n.body)).toEqual(["Olivia Owner reassigned to you 1 event of Lena Leaver."]);
    const mails = await mailTo(h, ana.email, "work.reassigned");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.payload.text).toContain("2 matters and 2 tasks of Lena Leaver");
    expect(await mailTo(h, ben.email, "work.reassigned")).toHaveLength(1);
    expect(await mailTo(h, work.leaver.email, "work.reassigned")).toHaveLength(0);
  });

  it("REA-9 the report lists every moved item as CSV, formula-safe, and names nothing private; list and read the reassignment", async () => {
    const { firm, ana, ben, work } = await setUp(h);
    const done = (await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: ana.id, tasks_to: ben.id, events_to: ana.id })).json();
    const res = await h.get(`/api/v1/reassignments/${done.id}/report.csv`, firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain(`reassignment-${done.id}.csv`);
    const rows = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0]!)).toEqual(["kind", "item_id", "item", "matter", "from", "to", "reassigned_at"]);
    expect(rows.filter((r) => r.kind === "matter").map((r) => r.item_id).sort()).toEqual([work.open.id, work.pending.id].sort());
    const formula = rows.find((r) => r.item_id === work.movable.tasks[0])!;
    expect(formula).toMatchObject({ kind: "task", item: "'=HYPERLINK(\"http://evil\")", matter: work.open.number, from: "Lena Leaver", to: "Ben Baker", reassigned_at: done.created_at });
    expect(rows.find((r) => r.kind === "event")).toMatchObject({ item: "Hearing", to: "Ana Able" });
    for (const secret of [work.secret.number, "Whistleblower", "Secret task", "Secret meeting"]) expect(res.body).not.toContain(secret);

    expect(await get(h, `/api/v1/reassignments/${done.id}`, firm.owner.token)).toEqual(done);
    expect((await get(h, "/api/v1/reassignments", firm.owner.token)).data).toEqual([done]);
    expect((await get(h, `/api/v1/reassignments?from_user_id=${ana.id}`, firm.owner.token)).data).toEqual([]);
    const other = await buildFirm(h);
    expect((await h.get(`/api/v1/reassignments/${done.id}`, other.owner.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/reassignments/${done.id}/report.csv`, other.owner.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/reassignments/${done.id}/report.csv`, ana.token)).statusCode).toBe(403);
  });

  it("REA-9 a report of thousands of items, read chunk by chunk, lists each moved item once, in the order moved", async () => {
    const { firm, ana, work } = await setUp(h);
    const many = 4500;
    await h.db.execute(sql`
      insert into tasks (firm_id, id, name, matter_id, assignee_id, created_by_id, created_at, updated_at)
      select ${firm.id}, 'bulk-' || lpad(g::text, 5, '0'), 'Bulk task ' || g, ${work.open.id}, ${work.leaver.id}, ${firm.owner.id}, ${START}, ${START}
        from generate_series(1, ${many}) as g`);
    const done = (await reassign(h, firm, { from_user_id: work.leaver.id, tasks_to: ana.id })).json();
    expect(done.counts.tasks).toBe(many + 2);
    const stored = await h.db.execute(sql`select chunk, cardinality(item_ids) as n from reassignment_items where firm_id = ${firm.id} and reassignment_id = ${done.id} order by chunk`);
    expect((stored as unknown as { rows: { chunk: number; n: number }[] }).rows.map((r) => [r.chunk, Number(r.n)])).toEqual([[0, 2000], [1, 2000], [2, 502]]);
    const rows = parse((await h.get(`/api/v1/reassignments/${done.id}/report.csv`, firm.owner.token)).body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(many + 2);
    expect(new Set(rows.map((r) => r.item_id)).size).toBe(many + 2);
    expect(rows.filter((r) => r.item_id?.startsWith("bulk-"))).toHaveLength(many);
    expect(rows.every((r) => r.kind === "task" && r.to === "Ana Able")).toBe(true);
  });

  it("REA-10 every reassignment is recorded in the feed", async () => {
    const { firm, ana, work } = await setUp(h);
    const done = (await reassign(h, firm, { from_user_id: work.leaver.id, matters_to: ana.id })).json();
    const [entry] = (await get(h, "/api/v1/activities?kind=reassignment.completed", firm.owner.token)).data;
    expect(entry).toMatchObject({ kind: "reassignment.completed", subject_type: "reassignment", subject_id: done.id, subject_label: "Work of Lena Leaver", actor: { id: firm.owner.id } });
    expect(entry.changes).toMatchObject({ from_user_id: { after: work.leaver.id }, matters_to: { after: ana.id }, matters: { after: 2 } });
  });
});
