import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { invitations, users } from "../src/db/schema.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, PASSWORD, roleId, uniqueEmail } from "./helpers/factories.js";
import { invitationToken, mailTo } from "./helpers/mail.js";

describeDb("invitations", (h) => {
  it("INV-1 an administrator invites one user with roles; the user is listed as invited and holds a license", async () => {
    const firm = await buildFirm(h, { licenses: 3 });
    const { res, email } = await invite(h, firm, { first_name: "Nia", last_name: "Okafor", subscription_type: "non_attorney" });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email, status: "invited", name: "Nia Okafor", subscription_type: "non_attorney", roles: [{ name: "Attorney" }] });
    expect(body.user.invitation).toMatchObject({ id: body.invitation.id, expired: false });
    const invited = (await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data;
    expect(invited.map((u: { email: string }) => u.email)).toEqual([email]);
    const licenses = (await h.get("/api/v1/licenses", firm.owner.token)).json();
    expect(licenses).toMatchObject({ total: 3, occupied: 2, available: 1 });
  });

  it("INV-1 no role, a role of another firm, or an email in use anywhere: each refused, nothing created", async () => {
    const firm = await buildFirm(h);
    const other = await buildFirm(h);
    const email = uniqueEmail("refused");
    const noRole = await h.post("/api/v1/invitations", { email, subscription_type: "attorney", role_ids: [] }, firm.owner.token);
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().errors[0].path).toBe("role_ids");
    const foreign = await invite(h, firm, { email, role_ids: [await roleId(h, other, "Attorney")] });
    expect(foreign.res.statusCode).toBe(400);
    expect(foreign.res.json().errors[0].path).toBe("role_ids.0");
    for (const taken of [other.owner.email, other.owner.email.toUpperCase(), ` ${other.owner.email} `]) {
      const inUse = await invite(h, firm, { email: taken });
      expect(inUse.res.statusCode).toBe(409);
      expect(inUse.res.json().code).toBe("email_in_use");
    }
    expect(await h.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(await mailTo(h, email)).toHaveLength(0);
  });

  it("INV-1 only those who manage users invite", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const res = await h.post("/api/v1/invitations", { email: uniqueEmail(), subscription_type: "attorney", role_ids: [await roleId(h, firm, "Attorney")] }, attorney.token);
    expect(res.statusCode).toBe(403);
  });

  it("INV-2 the invitation email carries the firm, the inviter, the escaped message, the link and the expiry", async () => {
    const firm = await buildFirm(h, { firm_name: "Quill & Quarry" });
    const { email } = await invite(h, firm, { message: "Welcome <script>alert(1)</script> & see you Monday" });
    const [mail] = await mailTo(h, email, "invitation");
    expect(mail!.payload.subject).toBe("Olivia Owner invited you to Quill & Quarry on Chambers");
    expect(mail!.payload.html).toContain("Quill &amp; Quarry");
    expect(mail!.payload.html).toContain("Welcome &lt;script&gt;alert(1)&lt;/script&gt; &amp; see you Monday");
    expect(mail!.payload.html).not.toContain("<script>");
    expect(mail!.payload.text).toContain("Welcome <script>alert(1)</script> & see you Monday");
    expect(mail!.payload.text).toMatch(/accept-invitation\?token=/);
    const expiry = new Date(h.clock.now().getTime() + 24 * 3600_000).toISOString().slice(0, 16).replace("T", " at ");
    expect(mail!.payload.text).toContain(expiry);
  });

  it("INV-3 an invitation expires 24 hours after it was sent, stays listed as expired and keeps its license", async () => {
    const firm = await buildFirm(h, { licenses: 2 });
    const { email } = await invite(h, firm);
    const token = await invitationToken(h, email);
    h.clock.advance(24 * 3600_000 - 1000);
    expect((await h.get(`/api/v1/invitations/lookup?token=${encodeURIComponent(token)}`)).json().expired).toBe(false);
    h.clock.advance(1000);
    expect((await h.get(`/api/v1/invitations/lookup?token=${encodeURIComponent(token)}`)).json().expired).toBe(true);
    const res = await h.post("/api/v1/invitations/accept", { token, first_name: "Late", last_name: "Comer", password: PASSWORD });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe("invitation_expired");
    expect(res.json().detail).toMatch(/ask .* new one/i);
    const [listed] = (await h.get("/api/v1/users?status=invited", firm.owner.token)).json().data;
    expect(listed.invitation.expired).toBe(true);
    expect((await h.get("/api/v1/licenses", firm.owner.token)).json()).toMatchObject({ occupied: 2, available: 0 });
  });

  it("INV-4 resend issues a new link, voids the old one and restarts the 24 hours", async () => {
    const firm = await buildFirm(h);
    const { res, email } = await invite(h, firm);
    const id = res.json().invitation.id as string;
    const oldToken = await invitationToken(h, email);
    h.clock.advance(30 * 3600_000);
    const resent = await h.post(`/api/v1/invitations/${id}/resend`, {}, firm.owner.token);
    expect(resent.statusCode).toBe(200);
    expect(resent.json().expires_at).toBe(new Date(h.clock.now().getTime() + 24 * 3600_000).toISOString());
    const newToken = await invitationToken(h, email);
    expect(newToken).not.toBe(oldToken);
    expect((await h.post("/api/v1/invitations/accept", { token: oldToken, first_name: "A", last_name: "B", password: PASSWORD })).json().code).toBe("invitation_invalid");
    const accepted = await h.post("/api/v1/invitations/accept", { token: newToken, first_name: "A", last_name: "B", password: PASSWORD });
    expect(accepted.statusCode).toBe(201);
  });

  it("INV-5 revoking kills the link, frees the license and removes the person from the list; the feed keeps it", async () => {
    const firm = await buildFirm(h, { licenses: 2 });
    const { res, email } = await invite(h, firm);
    const { invitation, user } = res.json();
    const token = await invitationToken(h, email);
    expect((await h.delete(`/api/v1/invitations/${invitation.id}`, firm.owner.token)).statusCode).toBe(204);
    expect((await h.get("/api/v1/users?status=all", firm.owner.token)).json().data.map((u: { email: string }) => u.email)).not.toContain(email);
    expect((await h.get("/api/v1/licenses", firm.owner.token)).json()).toMatchObject({ occupied: 1, available: 1 });
    expect((await h.post("/api/v1/invitations/accept", { token, first_name: "A", last_name: "B", password: PASSWORD })).statusCode).toBe(404);
    expect((await h.delete(`/api/v1/invitations/${invitation.id}`, firm.owner.token)).statusCode).toBe(404);
    const [entry] = (await h.get("/api/v1/activities?kind=invitation.revoked", firm.owner.token)).json().data;
    expect(entry).toMatchObject({ subject_id: user.id, subject_label: email, is_deletion: true });
    // The email is free again.
    expect((await invite(h, firm, { email })).res.statusCode).toBe(201);
  });

  it("INV-6 accepting sets the name and password, activates the user, signs them in and notifies the inviter; the link works once", async () => {
    const firm = await buildFirm(h);
    const { email } = await invite(h, firm);
    const token = await invitationToken(h, email);
    const lookup = (await h.get(`/api/v1/invitations/lookup?token=${encodeURIComponent(token)}`)).json();
    expect(lookup).toMatchObject({ email, firm_name: firm.name, expired: false });
    const res = await h.post("/api/v1/invitations/accept", { token, first_name: "Tomás", last_name: "Ruiz", password: "a long and private phrase" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user).toMatchObject({ status: "active", name: "Tomás Ruiz", invitation: null });
    expect(String(res.headers["set-cookie"])).toMatch(/chambers_session=/);
    expect((await h.get("/api/v1/me", res.json().token)).json().email).toBe(email);
    expect((await h.post("/api/v1/sessions", { email, password: "a long and private phrase" })).statusCode).toBe(201);
    const again = await h.post("/api/v1/invitations/accept", { token, first_name: "X", last_name: "Y", password: PASSWORD });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe("invitation_invalid");
    const notes = (await h.get("/api/v1/notifications", firm.owner.token)).json();
    expect(notes.data[0]).toMatchObject({ kind: "invitation.accepted", title: "Tomás Ruiz joined your firm" });
    expect(notes.unread_count).toBe(1);
  });

  it("INV-6 a weak password at acceptance is refused and the invitation stays open", async () => {
    const firm = await buildFirm(h);
    const { email } = await invite(h, firm);
    const token = await invitationToken(h, email);
    for (const password of ["short", "qwerty123456"]) {
      const res = await h.post("/api/v1/invitations/accept", { token, first_name: "W", last_name: "K", password });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe("password");
    }
    const [row] = await h.db.select().from(users).where(eq(users.email, email));
    expect(row!.status).toBe("invited");
  });

  it("INV-7 links carry 256 random bits, only their hash is stored, and forged links fail", async () => {
    const firm = await buildFirm(h);
    const { res, email } = await invite(h, firm);
    const token = await invitationToken(h, email);
    const secret = token.split(".")[2]!;
    expect(Buffer.from(secret.replace(/^inv_/, ""), "base64url")).toHaveLength(32);
    const [row] = await h.db.select().from(invitations).where(eq(invitations.id, res.json().invitation.id));
    expect(row!.tokenHash).toHaveLength(64);
    expect(JSON.stringify(row)).not.toContain(secret);
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const bad of [forged, "nonsense", `${firm.id}.${res.json().invitation.id}.inv_${"A".repeat(43)}`]) {
      const r = await h.get(`/api/v1/invitations/lookup?token=${encodeURIComponent(bad)}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe("invitation_invalid");
    }
  });

  it("USR-3 an invited user cannot sign in until the invitation is accepted", async () => {
    const firm = await buildFirm(h);
    const { email } = await invite(h, firm);
    expect((await h.post("/api/v1/sessions", { email, password: PASSWORD })).statusCode).toBe(401);
  });
});
