/** SES-3: two-factor sign-in with an authenticator app (TOTP) and recovery codes. */
import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { BACKENDS, describeDb, Harness, withTwoInstances } from "./helpers/harness.js";
import { buildAdmin, buildFirm, buildUser, PASSWORD, type BuiltUser } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";

/** The code the authenticator app shows at the test clock's time (plus `offsetSeconds`). */
const codeAt = (h: Harness, secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(h.clock.now().getTime() / 1000) + offsetSeconds });

const signInWith = (h: Harness, email: string, code?: string, remoteAddress?: string) =>
  h.request({ method: "POST", url: "/api/v1/sessions", payload: { email, password: PASSWORD, ...(code === undefined ? {} : { code }) }, ...(remoteAddress ? { remoteAddress } : {}) });

/** Enrols `user` and returns the secret and recovery codes; the clock moves past the confirming code's step. */
async function enrol(h: Harness, user: BuiltUser) {
  const begun = await h.post("/api/v1/me/two-factor", { password: PASSWORD }, user.token);
  expect(begun.statusCode, begun.body).toBe(201);
  const { secret } = begun.json();
  const confirmed = await h.post("/api/v1/me/two-factor/confirm", { code: await codeAt(h, secret) }, user.token);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  h.clock.advance(30_000);
  return { secret: secret as string, recoveryCodes: confirmed.json().recovery_codes as string[] };
}

async function feedKinds(h: Harness, token: string, userId: string) {
  const res = await h.get(`/api/v1/users/${userId}/activity`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { kind: string; changes: Record<string, unknown> }[];
}

describeDb("two-factor sign-in", (h) => {
  it("SES-3 enrolment: the secret and a QR code come once, nothing changes until a first code confirms it, then ten recovery codes", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json()).toEqual({ enabled: false, required_by_firm: false, recovery_codes_left: 0 });
    expect((await h.post("/api/v1/me/two-factor", { password: "not-the-password" }, user.token)).json().errors[0].path).toBe("password");
    const begun = await h.post("/api/v1/me/two-factor", { password: PASSWORD }, user.token);
    expect(begun.statusCode).toBe(201);
    const body = begun.json();
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauth_url).toMatch(/^otpauth:\/\/totp\/Chambers:/);
    expect(body.otpauth_url).toContain(`secret=${body.secret}`);
    expect(body.qr_svg).toMatch(/^<svg/);
    // Begun but not confirmed: sign-in still needs the password only.
    expect((await signInWith(h, user.email)).statusCode).toBe(201);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json().enabled).toBe(false);

    const confirmed = await h.post("/api/v1/me/two-factor/confirm", { code: await codeAt(h, body.secret) }, user.token);
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recovery_codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json()).toEqual({ enabled: true, required_by_firm: false, recovery_codes_left: 10 });
    expect((await h.get(`/api/v1/users/${user.id}`, firm.owner.token)).json().two_factor_enabled).toBe(true);
    // Never again: a second enrolment is refused while it is on, and no answer carries the secret.
    expect((await h.post("/api/v1/me/two-factor", { password: PASSWORD }, user.token)).statusCode).toBe(409);
    const feed = await feedKinds(h, firm.owner.token, user.id);
    const entry = feed.find((a) => a.kind === "user.two_factor_enabled");
    expect(entry).toBeDefined();
    expect(JSON.stringify(feed)).not.toContain(body.secret);
    expect(JSON.stringify(feed)).not.toContain(codes[0]);
    expect((await mailTo(h, user.email, "two_factor.enabled")).length).toBe(1);
  });

  it("SES-3 confirming with a wrong code is refused naming the field, and two-factor stays off", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { secret } = (await h.post("/api/v1/me/two-factor", { password: PASSWORD }, user.token)).json();
    const right = await codeAt(h, secret);
    const wrong = right === "000000" ? "111111" : "000000";
    const res = await h.post("/api/v1/me/two-factor/confirm", { code: wrong }, user.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("code");
    // A code from five minutes ago is just as wrong.
    expect((await h.post("/api/v1/me/two-factor/confirm", { code: await codeAt(h, secret, -300) }, user.token)).statusCode).toBe(400);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json().enabled).toBe(false);
    expect((await signInWith(h, user.email)).statusCode).toBe(201);
  });

  it("SES-3 sign-in asks for the code: no session without it, a wrong code refused, the right one signs in", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { secret } = await enrol(h, user);
    const sessionsBefore = (await h.get("/api/v1/me/sessions", user.token)).json().data.length;
    const missing = await signInWith(h, user.email);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe("two_factor_required");
    expect(missing.headers["set-cookie"]).toBeUndefined();
    const right = await codeAt(h, secret);
    const wrong = await signInWith(h, user.email, right === "123456" ? "654321" : "123456");
    expect(wrong.json().code).toBe("two_factor_invalid");
    // A wrong password with a right code is still the password's answer, and spends nothing.
    const badPassword = await h.post("/api/v1/sessions", { email: user.email, password: "wrong-password-here", code: right });
    expect(badPassword.json().code).toBe("invalid_credentials");
    expect((await h.get("/api/v1/me/sessions", user.token)).json().data.length).toBe(sessionsBefore);
    const ok = await signInWith(h, user.email, right);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await h.get("/api/v1/me", ok.json().token)).statusCode).toBe(200);
  });

  it("SES-3 a code works once, across time steps too, and a code of a minute ago has expired", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { secret } = await enrol(h, user);
    const code = await codeAt(h, secret);
    expect((await signInWith(h, user.email, code)).statusCode).toBe(201);
    const reused = await signInWith(h, user.email, code);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe("two_factor_invalid");
    // The previous step's code is within the drift allowed, but older than the one just used.
    expect((await signInWith(h, user.email, await codeAt(h, secret, -30))).json().code).toBe("two_factor_invalid");
    // Expired: the code shown now, typed two minutes later.
    h.clock.advance(30_000);
    const late = await codeAt(h, secret);
    h.clock.advance(120_000);
    expect((await signInWith(h, user.email, late)).json().code).toBe("two_factor_invalid");
    // One step of drift either way is allowed (a phone's clock a little off).
    expect((await signInWith(h, user.email, await codeAt(h, secret, 30))).statusCode).toBe(201);
  });

  it("SES-3 a recovery code signs in once, and recovery_codes_left goes down", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { recoveryCodes } = await enrol(h, user);
    // Typed in capitals without its dash, it is the same code.
    const typed = recoveryCodes[0]!.replace("-", "").toUpperCase();
    const first = await signInWith(h, user.email, typed);
    expect(first.statusCode, first.body).toBe(201);
    expect((await h.get("/api/v1/me/two-factor", first.json().token)).json().recovery_codes_left).toBe(9);
    expect((await signInWith(h, user.email, recoveryCodes[0])).json().code).toBe("two_factor_invalid");
    expect((await signInWith(h, user.email, recoveryCodes[1])).statusCode).toBe(201);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json().recovery_codes_left).toBe(8);
    expect((await feedKinds(h, firm.owner.token, user.id)).filter((a) => a.kind === "user.recovery_code_used")).toHaveLength(2);
  });

  it("SES-3 SEC-8 codes are rate limited per account: 429 after ten, even with the right code, until the window ends", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { secret } = await enrol(h, user);
    const statuses = [];
    // The confirming code spent one of the ten.
    for (let i = 0; i < 9; i++) statuses.push((await signInWith(h, user.email, "000001", `10.90.${i}.1`)).statusCode);
    expect(statuses).toEqual(Array(9).fill(401));
    const limited = await signInWith(h, user.email, await codeAt(h, secret), "10.91.0.1");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe("rate_limited");
    // The budget is the account's: confirming or disabling with codes spends it too.
    expect((await h.request({ method: "DELETE", url: "/api/v1/me/two-factor", payload: { password: PASSWORD, code: "000002" }, token: user.token })).statusCode).toBe(429);
    h.clock.advance(15 * 60 * 1000);
    expect((await signInWith(h, user.email, await codeAt(h, secret))).statusCode).toBe(201);
  });

  it("SES-3 a firm requiring two-factor: people without it sign in, then only enrolment answers until they have enrolled", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const user = await buildUser(h, firm);
    const attorney = await buildUser(h, firm);
    expect((await h.patch("/api/v1/firm", { two_factor_required: true }, attorney.token)).statusCode).toBe(403);
    // An administrator turns it on only once they have it themselves: nobody locks the firm out by mistake.
    const first = await h.patch("/api/v1/firm", { two_factor_required: true }, admin.token);
    expect(first.statusCode).toBe(409);
    expect((await h.get("/api/v1/firm", admin.token)).json().two_factor_required).toBe(false);
    await enrol(h, admin);
    const patched = await h.patch("/api/v1/firm", { two_factor_required: true }, admin.token);
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().two_factor_required).toBe(true);
    expect((await h.get("/api/v1/firm", admin.token)).json().two_factor_required).toBe(true);
    const feed = (await h.get("/api/v1/activities?kind=firm.updated", admin.token)).json().data;
    expect(feed[0]?.changes?.two_factor_required).toEqual({ before: false, after: true });

    const token = (await signInWith(h, user.email)).json().token;
    const me = await h.get("/api/v1/me", token);
    expect(me.json().two_factor_enrollment_required).toBe(true);
    const refused = await h.get("/api/v1/users", token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("two_factor_enrollment_required");
    // The existing session of someone without it is held back the same way.
    expect((await h.get("/api/v1/groups", user.token)).json().code).toBe("two_factor_enrollment_required");
    expect((await h.get("/api/v1/me/two-factor", token)).json()).toMatchObject({ enabled: false, required_by_firm: true });
    // Enrolling lifts it at once; the admin who has it was never held back.
    expect((await h.get("/api/v1/users", admin.token)).statusCode).toBe(200);
    await enrol(h, { ...user, token });
    expect((await h.get("/api/v1/me", token)).json().two_factor_enrollment_required).toBe(false);
    expect((await h.get("/api/v1/users", token)).statusCode).toBe(200);
    // Signing out still works for someone held back.
    expect((await h.request({ method: "DELETE", url: "/api/v1/sessions/current", token: attorney.token })).statusCode).toBe(204);
  });

  it("SES-3 turning it off needs the password and a code, and is refused while the firm requires it", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { secret, recoveryCodes } = await enrol(h, user);
    await enrol(h, firm.owner);
    const off = (body: Record<string, unknown>) => h.request({ method: "DELETE", url: "/api/v1/me/two-factor", payload: body, token: user.token });
    const both = await off({ password: "not-the-password", code: "000000" });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["code", "password"]);
    expect((await h.patch("/api/v1/firm", { two_factor_required: true }, firm.owner.token)).statusCode).toBe(200);
    const required = await off({ password: PASSWORD, code: await codeAt(h, secret) });
    expect(required.statusCode).toBe(409);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json().enabled).toBe(true);
    await h.patch("/api/v1/firm", { two_factor_required: false }, firm.owner.token);
    expect((await off({ password: PASSWORD, code: recoveryCodes[3] })).statusCode).toBe(204);
    expect((await h.get("/api/v1/me/two-factor", user.token)).json()).toEqual({ enabled: false, required_by_firm: false, recovery_codes_left: 0 });
    expect((await signInWith(h, user.email)).statusCode).toBe(201);
    expect((await feedKinds(h, firm.owner.token, user.id)).some((a) => a.kind === "user.two_factor_disabled")).toBe(true);
    expect((await mailTo(h, user.email, "two_factor.disabled")).length).toBe(1);
  });

  it("SES-3 ACC-4 an administrator resets someone's second factor: in the feed, the person told by email; never the primary subscriber's", async () => {
    const firm = await buildFirm(h);
    const admin = await buildAdmin(h, firm);
    const user = await buildUser(h, firm);
    await enrol(h, user);
    await enrol(h, firm.owner);
    expect((await h.delete(`/api/v1/users/${user.id}/two-factor`, user.token)).statusCode).toBe(403);
    expect((await h.delete(`/api/v1/users/${firm.owner.id}/two-factor`, admin.token)).statusCode).toBe(403);
    expect((await h.get(`/api/v1/users/${firm.owner.id}`, admin.token)).json().abilities.reset_two_factor).toBe(false);
    const other = await buildFirm(h);
    expect((await h.delete(`/api/v1/users/${user.id}/two-factor`, other.owner.token)).statusCode).toBe(404);

    expect((await h.delete(`/api/v1/users/${user.id}/two-factor`, admin.token)).statusCode).toBe(204);
    expect((await signInWith(h, user.email)).statusCode).toBe(201);
    expect((await h.delete(`/api/v1/users/${user.id}/two-factor`, admin.token)).statusCode).toBe(409);
    const entry = (await feedKinds(h, admin.token, user.id)).find((a) => a.kind === "user.two_factor_reset");
    expect(entry).toBeDefined();
    const [mail] = await mailTo(h, user.email, "two_factor.reset");
    expect(JSON.stringify(mail!.payload)).toContain("Alex Admin");
    // The primary subscriber resets their own.
    expect((await h.delete(`/api/v1/users/${firm.owner.id}/two-factor`, firm.owner.token)).statusCode).toBe(204);
  });

  it("SES-3 SEC-5 bad codes are 4xx naming the field, never a 500, and change nothing", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm);
    const { secret } = (await h.post("/api/v1/me/two-factor", { password: PASSWORD }, user.token)).json();
    for (const code of ["", "   ", "x".repeat(65), 123456, null, ["123456"]]) {
      const res = await h.post("/api/v1/me/two-factor/confirm", { code }, user.token);
      expect(res.statusCode, JSON.stringify(code)).toBe(400);
      expect(res.json().errors[0].path).toBe("code");
    }
    for (const code of ["abcdef", "12345", "1234567", "١٢٣٤٥٦", "12 34 5x"]) {
      const res = await h.post("/api/v1/me/two-factor/confirm", { code }, user.token);
      expect(res.statusCode, code).toBe(400);
    }
    expect((await h.get("/api/v1/me/two-factor", user.token)).json().enabled).toBe(false);
    await h.post("/api/v1/me/two-factor/confirm", { code: await codeAt(h, secret) }, user.token);
    h.clock.advance(30_000);
    for (const code of ["", "x".repeat(65), 42]) {
      const res = await signInWith(h, user.email, code as string, `10.95.0.${String(code).length % 250}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe("code");
    }
    h.clock.advance(15 * 60 * 1000);
    for (const code of ["abcdefghij", "١٢٣٤٥٦", "<script>"]) {
      expect((await signInWith(h, user.email, code)).json().code).toBe("two_factor_invalid");
    }
  });
});

const postgres = BACKENDS.find((b) => b.name === "postgres");

describe("two-factor codes across instances", () => {
  it.skipIf(!postgres)("SES-3 SEC-8 two instances on one PostgreSQL share the code budget and the used codes", async () => {
    await withTwoInstances(postgres!.url!, async (a, b) => {
      const firm = await buildFirm(a);
      const user = await buildUser(a, firm);
      const { secret } = await enrol(a, user);
      b.clock.set(a.clock.now());
      const code = await codeAt(a, secret);
      expect((await signInWith(a, user.email, code)).statusCode).toBe(201);
      expect((await signInWith(b, user.email, code)).json().code).toBe("two_factor_invalid");
      const statuses = [];
      // Three codes are spent (confirming, signing in on one, replaying on the other): seven wrong
      // ones, alternating between the instances, use up the budget of ten.
      for (let i = 0; i < 9; i++) statuses.push((await signInWith(i % 2 ? a : b, user.email, "000003")).statusCode);
      expect(statuses).toEqual([...Array(7).fill(401), 429, 429]);
      expect((await signInWith(a, user.email, "000004")).statusCode).toBe(429);
    });
  }, 120_000);
});
