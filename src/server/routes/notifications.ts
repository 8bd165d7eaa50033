/** In-app notifications: list, unread count, mark read, and the live stream (NTF-1). */
import type { ServerResponse } from "node:http";
import { z } from "zod";
import {
  listNotifications,
  loadNotification,
  markRead,
  presentNotification,
  unreadCount,
} from "../../domain/notifications/read-notifications.js";
import { idParam, listOf, notificationOut, notificationsQuery } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import { change } from "../use-case.js";
import { mediaResponse } from "../openapi/media.js";
import type { App, Deps } from "../deps.js";

const HEARTBEAT_MS = 25_000;

export async function notificationRoutes(app: App, deps: Deps) {
  const { db } = deps.database;
  // Open streams end when the server shuts down; left open they would hold it up (OPS-4).
  const streams = new Set<ServerResponse>();
  app.addHook("preClose", async () => {
    for (const res of streams) res.end();
  });

  app.get(
    "/notifications",
    { config: { auth: "user" }, schema: { tags: ["notifications"], summary: "My notifications, newest first", querystring: notificationsQuery, response: { 200: listOf(notificationOut).extend({ unread_count: z.number().int() }) } } },
    async (request) => {
      const actor = actorOf(request);
      const q = request.query;
      const result = await listNotifications(db, actor, { unread: q.unread === "true", limit: q.limit, cursor: q.cursor });
      return { data: result.data.map(presentNotification), next_cursor: result.next_cursor, unread_count: await unreadCount(db, actor) };
    },
  );

  app.get(
    "/notifications/unread-count",
    { config: { auth: "user" }, schema: { tags: ["notifications"], operationId: "countUnreadNotifications", summary: "How many of my notifications are unread", response: { 200: z.object({ count: z.number().int() }) } } },
    async (request) => ({ count: await unreadCount(db, actorOf(request)) }),
  );

  app.post(
    "/notifications/:id/read",
    { config: { auth: "user" }, schema: { tags: ["notifications"], operationId: "markNotificationRead", summary: "Mark one notification read", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => markRead(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/notifications/read-all",
    { config: { auth: "user" }, schema: { tags: ["notifications"], operationId: "markAllNotificationsRead", summary: "Mark all my notifications read", response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => markRead(ctx, "all"));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/notifications/stream",
    {
      config: { auth: "user" },
      schema: {
        tags: ["notifications"],
        operationId: "streamNotifications",
        summary: "text/event-stream: one `notification` event per new notification",
        description: "Each event is `event: notification`, `id: <notification id>` and `data:` the notification as JSON; comments keep the connection alive every 25 seconds.",
        response: { 200: mediaResponse("text/event-stream", "Server-sent events, until the client or the server closes the connection.") },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        // The connection carries this stream only: when the stream ends, so does it (OPS-4).
        connection: "close",
        "x-accel-buffering": "no",
      });
      res.write(": connected\n\n");
      const unsubscribe = deps.live.subscribe(actor.firmId, actor.userId, (event) => {
        loadNotification(db, actor.firmId, event.id)
          .then((n) => {
            if (n && !res.writableEnded) res.write(`event: notification\nid: ${n.id}\ndata: ${JSON.stringify(presentNotification(n))}\n\n`);
          })
          .catch((err: unknown) => request.log.warn({ err }, "live notification not delivered"));
      });
      const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
      streams.add(res);
      res.once("close", () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      });
    },
  );
}
