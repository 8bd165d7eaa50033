/** ACC-9, SEC-3: changing one's password, and resetting a forgotten one through an emailed link. */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, passwordResets, users } from "../src/db/schema.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite, PASSWORD, signIn, uniqueEmail } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";

const NEW_PASSWORD = "amber-orchard-velvet-1987";

async function askReset(h: Harness, email: string) {
  const res = await h.post("/api/v1/password-resets", { email });
  await h.deps.background.idle();
  return res;
}

/** The reset link's token from the newest reset mail to `email`. */
async function resetToken(h: Harness, email: string): Promise<string> {
  const [mail] = await mailTo(h, email, "password.reset_link");
  if (!mail) throw new Error(`no reset mail to ${email}`);
  const m = /reset-password\?token=([^\s"<&]+)/.exec(mail.payload.text);
  if (!m) throw new Error("no link in the reset mail");
  return decodeURIComponent(m[1]!);
}

const confirm = (h: Harness, token: string, new_password = NEW_PASSWORD) => h.post("/api/v1/password-resets/confirm", { token, new_password });

async function passwordHashOf(h: Harness, id: string) {
  const [row] = await h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row!.hash;
}

describeDb("password change and reset", (h) => {
  describe("changing one's own password", () => {
    it("ACC-9 a user changes their password with the current one; every other session and API token ends, this one stays, and they are told", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      const otherSession = await signIn(h, user.email);
      const apiToken = (await h.post("/api/v1/me/tokens", { name: "script" }, user.token)).json().token as string;

      const res = await h.post("/api/v1/me/password", { current_password: PASSWORD, new_password: NEW_PASSWORD }, user.token);
      expect(res.statusCode, res.body).toBe(204);

      expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(200);
      expect((await h.get("/api/v1/me", otherSession)).statusCode).toBe(401);
      expect((await h.get("/api/v1/me", apiToken)).statusCode).toBe(401);
      expect((await h.post("/api/v1/sessions", { email: user.email, password: PASSWORD })).statusCode).toBe(401);
      expect((await h.post("/api/v1/sessions", { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(201);

      const [notice] = await mailTo(h, user.email, "password.changed");
      expect(notice?.payload.subject).toMatch(/password has changed/);
      expect(notice?.payload.text).not.toContain(NEW_PASSWORD);
      const feed = await h.db.select().from(activities).where(and(eq(activities.firmId, firm.id), eq(activities.kind, "user.password_changed")));
      expect(feed).toHaveLength(1);
      expect(feed[0]).toMatchObject({ actorId: user.id, subjectId: user.id, changes: { sessions_ended: { before: null, after: 2 } } });
      expect(JSON.stringify(feed[0])).not.toContain(NEW_PASSWORD);
    });

    it("ACC-9 a wrong current password, a short, a common or the same password is refused naming the field, and nothing changes", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      const other = await signIn(h, user.email);
      const before = await passwordHashOf(h, user.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ current_password: "not-the-password-at-all", new_password: NEW_PASSWORD }, "current_password"],
        [{ current_password: PASSWORD, new_password: "short" }, "new_password"],
        [{ current_password: PASSWORD, new_password: "password1234" }, "new_password"],
        [{ current_password: PASSWORD, new_password: PASSWORD }, "new_password"],
        [{ current_password: PASSWORD }, "new_password"],
        [{ current_password: PASSWORD, new_password: 12345678901234 }, "new_password"],
        [{ current_password: PASSWORD, new_password: "x".repeat(100_000) }, "new_password"],
      ];
      // Every field's error at once.
      const both = await h.post("/api/v1/me/password", { current_password: "not-the-password-at-all", new_password: "short" }, user.token);
      expect(both.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["current_password", "new_password"]);
      for (const [body, field] of cases) {
        const res = await h.post("/api/v1/me/password", body, user.token);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe("validation_failed");
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
      }
      expect(await passwordHashOf(h, user.id)).toBe(before);
      expect((await h.get("/api/v1/me", other)).statusCode).toBe(200);
      expect(await mailTo(h, user.email, "password.changed")).toHaveLength(0);
    });

    it("ACC-9 changed through an API token, that token stays and every other one ends", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      const script = (await h.post("/api/v1/me/tokens", { name: "script" }, user.token)).json().token as string;
      const other = (await h.post("/api/v1/me/tokens", { name: "other" }, user.token)).json().token as string;
      expect((await h.post("/api/v1/me/password", { current_password: PASSWORD, new_password: NEW_PASSWORD }, script)).statusCode).toBe(204);
      expect((await h.get("/api/v1/me", script)).statusCode).toBe(200);
      expect((await h.get("/api/v1/me", other)).statusCode).toBe(401);
      expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(401);
    });

    it("ACC-9 guesses of the current password are rate limited per user, whatever the address", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      for (let i = 0; i < 10; i++) {
        expect((await h.post("/api/v1/me/password", { current_password: `wrong-guess-${i}-xx`, new_password: NEW_PASSWORD }, user.token)).statusCode).toBe(400);
      }
      const limited = await h.post("/api/v1/me/password", { current_password: PASSWORD, new_password: NEW_PASSWORD }, user.token);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe("rate_limited");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect((await h.post("/api/v1/sessions", { email: user.email, password: PASSWORD })).statusCode).toBe(201);
    });
  });

  describe("resetting a forgotten password", () => {
    it("ACC-9 a reset link sets a new password once, every session and API token ends, and the person is told", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      const apiToken = (await h.post("/api/v1/me/tokens", { name: "script" }, user.token)).json().token as string;

      const asked = await askReset(h, `  ${user.email.toUpperCase()} `);
      expect(asked.statusCode).toBe(202);
      const token = await resetToken(h, user.email);
      // Only the hash is stored (INV-7's rule for every link).
      const [stored] = await h.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
      expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(token.split(".")[2]);

      const done = await confirm(h, token);
      expect(done.statusCode, done.body).toBe(204);
      expect((await h.get("/api/v1/me", user.token)).statusCode).toBe(401);
      expect((await h.get("/api/v1/me", apiToken)).statusCode).toBe(401);
      expect((await h.post("/api/v1/sessions", { email: user.email, password: PASSWORD })).statusCode).toBe(401);
      expect((await h.post("/api/v1/sessions", { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(201);
      expect(await mailTo(h, user.email, "password.reset")).toHaveLength(1);
      const feed = await h.db.select().from(activities).where(and(eq(activities.firmId, firm.id), eq(activities.kind, "user.password_reset")));
      expect(feed).toHaveLength(1);

      // The link works once.
      const again = await confirm(h, token, "another-fresh-password-77");
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe("reset_invalid");
      expect((await h.post("/api/v1/sessions", { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(201);
    });

    it("ACC-9 the answer is the same for an unknown, an invited and a deactivated email, and only an active user gets a link", async () => {
      const firm = await buildFirm(h);
      const active = await buildUser(h, firm, ["attorney"]);
      const gone = await buildUser(h, firm, ["attorney"]);
      expect((await h.post(`/api/v1/users/${gone.id}/deactivate`, { leave_work: true }, firm.owner.token)).statusCode).toBe(200);
      const { email: invited } = await invite(h, firm);
      const unknown = uniqueEmail("nobody");

      const answers = [];
      for (const email of [active.email, unknown, invited, gone.email]) {
        const res = await askReset(h, email);
        answers.push({ status: res.statusCode, body: res.body, type: res.headers["content-type"] });
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]!.status).toBe(202);
      expect(await mailTo(h, active.email, "password.reset_link")).toHaveLength(1);
      for (const email of [unknown, invited, gone.email]) expect(await mailTo(h, email, "password.reset_link")).toHaveLength(0);
    });

    it("ACC-9 a link expires after one hour, and a newer link or a password change voids the older one", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      await askReset(h, user.email);
      const first = await resetToken(h, user.email);
      h.clock.advance(3600 * 1000 + 1);
      const expired = await confirm(h, first);
      expect(expired.statusCode).toBe(410);
      expect(expired.json().code).toBe("reset_expired");

      await askReset(h, user.email);
      const second = await resetToken(h, user.email);
      await askReset(h, user.email);
      const third = await resetToken(h, user.email);
      expect(third).not.toBe(second);
      expect((await confirm(h, second)).json().code).toBe("reset_invalid");

      // Used after the password changed anyway: dead.
      const token = await signIn(h, user.email);
      expect((await h.post("/api/v1/me/password", { current_password: PASSWORD, new_password: "changed-meanwhile-2026" }, token)).statusCode).toBe(204);
      const late = await confirm(h, third);
      expect(late.statusCode).toBe(404);
      expect(late.json().code).toBe("reset_invalid");
      expect((await h.post("/api/v1/sessions", { email: user.email, password: "changed-meanwhile-2026" })).statusCode).toBe(201);
    });

    it("ACC-9 an altered, foreign-shaped or empty token is invalid, a weak password names the field, and nothing changes", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      await askReset(h, user.email);
      const token = await resetToken(h, user.email);
      const before = await passwordHashOf(h, user.id);
      const altered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
      for (const bad of [altered, "nonsense", `${firm.id}.${user.id}.pwr_${"A".repeat(43)}`, token.replace(".pwr_", ".eml_")]) {
        const res = await confirm(h, bad);
        expect(res.statusCode, bad).toBe(404);
        expect(res.json().code).toBe("reset_invalid");
      }
      const empty = await confirm(h, "");
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].path).toBe("token");
      for (const weak of ["short", "password1234"]) {
        const res = await confirm(h, token, weak);
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0].path).toBe("new_password");
      }
      expect(await passwordHashOf(h, user.id)).toBe(before);
      // The weak attempts did not use the link up.
      expect((await confirm(h, token)).statusCode).toBe(204);
    });

    it("ACC-9 bad input to the request is a 400 naming the field, never a 500", async () => {
      for (const body of [{}, { email: "" }, { email: "not-an-email" }, { email: 42 }, { email: `${"a".repeat(300)}@x.test` }, { email: "a@b.test", extra: 1 }]) {
        const res = await h.post("/api/v1/password-resets", body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe("validation_failed");
      }
    });

    it("SEC-8 reset requests are rate limited per email, whatever the address, and per address", async () => {
      const firm = await buildFirm(h);
      const user = await buildUser(h, firm, ["attorney"]);
      for (let i = 0; i < 5; i++) expect((await askReset(h, user.email)).statusCode).toBe(202);
      const limited = await askReset(h, user.email);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe("rate_limited");
      expect(await mailTo(h, user.email, "password.reset_link")).toHaveLength(5);

      const address = "10.77.0.1";
      const statuses = [];
      for (let i = 0; i < 21; i++) {
        statuses.push((await h.request({ method: "POST", url: "/api/v1/password-resets", payload: { email: uniqueEmail("probe") }, remoteAddress: address })).statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
      expect(statuses[20]).toBe(429);
      await h.deps.background.idle();
    });
  });
});
