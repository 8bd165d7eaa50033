/** Health, readiness (OPS-4), the local mail viewer (SEC-9), and the test clock (OPS-5). */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { findLocalMail, listLocalMail } from "../../domain/outbox/local-mail.js";
import { readiness } from "../readiness.js";
import { escapeHtml } from "../../mail/layout.js";
import { validation } from "../../domain/errors.js";
import { isoTime } from "../../shared/schemas.js";
import { sendProblem } from "../plugins/errors.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";

/**
 * Graceful shutdown (OPS-4). Node's server.close() waits for every connection but closes only
 * the idle ones, once: a keep-alive connection busy when shutdown starts stayed open after its
 * answer (Fastify keeps idle connections 72 s), holding the process up. Answers still in
 * progress are made to close their connection once sent.
 */
function closeBusyConnectionsOnShutdown(app: App) {
  const open = new Set<ServerResponse>();
  app.server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once("close", () => open.delete(res));
  });
  app.addHook("preClose", async () => {
    for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
  });
}

export async function opsRoutes(app: App, deps: Deps) {
  const { db } = deps.database;
  closeBusyConnectionsOnShutdown(app);

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    const state = await readiness(deps.database);
    if (state === "migrations_pending") return sendProblem(reply, "service_unavailable", "Migrations are pending.");
    if (state === "unreachable") return sendProblem(reply, "service_unavailable", "The database is not reachable.");
    return { status: "ready", database: deps.database.kind };
  });

  // SEC-9: off unless the operator sets DEV_MAIL=1 (refused in production), and then only a
  // signed-in administrator's own firm's mail.
  if (deps.config.DEV_MAIL) {
    app.get("/dev/mail", { config: { auth: "firm.settings" }, schema: { hide: true } }, async (request, reply) => {
      const rows = await listLocalMail(db, actorOf(request).firmId);
      const items = rows
        .map(
          (m) =>
            `<tr><td>${m.createdAt.toISOString()}</td><td>${escapeHtml(m.to)}</td><td><a href="/dev/mail/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td><td>${m.status}</td></tr>`,
        )
        .join("");
      return reply
        .type("text/html; charset=utf-8")
        .send(`<!doctype html><html lang="en"><title>Local outbox</title><body style="font-family:sans-serif"><h1>Local outbox</h1><p>Your firm's mail, kept here because DEV_MAIL=1 is set. Turn it off before real people use this server.</p><table cellpadding="6"><tr><th>Created</th><th>To</th><th>Subject</th><th>Status</th></tr>${items}</table></body></html>`);
    });
    app.get(
      "/dev/mail/:id",
      { config: { auth: "firm.settings" }, schema: { hide: true, params: z.object({ id: z.string().max(100) }) } },
      async (request, reply) => {
        const mail = await findLocalMail(db, actorOf(request).firmId, request.params.id);
        if (!mail) return sendProblem(reply, "not_found", "No such message.");
        return reply.type("text/html; charset=utf-8").send(mail.html);
      },
    );
  }

  const testClock = deps.testClock;
  if (testClock) {
    const clockOut = z.object({ now: isoTime });
    app.get(
      "/api/v1/_test/clock",
      { config: { auth: "public" }, schema: { hide: true, tags: ["operations"], summary: "The test clock (CHAMBERS_TEST_CLOCK=1 only)", response: { 200: clockOut } } },
      async () => ({ now: testClock.now().toISOString() }),
    );
    app.post(
      "/api/v1/_test/clock",
      {
        config: { auth: "public" },
        schema: {
          hide: true,
          tags: ["operations"],
          summary: "Move the test clock and run what fell due",
          body: z.strictObject({ advance_seconds: z.number().int().min(0).max(10 * 365 * 86400).optional(), now: isoTime.optional() }),
          response: { 200: clockOut.extend({ ran: z.number().int() }) },
        },
      },
      async (request) => {
        const { advance_seconds, now } = request.body;
        if ((advance_seconds === undefined) === (now === undefined)) {
          throw validation([{ path: "advance_seconds", message: "Give either advance_seconds or now." }]);
        }
        if (now !== undefined) {
          const to = new Date(now);
          if (to < testClock.now()) throw validation([{ path: "now", message: "The test clock only moves forward." }]);
          testClock.set(to);
        } else testClock.advance(advance_seconds! * 1000);
        const ran = await deps.scheduler.runDue();
        await deps.outbox?.deliverDue();
        await deps.webhooks.deliverDue();
        return { now: testClock.now().toISOString(), ran };
      },
    );
  }
}
