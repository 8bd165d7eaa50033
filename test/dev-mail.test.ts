/** SEC-9: nobody reads another person's mail through the local mail viewer. */
import { expect, it } from "vitest";
import { describeDb, Harness } from "./helpers/harness.js";
import { buildFirm, buildUser, invite } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";

describeDb(
  "the local mail viewer (DEV_MAIL=1)",
  (h) => {
    it("SEC-9 only a signed-in administrator sees the viewer, and only their own firm's mail", async () => {
      const ours = await buildFirm(h);
      const theirs = await buildFirm(h);
      const { email: ourInvitee } = await invite(h, ours);
      const { email: theirInvitee } = await invite(h, theirs);
      const [theirMail] = await mailTo(h, theirInvitee, "invitation");
      const [ourMail] = await mailTo(h, ourInvitee, "invitation");

      expect((await h.get("/dev/mail")).statusCode).toBe(401);
      expect((await h.get(`/dev/mail/${ourMail!.id}`)).statusCode).toBe(401);
      const attorney = await buildUser(h, ours, ["attorney"]);
      expect((await h.get("/dev/mail", attorney.token)).statusCode).toBe(403);

      const page = await h.get("/dev/mail", ours.owner.token);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(ourInvitee);
      expect(page.body).not.toContain(theirInvitee);
      const message = await h.get(`/dev/mail/${ourMail!.id}`, ours.owner.token);
      expect(message.statusCode).toBe(200);
      expect(message.body).toContain("accept-invitation?token=");

      const foreign = await h.get(`/dev/mail/${theirMail!.id}`, ours.owner.token);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).not.toContain("accept-invitation");
    });
  },
  { env: { DEV_MAIL: "1" } },
);

describeDb("without DEV_MAIL", (h: Harness) => {
  it("SEC-9 the viewer does not exist, even for an administrator, outside production", async () => {
    const firm = await buildFirm(h);
    const { email } = await invite(h, firm);
    const [mail] = await mailTo(h, email, "invitation");
    for (const url of ["/dev/mail", `/dev/mail/${mail!.id}`, `/dev/mail/${firm.id}/${mail!.id}`]) {
      const res = await h.get(url, firm.owner.token);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain("accept-invitation");
    }
  });
});
