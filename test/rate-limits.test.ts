/** SEC-8: rate limits that no header dodges, kept in the database so every instance shares them. */
import { describe, expect, it } from "vitest";
import { BACKENDS, describeDb, Harness, withTwoInstances } from "./helpers/harness.js";
import { buildFirm, invite, PASSWORD, uniqueEmail } from "./helpers/factories.js";
import { invitationToken } from "./helpers/mail.js";

const SIGN_IN = "/api/v1/sessions";

function attempt(h: Harness, email: string, opts: { password?: string; remoteAddress?: string; headers?: Record<string, string | string[]> } = {}) {
  return h.request({
    method: "POST",
    url: SIGN_IN,
    payload: { email, password: opts.password ?? "wrong-password-guess" },
    remoteAddress: opts.remoteAddress ?? "10.1.2.3",
    headers: opts.headers as Record<string, string>,
  });
}

describeDb("rate limits", (h) => {
  it("SEC-8 a made-up X-Forwarded-For per attempt does not dodge the sign-in limit: the socket's address counts", async () => {
    const firm = await buildFirm(h);
    const statuses = [];
    for (let i = 0; i < 15; i++) {
      statuses.push((await attempt(h, firm.owner.email, { remoteAddress: "10.20.0.1", headers: { "x-forwarded-for": `198.51.100.${i + 1}` } })).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    // Malformed and repeated headers are just as powerless, and never a 500.
    for (const xff of ["garbage", ", ,", "1.2.3.4, 5.6.7.8", "::1", "x".repeat(4000)]) {
      expect((await attempt(h, firm.owner.email, { remoteAddress: "10.20.0.1", headers: { "x-forwarded-for": xff } })).statusCode).toBe(429);
    }
    expect((await attempt(h, firm.owner.email, { remoteAddress: "10.20.0.1", headers: { "x-forwarded-for": ["1.1.1.1", "2.2.2.2"] } })).statusCode).toBe(429);
  });

  it("SEC-8 sign-in is limited per account whatever the address, and the right password is refused too while limited", async () => {
    const firm = await buildFirm(h);
    const statuses = [];
    for (let i = 0; i < 21; i++) statuses.push((await attempt(h, firm.owner.email, { remoteAddress: `10.30.${i}.1` })).statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
    const right = await attempt(h, firm.owner.email, { password: PASSWORD, remoteAddress: "10.31.0.1" });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: "rate_limited", status: 429 });
    // The window ends: the account signs in again.
    h.clock.advance(15 * 60 * 1000);
    expect((await attempt(h, firm.owner.email, { password: PASSWORD, remoteAddress: "10.31.0.1" })).statusCode).toBe(201);
  });

  it("SEC-8 many accounts tried from one address are limited (credential stuffing), other addresses are not", async () => {
    const statuses = [];
    for (let i = 0; i < 61; i++) statuses.push((await attempt(h, uniqueEmail("stuffed"), { remoteAddress: "10.40.0.1" })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses[60]).toBe(429);
    const firm = await buildFirm(h);
    expect((await attempt(h, firm.owner.email, { password: PASSWORD, remoteAddress: "10.40.0.2" })).statusCode).toBe(201);
  });

  it("SEC-8 limited routes announce their budget with the RateLimit header fields, and a refusal says when to retry", async () => {
    const email = uniqueEmail("headers");
    const first = await attempt(h, email, { remoteAddress: "10.50.0.1" });
    expect(first.headers["ratelimit-limit"]).toBe("10");
    expect(first.headers["ratelimit-remaining"]).toBe("9");
    expect(Number(first.headers["ratelimit-reset"])).toBeGreaterThan(0);
    expect(Number(first.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
    let last = first;
    for (let i = 0; i < 10; i++) last = await attempt(h, email, { remoteAddress: "10.50.0.1" });
    expect(last.statusCode).toBe(429);
    expect(last.headers["ratelimit-remaining"]).toBe("0");
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    expect(last.json().detail).toMatch(/Try again in \d+ seconds/);
  });

  it("SEC-8 sign-up and invitation look-up are limited per address", async () => {
    const statuses = [];
    for (let i = 0; i < 21; i++) {
      const res = await h.request({
        method: "POST",
        url: "/api/v1/signup",
        remoteAddress: "10.60.0.1",
        payload: { firm_name: `Limited ${i} LLP`, first_name: "Lee", last_name: "Mit", email: uniqueEmail("signup"), password: PASSWORD, plan: "monthly", licenses: 1 },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);

    const firm = await buildFirm(h);
    const { email } = await invite(h, firm);
    const token = await invitationToken(h, email);
    const lookups = [];
    for (let i = 0; i < 61; i++) {
      lookups.push((await h.request({ method: "GET", url: `/api/v1/invitations/lookup?token=${encodeURIComponent(token)}`, remoteAddress: "10.60.0.2" })).statusCode);
    }
    expect(lookups.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(lookups[60]).toBe(429);
  });
});

describeDb(
  "rate limits behind a trusted proxy",
  (h) => {
    it("SEC-8 through a proxy named in TRUST_PROXY, X-Forwarded-For names the client; from anywhere else it is ignored", async () => {
      const firm = await buildFirm(h);
      const viaProxy = (client: string) => attempt(h, firm.owner.email, { remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": client } });
      for (let i = 0; i < 10; i++) expect((await viaProxy("203.0.113.7")).statusCode).toBe(401);
      expect((await viaProxy("203.0.113.7")).statusCode).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await attempt(h, firm.owner.email, { password: PASSWORD, remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "203.0.113.8" } })).statusCode).toBe(201);
      // A client that is not the proxy cannot claim to be someone else: its own address counts.
      const other = await buildFirm(h);
      const fromClient = (i: number) => attempt(h, other.owner.email, { remoteAddress: "10.70.0.1", headers: { "x-forwarded-for": `203.0.114.${i}` } });
      for (let i = 0; i < 10; i++) expect((await fromClient(i)).statusCode).toBe(401);
      expect((await fromClient(99)).statusCode).toBe(429);
    });

    it("SEC-3 behind a trusted proxy that terminates HTTPS the session cookie is Secure", async () => {
      const firm = await buildFirm(h);
      const res = await h.request({ method: "POST", url: SIGN_IN, payload: { email: firm.owner.email, password: PASSWORD }, remoteAddress: "127.0.0.1", headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" } });
      expect(res.statusCode).toBe(201);
      const cookie = [res.headers["set-cookie"]].flat().find((c) => c?.startsWith("chambers_session="));
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
    });
  },
  { env: { TRUST_PROXY: "127.0.0.1/32, ::1" } },
);

const postgres = BACKENDS.find((b) => b.name === "postgres");

describe("rate limits across instances", () => {
  it.skipIf(!postgres)("SEC-8 two instances on one PostgreSQL spend one budget", async () => {
    await withTwoInstances(postgres!.url!, async (a, b) => {
      const firm = await buildFirm(a);
      const statuses = [];
      // Alternating instances, concurrently in pairs: one budget of 10 for this address and account.
      for (let i = 0; i < 6; i++) {
        const pair = await Promise.all([attempt(a, firm.owner.email, { remoteAddress: "10.80.0.1" }), attempt(b, firm.owner.email, { remoteAddress: "10.80.0.1" })]);
        statuses.push(...pair.map((r) => r.statusCode));
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
      for (const h of [a, b]) expect((await attempt(h, firm.owner.email, { password: PASSWORD, remoteAddress: "10.80.0.1" })).statusCode).toBe(429);
    });
  }, 120_000);
});
