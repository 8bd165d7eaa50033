import { expect, it } from "vitest";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, roleId, type BuiltFirm } from "./helpers/factories.js";

const roleNames = async (h: Harness, token: string, userId: string) =>
  ((await h.get(`/api/v1/users/${userId}`, token)).json().roles as { name: string }[]).map((r) => r.name);

async function customRole(h: Harness, firm: BuiltFirm, name = "Intake", permissions = ["contacts.edit", "reports.view"]) {
  const res = await h.post("/api/v1/roles", { name, permissions }, firm.owner.token);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; permissions: string[]; system: boolean };
}

describeDb("roles and permissions", (h) => {
  it("ROL-1 the five built-in roles are listed with their permissions and cannot be renamed, edited or deleted", async () => {
    const firm = await buildFirm(h);
    const list = (await h.get("/api/v1/roles", firm.owner.token)).json().data;
    expect(list.map((r: { name: string }) => r.name)).toEqual(["Administrator", "Attorney", "Billing", "Paralegal", "Read only"]);
    expect(list.every((r: { system: boolean }) => r.system)).toBe(true);
    const attorney = await roleId(h, firm, "Attorney");
    for (const res of [
      await h.patch(`/api/v1/roles/${attorney}`, { name: "Lawyer" }, firm.owner.token),
      await h.patch(`/api/v1/roles/${attorney}`, { permissions: ["firm.settings"] }, firm.owner.token),
      await h.delete(`/api/v1/roles/${attorney}`, firm.owner.token),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe("role_immutable");
    }
    const after = (await h.get(`/api/v1/roles/${attorney}`, firm.owner.token)).json();
    expect(after).toMatchObject({ name: "Attorney", permissions: expect.not.arrayContaining(["firm.settings"]) });
    expect((await h.get("/api/v1/permissions", firm.owner.token)).json().data).toHaveLength(15);
  });

  it("ROL-2 administrators create, rename, edit and delete custom roles", async () => {
    const firm = await buildFirm(h);
    const role = await customRole(h, firm);
    expect(role).toMatchObject({ name: "Intake", system: false, permissions: ["contacts.edit", "reports.view"] });
    const renamed = await h.patch(`/api/v1/roles/${role.id}`, { name: "Client intake", permissions: ["contacts.edit"] }, firm.owner.token);
    expect(renamed.json()).toMatchObject({ name: "Client intake", permissions: ["contacts.edit"] });
    expect((await h.delete(`/api/v1/roles/${role.id}`, firm.owner.token)).statusCode).toBe(204);
    expect((await h.get(`/api/v1/roles/${role.id}`, firm.owner.token)).statusCode).toBe(404);
    const feed = (await h.get("/api/v1/activities?deletions_only=true", firm.owner.token)).json().data;
    expect(feed[0]).toMatchObject({ kind: "role.deleted", subject_label: "Client intake" });
  });

  it("ROL-2 a role still held cannot be deleted; names are unique; permission keys must exist", async () => {
    const firm = await buildFirm(h);
    const role = await customRole(h, firm);
    const user = await buildUser(h, firm, ["read_only"]);
    await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [user.id], role_ids: [role.id] }, firm.owner.token);
    const held = await h.delete(`/api/v1/roles/${role.id}`, firm.owner.token);
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: "role_in_use", holders: 1 });
    const dup = await h.post("/api/v1/roles", { name: "intake", permissions: [] }, firm.owner.token);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe("name");
    const clashBuiltIn = await h.post("/api/v1/roles", { name: "ADMINISTRATOR", permissions: [] }, firm.owner.token);
    expect(clashBuiltIn.statusCode).toBe(409);
    const badKey = await h.post("/api/v1/roles", { name: "Odd", permissions: ["users.manage", "root"] }, firm.owner.token);
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().errors[0].path).toBe("permissions.1");
    expect((await h.get(`/api/v1/roles/${role.id}`, firm.owner.token)).json().holders).toBe(1);
  });

  it("ROL-2 only those with roles.manage change roles; another firm's role answers 404", async () => {
    const firm = await buildFirm(h);
    const role = await customRole(h, firm);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.post("/api/v1/roles", { name: "Mine", permissions: [] }, attorney.token)).statusCode).toBe(403);
    expect((await h.patch(`/api/v1/roles/${role.id}`, { name: "Mine" }, attorney.token)).statusCode).toBe(403);
    const other = await buildFirm(h);
    expect((await h.patch(`/api/v1/roles/${role.id}`, { name: "Theirs" }, other.owner.token)).statusCode).toBe(404);
    expect((await h.delete(`/api/v1/roles/${role.id}`, other.owner.token)).statusCode).toBe(404);
    expect((await h.get(`/api/v1/roles/${role.id}`, firm.owner.token)).json().name).toBe("Intake");
  });

  it("ROL-3 every user holds at least one role: removing the last one is refused", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["paralegal"]);
    const res = await h.patch(`/api/v1/users/${user.id}`, { role_ids: [] }, firm.owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("role_ids");
    expect(await roleNames(h, firm.owner.token, user.id)).toEqual(["Paralegal"]);
  });

  it("ROL-4 bulk assignment adds roles to every selected user and removes none", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["paralegal"]);
    const b = await buildUser(h, firm, ["billing", "attorney"]);
    const res = await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [a.id, b.id], role_ids: [await roleId(h, firm, "Attorney")] }, firm.owner.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 1 });
    expect(await roleNames(h, firm.owner.token, a.id)).toEqual(["Attorney", "Paralegal"]);
    expect(await roleNames(h, firm.owner.token, b.id)).toEqual(["Attorney", "Billing"]);
  });

  it("ROL-4 a bulk assignment naming someone who cannot be changed changes nobody", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const a = await buildUser(h, firm, ["paralegal"]);
    const res = await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [a.id, admin.id, firm.owner.id], role_ids: [await roleId(h, firm, "Billing")] }, admin.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["user_ids.1", "user_ids.2"]);
    expect(await roleNames(h, firm.owner.token, a.id)).toEqual(["Paralegal"]);
  });

  it("ROL-5 a change of roles takes effect on the user's very next request", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["read_only"]);
    expect((await h.get("/api/v1/activities", user.token)).statusCode).toBe(403);
    await h.patch(`/api/v1/users/${user.id}`, { role_ids: [await roleId(h, firm, "Administrator")] }, firm.owner.token);
    expect((await h.get("/api/v1/activities", user.token)).statusCode).toBe(200);
    await h.patch(`/api/v1/users/${user.id}`, { role_ids: [await roleId(h, firm, "Read only")] }, firm.owner.token);
    expect((await h.get("/api/v1/activities", user.token)).statusCode).toBe(403);
    const role = await customRole(h, firm, "Feed readers", ["feed.view"]);
    await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [user.id], role_ids: [role.id] }, firm.owner.token);
    expect((await h.get("/api/v1/activities", user.token)).statusCode).toBe(200);
    await h.patch(`/api/v1/roles/${role.id}`, { permissions: [] }, firm.owner.token);
    expect((await h.get("/api/v1/activities", user.token)).statusCode).toBe(403);
  });

  it("ROL-6 the primary subscriber always keeps the Administrator role", async () => {
    const firm = await buildFirm(h);
    const res = await h.patch(`/api/v1/users/${firm.owner.id}`, { role_ids: [await roleId(h, firm, "Attorney")] }, firm.owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: "role_ids", message: "The primary subscriber always keeps the Administrator role." });
    const added = await h.patch(`/api/v1/users/${firm.owner.id}`, { role_ids: [await roleId(h, firm, "Administrator"), await roleId(h, firm, "Attorney")] }, firm.owner.token);
    expect(added.statusCode).toBe(200);
    expect(await roleNames(h, firm.owner.token, firm.owner.id)).toEqual(["Administrator", "Attorney"]);
  });

  it("ROL-7 administrators cannot change their own roles; another administrator must", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const self = await h.patch(`/api/v1/users/${admin.id}`, { role_ids: [await roleId(h, firm, "Read only")] }, admin.token);
    expect(self.statusCode).toBe(403);
    expect(await roleNames(h, firm.owner.token, admin.id)).toEqual(["Administrator"]);
    const me = (await h.get("/api/v1/me", admin.token)).json();
    expect(me.abilities.change_roles).toBe(false);
    const other = await buildUser(h, firm, ["administrator"]);
    expect((await h.patch(`/api/v1/users/${admin.id}`, { role_ids: [await roleId(h, firm, "Billing")] }, other.token)).statusCode).toBe(200);
    expect(await roleNames(h, firm.owner.token, admin.id)).toEqual(["Billing"]);
  });
});
