import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { sessions } from "../src/db/schema.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, signIn, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";

const licenses = async (h: Harness, firm: BuiltFirm) => (await h.get("/api/v1/licenses", firm.owner.token)).json();

describeDb("deactivation and reactivation", (h) => {
  it("DEA-1 administrators deactivate users; nobody deactivates the primary subscriber, nor themselves", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.post(`/api/v1/users/${firm.owner.id}/deactivate`, {}, admin.token)).statusCode).toBe(403);
    expect((await h.post(`/api/v1/users/${admin.id}/deactivate`, {}, admin.token)).statusCode).toBe(403);
    expect((await h.post(`/api/v1/users/${admin.id}/deactivate`, {}, attorney.token)).statusCode).toBe(403);
    const res = await h.post(`/api/v1/users/${attorney.id}/deactivate`, {}, admin.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ status: "deactivated", deactivated_at: h.clock.now().toISOString() });
    expect(res.json().private_matters).toBe(0);
    const other = await buildFirm(h);
    expect((await h.post(`/api/v1/users/${admin.id}/deactivate`, {}, other.owner.token)).statusCode).toBe(404);
  });

  it("DEA-3 deactivation ends every session and API token: a signed-in user is signed out at their next request", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["paralegal"]);
    const apiToken = (await h.post("/api/v1/me/tokens", { name: "sync" }, user.token)).json().token;
    const second = await signIn(h, user.email);
    await h.post(`/api/v1/users/${user.id}/deactivate`, {}, firm.owner.token);
    for (const token of [user.token, apiToken, second]) expect((await h.get("/api/v1/me", token)).statusCode).toBe(401);
    const rows = await h.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.every((s) => s.revokedAt !== null)).toBe(true);
    expect((await h.post("/api/v1/sessions", { email: user.email, password: "quiet-harbour-lantern-42" })).statusCode).toBe(401);
    const [entry] = (await h.get("/api/v1/activities?kind=user.deactivated", firm.owner.token)).json().data;
    expect(entry.changes.status).toEqual({ before: "active", after: "deactivated" });
  });

  it("USR-1 nothing removes a user: there is no delete, and a deactivated user and their activity stay", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"], { firstName: "Kept", lastName: "Record" });
    await h.post("/api/v1/me/tokens", { name: "their work" }, user.token);
    const del = await h.delete(`/api/v1/users/${user.id}`, firm.owner.token);
    expect(del.statusCode).toBe(404);
    await h.post(`/api/v1/users/${user.id}/deactivate`, {}, firm.owner.token);
    const listed = (await h.get("/api/v1/users?status=deactivated", firm.owner.token)).json().data;
    expect(listed.map((u: { name: string }) => u.name)).toEqual(["Kept Record"]);
    const activity = (await h.get(`/api/v1/users/${user.id}/activity`, firm.owner.token)).json().data;
    expect(activity.map((a: { kind: string }) => a.kind)).toEqual(["user.deactivated", "api_token.created", "user.created"]);
  });

  it("DEA-7 a deactivated user cannot be put in a group, yet keeps the memberships they had", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const kept = (await h.post("/api/v1/groups", { name: "Before", member_ids: [user.id] }, firm.owner.token)).json();
    await h.post(`/api/v1/users/${user.id}/deactivate`, {}, firm.owner.token);
    const refused = await h.post("/api/v1/groups", { name: "After", member_ids: [user.id] }, firm.owner.token);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ path: "member_ids.0", message: "Deactivated users cannot join groups." });
    const other = (await h.post("/api/v1/groups", { name: "Other" }, firm.owner.token)).json();
    expect((await h.patch(`/api/v1/groups/${other.id}`, { member_ids: [user.id] }, firm.owner.token)).statusCode).toBe(400);
    expect((await h.get(`/api/v1/groups/${kept.id}`, firm.owner.token)).json().member_ids).toEqual([user.id]);
  });

  it("LIC-9 deactivation frees the user's license, which stays available", async () => {
    const firm = await buildFirm(h, { licenses: 3 });
    const user = await buildUser(h, firm, ["attorney"]);
    expect(await licenses(h, firm)).toMatchObject({ total: 3, occupied: 2, available: 1 });
    await h.post(`/api/v1/users/${user.id}/deactivate`, {}, firm.owner.token);
    expect(await licenses(h, firm)).toMatchObject({ total: 3, occupied: 1, available: 2, pending_removal: 0 });
  });

  it("LIC-9 asked to, deactivation schedules the freed license for removal at the next bill", async () => {
    const firm = await buildFirm(h, { licenses: 3, price_cents: 1000 });
    const user = await buildUser(h, firm, ["attorney"]);
    await h.post(`/api/v1/users/${user.id}/deactivate`, { remove_license_at_next_bill: true }, firm.owner.token);
    expect(await licenses(h, firm)).toMatchObject({ total: 3, occupied: 1, available: 1, pending_removal: 1, next_bill_estimate_cents: 2000 });
  });

  it("DEA-8 reactivation needs a license: refused with a quote, or bought when confirmed; roles come back", async () => {
    const firm = await buildFirm(h, { licenses: 2 });
    const user = await buildUser(h, firm, ["billing"]);
    await h.post(`/api/v1/users/${user.id}/deactivate`, { remove_license_at_next_bill: true }, firm.owner.token);
    const refused = await h.post(`/api/v1/users/${user.id}/reactivate`, {}, firm.owner.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "license_purchase_required", quote: { count: 1 } });
    const res = await h.post(`/api/v1/users/${user.id}/reactivate`, { confirm_purchase: true }, firm.owner.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "active", roles: [{ name: "Billing" }], deactivated_at: null });
    expect(await licenses(h, firm)).toMatchObject({ total: 3, occupied: 2, pending_removal: 1, available: 0 });
    expect((await h.post("/api/v1/sessions", { email: user.email, password: "quiet-harbour-lantern-42" })).statusCode).toBe(201);
  });

  it("DEA-8 if the email was taken meanwhile, reactivation is refused, or done with a new email given in the same request", async () => {
    const firm = await buildFirm(h, { licenses: 5 });
    const user = await buildUser(h, firm, ["attorney"]);
    await h.post(`/api/v1/users/${user.id}/deactivate`, {}, firm.owner.token);
    const elsewhere = await buildFirm(h);
    await buildUser(h, elsewhere, ["attorney"], { email: user.email.toUpperCase() });
    const refused = await h.post(`/api/v1/users/${user.id}/reactivate`, {}, firm.owner.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("email_in_use");
    const fresh = uniqueEmail("back");
    const res = await h.post(`/api/v1/users/${user.id}/reactivate`, { email: fresh }, firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "active", email: fresh });
  });

  it("DEA-9 deactivation can be scheduled, changed and cancelled; it happens when the moment comes", async () => {
    const firm = await buildFirm(h, { licenses: 4 });
    const user = await buildUser(h, firm, ["attorney"]);
    const past = await h.post(`/api/v1/users/${user.id}/deactivate`, { at: "2026-11-01T00:00:00.000Z" }, firm.owner.token);
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe("at");
    const first = await h.post(`/api/v1/users/${user.id}/deactivate`, { at: "2026-11-25T09:00:00.000Z" }, firm.owner.token);
    expect(first.json().user).toMatchObject({ status: "active", scheduled_deactivation_at: "2026-11-25T09:00:00.000Z" });
    expect(first.json().user.abilities.cancel_scheduled_deactivation).toBe(true);
    const changed = await h.post(`/api/v1/users/${user.id}/deactivate`, { at: "2026-11-27T09:00:00.000Z", remove_license_at_next_bill: true }, firm.owner.token);
    expect(changed.json().user.scheduled_deactivation_at).toBe("2026-11-27T09:00:00.000Z");
    await h.post("/api/v1/_test/clock", { now: "2026-11-26T00:00:00.000Z" });
    expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(200);
    await h.post("/api/v1/_test/clock", { now: "2026-11-27T09:00:00.000Z" });
    expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(401);
    const owner = await signIn(h, firm.owner.email);
    expect((await h.get(`/api/v1/users/${user.id}`, owner)).json()).toMatchObject({ status: "deactivated", scheduled_deactivation_at: null });
    expect((await h.get("/api/v1/licenses", owner)).json()).toMatchObject({ pending_removal: 1 });
  });

  it("DEA-9 USR-5 scheduling and cancelling change the user's version: an edit made with the older ETag is refused with 412", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["paralegal"]);
    for (const step of ["schedule", "cancel"] as const) {
      const etag = (await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).headers.etag as string;
      const res =
        step === "schedule"
          ? await h.post(`/api/v1/users/${user.id}/deactivate`, { at: "2026-12-24T09:00:00.000Z" }, firm.owner.token)
          : await h.request({ method: "DELETE", url: `/api/v1/users/${user.id}/scheduled-deactivation`, token: firm.owner.token });
      expect(res.statusCode, res.body).toBeLessThan(300);
      const stale = await h.request({ method: "PATCH", url: `/api/v1/users/${user.id}`, token: firm.owner.token, headers: { "if-match": etag }, payload: { city: "York" } });
      expect(stale.statusCode, step).toBe(412);
      expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json().city).toBeNull();
    }
  });

  it("DEA-9 a cancelled scheduled deactivation never happens", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    await h.post(`/api/v1/users/${user.id}/deactivate`, { at: "2026-11-24T09:00:00.000Z" }, firm.owner.token);
    expect((await h.delete(`/api/v1/users/${user.id}/scheduled-deactivation`, firm.owner.token)).statusCode).toBe(204);
    expect((await h.delete(`/api/v1/users/${user.id}/scheduled-deactivation`, firm.owner.token)).statusCode).toBe(404);
    await h.post("/api/v1/_test/clock", { now: "2026-11-25T00:00:00.000Z" });
    expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(200);
  });
});
