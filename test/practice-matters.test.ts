/** Matters (PRC-1, PRC-7), their access (GRP-2, GRP-3) and the people named on them (PRC-2..4). */
import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, invite } from "./helpers/factories.js";
import { deactivate, ids, makeContact, makeGroup, makeMatter, makeTask, paths } from "./helpers/practice.js";

describeDb("practice: matters", (h) => {
  it("PRC-1 a matter has a number, a description, a status, both attorneys, an access setting and a client", async () => {
    const firm = await buildFirm(h);
    const responsible = await buildUser(h, firm, ["attorney"], { firstName: "Rita", lastName: "Responsible" });
    const originating = await buildUser(h, firm, ["attorney"], { firstName: "Otto", lastName: "Origin" });
    const client = await makeContact(h, firm.owner, { name: "Whitlock Holdings", email: "office@whitlock.example" });
    const matter = await makeMatter(h, firm.owner, {
      number: "2026-0042",
      description: "Acquisition of the harbour warehouse",
      status: "pending",
      responsible_attorney_id: responsible.id,
      originating_attorney_id: originating.id,
      client_id: client.id,
    });
    expect(matter).toMatchObject({
      number: "2026-0042",
      description: "Acquisition of the harbour warehouse",
      status: "pending",
      responsible_attorney: { id: responsible.id, name: "Rita Responsible", inactive: false },
      originating_attorney: { id: originating.id, name: "Otto Origin", inactive: false },
      client: { id: client.id, name: "Whitlock Holdings" },
      access: { kind: "everyone", group_ids: [], owner_id: null },
      custom_rates: [],
      abilities: { view: true, edit: true, change_access: true, manage_rates: true },
    });
    expect((await h.get(`/api/v1/matters/${matter.id}`, responsible.token)).json()).toMatchObject({ number: "2026-0042", abilities: { manage_rates: false } });

    h.clock.advance(60_000);
    const closed = await h.patch(`/api/v1/matters/${matter.id}`, { status: "closed" }, responsible.token);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: "closed", status_changed_at: h.clock.now().toISOString() });
    const feed = (await h.get("/api/v1/activities?kind=matter.updated", firm.owner.token)).json().data[0];
    expect(feed).toMatchObject({ subject_type: "matter", subject_label: "2026-0042", changes: { status: { before: "pending", after: "closed" } } });

    // Numbers are unique in the firm, whatever their case.
    const again = await h.post("/api/v1/matters", { number: "2026-0042", description: "x", responsible_attorney_id: responsible.id, originating_attorney_id: responsible.id }, firm.owner.token);
    expect(again.statusCode).toBe(409);
    expect(paths(again)).toEqual(["number"]);
  });

  it("PRC-1 the matter list filters by status, attorneys, client and search, and pages by cursor", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const b = await buildUser(h, firm, ["attorney"]);
    const client = await makeContact(h, firm.owner);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await makeMatter(h, firm.owner, {
          number: `2026-${String(i).padStart(4, "0")}`,
          description: i === 3 ? "Lease of the Bayside offices" : "Probate",
          status: i % 2 ? "closed" : "open",
          responsible_attorney_id: i < 2 ? a.id : b.id,
          originating_attorney_id: a.id,
          client_id: i === 4 ? client.id : null,
        }),
      );
    }
    const list = async (query: string) => ids(await h.get(`/api/v1/matters?${query}`, firm.owner.token));
    expect(await list("")).toEqual(made.map((m) => m.id));
    expect(await list("status=closed")).toEqual([made[1].id, made[3].id]);
    expect(await list(`responsible_attorney_id=${a.id}`)).toEqual([made[0].id, made[1].id]);
    expect(await list(`originating_attorney_id=${b.id}`)).toEqual([]);
    expect(await list(`client_id=${client.id}`)).toEqual([made[4].id]);
    expect(await list("q=bayside")).toEqual([made[3].id]);
    expect(await list("q=2026-000")).toHaveLength(5);
    expect((await h.get("/api/v1/matters/count?status=open", firm.owner.token)).json()).toEqual({ count: 3 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.get(`/api/v1/matters?limit=2${cursor ? `&cursor=${cursor}` : ""}`, firm.owner.token);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...ids(res));
      cursor = res.json().next_cursor;
    } while (cursor);
    expect(seen).toEqual(made.map((m) => m.id));
  });

  it("PRC-7 a private matter is its owner's alone: another administrator finds it in no list, search or count, and gets 404 by id", async () => {
    const firm = await buildFirm(h);
    const owner = await buildUser(h, firm, ["attorney"]);
    const admin = await buildUser(h, firm, ["administrator"]);
    const secret = await makeMatter(h, owner, { number: "SECRET-7", description: "Confidential settlement", access: { kind: "private" } });
    expect(secret.access).toEqual({ kind: "private", group_ids: [], owner_id: owner.id });
    const task = await makeTask(h, owner, { matter_id: secret.id, name: "Draft the confidential terms" });

    for (const token of [admin.token, firm.owner.token]) {
      expect(ids(await h.get("/api/v1/matters", token))).not.toContain(secret.id);
      expect(ids(await h.get("/api/v1/matters?q=SECRET", token))).toEqual([]);
      expect((await h.get("/api/v1/matters/count", token)).json()).toEqual({ count: 0 });
      expect((await h.get(`/api/v1/matters/count?responsible_attorney_id=${owner.id}`, token)).json()).toEqual({ count: 0 });
      expect((await h.get(`/api/v1/matters/${secret.id}`, token)).statusCode).toBe(404);
      expect((await h.patch(`/api/v1/matters/${secret.id}`, { status: "closed" }, token)).statusCode).toBe(404);
      expect((await h.get(`/api/v1/matters/${secret.id}/rates?user_id=${owner.id}`, token)).statusCode).toBe(404);
      // Nothing of the matter leaks through its work either.
      expect(ids(await h.get("/api/v1/tasks", token))).not.toContain(task.id);
      expect((await h.get(`/api/v1/tasks/${task.id}`, token)).statusCode).toBe(404);
      const onIt = await h.post("/api/v1/tasks", { name: "Peek", assignee_id: owner.id, matter_id: secret.id }, token);
      expect(onIt.statusCode).toBe(400);
      expect(onIt.json().errors).toEqual([{ path: "matter_id", message: "No such matter." }]);
    }
    expect((await h.get(`/api/v1/matters/${secret.id}`, owner.token)).json().number).toBe("SECRET-7");
    expect((await h.get("/api/v1/matters/count", owner.token)).json()).toEqual({ count: 1 });
    expect((await h.get(`/api/v1/matters/${secret.id}`, owner.token)).json().status).toBe("open");

    // The feed records that it happened, never what it holds (DEA-5).
    const feed = await h.get("/api/v1/activities", firm.owner.token);
    expect(feed.body).not.toContain("SECRET-7");
    expect(feed.body).not.toContain("Confidential");
    expect(feed.json().data.find((a: { kind: string }) => a.kind === "matter.created")).toMatchObject({ subject_label: "Private matter", changes: { number: { before: null, after: "(private)" } } });

    // A private matter belongs to whoever makes it private, never to someone else by an administrator's hand.
    const forOther = await h.post("/api/v1/matters", { number: "P-2", description: "x", responsible_attorney_id: owner.id, originating_attorney_id: owner.id, access: { kind: "private", owner_id: owner.id } }, admin.token);
    expect(forOther.statusCode).toBe(400);
    expect(paths(forOther)).toEqual(["access.owner_id"]);
  });

  it("GRP-3 a group matter admits the members of its groups and its attorneys, nobody else; changing access needs matters.access", async () => {
    const firm = await buildFirm(h);
    const member = await buildUser(h, firm, ["read_only"]);
    const outsider = await buildUser(h, firm, ["attorney"]);
    const responsible = await buildUser(h, firm, ["attorney"]);
    const originating = await buildUser(h, firm, ["attorney"]);
    const paralegal = await buildUser(h, firm, ["paralegal"]);
    const litigation = await makeGroup(h, firm, { name: "Litigation", member_ids: [member.id, paralegal.id] });
    // The owner sets it up for a group they are not in: the answer is what they wrote, and then it is gone from their sight.
    const matter = await makeMatter(h, firm.owner, { responsible_attorney_id: responsible.id, originating_attorney_id: originating.id, access: { kind: "groups", group_ids: [litigation.id] } });
    expect(matter).toMatchObject({ access: { kind: "groups", group_ids: [litigation.id] }, groups: [{ id: litigation.id, name: "Litigation", archived: false }], abilities: { view: false, edit: false } });
    for (const who of [member, responsible, originating, paralegal]) expect((await h.get(`/api/v1/matters/${matter.id}`, who.token)).statusCode).toBe(200);
    for (const who of [outsider, firm.owner]) {
      expect((await h.get(`/api/v1/matters/${matter.id}`, who.token)).statusCode).toBe(404);
      expect(ids(await h.get("/api/v1/matters", who.token))).toEqual([]);
    }
    // A paralegal edits matters but does not change who sees them.
    expect((await h.patch(`/api/v1/matters/${matter.id}`, { description: "Appeal" }, paralegal.token)).statusCode).toBe(200);
    expect((await h.patch(`/api/v1/matters/${matter.id}`, { access: { kind: "everyone" } }, paralegal.token)).statusCode).toBe(403);
    // Sending the access it already has is no change.
    expect((await h.patch(`/api/v1/matters/${matter.id}`, { access: { kind: "groups", group_ids: [litigation.id] }, description: "Appeal, second round" }, paralegal.token)).statusCode).toBe(200);
    const opened = await h.patch(`/api/v1/matters/${matter.id}`, { access: { kind: "everyone" } }, responsible.token);
    expect(opened.json()).toMatchObject({ access: { kind: "everyone", group_ids: [] }, abilities: { view: true } });
    expect((await h.get(`/api/v1/matters/${matter.id}`, outsider.token)).statusCode).toBe(200);
  });

  it("GRP-2 an archived group admits nobody and cannot be chosen for a matter's access; unarchiving restores access", async () => {
    const firm = await buildFirm(h);
    const member = await buildUser(h, firm, ["attorney"]);
    const other = await makeGroup(h, firm, { name: "Tax" });
    const family = await makeGroup(h, firm, { name: "Family", member_ids: [member.id] });
    const matter = await makeMatter(h, firm.owner, { responsible_attorney_id: firm.owner.id, originating_attorney_id: firm.owner.id, access: { kind: "groups", group_ids: [family.id] } });
    expect((await h.get(`/api/v1/matters/${matter.id}`, member.token)).statusCode).toBe(200);
    await h.post(`/api/v1/groups/${family.id}/archive`, {}, firm.owner.token);
    expect((await h.get(`/api/v1/matters/${matter.id}`, member.token)).statusCode).toBe(404);
    expect(ids(await h.get("/api/v1/matters", member.token))).toEqual([]);
    expect((await h.get("/api/v1/matters/count", member.token)).json()).toEqual({ count: 0 });
    // The matter keeps naming it (archived), and the owner may keep it there, but nobody chooses it anew.
    expect((await h.get(`/api/v1/matters/${matter.id}`, firm.owner.token)).json().groups).toEqual([{ id: family.id, name: "Family", archived: true }]);
    const kept = await h.patch(`/api/v1/matters/${matter.id}`, { access: { kind: "groups", group_ids: [family.id, other.id] } }, firm.owner.token);
    expect(kept.statusCode, kept.body).toBe(200);
    const fresh = await h.post("/api/v1/matters", { number: "NEW-1", description: "x", responsible_attorney_id: firm.owner.id, originating_attorney_id: firm.owner.id, access: { kind: "groups", group_ids: [family.id] } }, firm.owner.token);
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().errors).toEqual([{ path: "access.group_ids.0", message: "This group is archived." }]);
    await h.post(`/api/v1/groups/${family.id}/unarchive`, {}, firm.owner.token);
    expect((await h.get(`/api/v1/matters/${matter.id}`, member.token)).statusCode).toBe(200);
  });

  it("GRP-3 a matter's access naming another firm's group, or none, is refused and nothing is made", async () => {
    const firm = await buildFirm(h);
    const elsewhere = await buildFirm(h);
    const foreign = await makeGroup(h, elsewhere, { name: "Theirs" });
    const base = { number: "G-1", description: "x", responsible_attorney_id: firm.owner.id, originating_attorney_id: firm.owner.id };
    const res = await h.post("/api/v1/matters", { ...base, access: { kind: "groups", group_ids: [foreign.id] } }, firm.owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: "access.group_ids.0", message: "No such group in this firm." }]);
    expect(paths(await h.post("/api/v1/matters", { ...base, access: { kind: "groups" } }, firm.owner.token))).toEqual(["access.group_ids"]);
    expect(paths(await h.post("/api/v1/matters", { ...base, access: { kind: "everyone", group_ids: [foreign.id] } }, firm.owner.token))).toEqual(["access.group_ids"]);
    expect(paths(await h.post("/api/v1/matters", { ...base, access: { kind: "everyone", owner_id: firm.owner.id } }, firm.owner.token))).toEqual(["access.owner_id"]);
    expect((await h.get("/api/v1/matters/count", firm.owner.token)).json()).toEqual({ count: 0 });
  });

  it("PRC-3 a deactivated attorney still named on a matter reads (Inactive) First Last, with the inactive flag", async () => {
    const firm = await buildFirm(h);
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lena", lastName: "Leaver" });
    const matter = await makeMatter(h, firm.owner, { responsible_attorney_id: leaver.id, originating_attorney_id: leaver.id });
    await deactivate(h, firm, leaver);
    const read = (await h.get(`/api/v1/matters/${matter.id}`, firm.owner.token)).json();
    expect(read.responsible_attorney).toEqual({ id: leaver.id, name: "(Inactive) Lena Leaver", inactive: true });
    expect(read.originating_attorney).toEqual({ id: leaver.id, name: "(Inactive) Lena Leaver", inactive: true });
    expect((await h.get(`/api/v1/matters?responsible_attorney_id=${leaver.id}`, firm.owner.token)).json().data[0].responsible_attorney.name).toBe("(Inactive) Lena Leaver");
    // Editing something else leaves them named (DEA-4).
    const edited = await h.patch(`/api/v1/matters/${matter.id}`, { description: "Still theirs", responsible_attorney_id: leaver.id }, firm.owner.token);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().responsible_attorney.inactive).toBe(true);
  });

  it("PRC-2 only active users of the firm can be chosen as attorneys: invited, deactivated and other firms' users are refused, naming the field", async () => {
    const firm = await buildFirm(h);
    const elsewhere = await buildFirm(h);
    const gone = await buildUser(h, firm, ["attorney"]);
    await deactivate(h, firm, gone);
    const { res: invited } = await invite(h, firm);
    const invitee = invited.json().user.id as string;
    const res = await h.post("/api/v1/matters", { number: "X-1", description: "x", responsible_attorney_id: invitee, originating_attorney_id: gone.id }, firm.owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: "responsible_attorney_id", message: "This user has not accepted their invitation yet; only active users can be chosen." },
      { path: "originating_attorney_id", message: "This user is deactivated; only active users can be chosen." },
    ]);
    const foreign = await h.post("/api/v1/matters", { number: "X-1", description: "x", responsible_attorney_id: elsewhere.owner.id, originating_attorney_id: firm.owner.id }, firm.owner.token);
    expect(foreign.json().errors).toEqual([{ path: "responsible_attorney_id", message: "No such user in this firm." }]);
    expect((await h.get("/api/v1/matters/count", firm.owner.token)).json()).toEqual({ count: 0 });
  });

  it("PRC-4 once a field is moved off a deactivated attorney it cannot be set back", async () => {
    const firm = await buildFirm(h);
    const leaver = await buildUser(h, firm, ["attorney"], { firstName: "Lena", lastName: "Leaver" });
    const successor = await buildUser(h, firm, ["attorney"], { firstName: "Sid", lastName: "Successor" });
    const matter = await makeMatter(h, firm.owner, { responsible_attorney_id: leaver.id, originating_attorney_id: leaver.id });
    await deactivate(h, firm, leaver);
    const moved = await h.patch(`/api/v1/matters/${matter.id}`, { responsible_attorney_id: successor.id }, firm.owner.token);
    expect(moved.json().responsible_attorney).toEqual({ id: successor.id, name: "Sid Successor", inactive: false });
    const back = await h.patch(`/api/v1/matters/${matter.id}`, { responsible_attorney_id: leaver.id, description: "changed" }, firm.owner.token);
    expect(back.statusCode).toBe(400);
    expect(back.json().errors).toEqual([{ path: "responsible_attorney_id", message: "This user is deactivated; only active users can be chosen." }]);
    // Nothing of the refused change was made.
    expect((await h.get(`/api/v1/matters/${matter.id}`, firm.owner.token)).json()).toMatchObject({ description: "Estate of Whitlock", responsible_attorney: { id: successor.id } });
    // The originating attorney, never moved, stays.
    expect((await h.get(`/api/v1/matters/${matter.id}`, firm.owner.token)).json().originating_attorney.inactive).toBe(true);
  });

  it("SEC-1 another firm's matter answers 404 to every matter endpoint, and its ids are no one in this firm", async () => {
    const firm = await buildFirm(h);
    const elsewhere = await buildFirm(h);
    const theirs = await makeMatter(h, elsewhere.owner, { number: "THEIRS-1" });
    const token = firm.owner.token;
    expect((await h.get(`/api/v1/matters/${theirs.id}`, token)).statusCode).toBe(404);
    expect((await h.patch(`/api/v1/matters/${theirs.id}`, { description: "Hijacked" }, token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/matters/${theirs.id}/rates?user_id=${firm.owner.id}`, token)).statusCode).toBe(404);
    expect(ids(await h.get(`/api/v1/matters?q=THEIRS`, token))).toEqual([]);
    expect((await h.post("/api/v1/tasks", { name: "x", assignee_id: firm.owner.id, matter_id: theirs.id }, token)).json().errors).toEqual([{ path: "matter_id", message: "No such matter." }]);
    expect((await h.get(`/api/v1/matters/${theirs.id}`, elsewhere.owner.token)).json().description).toBe("Estate of Whitlock");
  });
});
