import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { addonAllocations, addons, charges } from "../src/db/schema.js";
import { describeDb, withTwoInstances, type Harness } from "./helpers/harness.js";
import { buildAdmin, buildFirm, buildUser, invite, PASSWORD, signIn, type BuiltFirm } from "./helpers/factories.js";

const DAY = 86400_000;

interface AddonView {
  key: string;
  status: string;
  total: number;
  allocated: number;
  available: number;
  trial_ends_at: string | null;
  trial_available: boolean;
}

async function addon(h: Harness, firm: BuiltFirm, key: string): Promise<AddonView> {
  const res = await h.get("/api/v1/addons", firm.owner.token);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as AddonView[]).find((a) => a.key === key)!;
}

async function ledger(h: Harness, firm: BuiltFirm) {
  return (await h.get("/api/v1/charges", firm.owner.token)).json().data as { kind: string; addon: string | null; count: number; amount_cents: number; period_start: string }[];
}

const buy = (h: Harness, firm: BuiltFirm, key: string, body: Record<string, unknown>) => h.post(`/api/v1/addons/${key}/licenses`, body, firm.owner.token);
const allocate = (h: Harness, firm: BuiltFirm, key: string, userId: string, token = firm.owner.token) =>
  h.post(`/api/v1/addons/${key}/allocations`, { user_id: userId }, token);
const userAddons = async (h: Harness, firm: BuiltFirm, id: string) => (await h.get(`/api/v1/users/${id}`, firm.owner.token)).json().addons as string[];

async function feedKinds(h: Harness, firm: BuiltFirm, kind: string) {
  return (await h.get(`/api/v1/activities?kind=${kind}`, firm.owner.token)).json().data as { kind: string; subject_id: string; changes: Record<string, { before: unknown; after: unknown }> }[];
}

describeDb("add-on licenses", (h) => {
  it("ADD-1 every add-on is listed, inactive until bought; buying is quoted, prorated, charged once and recorded", async () => {
    const firm = await buildFirm(h, { plan: "monthly" });
    const listed = (await h.get("/api/v1/addons", firm.owner.token)).json().data as AddonView[];
    expect(listed.map((a) => [a.key, a.status, a.total])).toEqual([
      ["personal_injury", "inactive", 0],
      ["work", "inactive", 0],
    ]);
    // Ten days into a 30-day period, 20 of 30 days are left: 3900 x 3 x 2/3 = 7800.
    h.clock.advance(10 * DAY);
    const quote = (await h.post("/api/v1/addons/personal_injury/quote", { count: 3 }, firm.owner.token)).json();
    expect(quote).toEqual({ count: 3, amount_cents: 7800, currency: "USD" });
    expect((await addon(h, firm, "personal_injury")).total).toBe(0);

    // Without the confirmation nothing is bought.
    const unconfirmed = await buy(h, firm, "personal_injury", { count: 3 });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().errors[0].path).toBe("confirm");
    expect(await ledger(h, firm)).toHaveLength(1);

    const send = () => h.request({ method: "POST", url: "/api/v1/addons/personal_injury/licenses", payload: { count: 3, confirm: true }, token: firm.owner.token, headers: { "idempotency-key": "pi-3" } });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().addon).toMatchObject({ key: "personal_injury", status: "active", total: 3, allocated: 0, available: 3 });
    expect(first.json().charge).toMatchObject({ kind: "addon_licenses", addon: "personal_injury", count: 3, amount_cents: 7800 });
    const again = await send();
    expect(again.json()).toEqual(first.json());
    const addonCharges = (await ledger(h, firm)).filter((c) => c.addon === "personal_injury");
    expect(addonCharges).toHaveLength(1);
    expect((await feedKinds(h, firm, "addon.purchased"))[0]!.changes.total_licenses).toEqual({ before: 0, after: 3 });
    // The estimated next bill counts the add-on: 10 licenses at 59.00 and 3 add-on licenses at 39.00.
    expect((await h.get("/api/v1/licenses", firm.owner.token)).json().next_bill_estimate_cents).toBe(10 * 5900 + 3 * 3900);
  });

  it("ADD-1 add-ons go to active users only: never invited, deactivated, foreign, twice, or beyond the licenses; each refusal changes nothing", async () => {
    const firm = await buildFirm(h);
    const other = await buildFirm(h);
    const stranger = await buildUser(h, other);
    const [a, b, c] = [await buildUser(h, firm), await buildUser(h, firm), await buildUser(h, firm)];
    const { email } = await invite(h, firm);
    const invited = (await h.get(`/api/v1/users?status=invited`, firm.owner.token)).json().data.find((u: { email: string }) => u.email === email);

    // Nothing bought yet.
    const none = await allocate(h, firm, "personal_injury", a.id);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe("no_available_license");

    await buy(h, firm, "personal_injury", { count: 2, confirm: true });
    expect((await allocate(h, firm, "personal_injury", a.id)).statusCode).toBe(201);
    expect(await userAddons(h, firm, a.id)).toEqual(["personal_injury"]);

    const twice = await allocate(h, firm, "personal_injury", a.id);
    expect([twice.statusCode, twice.json().code]).toEqual([409, "addon_already_allocated"]);
    const toInvited = await allocate(h, firm, "personal_injury", invited.id);
    expect([toInvited.statusCode, toInvited.json().code]).toEqual([409, "user_not_active"]);
    expect(toInvited.json().errors[0].path).toBe("user_id");
    const foreign = await allocate(h, firm, "personal_injury", stranger.id);
    expect(foreign.statusCode).toBe(404);
    const unknownKey = await h.post("/api/v1/addons/bankruptcy/allocations", { user_id: a.id }, firm.owner.token);
    expect([unknownKey.statusCode, unknownKey.json().errors[0].path]).toEqual([400, "key"]);
    for (const bad of [{}, { user_id: "" }, { user_id: 42 }, { user_id: "x".repeat(500) }, { user_id: a.id, extra: 1 }]) {
      const res = await h.post("/api/v1/addons/personal_injury/allocations", bad, firm.owner.token);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }

    await h.post(`/api/v1/users/${c.id}/deactivate`, {}, firm.owner.token);
    const toDeactivated = await allocate(h, firm, "personal_injury", c.id);
    expect([toDeactivated.statusCode, toDeactivated.json().code]).toEqual([409, "user_not_active"]);

    expect((await allocate(h, firm, "personal_injury", b.id)).statusCode).toBe(201);
    const full = await allocate(h, firm, "personal_injury", (await buildUser(h, firm)).id);
    expect([full.statusCode, full.json().code]).toEqual([409, "no_available_license"]);

    // A non-administrator may not allocate.
    const attorney = await buildUser(h, firm);
    expect((await allocate(h, firm, "personal_injury", attorney.id, attorney.token)).statusCode).toBe(403);

    expect(await addon(h, firm, "personal_injury")).toMatchObject({ total: 2, allocated: 2, available: 0 });
    const rows = await h.db.select().from(addonAllocations).where(eq(addonAllocations.firmId, firm.id));
    expect(rows.map((r) => r.userId).sort()).toEqual([a.id, b.id].sort());
  });

  it("ADD-1 deallocating frees the license at once; the user list shows and filters who holds which", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const a = await buildUser(h, firm, ["attorney"], { firstName: "Ada", lastName: "Holder" });
    const b = await buildUser(h, firm, ["attorney"], { firstName: "Ben", lastName: "Holder" });
    await buy(h, firm, "personal_injury", { count: 1, confirm: true });
    await buy(h, firm, "work", { count: 2, confirm: true });
    await allocate(h, firm, "personal_injury", a.id, admin.token);
    await allocate(h, firm, "work", a.id, admin.token);
    await allocate(h, firm, "work", b.id, admin.token);

    const list = (await h.get("/api/v1/users?q=holder", firm.owner.token)).json().data as { id: string; addons: string[] }[];
    expect(Object.fromEntries(list.map((u) => [u.id, u.addons]))).toEqual({ [a.id]: ["personal_injury", "work"], [b.id]: ["work"] });
    const pi = (await h.get("/api/v1/users?addon=personal_injury", firm.owner.token)).json().data as { id: string }[];
    expect(pi.map((u) => u.id)).toEqual([a.id]);
    expect((await h.get("/api/v1/users?addon=nope", firm.owner.token)).statusCode).toBe(400);
    const csv = (await h.get("/api/v1/users.csv?addon=work", firm.owner.token)).body;
    expect(csv.split("\r\n")[0]).toContain("addons");
    expect(csv).toContain("Personal injury; Work");

    const removed = await h.delete(`/api/v1/addons/personal_injury/allocations/${a.id}`, admin.token);
    expect(removed.statusCode).toBe(204);
    expect(await userAddons(h, firm, a.id)).toEqual(["work"]);
    expect(await addon(h, firm, "personal_injury")).toMatchObject({ allocated: 0, available: 1 });
    expect((await h.delete(`/api/v1/addons/personal_injury/allocations/${a.id}`, admin.token)).statusCode).toBe(404);
    const feed = await feedKinds(h, firm, "addon.deallocated");
    expect(feed[0]).toMatchObject({ subject_id: a.id, changes: { addon: { before: "personal_injury", after: null } } });
  });

  it("ADD-1 LIC-8 concurrent allocations never exceed the add-on's licenses", async () => {
    const firm = await buildFirm(h);
    await buy(h, firm, "work", { count: 3, confirm: true });
    const people = await Promise.all(Array.from({ length: 8 }, () => buildUser(h, firm)));
    const results = await Promise.all(people.map((p) => allocate(h, firm, "work", p.id)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === "no_available_license")).toBe(true);
    expect(await addon(h, firm, "work")).toMatchObject({ total: 3, allocated: 3, available: 0 });
  });

  it("ADD-2 deactivation drops the user's add-ons, and reactivation does not bring them back", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm);
    await buy(h, firm, "personal_injury", { count: 1, confirm: true });
    await buy(h, firm, "work", { count: 1, confirm: true });
    await allocate(h, firm, "personal_injury", a.id);
    await allocate(h, firm, "work", a.id);
    expect((await h.post(`/api/v1/users/${a.id}/deactivate`, {}, firm.owner.token)).statusCode).toBe(200);
    expect(await userAddons(h, firm, a.id)).toEqual([]);
    expect(await addon(h, firm, "work")).toMatchObject({ allocated: 0, available: 1 });
    const entry = (await feedKinds(h, firm, "user.deactivated"))[0]!;
    expect(entry.changes.addons_dropped).toEqual({ before: null, after: ["personal_injury", "work"] });

    const back = await h.post(`/api/v1/users/${a.id}/reactivate`, {}, firm.owner.token);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().addons).toEqual([]);
    expect(await h.db.select().from(addonAllocations).where(eq(addonAllocations.userId, a.id))).toHaveLength(0);
  });

  it("ADD-3 the work add-on starts as a trial with an end date and converts to paid at its end through the scheduler", async () => {
    const firm = await buildFirm(h, { plan: "monthly" });
    const a = await buildUser(h, firm);
    const started = await buy(h, firm, "work", { count: 2, trial: true });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().charge).toBeNull();
    expect(started.json().addon).toMatchObject({ status: "trial", total: 2, trial_ends_at: "2026-12-07T10:00:00.000Z", trial_available: false });
    expect((await allocate(h, firm, "work", a.id)).statusCode).toBe(201);
    // More licenses during the trial join it free.
    const quote = (await h.post("/api/v1/addons/work/quote", { count: 1 }, firm.owner.token)).json();
    expect(quote.amount_cents).toBe(0);
    expect((await buy(h, firm, "work", { count: 1, confirm: true })).json()).toMatchObject({ addon: { status: "trial", total: 3 }, charge: null });
    // A trial is for a first start only; personal injury has none.
    expect((await buy(h, firm, "work", { count: 1, trial: true })).json().code).toBe("addon_trial_unavailable");
    const noTrial = await buy(h, firm, "personal_injury", { count: 1, trial: true });
    expect([noTrial.statusCode, noTrial.json().errors[0].path]).toEqual([400, "trial"]);
    expect((await ledger(h, firm)).filter((c) => c.addon)).toHaveLength(0);

    // The day before it ends, nothing yet.
    await h.post("/api/v1/_test/clock", { advance_seconds: 13 * 86400 });
    expect((await addon(h, firm, "work")).status).toBe("trial");
    await h.post("/api/v1/_test/clock", { advance_seconds: 86400 });
    expect(await addon(h, firm, "work")).toMatchObject({ status: "active", total: 3, allocated: 1, trial_ends_at: null });
    const conversion = (await ledger(h, firm)).filter((c) => c.kind === "addon_trial_conversion");
    // From 7 Dec to the period's end on 23 Dec: 16 of 30 days, 2500 x 3 x 16/30 = 4000.
    expect(conversion).toEqual([expect.objectContaining({ addon: "work", count: 3, amount_cents: 4000, period_start: "2026-12-07T10:00:00.000Z" })]);
    expect(await feedKinds(h, firm, "addon.trial_converted")).toHaveLength(1);
    // Opting out after the end is refused and changes nothing.
    const late = await h.post("/api/v1/addons/work/opt-out", {}, firm.owner.token);
    expect([late.statusCode, late.json().code]).toEqual([409, "addon_trial_not_active"]);
    expect((await addon(h, firm, "work")).status).toBe("active");

    // The renewal charges the paid add-on with the subscription.
    await h.post("/api/v1/_test/clock", { advance_seconds: 17 * 86400 });
    firm.owner.token = await signIn(h, firm.owner.email);
    const renewal = (await ledger(h, firm)).filter((c) => c.kind === "addon_renewal");
    expect(renewal).toEqual([expect.objectContaining({ addon: "work", count: 3, amount_cents: 7500 })]);
  });

  it("ADD-3 opting out before the trial ends charges nothing, takes the add-on back from its holders, and cannot be repeated", async () => {
    const firm = await buildFirm(h);
    const a = await buildUser(h, firm);
    await buy(h, firm, "work", { count: 2, trial: true });
    await allocate(h, firm, "work", a.id);
    const attorney = await buildUser(h, firm);
    expect((await h.post("/api/v1/addons/work/opt-out", {}, attorney.token)).statusCode).toBe(403);
    h.clock.advance(5 * DAY);
    const out = await h.post("/api/v1/addons/work/opt-out", {}, firm.owner.token);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: "opted_out", total: 0, allocated: 0, trial_ends_at: null });
    expect(await userAddons(h, firm, a.id)).toEqual([]);
    expect((await h.post("/api/v1/addons/work/opt-out", {}, firm.owner.token)).json().code).toBe("addon_trial_not_active");
    // Past the trial's end nothing converts.
    await h.post("/api/v1/_test/clock", { advance_seconds: 40 * 86400 });
    firm.owner.token = await signIn(h, firm.owner.email);
    expect((await addon(h, firm, "work")).status).toBe("opted_out");
    const addonCharges = await h.db.select().from(charges).where(and(eq(charges.firmId, firm.id), eq(charges.addonKey, "work")));
    expect(addonCharges).toHaveLength(0);
    expect(await feedKinds(h, firm, "addon.trial_opted_out")).toHaveLength(1);
    // Buying it later is a plain purchase.
    expect((await buy(h, firm, "work", { count: 1, confirm: true })).json().addon).toMatchObject({ status: "active", total: 1 });
  });

  it("ADD-3 CLS-2 a closed firm's trial never converts and its paid add-ons never renew: no charge ever again", async () => {
    const firm = await buildFirm(h, { plan: "monthly" });
    await buy(h, firm, "personal_injury", { count: 2, confirm: true });
    await buy(h, firm, "work", { count: 2, trial: true });
    const before = await h.db.select().from(charges).where(eq(charges.firmId, firm.id));
    const closed = await h.post("/api/v1/firm/close", { reason: "Retiring", password: PASSWORD, firm_name: firm.name }, firm.owner.token);
    expect(closed.statusCode, closed.body).toBe(200);
    // Past the trial's end and past the period's renewal.
    await h.post("/api/v1/_test/clock", { advance_seconds: 40 * 86400 });
    const after = await h.db.select().from(charges).where(eq(charges.firmId, firm.id));
    expect(after).toHaveLength(before.length);
    const [work] = await h.db.select().from(addons).where(and(eq(addons.firmId, firm.id), eq(addons.key, "work")));
    expect(work!.status).toBe("trial");
  });

  it("ADD-1 two instances allocating at once never exceed the add-on's licenses", async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url || h.backend.name !== "postgres") return;
    await withTwoInstances(url, async (one, two) => {
      const firm = await buildFirm(one);
      expect((await buy(one, firm, "personal_injury", { count: 2, confirm: true })).statusCode).toBe(201);
      const people = await Promise.all(Array.from({ length: 6 }, () => buildUser(one, firm)));
      const results = await Promise.all(people.map((p, i) => allocate(i % 2 ? two : one, firm, "personal_injury", p.id)));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
      expect(await addon(two, firm, "personal_injury")).toMatchObject({ allocated: 2, available: 0 });
    });
  });
});
