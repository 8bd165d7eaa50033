import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { describeDb, openTestDatabase } from "./helpers/harness.js";
import { buildAdmin, buildFirm, invite, type BuiltFirm } from "./helpers/factories.js";
import { mailTo } from "./helpers/mail.js";
import { selfSignedCertificate, validSignature, WebhookReceiver, type Behaviour } from "./helpers/webhook-receiver.js";
import { notifications, webhookEndpoints } from "../src/db/schema.js";
import type { Database } from "../src/db/client.js";
import { MAX_CONSECUTIVE_FAILURES } from "../src/domain/webhooks/record-webhook-attempt.js";
import { retryBackoffMs } from "../src/domain/scheduling/retry-backoff.js";
import { WebhookWorker } from "../src/jobs/webhook-worker.js";

const tls = selfSignedCertificate();
const quiet = { warn: () => undefined, error: () => undefined };

describeDb(
  "webhook delivery",
  (h) => {
    const receiver = new WebhookReceiver(tls);
    const databases: Database[] = [];
    beforeAll(() => receiver.listen());
    afterAll(async () => {
      await receiver.close();
      await Promise.all(databases.map((d) => d.close()));
    });

    /** A worker as the server runs one, on its own connections when on PostgreSQL (another instance). */
    async function worker(opts: { own?: boolean; timeoutMs?: number } = {}) {
      let database = h.deps.database;
      if (opts.own && h.databaseUrl) {
        database = await openTestDatabase({ name: "postgres", url: h.databaseUrl });
        databases.push(database);
      }
      return new WebhookWorker(database, h.clock, { policy: { allowHosts: ["127.0.0.1"] }, caFile: tls.certFile, timeoutMs: opts.timeoutMs ?? 5_000 }, quiet);
    }

    let paths = 0;
    /** A firm with an endpoint on its own receiver path, behaving as told. */
    async function endpoint(events: string[], behaviour?: Behaviour | ((n: number) => Behaviour), firm?: BuiltFirm) {
      firm ??= await buildFirm(h);
      const path = `/hook-${++paths}`;
      if (behaviour) receiver.behaviour.set(path, behaviour);
      const res = await h.post("/api/v1/webhooks", { url: receiver.url(path), events }, firm.owner.token);
      expect(res.statusCode, res.body).toBe(201);
      const { id, secret } = res.json() as { id: string; secret: string };
      return { firm, path, id, secret };
    }

    const deliveries = async (hook: { firm: BuiltFirm; id: string }) => {
      const res = await h.get(`/api/v1/webhooks/${hook.id}/deliveries`, hook.firm.owner.token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().data as { id: string; event_id: string; event: string; status: string; attempts: number; response_status: number | null; next_attempt_at: string | null; attempt_log: { at: string; response_status: number | null; error: string | null }[] }[];
    };

    const createGroup = async (firm: BuiltFirm, name: string) => {
      const res = await h.post("/api/v1/groups", { name }, firm.owner.token);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };

    it("WHK-1 a delivery is signed with the endpoint's secret and carries the event of the change", async () => {
      const hook = await endpoint(["user.invited"]);
      const { email } = await invite(h, hook.firm, { first_name: "Ines", last_name: "Invitee" });
      expect(await (await worker()).deliverDue()).toBe(1);

      const [got] = receiver.at(hook.path);
      expect(validSignature(got!, hook.secret)).toBe(true);
      expect(validSignature(got!, "whsec_not-the-secret")).toBe(false);
      expect(got!.headers["chambers-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(got!.headers["chambers-timestamp"]).toBe(String(Math.floor(h.clock.now().getTime() / 1000)));
      expect(got!.headers["chambers-event-id"]).toBe(got!.json.id);
      expect(got!.json).toMatchObject({ type: "user.invited", firm_id: hook.firm.id, data: { user: { email, name: "Ines Invitee", status: "invited" }, actor: { id: hook.firm.owner.id } } });

      const [d] = await deliveries(hook);
      expect(d).toMatchObject({ event_id: got!.json.id, event: "user.invited", status: "delivered", attempts: 1, response_status: 204, next_attempt_at: null });
      expect(d!.attempt_log).toEqual([expect.objectContaining({ at: h.clock.now().toISOString(), response_status: 204, error: null })]);
    });

    it("WHK-2 an event is written only if its change commits, and only for endpoints subscribed to it", async () => {
      const hook = await endpoint(["user.invited"]);
      const other = await endpoint(["group.changed"], undefined, hook.firm);
      const { email } = await invite(h, hook.firm);
      const again = await invite(h, hook.firm, { email });
      expect(again.res.statusCode).toBe(409);
      await (await worker()).deliverDue();
      expect(receiver.at(hook.path).map((r) => r.json.data.user)).toEqual([expect.objectContaining({ email })]);
      expect(receiver.at(other.path)).toHaveLength(0);
      expect(await deliveries(other)).toHaveLength(0);
    });

    it("WHK-2 two workers on one database deliver every event once, in the order of the changes", async () => {
      const hook = await endpoint(["group.changed"]);
      const names = Array.from({ length: 8 }, (_, i) => `Team ${i + 1}`);
      for (const name of names) await createGroup(hook.firm, name);
      const workers = [await worker({ own: true }), await worker({ own: true })];
      await Promise.all(workers.map((w) => w.deliverDue()));
      await Promise.all(workers.map((w) => w.deliverDue()));

      const got = receiver.at(hook.path);
      expect(got.map((r) => (r.json.data.subject as { label: string }).label)).toEqual(names);
      expect(new Set(got.map((r) => r.json.id)).size).toBe(names.length);
      expect((await deliveries(hook)).map((d) => [d.status, d.attempts])).toEqual(names.map(() => ["delivered", 1]));
    });

    it("WHK-2 a delivery that fails holds back the later ones and is retried with backoff by the clock", async () => {
      const hook = await endpoint(["group.changed"], (n) => (n === 0 ? { kind: "status", status: 500 } : { kind: "ok" }));
      await createGroup(hook.firm, "First");
      await createGroup(hook.firm, "Second");
      const w = await worker();
      await w.deliverDue();
      expect(receiver.at(hook.path)).toHaveLength(1);
      const [second, first] = await deliveries(hook);
      expect(first).toMatchObject({ status: "pending", attempts: 1, response_status: 500, next_attempt_at: new Date(h.clock.now().getTime() + retryBackoffMs(1)).toISOString() });
      expect(first!.attempt_log[0]).toMatchObject({ response_status: 500, error: "answered 500" });
      expect(second).toMatchObject({ status: "pending", attempts: 0 });

      h.clock.advance(retryBackoffMs(1) - 1_000);
      await w.deliverDue();
      expect(receiver.at(hook.path)).toHaveLength(1);
      h.clock.advance(1_000);
      await w.deliverDue();
      const labels = receiver.at(hook.path).map((r) => (r.json.data.subject as { label: string }).label);
      expect(labels).toEqual(["First", "First", "Second"]);
      expect(receiver.at(hook.path)[0]!.json.id).toBe(receiver.at(hook.path)[1]!.json.id);
    });

    it("WHK-2 a receiver that hangs times out, one that closes the connection fails, and both are retried", async () => {
      const hang = await endpoint(["group.changed"], (n) => (n === 0 ? { kind: "hang" } : { kind: "ok" }));
      const closer = await endpoint(["group.changed"], { kind: "close" }, hang.firm);
      await createGroup(hang.firm, "Litigation");
      await (await worker({ timeoutMs: 300 })).deliverDue();
      const [hung] = await deliveries(hang);
      const [closed] = await deliveries(closer);
      expect(hung).toMatchObject({ status: "pending", attempts: 1, response_status: null });
      expect(hung!.attempt_log[0]!.error).toBe("no answer within 300 ms");
      expect(closed).toMatchObject({ status: "pending", attempts: 1, response_status: null });
      expect(closed!.attempt_log[0]!.error).toMatch(/socket hang up|ECONNRESET/);

      receiver.behaviour.set(hang.path, { kind: "ok" });
      h.clock.advance(retryBackoffMs(1));
      await (await worker()).deliverDue();
      expect((await deliveries(hang))[0]).toMatchObject({ status: "delivered", attempts: 2 });
    });

    it("WHK-2 an endpoint that keeps failing is paused, the administrators are told, and resuming sends everything in order", async () => {
      const hook = await endpoint(["group.changed"], { kind: "status", status: 503 });
      const admin = await buildAdmin(h, hook.firm);
      await createGroup(hook.firm, "Alpha");
      const w = await worker();
      for (let i = 1; i <= MAX_CONSECUTIVE_FAILURES; i++) {
        await w.deliverDue();
        h.clock.advance(retryBackoffMs(i));
      }
      const [failed] = await deliveries(hook);
      expect(failed).toMatchObject({ status: "failed", attempts: MAX_CONSECUTIVE_FAILURES, next_attempt_at: null });
      expect(failed!.attempt_log).toHaveLength(MAX_CONSECUTIVE_FAILURES);
      const list = (await h.get("/api/v1/webhooks", hook.firm.owner.token)).json().data;
      expect(list[0]).toMatchObject({ id: hook.id, status: "paused", consecutive_failures: MAX_CONSECUTIVE_FAILURES });
      for (const who of [hook.firm.owner, admin]) {
        const told = await h.db.select().from(notifications).where(and(eq(notifications.firmId, hook.firm.id), eq(notifications.userId, who.id), eq(notifications.kind, "webhook.paused")));
        expect(told).toHaveLength(1);
        const [mail] = await mailTo(h, who.email, "webhook.paused");
        expect(mail?.payload.text).toContain(receiver.url(hook.path));
      }

      // Paused: a new event waits, nothing is attempted.
      await createGroup(hook.firm, "Beta");
      const before = receiver.at(hook.path).length;
      await w.deliverDue();
      expect(receiver.at(hook.path)).toHaveLength(before);
      const retry = await h.post(`/api/v1/webhooks/${hook.id}/deliveries/${failed!.id}/retry`, {}, hook.firm.owner.token);
      expect(retry.statusCode).toBe(409);

      receiver.behaviour.set(hook.path, { kind: "ok" });
      const resumed = await h.patch(`/api/v1/webhooks/${hook.id}`, { status: "active" }, hook.firm.owner.token);
      expect(resumed.json()).toMatchObject({ status: "active", consecutive_failures: 0 });
      await w.deliverDue();
      const labels = receiver.at(hook.path).slice(before).map((r) => (r.json.data.subject as { label: string }).label);
      expect(labels).toEqual(["Alpha", "Beta"]);
    });

    it("WHK-1 a delivery retried by hand goes again with the same event id", async () => {
      const hook = await endpoint(["group.changed"]);
      await createGroup(hook.firm, "Tax");
      const w = await worker();
      await w.deliverDue();
      const [d] = await deliveries(hook);
      const res = await h.post(`/api/v1/webhooks/${hook.id}/deliveries/${d!.id}/retry`, {}, hook.firm.owner.token);
      expect(res.statusCode).toBe(202);
      expect((await deliveries(hook))[0]).toMatchObject({ status: "pending" });
      await w.deliverDue();
      const got = receiver.at(hook.path);
      expect(got.map((r) => r.json.id)).toEqual([d!.event_id, d!.event_id]);
      expect((await deliveries(hook))[0]).toMatchObject({ status: "delivered", attempts: 2 });
      expect((await h.post(`/api/v1/webhooks/${hook.id}/deliveries/nope/retry`, {}, hook.firm.owner.token)).statusCode).toBe(404);
    });

    it("WHK-2 a redirect is not followed, and a name that resolves to loopback is never connected to", async () => {
      const target = `/target-${++paths}`;
      const hook = await endpoint(["group.changed"], { kind: "redirect", to: receiver.url(target, "localhost") });
      // As if DNS had changed since registration: the row is written directly, as registration refuses it.
      const firm = hook.firm;
      await h.db.update(webhookEndpoints).set({ url: receiver.url(target, "localhost") }).where(and(eq(webhookEndpoints.firmId, firm.id), eq(webhookEndpoints.id, hook.id)));
      const rebound = await endpoint(["group.changed"], { kind: "redirect", to: receiver.url(target) }, firm);
      await createGroup(firm, "Probate");
      await (await worker()).deliverDue();
      const [viaDns] = await deliveries(hook);
      expect(viaDns!.attempt_log[0]!.error).toMatch(/localhost is resolved to (127\.0\.0\.1|::1), not a public address/);
      const [redirected] = await deliveries(rebound);
      expect(redirected).toMatchObject({ status: "pending", response_status: 302 });
      expect(redirected!.attempt_log[0]!.error).toMatch(/redirect/);
      expect(receiver.at(target)).toHaveLength(0);
    });
  },
  { env: { WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_CA_FILE: tls.certFile } },
);
