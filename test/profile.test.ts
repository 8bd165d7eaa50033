import { expect, it } from "vitest";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";

describeDb("the user profile", (h) => {
  it("USR-5 a profile is edited field by field, validated, and the feed records before and after", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"], { firstName: "Ines", lastName: "Moreau" });
    const res = await h.patch(`/api/v1/users/${user.id}`, { initials: "IM", time_zone: "Europe/Paris", address: "12 rue de Rivoli", city: "Paris", zip: "75001", country: "France", phone: "+33 1 23 45 67 89" }, firm.owner.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ initials: "IM", time_zone: "Europe/Paris", city: "Paris", phone: "+33 1 23 45 67 89", state: null });
    const [entry] = (await h.get("/api/v1/activities?kind=user.updated", firm.owner.token)).json().data;
    expect(entry.changes).toMatchObject({ city: { before: null, after: "Paris" }, time_zone: { before: null, after: "Europe/Paris" } });
    expect(entry.changes).not.toHaveProperty("first_name");
  });

  it("USR-5 initials are letters only, time zones are IANA names, phones are phone numbers: all errors at once", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const res = await h.patch(`/api/v1/users/${user.id}`, { initials: "J.D", time_zone: "Mars/Olympus", phone: "call me", zip: "9".repeat(30), first_name: "" }, firm.owner.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["first_name", "initials", "phone", "time_zone", "zip"]);
    for (const tz of ["+05:00", "../etc", "UTC; drop table users"]) {
      expect((await h.patch(`/api/v1/users/${user.id}`, { time_zone: tz }, firm.owner.token)).statusCode).toBe(400);
    }
    const ok = await h.patch(`/api/v1/users/${user.id}`, { initials: "ÉLØ", time_zone: "America/Argentina/Buenos_Aires" }, firm.owner.token);
    expect(ok.statusCode).toBe(200);
    expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json().time_zone).toBe("America/Argentina/Buenos_Aires");
  });

  it("USR-5 the PATCH honours If-Match: a stale version is refused with 412 and changes nothing", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const loaded = await h.get(`/api/v1/users/${user.id}`, firm.owner.token);
    const etag = loaded.headers.etag as string;
    const first = await h.request({ method: "PATCH", url: `/api/v1/users/${user.id}`, token: firm.owner.token, headers: { "if-match": etag }, payload: { city: "Leeds" } });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    const stale = await h.request({ method: "PATCH", url: `/api/v1/users/${user.id}`, token: firm.owner.token, headers: { "if-match": etag }, payload: { city: "York" } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe("precondition_failed");
    const garbage = await h.request({ method: "PATCH", url: `/api/v1/users/${user.id}`, token: firm.owner.token, headers: { "if-match": "whatever" }, payload: { city: "York" } });
    expect(garbage.statusCode).toBe(412);
    expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json().city).toBe("Leeds");
  });

  it("ACC-4 administrators cannot change the primary subscriber's profile or roles; the primary subscriber can", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const res = await h.patch(`/api/v1/users/${firm.owner.id}`, { city: "Elsewhere" }, admin.token);
    expect(res.statusCode).toBe(403);
    expect((await h.patch(`/api/v1/users/${firm.owner.id}`, { subscription_type: "non_attorney" }, admin.token)).statusCode).toBe(403);
    expect((await h.post(`/api/v1/users/${firm.owner.id}/deactivate`, {}, admin.token)).statusCode).toBe(403);
    const owner = (await h.get(`/api/v1/users/${firm.owner.id}`, admin.token)).json();
    expect(owner.city).toBeNull();
    expect(owner.abilities).toMatchObject({ edit: false, change_roles: false, deactivate: false });
    expect((await h.patch(`/api/v1/users/${firm.owner.id}`, { city: "Boston" }, firm.owner.token)).json().city).toBe("Boston");
  });

  it("ACC-5 administrators edit the profile, roles and groups of every other user", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const user = await buildUser(h, firm, ["paralegal"]);
    const group = (await h.post("/api/v1/groups", { name: "Litigation" }, firm.owner.token)).json();
    const res = await h.patch(`/api/v1/users/${user.id}`, { last_name: "Renamed", subscription_type: "non_attorney", group_ids: [group.id] }, admin.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ last_name: "Renamed", subscription_type: "non_attorney", groups: [{ id: group.id, name: "Litigation" }] });
  });

  it("ACC-3 users without users.manage change only their own profile", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm, ["attorney"]);
    const b = await buildUser(h, firm, ["attorney"]);
    expect((await h.patch(`/api/v1/users/${a.id}`, { phone: "+1 617 555 0100" }, a.token)).statusCode).toBe(200);
    expect((await h.patch(`/api/v1/users/${b.id}`, { phone: "+1 617 555 0100" }, a.token)).statusCode).toBe(403);
    expect((await h.patch(`/api/v1/users/${a.id}`, { subscription_type: "non_attorney" }, a.token)).statusCode).toBe(403);
    expect((await h.post("/api/v1/groups", { name: "Mine" }, a.token)).statusCode).toBe(403);
    expect((await h.post("/api/v1/licenses", { count: 1, confirm: true }, a.token)).statusCode).toBe(403);
    expect((await h.patch("/api/v1/subscription", { remove_unused_licenses_at_renewal: true }, a.token)).statusCode).toBe(403);
  });

  it("ACC-3 a role granting only licenses.manage manages licenses and nothing else", async () => {
    const firm = await buildFirm(h);
    const role = (await h.post("/api/v1/roles", { name: "Licensing", permissions: ["licenses.manage"] }, firm.owner.token)).json();
    const clerk = await buildUser(h, firm, ["read_only"]);
    await h.post("/api/v1/users/bulk/assign-roles", { user_ids: [clerk.id], role_ids: [role.id] }, firm.owner.token);
    expect((await h.post("/api/v1/licenses", { count: 1, confirm: true }, clerk.token)).statusCode).toBe(201);
    expect((await h.post("/api/v1/groups", { name: "Nope" }, clerk.token)).statusCode).toBe(403);
    expect((await h.patch("/api/v1/subscription", { remove_unused_licenses_at_renewal: true }, clerk.token)).statusCode).toBe(403);
  });
});
