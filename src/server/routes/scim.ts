/**
 * SCIM 2.0 at /scim/v2 (SCIM-1..3, API.md "SCIM 2.0"): discovery, Users and Groups. Each route
 * runs one use case of src/domain/scim, which goes through the console's own use cases. The
 * contract is RFC 7644's, not the OpenAPI document's, so these routes are hidden from it.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { createScimGroup } from "../../domain/scim/create-scim-group.js";
import { createScimUser } from "../../domain/scim/create-scim-user.js";
import { deleteScimGroup } from "../../domain/scim/delete-scim-group.js";
import { deleteScimUser } from "../../domain/scim/delete-scim-user.js";
import { getScimGroup } from "../../domain/scim/get-scim-group.js";
import { getScimUser } from "../../domain/scim/get-scim-user.js";
import { listScimGroups } from "../../domain/scim/list-scim-groups.js";
import { listScimUsers } from "../../domain/scim/list-scim-users.js";
import { patchScimGroup } from "../../domain/scim/patch-scim-group.js";
import { patchScimUser } from "../../domain/scim/patch-scim-user.js";
import { replaceScimGroup } from "../../domain/scim/replace-scim-group.js";
import { replaceScimUser } from "../../domain/scim/replace-scim-user.js";
import type { ListQuery } from "../../domain/scim/scim-list.js";
import { SCIMMY } from "../../domain/scim/scim-protocol.js";
import { appUrl } from "../http.js";
import { registerScim, scimChange, scimRead, SCIM_MEDIA } from "../plugins/scim.js";
import type { App, Deps } from "../deps.js";

type Params = { id: string };
type Query = ListQuery & { excludedAttributes?: string };
const hidden = { schema: { hide: true } };

/** A resource answered with its ETag (RFC 7644 section 3.14) and, when created, its Location. */
function sendResource(reply: FastifyReply, status: number, resource: { meta: { version: string; location: string } }) {
  reply.code(status).type(SCIM_MEDIA).header("etag", resource.meta.version);
  if (status === 201) reply.header("location", resource.meta.location);
  return reply.send(resource);
}

const ifMatch = (request: FastifyRequest) => (typeof request.headers["if-match"] === "string" ? request.headers["if-match"] : undefined);
const membersExcluded = (q: Query) => (q.excludedAttributes ?? "").split(",").some((a) => a.trim().toLowerCase() === "members");

export async function scimRoutes(app: App, deps: Deps) {
  registerScim(app, deps);
  const origin = (request: FastifyRequest) => appUrl(deps, request);

  // Discovery (RFC 7644 section 4), from scimmy's declarations.
  app.get("/ServiceProviderConfig", hidden, async (_request, reply) => reply.type(SCIM_MEDIA).send(await new SCIMMY.Resources.ServiceProviderConfig().read()));
  app.get("/ResourceTypes", hidden, async (_request, reply) => reply.type(SCIM_MEDIA).send(await new SCIMMY.Resources.ResourceType().read()));
  app.get<{ Params: Params }>("/ResourceTypes/:id", hidden, async (request, reply) => reply.type(SCIM_MEDIA).send(await new SCIMMY.Resources.ResourceType(request.params.id).read()));
  app.get("/Schemas", hidden, async (_request, reply) => reply.type(SCIM_MEDIA).send(await new SCIMMY.Resources.Schema().read()));
  app.get<{ Params: Params }>("/Schemas/:id", hidden, async (request, reply) => reply.type(SCIM_MEDIA).send(await new SCIMMY.Resources.Schema(request.params.id).read()));

  app.get<{ Querystring: Query }>("/Users", hidden, async (request, reply) =>
    reply.type(SCIM_MEDIA).send(await scimRead(deps, request, (ctx) => listScimUsers(ctx, request.query, origin(request)))),
  );
  app.get<{ Params: Params }>("/Users/:id", hidden, async (request, reply) =>
    sendResource(reply, 200, await scimRead(deps, request, (ctx) => getScimUser(ctx, request.params.id, origin(request)))),
  );
  app.post("/Users", hidden, async (request, reply) =>
    sendResource(reply, 201, await scimChange(deps, request, "create a user", (ctx) => createScimUser(ctx, request.body, origin(request)))),
  );
  app.put<{ Params: Params }>("/Users/:id", hidden, async (request, reply) =>
    sendResource(reply, 200, await scimChange(deps, request, "reactivate a user", (ctx) => replaceScimUser(ctx, request.params.id, request.body, origin(request), ifMatch(request)))),
  );
  app.patch<{ Params: Params }>("/Users/:id", hidden, async (request, reply) =>
    sendResource(reply, 200, await scimChange(deps, request, "reactivate a user", (ctx) => patchScimUser(ctx, request.params.id, request.body, origin(request), ifMatch(request)))),
  );
  app.delete<{ Params: Params }>("/Users/:id", hidden, async (request, reply) => {
    await scimChange(deps, request, "deactivate a user", (ctx) => deleteScimUser(ctx, request.params.id, ifMatch(request)));
    return reply.code(204).send();
  });

  app.get<{ Querystring: Query }>("/Groups", hidden, async (request, reply) =>
    reply.type(SCIM_MEDIA).send(await scimRead(deps, request, (ctx) => listScimGroups(ctx, request.query, origin(request), !membersExcluded(request.query)))),
  );
  app.get<{ Params: Params; Querystring: Query }>("/Groups/:id", hidden, async (request, reply) =>
    sendResource(reply, 200, await scimRead(deps, request, (ctx) => getScimGroup(ctx, request.params.id, origin(request), !membersExcluded(request.query)))),
  );
  app.post("/Groups", hidden, async (request, reply) =>
    sendResource(reply, 201, await scimChange(deps, request, "create a group", (ctx) => createScimGroup(ctx, request.body, origin(request)))),
  );
  app.put<{ Params: Params }>("/Groups/:id", hidden, async (request, reply) =>
    sendResource(reply, 200, await scimChange(deps, request, "change a group", (ctx) => replaceScimGroup(ctx, request.params.id, request.body, origin(request), ifMatch(request)))),
  );
  app.patch<{ Params: Params }>("/Groups/:id", hidden, async (request, reply) =>
    sendResource(reply, 200, await scimChange(deps, request, "change a group", (ctx) => patchScimGroup(ctx, request.params.id, request.body, origin(request), ifMatch(request)))),
  );
  app.delete<{ Params: Params }>("/Groups/:id", hidden, async (request, reply) => {
    await scimChange(deps, request, "archive a group", (ctx) => deleteScimGroup(ctx, request.params.id, ifMatch(request)));
    return reply.code(204).send();
  });
}
