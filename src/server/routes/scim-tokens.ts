/** SCIM tokens and provisioning settings, for administrators with `firm.settings` (SCIM-1, SCIM-2). */
import { z } from "zod";
import { createScimToken } from "../../domain/scim/create-scim-token.js";
import { getScimSettings } from "../../domain/scim/get-scim-settings.js";
import { listScimTokens } from "../../domain/scim/list-scim-tokens.js";
import { revokeScimToken } from "../../domain/scim/revoke-scim-token.js";
import { updateScimSettings } from "../../domain/scim/update-scim-settings.js";
import { idParam, scimSettingsBody, scimSettingsOut, scimTokenBody, scimTokenCreatedOut, scimTokenOut } from "../../shared/schemas.js";
import { appUrl } from "../http.js";
import { change, read } from "../use-case.js";
import type { App, Deps } from "../deps.js";

const tags = ["provisioning"];

export async function scimTokenRoutes(app: App, deps: Deps) {
  app.get(
    "/scim-tokens",
    { config: { auth: "firm.settings" }, schema: { tags, summary: "The firm's SCIM tokens (never their secrets), with their last use", response: { 200: z.object({ data: z.array(scimTokenOut), next_cursor: z.null() }) } } },
    async (request) => read(deps, request, (ctx) => listScimTokens(ctx)),
  );

  app.post(
    "/scim-tokens",
    { config: { auth: "firm.settings" }, schema: { tags, summary: "Create a SCIM token; its secret is shown once", description: "An identity provider sends it as `Authorization: Bearer <token>` to `/scim/v2`. It reaches this firm only, manages its users and groups, and never buys licenses.", body: scimTokenBody, response: { 201: scimTokenCreatedOut } } },
    async (request, reply) => reply.code(201).send(await change(deps, request, (ctx) => createScimToken(ctx, request.body.name))),
  );

  app.delete(
    "/scim-tokens/:id",
    { config: { auth: "firm.settings" }, schema: { tags, summary: "Revoke a SCIM token", description: "The identity provider using it is refused from its next request.", params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await change(deps, request, (ctx) => revokeScimToken(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/scim-settings",
    { config: { auth: "firm.settings" }, schema: { tags, summary: "Provisioning settings: the role provisioned people get", response: { 200: scimSettingsOut } } },
    async (request) => read(deps, request, (ctx) => getScimSettings(ctx, appUrl(deps, request))),
  );

  app.put(
    "/scim-settings",
    { config: { auth: "firm.settings" }, schema: { tags, summary: "Choose the role provisioned people get", description: "Applies to people the identity provider creates from now on; those already provisioned keep their roles.", body: scimSettingsBody, response: { 200: scimSettingsOut } } },
    async (request) => change(deps, request, (ctx) => updateScimSettings(ctx, request.body, appUrl(deps, request))),
  );
}
