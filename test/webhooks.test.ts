import { expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";
import { activities, webhookDeliveries } from "../src/db/schema.js";
import { loadConfig } from "../src/config.js";
import { isForbiddenAddress, webhookUrlProblem } from "../src/domain/webhooks/webhook-address.js";

// Registration checks the address; nothing listens at these URLs and nothing is delivered here.
const ALLOWED = "https://127.0.0.1:9/hook";

describeDb(
  "webhooks",
  (h) => {
    it("WHK-1 an administrator registers an https endpoint; its secret is shown once and never again", async () => {
      const firm = await buildFirm(h);
      const res = await h.post("/api/v1/webhooks", { url: ALLOWED, events: ["user.invited", "user.deactivated", "user.invited"], description: "Directory sync" }, firm.owner.token);
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ url: ALLOWED, events: ["user.deactivated", "user.invited"], status: "active", description: "Directory sync", created_at: h.clock.now().toISOString() });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

      const list = await h.get("/api/v1/webhooks", firm.owner.token);
      expect(list.json().data).toEqual([expect.objectContaining({ id: created.id })]);
      expect(list.body).not.toContain(created.secret);
      const patched = await h.patch(`/api/v1/webhooks/${created.id}`, { events: ["group.changed"] }, firm.owner.token);
      expect(patched.json()).toMatchObject({ events: ["group.changed"] });
      expect(patched.json().secret).toBeUndefined();
      const [feed] = await h.db.select().from(activities).where(and(eq(activities.firmId, firm.id), eq(activities.kind, "webhook.created")));
      expect(feed).toMatchObject({ subjectId: created.id, actorId: firm.owner.id });
      expect(JSON.stringify(feed!.changes)).not.toContain(created.secret);
    });

    it("WHK-2 http, loopback, private, link-local, CGNAT, mapped and names resolving to loopback are refused, naming url", async () => {
      const firm = await buildFirm(h);
      for (const url of [
        "http://127.0.0.1:9/hook",
        "https://127.0.0.2/hook",
        "https://localhost/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/hook",
        "https://[fe80::1]/hook",
        "https://[fd00::1]/hook",
        "https://0.0.0.0/hook",
        "https://2130706434/hook",
        "https://user:pass@127.0.0.1:9/hook",
        "not a url",
        "",
        "https://no-such-host.invalid/hook",
      ]) {
        const res = await h.post("/api/v1/webhooks", { url, events: ["user.invited"] }, firm.owner.token);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path), url).toEqual(["url"]);
      }
      const good = (await h.post("/api/v1/webhooks", { url: ALLOWED, events: ["user.invited"] }, firm.owner.token)).json();
      const moved = await h.patch(`/api/v1/webhooks/${good.id}`, { url: "https://192.168.0.1/" }, firm.owner.token);
      expect(moved.statusCode).toBe(400);
      expect(moved.json().errors[0].path).toBe("url");
      expect((await h.get("/api/v1/webhooks", firm.owner.token)).json().data.map((w: { url: string }) => w.url)).toEqual([ALLOWED]);
    });

    it("WHK-2 without WEBHOOK_ALLOW_HOSTS loopback is refused, and production refuses the setting", async () => {
      expect(await webhookUrlProblem("https://127.0.0.1:9/hook", { allowHosts: [] })).toMatch(/not a public address/);
      expect(await webhookUrlProblem("https://127.0.0.1:9/hook", { allowHosts: ["127.0.0.1"] })).toBeNull();
      expect(await webhookUrlProblem("https://93.184.215.14/hook", { allowHosts: [] })).toBeNull();
      for (const a of ["127.0.0.1", "::1", "::ffff:7f00:1", "::ffff:10.0.0.1", "169.254.1.1", "fe80::1", "fc00::1", "100.100.1.1", "224.0.0.1", "::", "64:ff9b::a00:1"]) {
        expect(isForbiddenAddress(a), a).toBe(true);
      }
      for (const a of ["93.184.215.14", "2606:4700::1111", "8.8.8.8"]) expect(isForbiddenAddress(a), a).toBe(false);
      expect(() => loadConfig({ NODE_ENV: "production", PUBLIC_URL: "https://chambers.example.com", WEBHOOK_ALLOW_HOSTS: "127.0.0.1" })).toThrow(/WEBHOOK_ALLOW_HOSTS/);
    });

    it("WHK-1 bad input names its field and changes nothing; another firm's endpoint answers 404", async () => {
      const firm = await buildFirm(h);
      const other = await buildFirm(h);
      const cases: [unknown, string][] = [
        [{ url: ALLOWED, events: [] }, "events"],
        [{ url: ALLOWED, events: ["user.exploded"] }, "events.0"],
        [{ url: ALLOWED, events: "user.invited" }, "events"],
        [{ url: 42, events: ["user.invited"] }, "url"],
        [{ url: `${ALLOWED}/${"x".repeat(3000)}`, events: ["user.invited"] }, "url"],
        [{ url: ALLOWED, events: ["user.invited"], secret: "mine" }, "secret"],
      ];
      for (const [body, path] of cases) {
        const res = await h.post("/api/v1/webhooks", body, firm.owner.token);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
      }
      expect((await h.get("/api/v1/webhooks", firm.owner.token)).json().data).toEqual([]);

      const hook = (await h.post("/api/v1/webhooks", { url: ALLOWED, events: ["user.invited"] }, firm.owner.token)).json();
      expect((await h.patch(`/api/v1/webhooks/${hook.id}`, { status: "paused" }, other.owner.token)).statusCode).toBe(404);
      expect((await h.delete(`/api/v1/webhooks/${hook.id}`, other.owner.token)).statusCode).toBe(404);
      expect((await h.get(`/api/v1/webhooks/${hook.id}/deliveries`, other.owner.token)).statusCode).toBe(404);
      expect((await h.patch(`/api/v1/webhooks/${hook.id}`, { status: "sleeping" }, firm.owner.token)).statusCode).toBe(400);
      expect((await h.get(`/api/v1/webhooks/${hook.id}/deliveries?cursor=abc`, firm.owner.token)).statusCode).toBe(400);
      const attorney = await buildUser(h, firm, ["attorney"]);
      expect((await h.get("/api/v1/webhooks", attorney.token)).statusCode).toBe(403);
    });

    it("WHK-1 a paused endpoint keeps its events for later; a deleted one gets nothing and loses its deliveries", async () => {
      const firm = await buildFirm(h);
      const hook = (await h.post("/api/v1/webhooks", { url: ALLOWED, events: ["group.changed"] }, firm.owner.token)).json();
      const paused = await h.patch(`/api/v1/webhooks/${hook.id}`, { status: "paused" }, firm.owner.token);
      expect(paused.json()).toMatchObject({ status: "paused", paused_at: h.clock.now().toISOString() });
      await h.post("/api/v1/groups", { name: "Held" }, firm.owner.token);
      const held = (await h.get(`/api/v1/webhooks/${hook.id}/deliveries`, firm.owner.token)).json().data;
      expect(held).toEqual([expect.objectContaining({ event: "group.changed", status: "pending", attempts: 0 })]);

      expect((await h.delete(`/api/v1/webhooks/${hook.id}`, firm.owner.token)).statusCode).toBe(204);
      await h.post("/api/v1/groups", { name: "After" }, firm.owner.token);
      expect(await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.firmId, firm.id))).toEqual([]);
      expect((await h.get(`/api/v1/webhooks/${hook.id}/deliveries`, firm.owner.token)).statusCode).toBe(404);
    });
  },
  { env: { WEBHOOK_ALLOW_HOSTS: "127.0.0.1" } },
);
