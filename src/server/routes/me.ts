/** The user's own sessions and API tokens (SES-1, SEC-4). */
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { sessions } from "../../db/schema.js";
import { createApiToken } from "../../domain/sessions/create-api-token.js";
import { revokeOwnSession } from "../../domain/sessions/revoke-session.js";
import { idParam, sessionOut, tokenBody, tokenCreatedOut, tokenOut } from "../../shared/schemas.js";
import { actorOf } from "../plugins/auth.js";
import type { App, Deps } from "../deps.js";

export async function meRoutes(app: App, deps: Deps) {
  const { db } = deps.database;
  const live = (firmId: string, userId: string, kind: "session" | "api_token") =>
    and(
      eq(sessions.firmId, firmId),
      eq(sessions.userId, userId),
      eq(sessions.kind, kind),
      isNull(sessions.revokedAt),
      or(isNull(sessions.expiresAt), gt(sessions.expiresAt, deps.clock.now())),
    );

  app.get(
    "/me/sessions",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "My signed-in sessions", response: { 200: z.object({ data: z.array(sessionOut), next_cursor: z.null() }) } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await db.select().from(sessions).where(live(actor.firmId, actor.userId, "session")).orderBy(desc(sessions.lastSeenAt)).limit(200);
      return {
        data: rows.map((s) => ({
          id: s.id,
          created_at: s.createdAt.toISOString(),
          last_seen_at: s.lastSeenAt.toISOString(),
          expires_at: s.expiresAt?.toISOString() ?? null,
          ip: s.ip,
          user_agent: s.userAgent,
          current: s.id === actor.sessionId,
        })),
        next_cursor: null,
      };
    },
  );

  app.delete(
    "/me/sessions/:id",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "End one of my sessions", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => revokeOwnSession({ tx, clock: deps.clock, actor }, request.params.id, "session"));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me/tokens",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "My API tokens (never their secrets)", response: { 200: z.object({ data: z.array(tokenOut), next_cursor: z.null() }) } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await db.select().from(sessions).where(live(actor.firmId, actor.userId, "api_token")).orderBy(desc(sessions.createdAt)).limit(200);
      return {
        data: rows.map((s) => ({ id: s.id, name: s.name ?? "", created_at: s.createdAt.toISOString(), last_seen_at: s.lastSeenAt > s.createdAt ? s.lastSeenAt.toISOString() : null })),
        next_cursor: null,
      };
    },
  );

  app.post(
    "/me/tokens",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "Create an API token; its secret is shown once", body: tokenBody, response: { 201: tokenCreatedOut } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await db.transaction((tx) => createApiToken({ tx, clock: deps.clock, actor }, request.body.name));
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/me/tokens/:id",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "Revoke an API token", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction((tx) => revokeOwnSession({ tx, clock: deps.clock, actor }, request.params.id, "api_token"));
      return reply.code(204).send(null);
    },
  );
}
