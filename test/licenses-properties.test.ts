import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { licensesAfterRenewal, periodEnd, proratedCents } from "../src/domain/licenses/arithmetic.js";
import { firms } from "../src/db/schema.js";
import { describeDb, START, type Harness } from "./helpers/harness.js";
import { buildFirm, invite, PASSWORD } from "./helpers/factories.js";
import { invitationToken } from "./helpers/mail.js";

const start = new Date("2026-01-31T00:00:00.000Z");
const period = fc.constantFrom<"monthly" | "annual">("monthly", "annual");

describe("license arithmetic", () => {
  it("LIC-3 a prorated charge lies between nothing and the full price, full at the start and nothing at the end", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), period, fc.double({ min: 0, max: 1, noNaN: true }), (price, count, plan, f) => {
        const end = periodEnd(start, plan);
        const now = new Date(start.getTime() + Math.floor(f * (end.getTime() - start.getTime())));
        const charge = proratedCents(price, count, start, end, now);
        expect(Number.isSafeInteger(charge)).toBe(true);
        expect(charge).toBeGreaterThanOrEqual(0);
        expect(charge).toBeLessThanOrEqual(price * count);
        expect(proratedCents(price, count, start, end, start)).toBe(price * count);
        expect(proratedCents(price, count, start, end, end)).toBe(0);
      }),
    );
  });

  it("LIC-3 later purchases never cost more, and buying one at a time differs from all at once by under a cent each", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 30 * 86400_000 }), fc.integer({ min: 0, max: 30 * 86400_000 }), (price, count, a, b) => {
        const end = periodEnd(start, "monthly");
        const [early, late] = [new Date(start.getTime() + Math.min(a, b)), new Date(start.getTime() + Math.max(a, b))];
        expect(proratedCents(price, count, start, end, late)).toBeLessThanOrEqual(proratedCents(price, count, start, end, early));
        const single = proratedCents(price, 1, start, end, early);
        expect(Math.abs(single * count - proratedCents(price, count, start, end, early))).toBeLessThanOrEqual(Math.ceil(count / 2));
      }),
    );
  });

  it("LIC-3 rounding is half-up to the cent", () => {
    const end = new Date(start.getTime() + 4);
    // 1 cent x 1 x (2/4) = 0.5 -> 1; (1/4) = 0.25 -> 0; 3 x (1/4) = 0.75 -> 1.
    expect(proratedCents(1, 1, start, end, new Date(start.getTime() + 2))).toBe(1);
    expect(proratedCents(1, 1, start, end, new Date(start.getTime() + 3))).toBe(0);
    expect(proratedCents(3, 1, start, end, new Date(start.getTime() + 3))).toBe(1);
  });

  it("LIC-5 renewal never raises the total, and drops to what is occupied only on annual plans that ask", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), period, fc.boolean(), (total, occ, pend, plan, removeUnused) => {
        const occupied = Math.min(occ, total);
        const pending = Math.min(pend, total - occupied);
        const after = licensesAfterRenewal({ plan, total, pendingRemoval: pending, occupied, removeUnusedAtRenewal: removeUnused });
        expect(after).toBeLessThanOrEqual(total - pending);
        expect(after).toBeGreaterThanOrEqual(occupied);
        if (plan === "annual" && removeUnused) expect(after).toBe(occupied);
        else expect(after).toBe(total - pending);
      }),
    );
  });
});

/**
 * LIC-2, LIC-4, LIC-5, LIC-6, LIC-7, LIC-8 through the API: random sequences of the operations
 * that change who holds a license or how many there are, each against a fresh firm. A small
 * model of the firm predicts every answer (status and problem `code`, never a 5xx) and the
 * licenses view; after EACH operation the invariant is checked against the server's own
 * numbers and against the user list.
 */
/** Whom an operation acts on: usually someone it applies to, sometimes anyone (`any`) so that refusals are exercised too. */
interface Target {
  pick: number;
  any: boolean;
}

type Op =
  | { kind: "invite"; confirm: boolean }
  | ({ kind: "accept" } & Target)
  | ({ kind: "revoke" } & Target)
  | { kind: "buy"; n: number }
  | { kind: "remove"; n: number }
  | { kind: "cancel" }
  | ({ kind: "deactivate"; removeLicense: boolean } & Target)
  | ({ kind: "reactivate"; confirm: boolean } & Target)
  | { kind: "renew" }
  | { kind: "remove_unused"; on: boolean };

const pick = fc.nat({ max: 50 });
const any = fc.nat({ max: 3 }).map((n) => n === 0);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("invite" as const), confirm: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("accept" as const), pick, any }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("revoke" as const), pick, any }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("buy" as const), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("remove" as const), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("deactivate" as const), pick, any, removeLicense: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("reactivate" as const), pick, any, confirm: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("renew" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove_unused" as const), on: fc.boolean() }) },
);

interface Person {
  id: string;
  email: string;
  status: "invited" | "active" | "deactivated" | "revoked";
  invitationId: string;
  invitationExpiresAt: number;
}

interface Model {
  plan: "monthly" | "annual";
  removeUnused: boolean;
  total: number;
  pending: number;
  ownerId: string;
  people: Person[];
  bought: number[];
  renewals: number;
}

/** The picked one among those in `status`, or among all when `any` is set or none is. */
function choose<T extends { status: string }>(all: T[], t: Target, status: string): T | undefined {
  const fitting = all.filter((p) => p.status === status);
  const pool = t.any || fitting.length === 0 ? all : fitting;
  return pool[t.pick % pool.length];
}

const holds = (p: Person) => p.status === "invited" || p.status === "active";
const occupiedIn = (m: Model) => 1 + m.people.filter(holds).length;
const availableIn = (m: Model) => m.total - occupiedIn(m) - m.pending;

/** The answer the model predicts: exactly this status, and for a refusal exactly this code. */
function answered(res: LightMyRequestResponse, op: Op, status: number, code?: string) {
  const what = `${JSON.stringify(op)} -> ${res.statusCode} ${res.body}`;
  expect(res.statusCode, what).toBeLessThan(500);
  expect(res.statusCode, what).toBe(status);
  if (code) expect(res.json().code, what).toBe(code);
}

async function listAllUsers(h: Harness, token: string) {
  const all: { id: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await h.get(`/api/v1/users?status=all&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: { id: string; status: string }[]; next_cursor: string | null };
    all.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor);
  return all;
}

/** LIC-2 and LIC-8 on the server's numbers, then the server against the model. */
async function checkInvariant(h: Harness, token: string, m: Model, after: string) {
  const res = await h.get("/api/v1/licenses", token);
  expect(res.statusCode, res.body).toBe(200);
  const view = res.json();
  const users = await listAllUsers(h, token);
  const holders = users.filter((u) => u.status === "invited" || u.status === "active").length;
  expect(view.occupied, after).toBeLessThanOrEqual(view.total);
  expect(view.available, after).toBeGreaterThanOrEqual(0);
  expect(view.available, after).toBe(view.total - view.occupied - view.pending_removal);
  expect(view.occupied, after).toBe(holders);
  expect({ total: view.total, pending: view.pending_removal, occupied: view.occupied }, after).toEqual({ total: m.total, pending: m.pending, occupied: occupiedIn(m) });
  const expectedUsers = [{ id: m.ownerId, status: "active" }, ...m.people.filter((p) => p.status !== "revoked").map((p) => ({ id: p.id, status: p.status }))];
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  expect(users.map((u) => ({ id: u.id, status: u.status })).sort(byId), after).toEqual(expectedUsers.sort(byId));
  return view as { period_end: string };
}

describeDb("license operations in any order", (h) => {
  it("LIC-8 any sequence of invitations, acceptances, revocations, purchases, removals, deactivations, reactivations and renewals keeps occupied within the total", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), period, fc.array(opArb, { minLength: 1, maxLength: 10 }), async (team, spare, plan, ops) => {
        // Every run, shrinks included, starts from the same moment with a firm of its own: the
        // owner, `team` members who joined through invitations, and `spare` free licenses.
        h.clock.set(START);
        const initial = 1 + team + spare;
        const firm = await buildFirm(h, { licenses: initial, plan });
        // An API token does not expire when the clock jumps a period ahead.
        const minted = await h.post("/api/v1/me/tokens", { name: "property run" }, firm.owner.token);
        expect(minted.statusCode, minted.body).toBe(201);
        const token = minted.json().token as string;
        const m: Model = { plan, removeUnused: false, total: initial, pending: 0, ownerId: firm.owner.id, people: [], bought: [], renewals: 0 };
        for (let i = 0; i < team; i++) {
          const { res, email } = await invite(h, firm, {}, token);
          expect(res.statusCode, res.body).toBe(201);
          const joined = await h.post("/api/v1/invitations/accept", { token: await invitationToken(h, email), first_name: "Tess", last_name: "Team", password: PASSWORD });
          expect(joined.statusCode, joined.body).toBe(201);
          const { user, invitation } = res.json();
          m.people.push({ id: user.id, email, status: "active", invitationId: invitation.id, invitationExpiresAt: Date.parse(invitation.expires_at) });
        }
        let view = await checkInvariant(h, token, m, "setup");
        try {
          for (const [step, op] of ops.entries()) {
            const targets = [{ id: firm.owner.id, status: "owner" as const }, ...m.people];
            switch (op.kind) {
              case "invite": {
                const free = availableIn(m);
                const { res } = await invite(h, firm, op.confirm ? { confirm_purchase: true } : {}, token);
                if (free < 1 && !op.confirm) {
                  answered(res, op, 409, "license_purchase_required");
                  expect(res.json().quote).toMatchObject({ count: 1 - free });
                  break;
                }
                answered(res, op, 201);
                const body = res.json();
                if (free < 1) {
                  expect(body.charge).toMatchObject({ kind: "licenses", count: 1 - free });
                  m.total += 1 - free;
                  m.bought.push(1 - free);
                } else expect(body.charge).toBeNull();
                m.people.push({ id: body.user.id, email: body.user.email, status: "invited", invitationId: body.invitation.id, invitationExpiresAt: Date.parse(body.invitation.expires_at) });
                break;
              }
              case "accept": {
                const p = choose(m.people, op, "invited");
                if (!p) break;
                const res = await h.post("/api/v1/invitations/accept", { token: await invitationToken(h, p.email), first_name: "Ada", last_name: "Accepted", password: PASSWORD });
                if (p.status !== "invited") answered(res, op, 404, "invitation_invalid");
                else if (h.clock.now().getTime() >= p.invitationExpiresAt) answered(res, op, 410, "invitation_expired");
                else {
                  answered(res, op, 201);
                  p.status = "active";
                }
                break;
              }
              case "revoke": {
                const p = choose(m.people, op, "invited");
                if (!p) break;
                const res = await h.delete(`/api/v1/invitations/${p.invitationId}`, token);
                if (p.status === "invited") {
                  answered(res, op, 204);
                  p.status = "revoked";
                } else answered(res, op, 404, "not_found");
                break;
              }
              case "buy": {
                const res = await h.post("/api/v1/licenses", { count: op.n, confirm: true }, token);
                answered(res, op, 201);
                m.total += op.n;
                m.bought.push(op.n);
                expect(res.json()).toMatchObject({ licenses: { total: m.total }, charge: { kind: "licenses", count: op.n } });
                break;
              }
              case "remove": {
                const free = availableIn(m);
                const res = await h.post("/api/v1/licenses/removals", { count: op.n }, token);
                if (op.n > free) {
                  answered(res, op, 409, "no_available_license");
                  expect(res.json().available).toBe(free);
                } else {
                  answered(res, op, 201);
                  m.pending += op.n;
                  expect(res.json().pending_removal).toBe(m.pending);
                }
                break;
              }
              case "cancel": {
                answered(await h.delete("/api/v1/licenses/removals", token), op, 204);
                m.pending = 0;
                break;
              }
              case "deactivate": {
                const t = choose(targets, op, "active")!;
                const res = await h.post(`/api/v1/users/${t.id}/deactivate`, { remove_license_at_next_bill: op.removeLicense }, token);
                if (t.status === "revoked") answered(res, op, 404, "not_found");
                else if (t.status !== "active") answered(res, op, 403, "forbidden");
                else {
                  answered(res, op, 200);
                  t.status = "deactivated";
                  if (op.removeLicense) m.pending += 1;
                }
                break;
              }
              case "reactivate": {
                const t = choose(targets, op, "deactivated")!;
                const free = availableIn(m);
                const res = await h.post(`/api/v1/users/${t.id}/reactivate`, op.confirm ? { confirm_purchase: true } : {}, token);
                if (t.status === "revoked") answered(res, op, 404, "not_found");
                else if (t.status !== "deactivated") answered(res, op, 403, "forbidden");
                else if (free < 1 && !op.confirm) answered(res, op, 409, "license_purchase_required");
                else {
                  answered(res, op, 200);
                  t.status = "active";
                  if (free < 1) {
                    m.total += 1 - free;
                    m.bought.push(1 - free);
                  }
                }
                break;
              }
              case "renew": {
                const left = Date.parse(view.period_end) - h.clock.now().getTime();
                const res = await h.post("/api/v1/_test/clock", { advance_seconds: Math.ceil(left / 1000) + 1 });
                answered(res, op, 200);
                // LIC-6: scheduled removals apply; LIC-5: an annual plan that asks keeps only what is occupied.
                m.total -= m.pending;
                if (m.plan === "annual" && m.removeUnused) m.total = Math.min(m.total, occupiedIn(m));
                m.pending = 0;
                m.renewals += 1;
                break;
              }
              case "remove_unused": {
                const res = await h.patch("/api/v1/subscription", { remove_unused_licenses_at_renewal: op.on }, token);
                if (m.plan === "monthly") answered(res, op, 400, "validation_failed");
                else {
                  answered(res, op, 200);
                  m.removeUnused = op.on;
                }
                break;
              }
            }
            view = await checkInvariant(h, token, m, `after step ${step}: ${JSON.stringify(op)}`);
          }
          // LIC-8: every purchase charged exactly once, every renewal once.
          const ledger = (await h.get("/api/v1/charges?limit=200", token)).json().data as { kind: string; count: number }[];
          expect(ledger.filter((c) => c.kind === "licenses").map((c) => c.count).sort()).toEqual([...m.bought].sort());
          expect(ledger.filter((c) => c.kind === "renewal")).toHaveLength(m.renewals);
        } finally {
          // A finished firm is closed so that later runs' clock jumps do not keep renewing it.
          await h.db.update(firms).set({ status: "closed" }).where(eq(firms.id, firm.id));
        }
      }),
      // Few runs, each a real firm: the suite stays quick on both databases.
      { numRuns: 15 },
    );
  }, 120_000);
});
