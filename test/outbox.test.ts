import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { describeDb, openTestDatabase, type Harness } from "./helpers/harness.js";
import { buildFirm, uniqueEmail } from "./helpers/factories.js";
import { freePort, TestSmtpServer } from "./helpers/smtp.js";
import { outbox } from "../src/db/schema.js";
import type { Database } from "../src/db/client.js";
import { enqueueEmail } from "../src/domain/outbox/enqueue-email.js";
import { backoffMs, OutboxWorker } from "../src/jobs/outbox-worker.js";
import { renderEmail } from "../src/mail/layout.js";
import { smtpTransport, type MailTransport } from "../src/mail/transport.js";

const FROM = "Chambers <no-reply@chambers.test>";
const quiet = { warn: () => undefined, error: () => undefined };

describeDb("outbox", (h) => {
  const smtp = new TestSmtpServer();
  const transports: MailTransport[] = [];
  const servers: TestSmtpServer[] = [smtp];
  const databases: Database[] = [];

  beforeAll(() => smtp.listen());
  afterAll(async () => {
    for (const t of transports) t.close();
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(databases.map((d) => d.close()));
  });

  /** A worker as the server runs it, sending over real SMTP to `url`. */
  function worker(url = smtp.url, database = h.deps.database) {
    const transport = smtpTransport(url, FROM);
    transports.push(transport);
    return new OutboxWorker(database, h.clock, transport, quiet);
  }

  function enqueue(firmId: string, to: string, subject = "Your weekly summary") {
    return h.db.transaction((tx) =>
      enqueueEmail(tx, h.clock, firmId, "test.summary", renderEmail({ to, subject, paragraphs: [`Hello ${to}`] })),
    );
  }

  async function row(h: Harness, firmId: string, id: string) {
    const [r] = await h.db.select().from(outbox).where(and(eq(outbox.firmId, firmId), eq(outbox.id, id)));
    return r;
  }

  it("NTF-2 an email enqueued in a transaction that rolls back never leaves; a committed one leaves once", async () => {
    const firm = await buildFirm(h);
    const lost = uniqueEmail("lost");
    const kept = uniqueEmail("kept");
    let rolledBackId = "";
    await expect(
      h.db.transaction(async (tx) => {
        rolledBackId = await enqueueEmail(tx, h.clock, firm.id, "test.summary", renderEmail({ to: lost, subject: "Never", paragraphs: ["x"] }));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const keptId = await enqueue(firm.id, kept, "Kept subject");

    const w = worker();
    await w.deliverDue();
    await w.deliverDue();

    expect(await row(h, firm.id, rolledBackId)).toBeUndefined();
    expect(smtp.to(lost)).toHaveLength(0);
    const mail = smtp.to(kept);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Kept subject");
    expect(mail[0]?.headers.to).toContain(kept);
    expect(mail[0]?.raw).toContain(`Hello ${kept}`);
    expect(mail[0]?.messageId).toBe(`<${keptId}@chambers.outbox>`);
    expect(await row(h, firm.id, keptId)).toMatchObject({ status: "sent", attempts: 1, sentAt: h.clock.now() });
  });

  it("NTF-2 a message waits while SMTP is down and is sent once when it returns", async () => {
    const firm = await buildFirm(h);
    const to = uniqueEmail("waiting");
    const port = await freePort();
    const w = worker(`smtp://127.0.0.1:${port}`);
    const id = await enqueue(firm.id, to);
    const enqueuedAt = h.clock.now();

    await w.deliverDue();
    const waiting = await row(h, firm.id, id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, sentAt: null, lockedUntil: null });
    expect(waiting?.lastError).toBeTruthy();
    expect(waiting?.nextAttemptAt.getTime()).toBe(enqueuedAt.getTime() + backoffMs(1));

    // SMTP comes back, but the message waits for its backoff.
    const late = new TestSmtpServer();
    servers.push(late);
    await late.listen(port);
    await w.deliverDue();
    expect(late.to(to)).toHaveLength(0);
    expect((await row(h, firm.id, id))?.status).toBe("pending");

    h.clock.advance(backoffMs(1) + 1_000);
    await w.deliverDue();
    expect(late.to(to)).toHaveLength(1);
    expect(await row(h, firm.id, id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });

    h.clock.advance(3_600_000);
    await w.deliverDue();
    expect(late.to(to)).toHaveLength(1);
  });

  it("NTF-2 two workers delivering at once send each message exactly once", async () => {
    const firm = await buildFirm(h);
    const recipients = Array.from({ length: 20 }, (_, i) => uniqueEmail(`many${i}`));
    const ids: string[] = [];
    for (const to of recipients) ids.push(await enqueue(firm.id, to));

    // On PostgreSQL each worker is another instance with its own connections.
    const workers: OutboxWorker[] = [];
    for (let i = 0; i < 2; i++) {
      let database = h.deps.database;
      if (h.databaseUrl) {
        database = await openTestDatabase({ name: "postgres", url: h.databaseUrl });
        databases.push(database);
      }
      workers.push(worker(smtp.url, database));
    }
    const sent = await Promise.all(workers.map((w) => w.deliverDue()));
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(recipients.length);

    for (const to of recipients) expect(smtp.to(to), to).toHaveLength(1);
    const rows = await h.db.select().from(outbox).where(and(eq(outbox.firmId, firm.id), inArray(outbox.id, ids)));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ["sent", 1]));
    // Nothing else this server received came twice either.
    const messageIds = smtp.received.map((m) => m.messageId);
    expect(messageIds.length - new Set(messageIds).size).toBe(0);
  });

  it("NTF-2 a retried message keeps its Message-ID, so a receiver can tell the repeat", async () => {
    const firm = await buildFirm(h);
    const to = uniqueEmail("retry");
    const id = await enqueue(firm.id, to);
    const w = worker();

    // The server reads the message, then answers with a temporary failure.
    smtp.rejectNext(1, to);
    await w.deliverDue();
    expect(smtp.to(to)).toHaveLength(0);
    expect(await row(h, firm.id, id)).toMatchObject({ status: "pending", attempts: 1 });
    const firstTry = smtp.rejected.find((m) => m.to.includes(to));
    expect(firstTry?.messageId).toBe(`<${id}@chambers.outbox>`);

    h.clock.advance(backoffMs(1));
    await w.deliverDue();
    expect(smtp.to(to).map((m) => m.messageId)).toEqual([firstTry?.messageId]);
  });

  it("NTF-2 a message claimed by a worker that died is sent after its lease expires, once", async () => {
    const firm = await buildFirm(h);
    const to = uniqueEmail("orphan");
    const id = await enqueue(firm.id, to);
    // What a worker leaves behind when it dies between claiming and sending.
    await h.db
      .update(outbox)
      .set({ status: "sending", attempts: 1, lockedUntil: new Date(h.clock.now().getTime() + 120_000) })
      .where(and(eq(outbox.firmId, firm.id), eq(outbox.id, id)));

    const w = worker();
    await w.deliverDue();
    expect(smtp.to(to)).toHaveLength(0);

    h.clock.advance(120_000);
    await w.deliverDue();
    await w.deliverDue();
    expect(smtp.to(to).map((m) => m.messageId)).toEqual([`<${id}@chambers.outbox>`]);
    expect(await row(h, firm.id, id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
