/**
 * USR-6: the user list filters by role, group and subscription type, and exports what it shows
 * as CSV (SEC-6). USR-7: acting on many selected users at once, each change checked as if made
 * alone, every refusal named with its reason.
 */
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, roleId, type BuiltFirm } from "./helpers/factories.js";

async function group(h: Harness, firm: BuiltFirm, name: string, memberIds: string[] = []) {
  const res = await h.post("/api/v1/groups", { name, member_ids: memberIds }, firm.owner.token);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const emails = (res: { json(): { data: { email: string }[] } }) => res.json().data.map((u) => u.email).sort();

describeDb("users in bulk", (h) => {
  it("USR-6 the list filters by role, group and subscription type, alone and together", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const paralegal = await buildUser(h, firm, ["paralegal"]);
    const billing = await buildUser(h, firm, ["billing", "attorney"]);
    await h.patch(`/api/v1/users/${paralegal.id}`, { subscription_type: "non_attorney" }, firm.owner.token);
    const litigation = await group(h, firm, "Litigation", [attorney.id, paralegal.id]);
    const role = await roleId(h, firm, "Attorney");
    const list = (q: string) => h.get(`/api/v1/users?${q}`, firm.owner.token);
    expect(emails(await list(`role_id=${role}`))).toEqual([attorney.email, billing.email].sort());
    expect(emails(await list(`group_id=${litigation}`))).toEqual([attorney.email, paralegal.email].sort());
    expect(emails(await list("subscription_type=non_attorney"))).toEqual([paralegal.email]);
    expect(emails(await list(`role_id=${role}&group_id=${litigation}`))).toEqual([attorney.email]);
    expect(emails(await list(`role_id=${role}&group_id=${litigation}&subscription_type=non_attorney`))).toEqual([]);
    // Another firm's role finds nobody here; a bad subscription type is a 400.
    const other = await buildFirm(h);
    expect((await list(`role_id=${await roleId(h, other, "Attorney")}`)).json().data).toEqual([]);
    expect((await list("subscription_type=partner")).statusCode).toBe(400);
  });

  it("USR-6 the list filters page by cursor like the unfiltered list", async () => {
    const firm = await buildFirm(h, { licenses: 20 });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await buildUser(h, firm, ["paralegal"]));
    const role = await roleId(h, firm, "Paralegal");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.get(`/api/v1/users?role_id=${role}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, firm.owner.token);
      seen.push(...res.json().data.map((u: { id: string }) => u.id));
      cursor = res.json().next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(made.map((u) => u.id).sort());
  });

  it("USR-6 SEC-6 the CSV export holds every user the filtered list shows, not one page, with formulas neutralised", async () => {
    const firm = await buildFirm(h, { licenses: 20 });
    const evil = await buildUser(h, firm, ["attorney"], { firstName: "=HYPERLINK(\"http://evil\")", lastName: "@SUM(A1)" });
    await h.patch(`/api/v1/users/${evil.id}`, { city: "+1+1", phone: "+1 312 555 0100" }, firm.owner.token);
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await buildUser(h, firm, ["attorney"]));
    await buildUser(h, firm, ["billing"]);
    const role = await roleId(h, firm, "Attorney");
    const res = await h.get(`/api/v1/users.csv?role_id=${role}`, firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="users-/);
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.email).sort()).toEqual([evil.email, ...others.map((o) => o.email)].sort());
    const row = rows.find((r) => r.email === evil.email)!;
    expect(row).toMatchObject({ first_name: "'=HYPERLINK(\"http://evil\")", last_name: "'@SUM(A1)", city: "'+1+1", phone: "'+1 312 555 0100", subscription_type: "Attorney", status: "active", roles: "Attorney" });
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The same filter on the list agrees; colleagues may export the active list, not the invited one.
    const list = await h.get(`/api/v1/users?role_id=${role}&limit=200`, firm.owner.token);
    expect(emails(list)).toEqual(rows.map((r) => r.email).sort());
    const attorney = others[0]!;
    expect((await h.get("/api/v1/users.csv", attorney.token)).statusCode).toBe(200);
    expect((await h.get("/api/v1/users.csv?status=invited", attorney.token)).statusCode).toBe(403);
  });

  it("USR-7 adds many users to a group and removes them again; each change is the user's own, in the feed", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const b = await buildUser(h, firm, ["paralegal"]);
    const g = await group(h, firm, "Appeals", [b.id]);
    const add = await h.post("/api/v1/users/bulk", { action: "add_to_group", user_ids: [a.id, b.id], group_id: g }, firm.owner.token);
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json()).toEqual({ updated: [a.id, b.id], refused: [] });
    expect((await h.get(`/api/v1/groups/${g}`, firm.owner.token)).json().member_ids.sort()).toEqual([a.id, b.id].sort());
    expect((await h.get(`/api/v1/users/${a.id}`, firm.owner.token)).json().groups).toEqual([{ id: g, name: "Appeals" }]);
    const feed = (await h.get(`/api/v1/users/${a.id}/activity`, firm.owner.token)).json().data;
    expect(feed[0]).toMatchObject({ kind: "user.updated", changes: { groups: { before: [], after: ["Appeals"] } } });
    const remove = await h.post("/api/v1/users/bulk", { action: "remove_from_group", user_ids: [a.id, b.id], group_id: g }, firm.owner.token);
    expect(remove.json()).toEqual({ updated: [a.id, b.id], refused: [] });
    expect((await h.get(`/api/v1/groups/${g}`, firm.owner.token)).json().member_ids).toEqual([]);
  });

  it("USR-7 each user is checked as if alone: the refused are named with why, and the rest still change", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const ok = await buildUser(h, firm, ["attorney"]);
    const leaver = await buildUser(h, firm, ["attorney"]);
    await h.post(`/api/v1/users/${leaver.id}/deactivate`, { leave_work: true }, firm.owner.token);
    const other = await buildFirm(h);
    const g = await group(h, firm, "Tax");
    const res = await h.post("/api/v1/users/bulk", { action: "add_to_group", user_ids: [ok.id, firm.owner.id, leaver.id, other.owner.id], group_id: g }, admin.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.updated).toEqual([ok.id]);
    expect(body.refused).toEqual([
      { user_id: firm.owner.id, code: "forbidden", detail: "You do not have permission to do this." },
      { user_id: leaver.id, code: "user_not_active", detail: "Deactivated users cannot join groups." },
      { user_id: other.owner.id, code: "not_found", detail: "User not found." },
    ]);
    expect((await h.get(`/api/v1/groups/${g}`, firm.owner.token)).json().member_ids).toEqual([ok.id]);
    // The same refusal as alone: PATCH of the owner's groups by an administrator is a 403 too.
    expect((await h.patch(`/api/v1/users/${firm.owner.id}`, { group_ids: [g] }, admin.token)).statusCode).toBe(403);
  });

  it("USR-7 SES-2 signs many users out everywhere: their sessions end, they stay active; another firm's user is refused", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const b = await buildUser(h, firm, ["paralegal"]);
    const { res: invited } = await invite(h, firm);
    const other = await buildFirm(h);
    const res = await h.post("/api/v1/users/bulk", { action: "sign_out_everywhere", user_ids: [a.id, b.id, invited.json().user.id, other.owner.id] }, firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().updated.sort()).toEqual([a.id, b.id, invited.json().user.id].sort());
    expect(res.json().refused).toEqual([{ user_id: other.owner.id, code: "not_found", detail: "User not found." }]);
    expect((await h.get("/api/v1/me", a.token)).statusCode).toBe(401);
    expect((await h.get("/api/v1/me", b.token)).statusCode).toBe(401);
    expect((await h.get(`/api/v1/users/${a.id}`, firm.owner.token)).json().status).toBe("active");
    expect((await h.get("/api/v1/me", other.owner.token)).statusCode).toBe(200);
  });

  it("USR-7 a group of another firm, an archived group to join, or no group: 400 and nothing changes; only managers of users act", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const other = await buildFirm(h);
    const foreign = await group(h, other, "Foreign");
    const archived = await group(h, firm, "Old");
    await h.post(`/api/v1/groups/${archived}/archive`, {}, firm.owner.token);
    for (const [body, path] of [
      [{ action: "add_to_group", user_ids: [a.id], group_id: foreign }, "group_id"],
      [{ action: "add_to_group", user_ids: [a.id], group_id: archived }, "group_id"],
      [{ action: "remove_from_group", user_ids: [a.id] }, "group_id"],
      [{ action: "promote", user_ids: [a.id] }, "action"],
      [{ action: "sign_out_everywhere", user_ids: [] }, "user_ids"],
    ] as const) {
      const res = await h.post("/api/v1/users/bulk", body, firm.owner.token);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].path).toBe(path);
    }
    expect((await h.get(`/api/v1/users/${a.id}`, firm.owner.token)).json().groups).toEqual([]);
    expect((await h.post("/api/v1/users/bulk", { action: "sign_out_everywhere", user_ids: [firm.owner.id] }, a.token)).statusCode).toBe(403);
    expect((await h.get("/api/v1/me", firm.owner.token)).statusCode).toBe(200);
  });

  it("USR-7 ROL-4 assigning roles in bulk still adds and never removes", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["paralegal"]);
    const res = await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [a.id], role_ids: [await roleId(h, firm, "Billing")] }, firm.owner.token);
    expect(res.json()).toEqual({ updated: 1 });
    expect((await h.get(`/api/v1/users/${a.id}`, firm.owner.token)).json().roles.map((r: { name: string }) => r.name)).toEqual(["Billing", "Paralegal"]);
  });
});
