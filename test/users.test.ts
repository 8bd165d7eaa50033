import { expect, it } from "vitest";
import { createActiveUser } from "../src/domain/users/create-active-user.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";

describeDb("user list", (h) => {
  async function people(firm: BuiltFirm) {
    const names = [["Ana", "Zimmer"], ["Bo", "Young"], ["Cy", "Xu"], ["Di", "Walsh"], ["Ed", "Vance"]];
    for (const [firstName, lastName] of names) {
      await h.db.transaction((tx) => createActiveUser(tx, h.clock, { firmId: firm.id, email: uniqueEmail(firstName), firstName: firstName!, lastName: lastName!, passwordHash: null, roleKeys: ["attorney"] }));
    }
    await h.db.transaction((tx) => createActiveUser(tx, h.clock, { firmId: firm.id, email: uniqueEmail("inv"), firstName: "Ivy", lastName: "Invited", passwordHash: null, status: "invited", roleKeys: ["paralegal"] }));
  }

  it("USR-4 the list shows active users by default, filters by status and pages by cursor", async () => {
    const firm = await buildFirm(h);
    await people(firm);
    const active = (await h.get("/api/v1/users", firm.owner.token)).json();
    expect(active.data).toHaveLength(6);
    expect(active.data.every((u: { status: string }) => u.status === "active")).toBe(true);
    const invited = (await h.get("/api/v1/users?status=invited", firm.owner.token)).json();
    expect(invited.data.map((u: { name: string }) => u.name)).toEqual(["Ivy Invited"]);
    expect((await h.get("/api/v1/users?status=all", firm.owner.token)).json().data).toHaveLength(7);

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { last_name: string }[]; next_cursor: string | null } = (await h.get(`/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ""}`, firm.owner.token)).json();
      names.push(...page.data.map((u) => u.last_name));
      cursor = page.next_cursor;
    } while (cursor);
    expect(names).toEqual(["Owner", "Vance", "Walsh", "Xu", "Young", "Zimmer"]);
  });

  it("USR-4 the list searches name and email and sorts both ways", async () => {
    const firm = await buildFirm(h);
    await people(firm);
    const found = (await h.get("/api/v1/users?q=WALSH", firm.owner.token)).json().data;
    expect(found.map((u: { name: string }) => u.name)).toEqual(["Di Walsh"]);
    const byEmail = (await h.get(`/api/v1/users?q=${encodeURIComponent("ed.")}`, firm.owner.token)).json().data;
    expect(byEmail.map((u: { name: string }) => u.name)).toEqual(["Ed Vance"]);
    expect((await h.get("/api/v1/users?q=%25", firm.owner.token)).json().data).toEqual([]);
    const desc = (await h.get("/api/v1/users?sort=-name", firm.owner.token)).json().data;
    expect(desc.map((u: { last_name: string }) => u.last_name)).toEqual(["Zimmer", "Young", "Xu", "Walsh", "Vance", "Owner"]);
  });

  it("USR-4 only managers of users see invited and deactivated people", async () => {
    const firm = await buildFirm(h);
    await people(firm);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.get("/api/v1/users", attorney.token)).statusCode).toBe(200);
    const res = await h.get("/api/v1/users?status=invited", attorney.token);
    expect(res.statusCode).toBe(403);
    const invitedId = (await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data[0].id;
    expect((await h.get(`/api/v1/users/${invitedId}`, attorney.token)).statusCode).toBe(404);
  });

  it("USR-5 a user has every field of the contract, an ETag, and abilities for the console", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const res = await h.get(`/api/v1/users/${attorney.id}`, firm.owner.token);
    expect(res.headers.etag).toMatch(/^"\d+"$/);
    const user = res.json();
    for (const field of ["id", "email", "first_name", "last_name", "name", "initials", "time_zone", "address", "city", "state", "zip", "country", "phone", "subscription_type", "status", "is_primary_subscriber", "roles", "groups", "addons", "invitation", "deactivated_at", "scheduled_deactivation_at", "created_at", "updated_at"]) {
      expect(user, field).toHaveProperty(field);
    }
    expect(user).not.toHaveProperty("password_hash");
    // ADD-1: the add-ons the user really holds (none yet).
    expect(user.addons).toEqual([]);
    expect(user.abilities).toMatchObject({ edit: true, change_roles: true, deactivate: true });
    const asAttorney = (await h.get(`/api/v1/users/${firm.owner.id}`, attorney.token)).json();
    expect(asAttorney.abilities).toMatchObject({ edit: false, change_roles: false, deactivate: false });
  });
});
