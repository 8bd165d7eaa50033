import type { LightMyRequestResponse } from "fastify";
import { expect, it } from "vitest";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, PASSWORD, signIn, uniqueEmail } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";

async function confirmToken(h: Harness, to: string): Promise<string> {
  const [mail] = await mailTo(h, to, "email_change.confirm");
  if (!mail) throw new Error(`no confirmation mail to ${to}`);
  return decodeURIComponent(/confirm-email\?token=([^\s"<&]+)/.exec(mail.payload.text)![1]!);
}

/** A refusal with exactly this status and problem `code`: never "some error", never a 500. */
function refused(res: LightMyRequestResponse, status: number, code: string, label = "") {
  expect(res.statusCode, `${label} ${res.body}`).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
}

describeDb("login email changes", (h) => {
  it("EML-1 users change their own email with their password; it changes only when the new address confirms; the old address is told", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const next = uniqueEmail("new");
    const wrong = await h.post("/api/v1/me/email-change", { new_email: next, password: "not-my-password" }, user.token);
    refused(wrong, 400, "validation_failed");
    expect(wrong.json().errors[0].path).toBe("password");
    expect(await mailTo(h, next)).toHaveLength(0);

    const res = await h.post("/api/v1/me/email-change", { new_email: next, password: PASSWORD }, user.token);
    expect(res.statusCode, res.body).toBe(202);
    const pending = (await h.get("/api/v1/me", user.token)).json();
    expect(pending.email).toBe(user.email);
    expect(pending.pending_email_change).toEqual({ new_email: next, expires_at: "2026-11-24T10:00:00.000Z" });
    expect((await mailTo(h, user.email, "email_change.notice"))[0]!.payload.text).toContain(next);

    const token = await confirmToken(h, next);
    const confirmed = await h.post("/api/v1/email-changes/confirm", { token }, user.token);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ email: next, pending_email_change: null });
    refused(await h.post("/api/v1/sessions", { email: user.email, password: PASSWORD }), 401, "invalid_credentials");
    expect((await h.post("/api/v1/sessions", { email: next, password: PASSWORD })).statusCode).toBe(201);
    expect((await mailTo(h, user.email, "email_change.done"))).toHaveLength(1);
    // A used link is dead: not found, the same answer as a link that never existed.
    refused(await h.post("/api/v1/email-changes/confirm", { token }), 404, "not_found");
  });

  it("EML-3 administrators change other users' login emails, confirmed the same way; never the primary subscriber's", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const user = await buildUser(h, firm, ["paralegal"]);
    const next = uniqueEmail("moved");
    expect((await h.post(`/api/v1/users/${user.id}/email-change`, { new_email: next }, admin.token)).statusCode).toBe(202);
    const token = await confirmToken(h, next);
    expect((await h.post("/api/v1/email-changes/confirm", { token })).json().email).toBe(next);
    expect((await h.get(`/api/v1/users/${user.id}`, admin.token)).json().email).toBe(next);

    refused(await h.post(`/api/v1/users/${firm.owner.id}/email-change`, { new_email: uniqueEmail("hijack") }, admin.token), 403, "forbidden");
    const attorney = await buildUser(h, firm, ["attorney"]);
    refused(await h.post(`/api/v1/users/${user.id}/email-change`, { new_email: uniqueEmail() }, attorney.token), 403, "forbidden");
    await h.post(`/api/v1/users/${attorney.id}/deactivate`, {}, admin.token);
    const gone = (await h.get(`/api/v1/users/${attorney.id}`, admin.token)).json();
    expect(gone.abilities.change_email).toBe(false);
    refused(await h.post(`/api/v1/users/${attorney.id}/email-change`, { new_email: uniqueEmail() }, admin.token), 403, "forbidden");
  });

  it("EML-4 the new email must be free when asked and when confirmed; afterwards every other session ends", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const other = await buildFirm(h);
    const taken = await h.post("/api/v1/me/email-change", { new_email: other.owner.email.toUpperCase(), password: PASSWORD }, user.token);
    refused(taken, 409, "email_in_use");
    expect(taken.json()).toMatchObject({ errors: [{ path: "new_email" }] });

    const next = uniqueEmail("race");
    await h.post("/api/v1/me/email-change", { new_email: next, password: PASSWORD }, user.token);
    const token = await confirmToken(h, next);
    // Someone takes the address before the link is followed.
    await buildUser(h, other, ["attorney"], { email: next });
    const late = await h.post("/api/v1/email-changes/confirm", { token }, user.token);
    refused(late, 409, "email_in_use");
    expect(late.json().errors).toEqual([expect.objectContaining({ path: "new_email" })]);
    expect((await h.get("/api/v1/me", user.token)).json().email).toBe(user.email);

    const final = uniqueEmail("final");
    const laptop = await signIn(h, user.email);
    await h.post("/api/v1/me/email-change", { new_email: final, password: PASSWORD }, user.token);
    await h.post("/api/v1/email-changes/confirm", { token: await confirmToken(h, final) }, user.token);
    expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(200);
    refused(await h.get("/api/v1/me", laptop), 401, "unauthenticated");
  });

  it("EML-4 a newer request voids the earlier link, and links expire after 24 hours", async () => {
    const firm = await buildFirm(h);
    const user = await buildUser(h, firm, ["attorney"]);
    const first = uniqueEmail("first");
    const second = uniqueEmail("second");
    await h.post("/api/v1/me/email-change", { new_email: first, password: PASSWORD }, user.token);
    const firstToken = await confirmToken(h, first);
    await h.post("/api/v1/me/email-change", { new_email: second, password: PASSWORD }, user.token);
    refused(await h.post("/api/v1/email-changes/confirm", { token: firstToken }), 404, "not_found");
    const secondToken = await confirmToken(h, second);

    // Malformed tokens fail the body schema; well-formed ones that name nothing, or whose secret
    // was altered, are simply not found. None of them changes the email.
    for (const bad of ["", "x".repeat(400)]) {
      const res = await h.post("/api/v1/email-changes/confirm", { token: bad });
      refused(res, 400, "validation_failed", JSON.stringify(bad));
      expect(res.json().errors, JSON.stringify(bad)).toEqual([expect.objectContaining({ path: "token" })]);
    }
    const [firmId, changeId, secret] = secondToken.split(".") as [string, string, string];
    const flipped = secret.at(-1) === "A" ? "B" : "A";
    for (const bad of [
      "nonsense",
      `${firm.id}.abc.eml_${"A".repeat(43)}`,
      // The live link with one character of its secret altered.
      `${firmId}.${changeId}.${secret.slice(0, -1)}${flipped}`,
      // The live link's secret under another record, and under another firm.
      `${firmId}.${firmId}.${secret}`,
      `${(await buildFirm(h)).id}.${changeId}.${secret}`,
      // An invitation-shaped token is not an email-change link.
      `${firmId}.${changeId}.inv_${secret.slice(4)}`,
    ]) {
      refused(await h.post("/api/v1/email-changes/confirm", { token: bad }), 404, "not_found", bad);
    }
    expect((await h.get("/api/v1/me", user.token)).json()).toMatchObject({ email: user.email, pending_email_change: { new_email: second } });

    h.clock.advance(24 * 3600_000 + 1);
    refused(await h.post("/api/v1/email-changes/confirm", { token: secondToken }), 410, "link_expired");
    expect((await h.get("/api/v1/me", user.token)).json().email).toBe(user.email);
  });
});
