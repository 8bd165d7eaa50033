/** REA-7: reassignment is all or nothing, each item moves once, and concurrent edits are not lost. */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";
import { makeEvent, makeMatter, makeTask } from "./helpers/practice.js";
import { FUTURE } from "./helpers/work.js";

const get = async (h: Harness, url: string, token: string) => (await h.get(url, token)).json();

describeDb("work reassignment under concurrency", (h) => {
  async function setUp() {
    const firm = await buildFirm(h, { licenses: 20 });
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lena", lastName: "Leaver" });
    const ana = await buildUser(h, firm, ["attorney"], { firstName: "Ana", lastName: "Able" });
    const ben = await buildUser(h, firm, ["attorney"], { firstName: "Ben", lastName: "Baker" });
    const matters = [];
    for (let i = 0; i < 6; i++) matters.push(await makeMatter(h, firm.owner, { responsible_attorney_id: leaver.id, originating_attorney_id: leaver.id }));
    return { firm, leaver, ana, ben, matters };
  }

  it("REA-7 two reassignments of the same work at once move each item once", async () => {
    const { firm, leaver, ana, ben, matters } = await setUp();
    const tasks = [];
    for (const m of matters.slice(0, 3)) tasks.push(await makeTask(h, firm.owner, { assignee_id: leaver.id, matter_id: m.id }));
    const [a, b] = await Promise.all([
      h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ana.id, tasks_to: ana.id }, firm.owner.token),
      h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ben.id, tasks_to: ben.id }, firm.owner.token),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const counts = [a.json().counts, b.json().counts];
    expect(counts[0].matters + counts[1].matters).toBe(6);
    expect(counts[0].tasks + counts[1].tasks).toBe(3);
    // One ran after the other: it found nothing left.
    expect(counts.map((c) => c.matters).sort()).toEqual([0, 6]);
    const winner = counts[0].matters === 6 ? ana.id : ben.id;
    for (const m of matters) expect((await get(h, `/api/v1/matters/${m.id}`, firm.owner.token)).responsible_attorney.id).toBe(winner);
    const reports = await Promise.all([a, b].map((r) => h.get(`/api/v1/reassignments/${r.json().id}/report.csv`, firm.owner.token)));
    const ids = reports.flatMap((r) => r.body.trim().split("\n").slice(1).map((line) => line.split(",")[1]));
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
  });

  it("REA-7 an edit of a matter made while its work moves is not lost, and the move is not undone", async () => {
    const { firm, leaver, ana, matters } = await setUp();
    const [moved, ...edits] = await Promise.all([
      h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ana.id }, firm.owner.token),
      ...matters.map((m, i) => h.patch(`/api/v1/matters/${m.id}`, { description: `Edited ${i}` }, firm.owner.token)),
    ]);
    expect(moved!.statusCode, moved!.body).toBe(201);
    expect(moved!.json().counts.matters).toBe(6);
    for (const e of edits) expect(e.statusCode, e.body).toBe(200);
    for (const [i, m] of matters.entries()) {
      expect(await get(h, `/api/v1/matters/${m.id}`, firm.owner.token)).toMatchObject({ description: `Edited ${i}`, responsible_attorney: { id: ana.id } });
    }
  });

  it("REA-7 an edit giving a matter to someone else at the same moment wins, whichever commits first", async () => {
    const { firm, leaver, ana, ben, matters } = await setUp();
    const [edit, moved] = await Promise.all([
      h.patch(`/api/v1/matters/${matters[0]!.id}`, { responsible_attorney_id: ben.id }, firm.owner.token),
      h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ana.id }, firm.owner.token),
    ]);
    expect([edit.statusCode, moved.statusCode]).toEqual([200, 201]);
    // The edit first: the move re-reads the matter and leaves it. The move first: the edit applies on top.
    expect([5, 6]).toContain(moved.json().counts.matters);
    expect((await get(h, `/api/v1/matters/${matters[0]!.id}`, firm.owner.token)).responsible_attorney.id).toBe(ben.id);
    for (const m of matters.slice(1)) expect((await get(h, `/api/v1/matters/${m.id}`, firm.owner.token)).responsible_attorney.id).toBe(ana.id);
  });

  it("REA-7 all or nothing: when one kind fails to move, nothing moves and nothing is recorded", async () => {
    const { firm, leaver, ana, matters } = await setUp();
    const title = `Boom ${leaver.id}`;
    const event = await makeEvent(h, firm.owner, { owner_id: leaver.id, matter_id: matters[0]!.id, title, ...FUTURE });
    const fn = `refuse_${leaver.id.replace(/-/g, "")}`;
    await h.db.execute(sql.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin
      if new.title = '${title}' and new.owner_id <> old.owner_id then raise exception 'refused by the test'; end if; return new; end $$`));
    await h.db.execute(sql.raw(`create trigger ${fn} before update on calendar_events for each row execute function ${fn}()`));
    try {
      const res = await h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ana.id, events_to: ana.id }, firm.owner.token);
      expect(res.statusCode).toBe(500);
    } finally {
      await h.db.execute(sql.raw(`drop trigger ${fn} on calendar_events`));
      await h.db.execute(sql.raw(`drop function ${fn}()`));
    }
    for (const m of matters) expect((await get(h, `/api/v1/matters/${m.id}`, firm.owner.token)).responsible_attorney.id).toBe(leaver.id);
    expect((await get(h, `/api/v1/calendar-events/${event.id}`, firm.owner.token)).owner.id).toBe(leaver.id);
    expect((await get(h, "/api/v1/reassignments", firm.owner.token)).data).toEqual([]);
    expect((await get(h, "/api/v1/notifications", ana.token)).data).toEqual([]);
    expect((await get(h, "/api/v1/activities?kind=reassignment.completed", firm.owner.token)).data).toEqual([]);
  });
  it("REA-7 a move PostgreSQL rolls back for a deadlock or a serialization failure answers 409 conflict, and nothing moved", async () => {
    const { firm, leaver, ana, matters } = await setUp();
    // The database breaks the tie between two crossed moves by rolling one back; a trigger
    // makes that happen on demand, with the very error codes PostgreSQL uses.
    for (const errcode of ["deadlock_detected", "serialization_failure"]) {
      await h.db.execute(sql.raw(`create or replace function crossed_move() returns trigger language plpgsql as $$ begin raise exception 'crossed' using errcode = '${errcode}'; end $$`));
      await h.db.execute(sql.raw("create trigger crossed_move before insert on reassignment_items for each row execute function crossed_move()"));
      try {
        const res = await h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ana.id }, firm.owner.token);
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json()).toMatchObject({ code: "conflict", detail: expect.stringMatching(/nothing was changed/) });
        expect(res.body).not.toContain("crossed");
      } finally {
        await h.db.execute(sql.raw("drop trigger crossed_move on reassignment_items"));
        await h.db.execute(sql.raw("drop function crossed_move()"));
      }
      for (const m of matters) expect((await get(h, `/api/v1/matters/${m.id}`, firm.owner.token)).responsible_attorney.id).toBe(leaver.id);
      expect((await get(h, "/api/v1/reassignments", firm.owner.token)).data).toEqual([]);
    }
    // Tried again once the moment has passed, it moves.
    expect((await h.post("/api/v1/reassignments", { from_user_id: leaver.id, matters_to: ana.id }, firm.owner.token)).json().counts.matters).toBe(matters.length);
  });
});
