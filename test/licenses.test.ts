import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { charges, firms, roles, userRoles, users } from "../src/db/schema.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, PASSWORD, roleId, signIn, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";
import { invitationToken } from "./helpers/mail.js";

const DAY = 86400_000;

async function licenses(h: Harness, firm: BuiltFirm) {
  const res = await h.get("/api/v1/licenses", firm.owner.token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function ledger(h: Harness, firm: BuiltFirm) {
  return (await h.get("/api/v1/charges", firm.owner.token)).json().data as { kind: string; count: number; amount_cents: number }[];
}

/** Every user of the firm, whatever their status, page by page. */
async function allUsers(h: Harness, token: string) {
  type Listed = { id: string; email: string; status: string; invitation: { id: string } | null };
  const all: Listed[] = [];
  let cursor: string | null = null;
  do {
    const res = await h.get(`/api/v1/users?status=all&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, token);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { data: Listed[]; next_cursor: string | null };
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

describeDb("licenses and billing", (h) => {
  it("LIC-1 a firm has a subscription: plan, price per license in cents, and the current period", async () => {
    const firm = await buildFirm(h, { plan: "monthly", price_cents: 6500, licenses: 4 });
    const view = await licenses(h, firm);
    expect(view).toMatchObject({ plan: "monthly", price_cents: 6500, currency: "USD", total: 4, period_start: "2026-11-23T10:00:00.000Z", period_end: "2026-12-23T10:00:00.000Z" });
  });

  it("LIC-2 active and invited users occupy a license each; deactivated ones do not; available = total - occupied - pending", async () => {
    const firm = await buildFirm(h, { licenses: 5 });
    await buildUser(h, firm, ["attorney"]);
    await invite(h, firm);
    await h.post("/api/v1/licenses/removals", { count: 1 }, firm.owner.token);
    expect(await licenses(h, firm)).toMatchObject({ total: 5, occupied: 3, pending_removal: 1, available: 1 });
    await h.db.update(users).set({ status: "deactivated" }).where(eq(users.email, (await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data[0].email));
    expect(await licenses(h, firm)).toMatchObject({ occupied: 2, available: 2 });
  });

  it("LIC-3 adding licenses takes effect at once and charges the prorated price, rounded half-up, quoted first", async () => {
    const firm = await buildFirm(h, { plan: "monthly", price_cents: 5999, licenses: 2 });
    // Period: 30 days from 23 Nov. Ten days in, 20 of 30 days are left.
    h.clock.advance(10 * DAY);
    const quote = (await h.post("/api/v1/licenses/quote", { count: 3 }, firm.owner.token)).json();
    // 5999 * 3 * 20/30 = 11998 exactly.
    expect(quote).toEqual({ count: 3, amount_cents: 11998, currency: "USD" });
    expect((await licenses(h, firm)).total).toBe(2);
    h.clock.advance(7 * 3600_000 + 1234);
    const q2 = (await h.post("/api/v1/licenses/quote", { count: 1 }, firm.owner.token)).json();
    const left = Date.parse("2026-12-23T10:00:00.000Z") - h.clock.now().getTime();
    expect(q2.amount_cents).toBe(Math.round((5999 * left) / (30 * DAY)));
    const bought = await h.post("/api/v1/licenses", { count: 1, confirm: true }, firm.owner.token);
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.json().charge).toMatchObject({ kind: "licenses", count: 1, amount_cents: q2.amount_cents });
    expect(bought.json().licenses).toMatchObject({ total: 3, available: 2 });
    expect((await ledger(h, firm)).map((c) => c.kind)).toEqual(["licenses", "subscription"]);
  });

  it("LIC-3 a purchase must be confirmed, and counts must be whole, positive and sane", async () => {
    const firm = await buildFirm(h, { licenses: 1 });
    for (const body of [{ count: 1 }, { count: 1, confirm: false }, { count: 0, confirm: true }, { count: -2, confirm: true }, { count: 1.5, confirm: true }, { count: 1e9, confirm: true }, { count: "2", confirm: true }]) {
      const res = await h.post("/api/v1/licenses", body, firm.owner.token);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe("validation_failed");
    }
    expect((await licenses(h, firm)).total).toBe(1);
    expect(await ledger(h, firm)).toHaveLength(1);
  });

  it("LIC-4 only available licenses can be removed, at the next period; pending ones cannot be assigned; the removal can be cancelled", async () => {
    const firm = await buildFirm(h, { licenses: 3 });
    const tooMany = await h.post("/api/v1/licenses/removals", { count: 3 }, firm.owner.token);
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json()).toMatchObject({ code: "no_available_license", available: 2 });
    const removal = await h.post("/api/v1/licenses/removals", { count: 2 }, firm.owner.token);
    expect(removal.statusCode).toBe(201);
    expect(removal.json()).toEqual({ pending_removal: 2, effective_at: "2026-12-23T10:00:00.000Z" });
    expect(await licenses(h, firm)).toMatchObject({ total: 3, pending_removal: 2, available: 0 });
    // A pending license cannot be given to anyone.
    const refused = await invite(h, firm);
    expect(refused.res.statusCode).toBe(409);
    expect(refused.res.json().code).toBe("license_purchase_required");
    expect((await h.delete("/api/v1/licenses/removals", firm.owner.token)).statusCode).toBe(204);
    expect(await licenses(h, firm)).toMatchObject({ pending_removal: 0, available: 2 });
    expect((await invite(h, firm)).res.statusCode).toBe(201);
  });

  it("LIC-5 annual plans may drop unused licenses at renewal; monthly plans have no such option", async () => {
    const monthly = await buildFirm(h, { plan: "monthly" });
    const refused = await h.patch("/api/v1/subscription", { remove_unused_licenses_at_renewal: true }, monthly.owner.token);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe("remove_unused_licenses_at_renewal");

    const firm = await buildFirm(h, { plan: "annual", price_cents: 40000, licenses: 6 });
    await buildUser(h, firm, ["attorney"]);
    const res = await h.patch("/api/v1/subscription", { remove_unused_licenses_at_renewal: true }, firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().remove_unused_at_renewal).toBe(true);
    expect((await licenses(h, firm)).next_bill_estimate_cents).toBe(2 * 40000);
    await h.post("/api/v1/_test/clock", { advance_seconds: 366 * 86400 });
    firm.owner.token = await signIn(h, firm.owner.email);
    expect(await licenses(h, firm)).toMatchObject({ total: 2, occupied: 2, available: 0 });
    expect((await ledger(h, firm))[0]).toMatchObject({ kind: "renewal", count: 2, amount_cents: 80000 });
  });

  it("LIC-6 at the end of a period scheduled removals apply, then the new period is charged in full", async () => {
    const firm = await buildFirm(h, { plan: "monthly", price_cents: 5000, licenses: 5 });
    await h.post("/api/v1/licenses/removals", { count: 2 }, firm.owner.token);
    const before = await licenses(h, firm);
    expect(before.next_bill_estimate_cents).toBe(3 * 5000);
    const moved = await h.post("/api/v1/_test/clock", { now: "2026-12-23T10:00:00.000Z" });
    expect(moved.json().ran).toBeGreaterThanOrEqual(1);
    firm.owner.token = await signIn(h, firm.owner.email);
    const after = await licenses(h, firm);
    expect(after).toMatchObject({ total: 3, pending_removal: 0, period_start: "2026-12-23T10:00:00.000Z", period_end: "2027-01-23T10:00:00.000Z" });
    const [renewal] = await ledger(h, firm);
    expect(renewal).toMatchObject({ kind: "renewal", count: 3, amount_cents: 15000, period_start: "2026-12-23T10:00:00.000Z" });
    const feed = (await h.get("/api/v1/activities?kind=subscription.renewed", firm.owner.token)).json().data;
    expect(feed).toHaveLength(1);
    // Running due jobs again charges nothing more.
    await h.post("/api/v1/_test/clock", { advance_seconds: 60 });
    expect((await ledger(h, firm)).filter((c) => c.kind === "renewal")).toHaveLength(1);
  });

  it("LIC-6 a closed firm is never charged again", async () => {
    const firm = await buildFirm(h, { plan: "monthly" });
    await h.db.update(firms).set({ status: "closed" }).where(eq(firms.id, firm.id));
    await h.post("/api/v1/_test/clock", { advance_seconds: 40 * 86400 });
    const rows = await h.db.select().from(charges).where(eq(charges.firmId, firm.id));
    expect(rows.map((c) => c.kind)).toEqual(["subscription"]);
  });

  it("LIC-7 inviting without a free license is refused with a quote, and nothing is created", async () => {
    const firm = await buildFirm(h, { licenses: 1, price_cents: 3000 });
    const { res, email } = await invite(h, firm);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "license_purchase_required", quote: { count: 1, amount_cents: 3000, currency: "USD" } });
    expect(await h.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(await ledger(h, firm)).toHaveLength(1);
  });

  it("LIC-7 an email already in use is refused before any purchase is quoted", async () => {
    const firm = await buildFirm(h, { licenses: 1 });
    const other = await buildFirm(h);
    const { res } = await invite(h, firm, { email: other.owner.email });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("email_in_use");
    expect(res.json()).not.toHaveProperty("quote");
  });

  it("LIC-7 a confirmed invitation buys the license with the prorated charge in the same transaction", async () => {
    const firm = await buildFirm(h, { licenses: 1, price_cents: 3000 });
    h.clock.advance(15 * DAY);
    const { res } = await invite(h, firm, { confirm_purchase: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().charge).toMatchObject({ kind: "licenses", count: 1, amount_cents: 1500 });
    expect(await licenses(h, firm)).toMatchObject({ total: 2, occupied: 2, available: 0 });
  });

  it("LIC-7 buying needs licenses.manage: a user manager without it is refused", async () => {
    const firm = await buildFirm(h, { licenses: 2 });
    const [custom] = await h.db
      .insert(roles)
      .values({ firmId: firm.id, id: `role-${Date.now()}`, name: "User desk", systemKey: null, permissions: ["users.manage"], createdAt: h.clock.now(), updatedAt: h.clock.now() })
      .returning();
    const desk = await buildUser(h, firm, []);
    await h.db.insert(userRoles).values({ firmId: firm.id, userId: desk.id, roleId: custom!.id });
    const res = await invite(h, firm, { confirm_purchase: true }, desk.token);
    expect(res.res.statusCode).toBe(403);
    expect(await licenses(h, firm)).toMatchObject({ total: 2 });
  });

  it("LIC-10 the licenses view shows totals, the next renewal and the estimated bill; the ledger lists every charge", async () => {
    const firm = await buildFirm(h, { plan: "monthly", price_cents: 2500, licenses: 3 });
    await h.post("/api/v1/licenses", { count: 2, confirm: true }, firm.owner.token);
    const view = await licenses(h, firm);
    expect(view).toMatchObject({ total: 5, occupied: 1, available: 4, pending_removal: 0, next_renewal_at: "2026-12-23T10:00:00.000Z", next_bill_estimate_cents: 12500 });
    const rows = await ledger(h, firm);
    expect(rows.map((c) => [c.kind, c.count, c.amount_cents])).toEqual([["licenses", 2, 5000], ["subscription", 3, 7500]]);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.get("/api/v1/charges", attorney.token)).statusCode).toBe(403);
    expect((await h.get("/api/v1/licenses", attorney.token)).statusCode).toBe(403);
  });

  it("LIC-8 Idempotency-Key: a repeated purchase returns the first answer and charges once", async () => {
    const firm = await buildFirm(h, { licenses: 1 });
    const send = () => h.request({ method: "POST", url: "/api/v1/licenses", payload: { count: 2, confirm: true }, token: firm.owner.token, headers: { "idempotency-key": "buy-2-once" } });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect((await licenses(h, firm)).total).toBe(3);
    expect((await ledger(h, firm)).filter((c) => c.kind === "licenses")).toHaveLength(1);
    const other = await h.request({ method: "POST", url: "/api/v1/licenses", payload: { count: 5, confirm: true }, token: firm.owner.token, headers: { "idempotency-key": "buy-2-once" } });
    expect(other.statusCode).toBe(409);
    expect((await licenses(h, firm)).total).toBe(3);
  });

  it("LIC-8 Idempotency-Key on invitations: a retried invitation creates one user", async () => {
    const firm = await buildFirm(h, { licenses: 3 });
    const email = uniqueEmail("retry");
    const body = { email, subscription_type: "attorney", role_ids: [await roleId(h, firm, "Paralegal")] };
    const results = await Promise.all([0, 1, 2].map(() => h.request({ method: "POST", url: "/api/v1/invitations", payload: body, token: firm.owner.token, headers: { "idempotency-key": "invite-once" } })));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.json().user.id)).size).toBe(1);
    expect(await h.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it("LIC-8 total never below occupied: rounds of concurrent invitations, removals, deactivations and reactivations keep every count exact", async () => {
    const firm = await buildFirm(h, { licenses: 4, price_cents: 3000 });
    const token = firm.owner.token;
    // Two members who joined through their invitations, so there is someone to deactivate.
    for (let i = 0; i < 2; i++) {
      const { res, email } = await invite(h, firm);
      expect(res.statusCode, res.body).toBe(201);
      const joined = await h.post("/api/v1/invitations/accept", { token: await invitationToken(h, email), first_name: "Mia", last_name: "Member", password: PASSWORD });
      expect(joined.statusCode, joined.body).toBe(201);
    }
    const initial = await licenses(h, firm);
    expect(initial).toMatchObject({ total: 4, occupied: 3, available: 1, pending_removal: 0 });

    let refusedForLicenses = 0;
    for (let round = 0; round < 6; round++) {
      const before = await licenses(h, firm);
      const people = (await allUsers(h, token)).filter((u) => u.id !== firm.owner.id);
      const active = people.filter((u) => u.status === "active");
      const invited = people.filter((u) => u.status === "invited");
      const deactivated = people.filter((u) => u.status === "deactivated");
      // Every third round cancels the scheduled removal instead of adding to it, so that the
      // pending count after the round does not depend on which request ran first.
      const cancelling = round % 3 === 2;

      // Each request names a different person, so every success moves the counts by a known step.
      type Sent = { kind: string; res: Promise<LightMyRequestResponse> };
      const sent: Sent[] = [
        ...[0, 1, 2].map(() => ({ kind: "invite", res: invite(h, firm).then((r) => r.res) })),
        { kind: "invite_buy", res: invite(h, firm, { confirm_purchase: true }).then((r) => r.res) },
        ...(cancelling
          ? [{ kind: "cancel", res: h.delete("/api/v1/licenses/removals", token) }]
          : [0, 1].map(() => ({ kind: "remove", res: h.post("/api/v1/licenses/removals", { count: 1 }, token) }))),
        ...active.slice(0, 2).map((u, i) => ({ kind: !cancelling && i === 0 ? "deactivate_remove" : "deactivate", res: h.post(`/api/v1/users/${u.id}/deactivate`, { remove_license_at_next_bill: !cancelling && i === 0 }, token) })),
        ...deactivated.slice(0, 2).map((u) => ({ kind: "reactivate", res: h.post(`/api/v1/users/${u.id}/reactivate`, {}, token) })),
        ...invited.slice(0, 1).map((u) => ({ kind: "revoke", res: h.delete(`/api/v1/invitations/${u.invitation!.id}`, token) })),
        ...invited.slice(1, 2).map((u) => ({
          kind: "accept",
          res: invitationToken(h, u.email).then((t) => h.post("/api/v1/invitations/accept", { token: t, first_name: "Ann", last_name: "Accepted", password: PASSWORD })),
        })),
        ...(round === 3 ? [{ kind: "buy", res: h.post("/api/v1/licenses", { count: 2, confirm: true }, token) }] : []),
      ];
      const results = await Promise.all(sent.map(async (s) => ({ kind: s.kind, res: await s.res })));

      // Each answer is one the contract allows for that request: never a 5xx, never another 4xx.
      const allowed: Record<string, string[]> = {
        invite: ["201", "409 license_purchase_required"],
        invite_buy: ["201"],
        remove: ["201", "409 no_available_license"],
        cancel: ["204"],
        deactivate: ["200"],
        deactivate_remove: ["200"],
        reactivate: ["200", "409 license_purchase_required"],
        revoke: ["204"],
        accept: ["201"],
        buy: ["201"],
      };
      const ok = (kind: string) => results.filter((r) => r.kind === kind && r.res.statusCode < 300);
      for (const { kind, res } of results) {
        const answer = res.statusCode < 300 ? String(res.statusCode) : `${res.statusCode} ${res.json().code}`;
        expect(allowed[kind], `round ${round}, ${kind}: ${res.statusCode} ${res.body}`).toContain(answer);
        if (answer === "409 license_purchase_required" || answer === "409 no_available_license") refusedForLicenses += 1;
      }

      const after = await licenses(h, firm);
      const holders = (await allUsers(h, token)).filter((u) => u.status === "invited" || u.status === "active").length;
      const where = `after round ${round}: ${JSON.stringify(after)}`;
      // LIC-2 and LIC-8, on the server's own numbers.
      expect(after.occupied, where).toBeLessThanOrEqual(after.total);
      expect(after.available, where).toBeGreaterThanOrEqual(0);
      expect(after.available, where).toBe(after.total - after.occupied - after.pending_removal);
      expect(after.occupied, where).toBe(holders);
      // And the counts moved by exactly what the successful requests did.
      const bought = [...ok("invite_buy"), ...ok("buy")].reduce((n, r) => n + (r.res.json().charge?.count ?? 0), 0);
      expect(after.total, where).toBe(before.total + bought);
      const removed = ok("remove").length + ok("deactivate_remove").length;
      expect(after.pending_removal, where).toBe(cancelling ? 0 : before.pending_removal + removed);
      const joined = ok("invite").length + ok("invite_buy").length + ok("reactivate").length;
      const left = ok("revoke").length + ok("deactivate").length + ok("deactivate_remove").length;
      expect(after.occupied, where).toBe(before.occupied + joined - left);
    }
    // The rounds asked for more than was free: refusals happened, and none of them broke the counts.
    expect(refusedForLicenses).toBeGreaterThan(0);
    // LIC-8: no charge twice. Every license bought is on the ledger once, and only those.
    const final = await licenses(h, firm);
    const ledgerRows = await ledger(h, firm);
    expect(ledgerRows.filter((c) => c.kind === "licenses").reduce((n, c) => n + c.count, 0)).toBe(final.total - initial.total);
  });
});
