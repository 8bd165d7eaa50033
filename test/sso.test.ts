/**
 * Single sign-on with SAML (SSO-1..3, EML-2, INV-6), against a real signing identity provider
 * in the test process (test/helpers/saml-idp.ts). Every refused assertion is proven to leave no
 * session behind and nobody signed in.
 */
import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { firms, sessions, users } from "../src/db/schema.js";
import { startRuntime, type Runtime } from "../src/runtime.js";
import { hashPassword } from "../src/domain/accounts/passwords.js";
import { createActiveUser } from "../src/domain/users/create-active-user.js";
import { describeDb, testConfig, type Harness } from "./helpers/harness.js";
import { invitationToken } from "./helpers/mail.js";
import { buildFirm, buildUser, invite, PASSWORD, uniqueEmail, type BuiltFirm } from "./helpers/factories.js";
import { decode, encode, EXPIRED_CERT, OTHER_CERT, OTHER_KEY, readAuthnRequest, TestIdp, type ResponseOptions } from "./helpers/saml-idp.js";

const PUBLIC_URL = "https://chambers.test";
const ENV = { PUBLIC_URL };

type Sp = { entityId: string; acsUrl: string };

describeDb(
  "single sign-on",
  (h) => {
    const spOf = (firm: BuiltFirm): Sp => ({ entityId: `${PUBLIC_URL}/sso/saml/${firm.id}/metadata`, acsUrl: `${PUBLIC_URL}/sso/saml/${firm.id}/acs` });

    async function configure(firm: BuiltFirm, idp: TestIdp, extra: Record<string, unknown> = {}) {
      const res = await h.request({ method: "PUT", url: "/api/v1/firm/sso", payload: idp.settings(extra), token: firm.owner.token });
      return res;
    }

    /** Posts a SAMLResponse to the firm's ACS as the IdP's auto-submitted form would. */
    function acs(firmId: string, samlResponse: string, relayState?: string, app: Harness["app"] = h.app) {
      const form = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) });
      return app.inject({ method: "POST", url: `/sso/saml/${firmId}/acs`, payload: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    }

    const sessionToken = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === "chambers_session")?.value;

    async function sessionsOf(userId: string) {
      const [row] = await h.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
      return row!.n;
    }

    async function signInThroughSso(firm: BuiltFirm, idp: TestIdp, email: string) {
      const res = await acs(firm.id, await idp.response(spOf(firm), { nameId: email, now: h.clock.now() }));
      return { res, token: sessionToken(res) };
    }

    /** A firm with SSO configured, tested by its owner's SSO sign-in, and enforced. */
    async function enforcedFirm(extra: Record<string, unknown> = {}) {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      expect((await configure(firm, idp)).statusCode).toBe(200);
      expect((await signInThroughSso(firm, idp, firm.owner.email)).token).toBeDefined();
      const res = await configure(firm, idp, { enforced: true, ...extra });
      expect(res.statusCode, res.body).toBe(200);
      return { firm, idp };
    }

    it("SSO-1 the IdP settings are checked and refused with the field named, storing nothing", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      const cases: [Record<string, unknown>, string][] = [
        [{ certificate_pem: "not a certificate" }, "certificate_pem"],
        [{ certificate_pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" }, "certificate_pem"],
        [{ certificate_pem: EXPIRED_CERT }, "certificate_pem"],
        [{ sso_url: "http://idp.example.com/sso" }, "sso_url"],
        [{ sso_url: "javascript:alert(1)" }, "sso_url"],
        [{ sso_url: "not a url" }, "sso_url"],
        [{ idp_entity_id: "   " }, "idp_entity_id"],
        [{ idp_entity_id: "x".repeat(1001) }, "idp_entity_id"],
        [{ exception_emails: ["not-an-email"] }, "exception_emails.0"],
        [{ enforced: "yes" }, "enforced"],
      ];
      for (const [extra, path] of cases) {
        const res = await configure(firm, idp, extra);
        expect(res.statusCode, JSON.stringify(extra)).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path), JSON.stringify(extra)).toContain(path);
      }
      expect((await configure(firm, idp, { certificate_pem: EXPIRED_CERT })).json().errors[0].message).toMatch(/expired on 2021-01-01/);
      const stored = (await h.get("/api/v1/firm/sso", firm.owner.token)).json();
      expect(stored).toMatchObject({ idp_entity_id: null, sso_url: null, certificate_pem: null, enforced: false, tested_at: null });
      expect((await h.get("/api/v1/firm", firm.owner.token)).json().sso).toBeNull();
    });

    it("SSO-1 an administrator configures SAML: the settings, the SP's addresses and metadata are published, the feed records it", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      // The certificate may be pasted as its bare base64 body, as IdPs often show it.
      const body = idp.settings().certificate_pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
      const res = await configure(firm, idp, { certificate_pem: body, exception_emails: [` ${firm.owner.email.toUpperCase()} `] });
      expect(res.statusCode, res.body).toBe(200);
      const sp = spOf(firm);
      expect(res.json()).toMatchObject({
        idp_entity_id: idp.entityId,
        sso_url: idp.ssoUrl,
        enforced: false,
        exception_emails: [firm.owner.email.toLowerCase()],
        tested_at: null,
        sp_entity_id: sp.entityId,
        acs_url: sp.acsUrl,
        metadata_url: sp.entityId,
        login_url: `${PUBLIC_URL}/sso/saml/${firm.id}/login`,
      });
      expect(res.json().certificate_pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect((await h.get("/api/v1/firm/sso", firm.owner.token)).json()).toEqual(res.json());
      expect((await h.get("/api/v1/firm", firm.owner.token)).json().sso).toEqual({ idp_entity_id: idp.entityId, enforced: false, tested_at: null });
      expect((await h.get("/api/v1/me", firm.owner.token)).json().firm.sso).toEqual({ idp_entity_id: idp.entityId, enforced: false, tested_at: null });

      const metadata = await h.app.inject({ method: "GET", url: `/sso/saml/${firm.id}/metadata` });
      expect(metadata.statusCode).toBe(200);
      expect(metadata.headers["content-type"]).toMatch(/samlmetadata\+xml/);
      expect(metadata.body).toContain(`entityID="${sp.entityId}"`);
      expect(metadata.body).toContain(`Location="${sp.acsUrl}"`);
      expect(metadata.body).toContain('WantAssertionsSigned="true"');

      const feed = (await h.get("/api/v1/activities?kind=sso.updated", firm.owner.token)).json().data;
      expect(feed).toHaveLength(1);
      expect(feed[0].changes).toMatchObject({ idp_entity_id: { before: null, after: idp.entityId } });
      expect(JSON.stringify(feed[0])).not.toContain("BEGIN CERTIFICATE");

      // Attorneys may not see or change it.
      const attorney = await buildUser(h, firm, ["attorney"]);
      expect((await h.get("/api/v1/firm/sso", attorney.token)).statusCode).toBe(403);
      expect((await h.request({ method: "PUT", url: "/api/v1/firm/sso", payload: idp.settings(), token: attorney.token })).statusCode).toBe(403);
    });

    it("SSO-1 enforcement needs a successful test sign-in by an administrator; changing the IdP clears it", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const refused = await configure(firm, idp, { enforced: true });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("sso_not_tested");
      // An attorney's SSO sign-in works but is not the administrators' test.
      const attorney = await buildUser(h, firm, ["attorney"]);
      expect((await signInThroughSso(firm, idp, attorney.email)).token).toBeDefined();
      expect((await h.get("/api/v1/firm/sso", firm.owner.token)).json().tested_at).toBeNull();
      expect((await signInThroughSso(firm, idp, firm.owner.email)).token).toBeDefined();
      const tested = (await h.get("/api/v1/firm/sso", firm.owner.token)).json();
      expect(tested.tested_at).toBe(h.clock.now().toISOString());
      expect((await h.get("/api/v1/activities?kind=sso.tested", firm.owner.token)).json().data).toHaveLength(1);
      const enforced = await configure(firm, idp, { enforced: true });
      expect(enforced.statusCode, enforced.body).toBe(200);
      expect((await h.get("/api/v1/firm", firm.owner.token)).json().sso).toMatchObject({ enforced: true, tested_at: tested.tested_at });
      // A new certificate is a new, untested IdP: enforcing it is refused, and nothing changes.
      const rotated = await configure(firm, idp, { certificate_pem: OTHER_CERT, enforced: true });
      expect(rotated.json().code).toBe("sso_not_tested");
      expect((await h.get("/api/v1/firm/sso", firm.owner.token)).json()).toMatchObject({ enforced: true, tested_at: tested.tested_at });
      const untested = await configure(firm, idp, { certificate_pem: OTHER_CERT, enforced: false });
      expect(untested.json()).toMatchObject({ enforced: false, tested_at: null });
    });

    it("SSO-3 the sign-in starts at the IdP with an AuthnRequest for this firm's ACS; the email is passed as a hint", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      const none = await h.app.inject({ method: "GET", url: `/sso/saml/${firm.id}/login` });
      expect(none.statusCode).toBe(302);
      expect(none.headers.location).toBe("/signin?sso_error=not_configured");
      await configure(firm, idp);
      const res = await h.app.inject({ method: "GET", url: `/sso/saml/${firm.id}/login?email=${encodeURIComponent(firm.owner.email)}&return_to=/settings/sso` });
      expect(res.statusCode).toBe(302);
      const location = new URL(res.headers.location as string);
      expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
      expect(location.searchParams.get("login_hint")).toBe(firm.owner.email);
      expect(location.searchParams.get("RelayState")).toBe("/settings/sso");
      const request = readAuthnRequest(location.searchParams.get("SAMLRequest")!);
      expect(request).toMatchObject({ acsUrl: spOf(firm).acsUrl, issuer: spOf(firm).entityId });
      // "Sign in with SSO" from an email finds the firm; an unknown email learns only "not configured".
      const start = await h.app.inject({ method: "GET", url: `/sso/saml/start?email=${encodeURIComponent(firm.owner.email.toUpperCase())}` });
      expect(start.headers.location).toBe(`/sso/saml/${firm.id}/login?email=${encodeURIComponent(firm.owner.email.toUpperCase())}`);
      const unknown = await h.app.inject({ method: "GET", url: `/sso/saml/start?email=${uniqueEmail("nobody")}` });
      expect(unknown.headers.location).toBe("/signin?sso_error=not_configured");
      // An outside address as return path is ignored.
      const evil = await h.app.inject({ method: "GET", url: `/sso/saml/${firm.id}/login?return_to=//evil.example` });
      expect(new URL(evil.headers.location as string).searchParams.get("RelayState")).toBe("/");
    });

    it("SSO-3 a signed assertion signs in the active user it names, with a session like a password sign-in's", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const attorney = await buildUser(h, firm, ["attorney"]);
      const before = await sessionsOf(attorney.id);
      const res = await acs(firm.id, await idp.response(spOf(firm), { nameId: attorney.email.toUpperCase(), now: h.clock.now() }), "/matters");
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe("/matters");
      const cookie = res.cookies.find((c) => c.name === "chambers_session")!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true, path: "/" });
      const me = await h.request({ method: "GET", url: "/api/v1/me", cookies: { chambers_session: cookie.value } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: attorney.id, email: attorney.email });
      expect(me.json().csrf_token).toMatch(/^csrf/);
      expect(await sessionsOf(attorney.id)).toBe(before + 1);
    });

    it("SES-3 SSO-3 where the firm requires two-factor, an SSO sign-in is left to the identity provider; a password sign-in must enrol", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const attorney = await buildUser(h, firm, ["attorney"]);
      await h.db.update(firms).set({ twoFactorRequired: true }).where(eq(firms.id, firm.id));
      const res = await acs(firm.id, await idp.response(spOf(firm), { nameId: attorney.email, now: h.clock.now() }), "/matters");
      const cookie = res.cookies.find((c) => c.name === "chambers_session")!;
      const viaSso = await h.request({ method: "GET", url: "/api/v1/me", cookies: { chambers_session: cookie.value } });
      expect(viaSso.json().two_factor_enrollment_required).toBe(false);
      expect((await h.request({ method: "GET", url: "/api/v1/matters", cookies: { chambers_session: cookie.value } })).statusCode).toBe(200);
      // The same person's password session (opened before) is held to enrolment.
      expect((await h.get("/api/v1/me", attorney.token)).json().two_factor_enrollment_required).toBe(true);
      expect((await h.get("/api/v1/matters", attorney.token)).json().code).toBe("two_factor_enrollment_required");
    });

    it("SSO-3 refused assertions make no session and sign nobody in", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const victim = await buildUser(h, firm, ["administrator"]);
      const leaver = await buildUser(h, firm, ["attorney"]);
      expect((await h.post(`/api/v1/users/${leaver.id}/deactivate`, {}, firm.owner.token)).statusCode).toBe(200);
      const other = await buildFirm(h);
      const stranger = await buildUser(h, other, ["attorney"]);
      const sp = spOf(firm);
      const now = h.clock.now();
      const make = (o: Partial<ResponseOptions> = {}) => idp.response(sp, { nameId: victim.email, now, ...o });

      const signed = decode(await make());
      const assertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)![0];
      const evil = assertion.replace(/ID="[^"]+"/, 'ID="_evil"');
      const attacker = await buildUser(h, firm, ["attorney"]);
      const attackerSigned = decode(await make({ nameId: attacker.email }));
      const attackerAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(attackerSigned)![0];
      const forged = attackerAssertion.replace(attacker.email, victim.email).replace(/ID="([^"]+)"/, 'ID="_forged"').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "");
      const dotted = `${victim.email}.evil.test`;
      const commented = decode(await make({ nameId: dotted })).replace(`>${dotted}<`, `>${victim.email}<!---->.evil.test<`);

      const cases: [string, string | Promise<string>, string][] = [
        ["unsigned", make({ sign: "none" }), "invalid"],
        ["signed by another key", make({ key: { privateKey: OTHER_KEY, cert: OTHER_CERT } }), "invalid"],
        ["only the response signed, not the assertion", make({ sign: "response" }), "invalid"],
        ["altered after signing", encode(decode(await make({ nameId: attacker.email })).replace(attacker.email, victim.email)), "invalid"],
        ["wrong audience", make({ audience: "https://elsewhere.test/metadata" }), "invalid"],
        ["wrong recipient", make({ recipient: "https://elsewhere.test/acs" }), "wrong_recipient"],
        ["another firm's ACS as recipient", make({ recipient: spOf(other).acsUrl }), "wrong_recipient"],
        ["another issuer", make({ issuer: "https://idp.evil.test" }), "invalid"],
        ["expired", make({ now: new Date(now.getTime() - 20 * 60_000) }), "expired"],
        ["not yet valid", make({ notBefore: new Date(now.getTime() + 10 * 60_000), notOnOrAfter: new Date(now.getTime() + 20 * 60_000) }), "not_yet_valid"],
        ["wrapping: a forged assertion beside the signed one", encode(attackerSigned.replace("</samlp:Response>", `${forged}</samlp:Response>`)), "invalid"],
        ["wrapping: a forged assertion before the signed one", encode(attackerSigned.replace(attackerAssertion, `${forged}${attackerAssertion}`)), "invalid"],
        ["wrapping: a copy of the signed assertion under another ID", encode(signed.replace("</samlp:Response>", `${evil}</samlp:Response>`)), "invalid"],
        ["wrapping: the signed assertion hidden in Extensions, a forged one in its place", encode(attackerSigned.replace(attackerAssertion, `<samlp:Extensions>${attackerAssertion}</samlp:Extensions>`).replace("</samlp:Response>", `${forged}</samlp:Response>`)), "invalid"],
        ["a comment splitting the signed NameID", encode(commented), "unknown_user"],
        ["unknown email", make({ nameId: uniqueEmail("nobody") }), "unknown_user"],
        ["deactivated user", make({ nameId: leaver.email }), "unknown_user"],
        ["another firm's user", make({ nameId: stranger.email }), "unknown_user"],
        ["not base64 XML", "bm90IHhtbA==", "invalid"],
        ["garbage", "%%%", "invalid"],
      ];
      const counts = async () => [await sessionsOf(victim.id), await sessionsOf(attacker.id), await sessionsOf(leaver.id), await sessionsOf(stranger.id)];
      const before = await counts();
      for (const [what, response, reason] of cases) {
        const res = await acs(firm.id, await response);
        expect(res.statusCode, what).toBe(302);
        expect(res.headers.location, what).toBe(`/signin?sso_error=${reason}`);
        expect(sessionToken(res), what).toBeUndefined();
      }
      expect(await counts()).toEqual(before);
      // The stranger's own firm has no SSO: their assertion is refused there too.
      expect((await acs(other.id, await idp.response(spOf(other), { nameId: stranger.email, now }))).headers.location).toBe("/signin?sso_error=not_configured");
      // And an empty form.
      const empty = await h.app.inject({ method: "POST", url: `/sso/saml/${firm.id}/acs`, payload: "", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(empty.headers.location).toBe("/signin?sso_error=invalid");
      expect((await h.db.select().from(users).where(and(eq(users.firmId, firm.id), eq(users.id, leaver.id))))[0]!.status).toBe("deactivated");
    });

    it("SSO-3 times are the clock's: an assertion is good within its window and a small skew, refused after it", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const attorney = await buildUser(h, firm, ["attorney"]);
      const early = await idp.response(spOf(firm), { nameId: attorney.email, now: new Date(h.clock.now().getTime() + 60_000) });
      expect(sessionToken(await acs(firm.id, early))).toBeDefined();
      const late = await idp.response(spOf(firm), { nameId: attorney.email, now: h.clock.now() });
      h.clock.advance(5 * 60_000 + 2 * 60_000);
      const res = await acs(firm.id, late);
      expect(res.headers.location).toBe("/signin?sso_error=expired");
    });

    it("SSO-3 an assertion works once, on any instance sharing the database, even sent to two at once", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const attorney = await buildUser(h, firm, ["attorney"]);
      const second: Runtime = await startRuntime(testConfig(h.backend, ENV), { database: h.deps.database, clock: h.clock, logger: false });
      try {
        const once = await idp.response(spOf(firm), { nameId: attorney.email, now: h.clock.now() });
        expect(sessionToken(await acs(firm.id, once))).toBeDefined();
        const replayed = await acs(firm.id, once, undefined, second.app);
        expect(replayed.headers.location).toBe("/signin?sso_error=replayed");
        expect((await acs(firm.id, once)).headers.location).toBe("/signin?sso_error=replayed");

        const before = await sessionsOf(attorney.id);
        const twice = await idp.response(spOf(firm), { nameId: attorney.email, now: h.clock.now() });
        const answers = await Promise.all([acs(firm.id, twice), acs(firm.id, twice, undefined, second.app)]);
        expect(answers.filter((a) => sessionToken(a)).length).toBe(1);
        expect(answers.map((a) => a.headers.location).sort()).toEqual(["/", "/signin?sso_error=replayed"]);
        expect(await sessionsOf(attorney.id)).toBe(before + 1);
      } finally {
        await second.close();
      }
    });

    it("SSO-2 with SSO enforced, a right password is refused with sso_required, except for emails on the exception list", async () => {
      const excepted = uniqueEmail("breakglass");
      const { firm, idp } = await enforcedFirm({ exception_emails: [excepted.toUpperCase()] });
      const member = uniqueEmail("member");
      const memberId = await activeUser(firm, member);
      await activeUser(firm, excepted);
      const refused = await h.post("/api/v1/sessions", { email: member, password: PASSWORD });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("sso_required");
      expect(sessionToken(refused)).toBeUndefined();
      expect(await sessionsOf(memberId)).toBe(0);
      // A wrong password learns nothing about SSO.
      expect((await h.post("/api/v1/sessions", { email: member, password: "wrong-password-123" })).json().code).toBe("invalid_credentials");
      // The exception signs in with a password, whatever the case of the email.
      expect((await h.post("/api/v1/sessions", { email: excepted.toUpperCase(), password: PASSWORD })).statusCode).toBe(201);
      // The member signs in through SSO.
      expect((await signInThroughSso(firm, idp, member)).token).toBeDefined();
      expect(await sessionsOf(memberId)).toBe(1);
      // Turning enforcement off lets passwords in again; another firm's people were never touched.
      expect((await configure(firm, idp, { enforced: false })).statusCode).toBe(200);
      expect((await h.post("/api/v1/sessions", { email: member, password: PASSWORD })).statusCode).toBe(201);
      const other = await buildFirm(h);
      expect((await h.post("/api/v1/sessions", { email: other.owner.email, password: PASSWORD })).statusCode).toBe(201);
    });

    it("EML-2 with SSO enforced, changing one's own login email is refused unless the current email is excepted", async () => {
      const { firm, idp } = await enforcedFirm();
      const member = uniqueEmail("member");
      const memberId = await activeUser(firm, member);
      const token = (await signInThroughSso(firm, idp, member)).token!;
      const refused = await h.post("/api/v1/me/email-change", { new_email: uniqueEmail("new"), password: PASSWORD }, token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("sso_required");
      expect((await h.get("/api/v1/me", token)).json().pending_email_change).toBeNull();
      expect((await h.db.select().from(users).where(and(eq(users.firmId, firm.id), eq(users.id, memberId))))[0]!.email).toBe(member);
      // Excepted: allowed.
      const excepted = await configure(firm, idp, { enforced: true, exception_emails: [member] });
      expect(excepted.statusCode).toBe(200);
      const allowed = await h.post("/api/v1/me/email-change", { new_email: uniqueEmail("new"), password: PASSWORD }, token);
      expect(allowed.statusCode, allowed.body).toBe(202);
    });

    it("INV-6 where SSO is enforced, an invitee accepts by signing in through SSO; the password link is refused", async () => {
      const { firm, idp } = await enforcedFirm();
      const { res, email } = await invite(h, firm, { first_name: "Ines", last_name: "Invitee" });
      expect(res.statusCode, res.body).toBe(201);
      const userId = res.json().user.id as string;
      const before = (await h.get("/api/v1/notifications", firm.owner.token)).json().unread_count as number;

      const { res: ok, token } = await signInThroughSso(firm, idp, email);
      expect(ok.headers.location).toBe("/");
      expect(token).toBeDefined();
      const me = (await h.get("/api/v1/me", token)).json();
      expect(me).toMatchObject({ id: userId, status: "active", first_name: "Ines", last_name: "Invitee", invitation: null });
      const notes = (await h.get("/api/v1/notifications", firm.owner.token)).json();
      expect(notes.unread_count).toBe(before + 1);
      expect(notes.data[0]).toMatchObject({ kind: "invitation.accepted" });
      const feed = (await h.get("/api/v1/activities?kind=invitation.accepted", firm.owner.token)).json().data;
      expect(feed[0]).toMatchObject({ subject_id: userId, changes: { status: { before: "invited", after: "active" }, through: { after: "sso" } } });
      // Signing in again is an ordinary SSO sign-in.
      expect((await signInThroughSso(firm, idp, email)).token).toBeDefined();

      // A second invitee's link: the lookup says SSO, and a password is refused.
      const second = await invite(h, firm);
      const link = await invitationToken(h, second.email);
      const lookup = (await h.get(`/api/v1/invitations/lookup?token=${encodeURIComponent(link)}`)).json();
      expect(lookup).toMatchObject({ sso_required: true, sso_login_path: `/sso/saml/${firm.id}/login?email=${encodeURIComponent(second.email)}` });
      const byPassword = await h.post("/api/v1/invitations/accept", { token: link, first_name: "P", last_name: "W", password: PASSWORD });
      expect(byPassword.statusCode).toBe(403);
      expect(byPassword.json().code).toBe("sso_required");
      expect((await h.get(`/api/v1/users/${second.res.json().user.id}`, firm.owner.token)).json().status).toBe("invited");
    });

    it("INV-6 where SSO is not enforced, an invitee cannot sign in through SSO: they accept the link with a password", async () => {
      const firm = await buildFirm(h);
      const idp = new TestIdp();
      await configure(firm, idp);
      const { res, email } = await invite(h, firm);
      const refused = await signInThroughSso(firm, idp, email);
      expect(refused.res.headers.location).toBe("/signin?sso_error=invitation_pending");
      expect(refused.token).toBeUndefined();
      expect((await h.get(`/api/v1/users/${res.json().user.id}`, firm.owner.token)).json().status).toBe("invited");
      expect(await sessionsOf(res.json().user.id)).toBe(0);
      const link = await invitationToken(h, email);
      expect((await h.get(`/api/v1/invitations/lookup?token=${encodeURIComponent(link)}`)).json()).toMatchObject({ sso_required: false, sso_login_path: null });
    });

    /** An active user made directly: buildUser signs in with a password, which enforcement refuses. */
    async function activeUser(firm: BuiltFirm, email: string): Promise<string> {
      const hash = await hashPassword(PASSWORD);
      return h.db.transaction((tx) => createActiveUser(tx, h.clock, { firmId: firm.id, email, firstName: "Mo", lastName: "Member", passwordHash: hash, roleKeys: ["attorney"] }));
    }
  },
  { env: ENV },
);
