import { expect, it } from "vitest";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, type BuiltFirm } from "./helpers/factories.js";

const group = async (h: Harness, firm: BuiltFirm, body: Record<string, unknown>) => {
  const res = await h.post("/api/v1/groups", body, firm.owner.token);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describeDb("groups", (h) => {
  it("GRP-1 administrators create groups with a description, the rates option and members, then edit them", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const b = await buildUser(h, firm, ["paralegal"]);
    const created = await group(h, firm, { name: "Real estate", description: "Conveyancing team", exclude_from_custom_rates: true, member_ids: [a.id] });
    expect(created).toMatchObject({ name: "Real estate", description: "Conveyancing team", exclude_from_custom_rates: true, archived: false, member_ids: [a.id] });
    const edited = await h.patch(`/api/v1/groups/${created.id}`, { member_ids: [b.id], name: "Property" }, firm.owner.token);
    expect(edited.json()).toMatchObject({ name: "Property", member_ids: [b.id] });
    expect((await h.get(`/api/v1/users/${b.id}`, firm.owner.token)).json().groups).toEqual([{ id: created.id, name: "Property" }]);
    expect((await h.get(`/api/v1/users/${a.id}`, firm.owner.token)).json().groups).toEqual([]);
    const feed = (await h.get("/api/v1/activities?kind=group.updated", firm.owner.token)).json().data[0];
    expect(feed.changes.name).toEqual({ before: "Real estate", after: "Property" });
  });

  it("GRP-1 names are unique among unarchived groups, whatever their case", async () => {
    const firm = await buildFirm(h);
    const first = await group(h, firm, { name: "Tax" });
    const dup = await h.post("/api/v1/groups", { name: "TAX" }, firm.owner.token);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe("name");
    const other = await group(h, firm, { name: "Wills" });
    expect((await h.patch(`/api/v1/groups/${other.id}`, { name: "tax" }, firm.owner.token)).statusCode).toBe(409);
    await h.post(`/api/v1/groups/${first.id}/archive`, {}, firm.owner.token);
    expect((await h.post("/api/v1/groups", { name: "Tax" }, firm.owner.token)).statusCode).toBe(201);
    // Unarchiving the old one would clash with the live one: refused.
    expect((await h.post(`/api/v1/groups/${first.id}/unarchive`, {}, firm.owner.token)).statusCode).toBe(409);
    // Another firm may use any name.
    const elsewhere = await buildFirm(h);
    expect((await h.post("/api/v1/groups", { name: "Tax" }, elsewhere.owner.token)).statusCode).toBe(201);
  });

  it("GRP-1 members must be users of the firm who are not deactivated", async () => {
    const firm = await buildFirm(h);
    const other = await buildFirm(h);
    const gone = await buildUser(h, firm, ["attorney"]);
    await h.post(`/api/v1/users/${gone.id}/deactivate`, {}, firm.owner.token);
    const res = await h.post("/api/v1/groups", { name: "Mixed", member_ids: [other.owner.id, gone.id] }, firm.owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["member_ids.0", "member_ids.1"]);
    expect((await h.get("/api/v1/groups", firm.owner.token)).json().data).toEqual([]);
  });

  it("GRP-2 archiving keeps the members; an archived group cannot be chosen for anything new; unarchiving restores it", async () => {
    const firm = await buildFirm(h, { licenses: 5 });
    const member = await buildUser(h, firm, ["attorney"]);
    const g = await group(h, firm, { name: "Family", member_ids: [member.id] });
    const archived = await h.post(`/api/v1/groups/${g.id}/archive`, {}, firm.owner.token);
    expect(archived.json()).toMatchObject({ archived: true, member_ids: [member.id] });
    expect((await h.get("/api/v1/groups", firm.owner.token)).json().data).toEqual([]);
    expect((await h.get("/api/v1/groups?archived=true", firm.owner.token)).json().data.map((x: { id: string }) => x.id)).toEqual([g.id]);
    expect((await h.get(`/api/v1/users/${member.id}`, firm.owner.token)).json().groups).toEqual([]);
    const newcomer = await invite(h, firm, { group_ids: [g.id] });
    expect(newcomer.res.statusCode).toBe(400);
    expect(newcomer.res.json().errors[0]).toMatchObject({ path: "group_ids.0", message: "This group is archived." });
    const other = await buildUser(h, firm, ["paralegal"]);
    expect((await h.patch(`/api/v1/users/${other.id}`, { group_ids: [g.id] }, firm.owner.token)).statusCode).toBe(400);
    expect((await h.patch(`/api/v1/groups/${g.id}`, { member_ids: [] }, firm.owner.token)).statusCode).toBe(400);
    const back = await h.post(`/api/v1/groups/${g.id}/unarchive`, {}, firm.owner.token);
    expect(back.json()).toMatchObject({ archived: false, member_ids: [member.id] });
    expect((await h.get(`/api/v1/users/${member.id}`, firm.owner.token)).json().groups).toEqual([{ id: g.id, name: "Family" }]);
    expect((await invite(h, firm, { group_ids: [g.id] })).res.statusCode).toBe(201);
  });

  it("GRP-1 only groups.manage changes groups; another firm's group answers 404", async () => {
    const firm = await buildFirm(h);
    const g = await group(h, firm, { name: "Corporate" });
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.get("/api/v1/groups", attorney.token)).statusCode).toBe(200);
    expect((await h.patch(`/api/v1/groups/${g.id}`, { name: "Mine" }, attorney.token)).statusCode).toBe(403);
    expect((await h.post(`/api/v1/groups/${g.id}/archive`, {}, attorney.token)).statusCode).toBe(403);
    const other = await buildFirm(h);
    expect((await h.get(`/api/v1/groups/${g.id}`, other.owner.token)).statusCode).toBe(404);
    expect((await h.post(`/api/v1/groups/${g.id}/archive`, {}, other.owner.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/groups/${g.id}`, firm.owner.token)).json()).toMatchObject({ name: "Corporate", archived: false });
  });
});
