/** The user's own sessions and API tokens (SES-1, SEC-4). */
import { z } from "zod";
import { createApiToken } from "../../domain/sessions/create-api-token.js";
import { listOwnApiTokens } from "../../domain/sessions/list-api-tokens.js";
import { listOwnSessions } from "../../domain/sessions/list-user-sessions.js";
import { revokeOwnSession } from "../../domain/sessions/revoke-session.js";
import { idParam, sessionListOut, tokenBody, tokenCreatedOut, tokenOut } from "../../shared/schemas.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

export async function meRoutes(app: App, deps: Deps) {
  app.get(
    "/me/sessions",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "My signed-in sessions", response: { 200: sessionListOut } } },
    async (request) => read(deps, request, (ctx) => listOwnSessions(ctx)),
  );

  app.delete(
    "/me/sessions/:id",
    { config: { auth: "user", whileClosed: true }, schema: { tags: ["me"], operationId: "revokeMySession", summary: "End one of my sessions", description: "Ending the session this request uses signs it out too.", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => revokeOwnSession(ctx, request.params.id, "session"));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me/tokens",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "My API tokens (never their secrets)", response: { 200: z.object({ data: z.array(tokenOut), next_cursor: z.null() }) } } },
    async (request) => read(deps, request, (ctx) => listOwnApiTokens(ctx)),
  );

  app.post(
    "/me/tokens",
    { config: { auth: "user" }, schema: { tags: ["me"], summary: "Create an API token; its secret is shown once", description: "The token acts as its creator, with their permissions, until revoked or until they change their password or are deactivated.", body: tokenBody, response: { 201: tokenCreatedOut } } },
    async (request, reply) => {
      const created = await change(deps, request, (ctx) => createApiToken(ctx, request.body.name));
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/me/tokens/:id",
    { config: { auth: "user" }, schema: { tags: ["me"], operationId: "revokeMyToken", summary: "Revoke an API token", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => revokeOwnSession(ctx, request.params.id, "api_token"));
      return reply.code(204).send(null);
    },
  );
}
