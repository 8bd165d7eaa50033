import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { sessions, users } from "../src/db/schema.js";
import { createActiveUser } from "../src/domain/users/create-active-user.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, PASSWORD, signIn, uniqueEmail } from "./helpers/factories.js";

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers["set-cookie"];
  return String(Array.isArray(raw) ? raw[0] : raw);
};

describeDb("sessions and tokens", (h) => {
  it("SEC-2 passwords are stored as argon2id hashes, never in clear", async () => {
    const firm = await buildFirm(h);
    const [row] = await h.db.select().from(users).where(eq(users.id, firm.owner.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
  });

  it("SEC-2 a password under 12 characters or a common one is refused, naming the field", async () => {
    for (const password of ["short-pw", "qwerty123456", "LeaveMeAlone"]) {
      const res = await h.post("/api/v1/signup", {
        firm_name: "Weak Firm", first_name: "W", last_name: "K", email: uniqueEmail(), password, plan: "monthly", licenses: 1,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "password" }] });
    }
  });

  it("SEC-2 a wrong password, an unknown email and an invited user all get the same answer", async () => {
    const firm = await buildFirm(h);
    const invitedEmail = uniqueEmail("invited");
    await h.db.transaction((tx) =>
      createActiveUser(tx, h.clock, { firmId: firm.id, email: invitedEmail, firstName: "I", lastName: "Nvited", passwordHash: null, status: "invited", roleKeys: ["attorney"] }),
    );
    const answers = await Promise.all([
      h.post("/api/v1/sessions", { email: firm.owner.email, password: "not-the-password-at-all" }),
      h.post("/api/v1/sessions", { email: uniqueEmail("nobody"), password: PASSWORD }),
      h.post("/api/v1/sessions", { email: invitedEmail, password: PASSWORD }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "invalid_credentials", detail: "The email or password is incorrect." });
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("USR-3 an invited user cannot sign in before accepting", async () => {
    const firm = await buildFirm(h);
    const email = uniqueEmail("pending");
    await h.db.transaction((tx) =>
      createActiveUser(tx, h.clock, { firmId: firm.id, email, firstName: "P", lastName: "Ending", passwordHash: null, status: "invited", roleKeys: ["paralegal"] }),
    );
    const res = await h.post("/api/v1/sessions", { email, password: PASSWORD });
    expect(res.statusCode).toBe(401);
    const rows = await h.db.select().from(sessions).where(eq(sessions.firmId, firm.id));
    expect(rows.every((s) => s.userId === firm.owner.id)).toBe(true);
  });

  it("SEC-2 sign-in is rate limited per address and email", async () => {
    const firm = await buildFirm(h);
    const attempts = [];
    for (let i = 0; i < 12; i++) {
      attempts.push(await h.request({ method: "POST", url: "/api/v1/sessions", payload: { email: firm.owner.email, password: `wrong-password-${i}` }, remoteAddress: "10.9.8.7" }));
    }
    expect(attempts.slice(0, 10).every((r) => r.statusCode === 401)).toBe(true);
    const limited = attempts[11]!;
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe("rate_limited");
    // Even the right password is refused while limited.
    const right = await h.request({ method: "POST", url: "/api/v1/sessions", payload: { email: firm.owner.email, password: PASSWORD }, remoteAddress: "10.9.8.7" });
    expect(right.statusCode).toBe(429);
    // Another address is not affected.
    const other = await h.request({ method: "POST", url: "/api/v1/sessions", payload: { email: firm.owner.email, password: PASSWORD }, remoteAddress: "10.9.8.8" });
    expect(other.statusCode).toBe(201);
  });

  it("SEC-3 the session cookie is HttpOnly and SameSite=Lax", async () => {
    const firm = await buildFirm(h);
    const res = await h.post("/api/v1/sessions", { email: firm.owner.email, password: PASSWORD });
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^chambers_session=chs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    // X-Forwarded-Proto is a proxy's word: without TRUST_PROXY it is not believed (SEC-8).
    const claimed = await h.request({ method: "POST", url: "/api/v1/sessions", payload: { email: firm.owner.email, password: PASSWORD }, headers: { "x-forwarded-proto": "https" } });
    expect(cookieOf(claimed)).not.toMatch(/Secure/i);
  });

  it("SEC-3 a cookie session must send the CSRF token to change anything; a bearer token need not", async () => {
    const firm = await buildFirm(h);
    const res = await h.post("/api/v1/sessions", { email: firm.owner.email, password: PASSWORD });
    const cookie = cookieOf(res).split(";")[0]!;
    const me = await h.request({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const csrf = me.json().csrf_token as string;

    const noHeader = await h.request({ method: "POST", url: "/api/v1/me/tokens", payload: { name: "ci" }, headers: { cookie } });
    expect(noHeader.statusCode).toBe(403);
    const forged = await h.request({ method: "POST", url: "/api/v1/me/tokens", payload: { name: "ci" }, headers: { cookie, "x-csrf-token": "csrf_forged" } });
    expect(forged.statusCode).toBe(403);
    expect((await h.get("/api/v1/me/tokens", firm.owner.token)).json().data).toHaveLength(0);

    const ok = await h.request({ method: "POST", url: "/api/v1/me/tokens", payload: { name: "ci" }, headers: { cookie, "x-csrf-token": csrf } });
    expect(ok.statusCode).toBe(201);
    const bearer = await h.post("/api/v1/me/tokens", { name: "script" }, firm.owner.token);
    expect(bearer.statusCode).toBe(201);
  });

  it("SEC-3 signing out ends the session: the cookie and the token no longer work", async () => {
    const firm = await buildFirm(h);
    const res = await h.post("/api/v1/sessions", { email: firm.owner.email, password: PASSWORD });
    const cookie = cookieOf(res).split(";")[0]!;
    const csrf = (await h.request({ method: "GET", url: "/api/v1/me", headers: { cookie } })).json().csrf_token;
    const out = await h.request({ method: "DELETE", url: "/api/v1/sessions/current", headers: { cookie, "x-csrf-token": csrf } });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out)).toMatch(/chambers_session=;/);
    expect((await h.request({ method: "GET", url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(401);
    expect((await h.get("/api/v1/me", res.json().token)).statusCode).toBe(401);
    // The other session of the same user is untouched.
    expect((await h.get("/api/v1/me", firm.owner.token)).statusCode).toBe(200);
  });

  it("SEC-3 a session expires after 30 days", async () => {
    const firm = await buildFirm(h);
    const token = await signIn(h, firm.owner.email);
    h.clock.advance(29 * 86400_000);
    expect((await h.get("/api/v1/me", token)).statusCode).toBe(200);
    h.clock.advance(2 * 86400_000);
    const res = await h.get("/api/v1/me", token);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("unauthenticated");
  });

  it("SEC-4 an API token is shown once, stored only as a hash, works as a bearer and can be revoked", async () => {
    const firm = await buildFirm(h);
    const created = await h.post("/api/v1/me/tokens", { name: "Document sync" }, firm.owner.token);
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^cht_[A-Za-z0-9_-]{43}$/);
    const [row] = await h.db.select().from(sessions).where(and(eq(sessions.firmId, firm.id), eq(sessions.id, id)));
    expect(row!.tokenHash).toHaveLength(64);
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = (await h.get("/api/v1/me/tokens", firm.owner.token)).json();
    expect(listed.data).toEqual([expect.objectContaining({ id, name: "Document sync" })]);
    expect(JSON.stringify(listed)).not.toContain(token);

    expect((await h.get("/api/v1/me", token)).json().email).toBe(firm.owner.email);
    expect((await h.delete(`/api/v1/me/tokens/${id}`, firm.owner.token)).statusCode).toBe(204);
    expect((await h.get("/api/v1/me", token)).statusCode).toBe(401);
    expect((await h.get("/api/v1/me/tokens", firm.owner.token)).json().data).toHaveLength(0);
  });

  it("SES-1 users see their own sessions, the current one marked, and end any of them", async () => {
    const firm = await buildFirm(h);
    const laptop = await h.request({ method: "POST", url: "/api/v1/sessions", payload: { email: firm.owner.email, password: PASSWORD }, headers: { "user-agent": "Laptop/1.0" }, remoteAddress: "192.0.2.10" });
    const laptopToken = laptop.json().token as string;
    const list = (await h.get("/api/v1/me/sessions", firm.owner.token)).json().data as { id: string; current: boolean; user_agent: string | null; ip: string | null }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const other = list.find((s) => !s.current)!;
    expect(other).toMatchObject({ user_agent: "Laptop/1.0", ip: "192.0.2.10" });

    expect((await h.delete(`/api/v1/me/sessions/${other.id}`, firm.owner.token)).statusCode).toBe(204);
    expect((await h.get("/api/v1/me", laptopToken)).statusCode).toBe(401);
    expect((await h.get("/api/v1/me/sessions", firm.owner.token)).json().data).toHaveLength(1);
  });

  it("SES-1 nobody ends someone else's session", async () => {
    const firm = await buildFirm(h);
    const colleague = await buildUser(h, firm, ["attorney"]);
    const theirs = (await h.get("/api/v1/me/sessions", colleague.token)).json().data[0].id as string;
    const res = await h.delete(`/api/v1/me/sessions/${theirs}`, firm.owner.token);
    expect(res.statusCode).toBe(404);
    expect((await h.get("/api/v1/me", colleague.token)).statusCode).toBe(200);
  });

  it("SES-2 administrators sign a user out everywhere without deactivating them", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const apiToken = (await h.post("/api/v1/me/tokens", { name: "laptop sync" }, user.token)).json().token;
    const res = await h.post(`/api/v1/users/${user.id}/sign-out-everywhere`, {}, firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessions_ended: 2 });
    expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(401);
    expect((await h.get("/api/v1/me", apiToken)).statusCode).toBe(401);
    expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json().status).toBe("active");
    expect((await h.post("/api/v1/sessions", { email: user.email, password: PASSWORD })).statusCode).toBe(201);
    const colleague = await buildUser(h, firm, ["attorney"]);
    expect((await h.post(`/api/v1/users/${user.id}/sign-out-everywhere`, {}, colleague.token)).statusCode).toBe(403);
    const admin = await buildUser(h, firm, ["administrator"]);
    expect((await h.post(`/api/v1/users/${firm.owner.id}/sign-out-everywhere`, {}, admin.token)).statusCode).toBe(403);
    expect((await h.get("/api/v1/me", firm.owner.token)).statusCode).toBe(200);
  });

  it("ROL-3 effective permissions are the union of the user's roles", async () => {
    const firm = await buildFirm(h);
    const both = await buildUser(h, firm, ["paralegal", "billing"]);
    const me = (await h.get("/api/v1/me", both.token)).json();
    expect(me.permissions).toEqual(["billing.view", "calendar.manage_all", "contacts.edit", "matters.edit", "rates.manage", "reports.view", "tasks.manage_all"]);
    const readOnly = await buildUser(h, firm, ["read_only"]);
    expect((await h.get("/api/v1/me", readOnly.token)).json().permissions).toEqual([]);
  });
});
