import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { availableLicenses, licensesAfterRenewal, periodEnd, proratedCents } from "../src/domain/licenses/arithmetic.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, invite } from "./helpers/factories.js";

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
        expect(availableLicenses(total, occupied, pending)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

type Command = { kind: "invite" | "invite_buy" | "buy" | "remove" | "cancel" | "revoke"; n: number };

describeDb("license operations in any order", (h) => {
  it("LIC-8 any sequence of invitations, purchases, removals and revocations keeps occupied within the total", async () => {
    const command = fc.record({ kind: fc.constantFrom<Command["kind"]>("invite", "invite_buy", "buy", "remove", "cancel", "revoke"), n: fc.integer({ min: 1, max: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(command, { minLength: 1, maxLength: 8 }), async (initial, commands) => {
        const firm = await buildFirm(h, { licenses: initial });
        const token = firm.owner.token;
        let expectedTotal = initial;
        for (const c of commands) {
          const before = (await h.get("/api/v1/licenses", token)).json();
          if (c.kind === "invite" || c.kind === "invite_buy") {
            const { res } = await invite(h, firm, c.kind === "invite_buy" ? { confirm_purchase: true } : {});
            if (before.available >= 1) expect(res.statusCode).toBe(201);
            else if (c.kind === "invite") expect(res.json().code).toBe("license_purchase_required");
            else {
              expect(res.statusCode).toBe(201);
              expectedTotal += 1;
            }
          } else if (c.kind === "buy") {
            expect((await h.post("/api/v1/licenses", { count: c.n, confirm: true }, token)).statusCode).toBe(201);
            expectedTotal += c.n;
          } else if (c.kind === "remove") {
            const res = await h.post("/api/v1/licenses/removals", { count: c.n }, token);
            expect(res.statusCode).toBe(c.n <= before.available ? 201 : 409);
          } else if (c.kind === "cancel") {
            expect((await h.delete("/api/v1/licenses/removals", token)).statusCode).toBe(204);
          } else {
            const invited = (await h.get("/api/v1/users?status=invited", token)).json().data;
            if (invited[0]) expect((await h.delete(`/api/v1/invitations/${invited[0].invitation.id}`, token)).statusCode).toBe(204);
          }
          const after = (await h.get("/api/v1/licenses", token)).json();
          expect(after.total).toBe(expectedTotal);
          expect(after.occupied + after.pending_removal).toBeLessThanOrEqual(after.total);
          expect(after.available).toBe(after.total - after.occupied - after.pending_removal);
          expect(after.available).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 12 },
    );
  });
});
