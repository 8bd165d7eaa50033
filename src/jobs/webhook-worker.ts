/**
 * Delivers webhooks after commit (WHK-2), at least once and in order per endpoint. A delivery is
 * claimed with a lease (FOR UPDATE SKIP LOCKED, as the outbox does), so two workers on one
 * database never send it twice at once; it is not claimed while an earlier delivery of the same
 * endpoint is still pending or being sent. The request is signed, goes only to addresses checked
 * after DNS resolution (the socket connects to the checked address), follows no redirect (a 3xx
 * is a failure: a redirect could point anywhere, register the final URL instead) and gives up
 * after a timeout. What happened is written by recordWebhookAttempt.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { isIP } from "node:net";
import { rootCertificates } from "node:tls";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../db/client.js";
import { webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookAttempt } from "../db/schema.js";
import type { Clock } from "../domain/clock.js";
import { checkedLookup, resolveChecked, type WebhookNetPolicy } from "../domain/webhooks/webhook-address.js";
import { recordWebhookAttempt, type ClaimedDelivery } from "../domain/webhooks/record-webhook-attempt.js";
import { DrainLoop } from "./drain-loop.js";

const LEASE_MS = 120_000;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the `Chambers-Signature` header. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export interface WebhookWorkerOptions {
  policy: WebhookNetPolicy;
  /** Extra certificate authorities (PEM) trusted besides the usual ones: WEBHOOK_CA_FILE. */
  caFile?: string;
  /** How long one attempt may take, connection to answer. */
  timeoutMs?: number;
}

interface Outgoing {
  delivery: ClaimedDelivery;
  url: string;
  secret: string;
  eventId: string;
  body: string;
}

export class WebhookWorker {
  readonly #loop = new DrainLoop(
    () => this.#drain(),
    (err) => this.log.error({ err }, "webhook tick failed"),
  );
  readonly #ca: string[] | undefined;
  readonly #timeoutMs: number;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly options: WebhookWorkerOptions,
    private readonly log: Pick<FastifyBaseLogger, "error" | "warn">,
  ) {
    this.#ca = options.caFile ? [...rootCertificates, readFileSync(options.caFile, "utf8")] : undefined;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Attempts every delivery that is due, in order; returns how many succeeded. Calls never overlap. */
  deliverDue(): Promise<number> {
    return this.#loop.run();
  }

  async #drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const next = await this.#claim();
      if (!next) return delivered;
      const attempt = await this.#send(next);
      await this.database.db.transaction((tx) => recordWebhookAttempt(tx, this.clock, next.delivery, attempt));
      if (attempt.error === null) delivered += 1;
      else this.log.warn({ delivery: next.delivery.id, error: attempt.error }, "webhook delivery failed");
    }
  }

  async #claim(): Promise<Outgoing | null> {
    const now = this.clock.now();
    return this.database.db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        select d.firm_id, d.id from webhook_deliveries d
        join webhook_endpoints e on e.firm_id = d.firm_id and e.id = d.endpoint_id and e.status = 'active'
        -- CLS-2: a closed firm's endpoints receive nothing more.
        join firms f on f.id = d.firm_id and f.status = 'active'
        where ((d.status = 'pending' and d.next_attempt_at <= ${now}) or (d.status = 'sending' and d.locked_until <= ${now}))
          and not exists (
            select 1 from webhook_deliveries p
            where p.firm_id = d.firm_id and p.endpoint_id = d.endpoint_id and p.seq < d.seq and p.status in ('pending', 'sending'))
        order by d.seq limit 1
        for update of d skip locked`);
      const due = (result as unknown as { rows: { firm_id: string; id: string }[] }).rows[0];
      if (!due) return null;
      const [claimed] = await tx
        .update(webhookDeliveries)
        .set({ status: "sending", lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1` })
        .where(and(eq(webhookDeliveries.firmId, due.firm_id), eq(webhookDeliveries.id, due.id)))
        .returning();
      const [target] = await tx
        .select({ url: webhookEndpoints.url, secret: webhookEndpoints.secret, payload: webhookEvents.payload })
        .from(webhookEndpoints)
        .innerJoin(webhookEvents, and(eq(webhookEvents.firmId, webhookEndpoints.firmId), eq(webhookEvents.id, claimed!.eventId)))
        .where(and(eq(webhookEndpoints.firmId, due.firm_id), eq(webhookEndpoints.id, claimed!.endpointId)));
      return {
        delivery: { firmId: claimed!.firmId, id: claimed!.id, endpointId: claimed!.endpointId },
        url: target!.url,
        secret: target!.secret,
        eventId: claimed!.eventId,
        body: JSON.stringify(target!.payload),
      };
    });
  }

  async #send(o: Outgoing): Promise<WebhookAttempt> {
    const started = this.clock.now();
    const t0 = performance.now();
    const timestamp = Math.floor(started.getTime() / 1000);
    const finish = (response_status: number | null, error: string | null): WebhookAttempt => ({
      at: started.toISOString(),
      duration_ms: Math.round(performance.now() - t0),
      response_status,
      error,
    });
    const url = new URL(o.url);
    try {
      // An address literal is never looked up, so it is checked here; names are checked by the lookup.
      if (isIP(url.hostname.replace(/^\[(.*)\]$/, "$1"))) await resolveChecked(url.hostname, this.options.policy);
      const status = await this.#post(url, o, timestamp);
      if (status >= 200 && status < 300) return finish(status, null);
      if (status >= 300 && status < 400) return finish(status, `answered ${status}, a redirect: redirects are not followed, register the final URL`);
      return finish(status, `answered ${status}`);
    } catch (err) {
      return finish(null, String((err as Error).message ?? err).slice(0, 500));
    }
  }

  #post(url: URL, o: Outgoing, timestamp: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          agent: false,
          lookup: checkedLookup(this.options.policy) as never,
          ...(this.#ca ? { ca: this.#ca } : {}),
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(o.body),
            "user-agent": "Chambers-Webhooks/1",
            "chambers-event-id": o.eventId,
            "chambers-timestamp": String(timestamp),
            "chambers-signature": signWebhook(o.secret, timestamp, o.body),
          },
        },
        (res) => {
          // Only the status matters; the body is read and dropped so the socket can close.
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
      req.on("error", reject);
      req.on("close", () => clearTimeout(timer));
      req.end(o.body);
    });
  }

  start(intervalMs: number): void {
    this.#loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
